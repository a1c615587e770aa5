from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "kenes.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self) -> None:
        from kenes.insights import sections

        sections.register()
