from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "kenes.appeals"
    label = "appeals"
    verbose_name = _("Citizen appeals")

    def ready(self) -> None:
        from kenes.appeals import sections

        sections.register()
