from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "kenes.councils"
    label = "councils"
    verbose_name = _("Council and sessions")

    def ready(self) -> None:
        from kenes.councils import sections

        sections.register()
