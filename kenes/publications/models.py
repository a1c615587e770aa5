"""Public status changes across Kenes (a plan item done, a recommendation implemented, a channel
item answered…), for the Atom feed and activity lists. Only public facts go here: never
personal data of citizens."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from kenes.core.i18n import TranslatedField, pick


class PublicEvent(models.Model):
    at = models.DateTimeField(_("when"), db_index=True)
    kind = models.CharField(_("kind"), max_length=100, db_index=True)
    title = TranslatedField(_("title"), max_length=300)
    summary = TranslatedField(_("summary"), long=True, blank=True)
    path = models.CharField(_("link"), max_length=300, help_text=_("Without the language prefix, e.g. /plans/1/"))
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.CharField(max_length=64, blank=True)
    region = models.ForeignKey(
        "registry.Region", null=True, blank=True, on_delete=models.SET_NULL, related_name="public_events"
    )
    maslikhat = models.ForeignKey(
        "registry.Maslikhat", null=True, blank=True, on_delete=models.SET_NULL, related_name="public_events"
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("public event")
        verbose_name_plural = _("public events")

    def __str__(self) -> str:
        return pick(self.title)
