"""Packages of recommendations adopted by the council, each recommendation followed to its outcome.

A recommendation's status moves only along the transitions in services.TRANSITIONS; every move is
an OutcomeEvent, so the timeline is the history and the status is its last step."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kenes.core.i18n import TranslatedField, pick
from kenes.councils.models import Council, Decision
from kenes.registry.models import Organization, Timestamped


class Status(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    SENT = "sent", _("Sent to the addressee")
    RESPONSE_RECEIVED = "response_received", _("Response received")
    ACCEPTED = "accepted", _("Accepted")
    PARTIALLY_ACCEPTED = "partially_accepted", _("Partially accepted")
    REJECTED = "rejected", _("Rejected")
    IMPLEMENTED = "implemented", _("Implemented")
    CLOSED = "closed", _("Closed")


FINAL_STATUSES = (Status.IMPLEMENTED, Status.CLOSED)


class Package(Timestamped):
    """A package of recommendations adopted by the council, usually by a session decision."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="recommendation_packages"
    )
    title = TranslatedField(_("title"), max_length=300)
    summary = TranslatedField(_("summary"), long=True, blank=True)
    adopted_by = models.ForeignKey(
        Decision,
        verbose_name=_("adopted by decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendation_packages",
        limit_choices_to={"kind": Decision.Kind.RECOMMENDATION},
    )
    adopted_on = models.DateField(_("adopted on"))

    class Meta:
        ordering = ["-adopted_on", "-id"]
        verbose_name = _("package of recommendations")
        verbose_name_plural = _("packages of recommendations")

    def __str__(self) -> str:
        return pick(self.title)

    @property
    def is_public(self) -> bool:
        """Public once the decision that adopted it is public (with the session's minutes);
        a package recorded without a decision is public at once."""
        return self.adopted_by_id is None or self.adopted_by.session.record_is_public


class Recommendation(Timestamped):
    package = models.ForeignKey(
        Package, verbose_name=_("package"), on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = TranslatedField(_("text"), long=True)
    addressee = models.ForeignKey(
        Organization,
        verbose_name=_("addressee"),
        on_delete=models.PROTECT,
        related_name="recommendations",
        help_text=_("The body the recommendation is addressed to first."),
    )
    addressees = models.ManyToManyField(
        Organization,
        verbose_name=_("all addressees"),
        related_name="recommendations_received",
        blank=True,
        help_text=_("Every body the recommendation is addressed to, the first addressee included."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ADOPTED, db_index=True)

    class Meta:
        ordering = ["package_id", "number"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(fields=["package", "number"], name="recommendation_number_unique"),
        ]

    def __str__(self) -> str:
        return f"№ {self.number} {pick(self.text)[:80]}"

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES


class OutcomeEvent(models.Model):
    """One step of a recommendation's outcome: what happened, when, from which body, by which act."""

    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), on_delete=models.CASCADE, related_name="events"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    from_status = models.CharField(_("previous status"), max_length=20, choices=Status.choices, blank=True)
    date = models.DateField(_("date"))
    text = TranslatedField(_("text"), long=True, blank=True)
    body = models.ForeignKey(
        Organization,
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendation_events",
        help_text=_("The body that answered or acted."),
    )
    act_title = TranslatedField(_("act"), max_length=500, blank=True)
    act_number = models.CharField(_("act number"), max_length=50, blank=True)
    act_date = models.DateField(_("act date"), null=True, blank=True)
    act_url = models.URLField(_("link to the act"), blank=True)
    reason = TranslatedField(_("reason"), long=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recommendation_id", "date", "id"]
        verbose_name = _("outcome event")
        verbose_name_plural = _("outcome events")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="implemented") | Q(act_date__isnull=False),
                name="implemented_event_has_act_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_status_display()}"
