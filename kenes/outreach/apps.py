from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "kenes.outreach"
    label = "outreach"
    verbose_name = _("Work with voters")

    def ready(self) -> None:
        from kenes.outreach import sections

        sections.register()
