"""Work with voters: meetings and reception hours of deputies, the questions raised there, and
voter mandates (наказы избирателей) with their execution status.

Meetings and mandates are public; the name of a citizen who asked a question is not."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kenes.core.i18n import TranslatedField, pick
from kenes.registry.models import Maslikhat, Organization, Person, Timestamped


class VoterMeeting(Timestamped):
    """Reception hours, a meeting with voters or an off-site session of the maslikhat with the public.

    Announced (public in the calendar) → held (with the record: attendance, topics, summary,
    questions) or cancelled (with a reason)."""

    class Kind(models.TextChoices):
        RECEPTION_HOURS = "reception_hours", _("Reception hours")
        MEETING = "meeting", _("Meeting with voters")
        OFF_SITE_SESSION = "off_site_session", _("Off-site session with the public")

    class Status(models.TextChoices):
        ANNOUNCED = "announced", _("Announced")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    maslikhat = models.ForeignKey(
        Maslikhat, verbose_name=_("maslikhat"), on_delete=models.PROTECT, related_name="voter_meetings"
    )
    deputies = models.ManyToManyField(Person, verbose_name=_("deputies"), blank=True, related_name="voter_meetings")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEETING)
    topic = TranslatedField(_("topic"), max_length=300)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = TranslatedField(_("place"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ANNOUNCED, db_index=True
    )
    attendees_count = models.PositiveIntegerField(_("number attending"), null=True, blank=True)
    topics = TranslatedField(_("topics raised"), long=True, blank=True)
    summary = TranslatedField(_("summary"), long=True, blank=True)
    cancel_reason = TranslatedField(_("reason for cancelling"), max_length=500, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("meeting with voters")
        verbose_name_plural = _("meetings with voters")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="voter_meeting_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.starts_at):%Y-%m-%d %H:%M} {pick(self.topic)}"

    @property
    def is_announced(self) -> bool:
        return self.status == self.Status.ANNOUNCED

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class VoterMandate(Timestamped):
    """A voter mandate (наказ избирателей): taken by a deputy at a meeting or at election time,
    assigned to a responsible body, followed through to execution.

    received → accepted_for_execution → in_progress → executed | partially_executed |
    not_executable (with a reason); received → rejected (with a reason)."""

    class Source(models.TextChoices):
        MEETING = "meeting", _("Meeting with voters")
        ELECTION = "election", _("Election campaign")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACCEPTED = "accepted_for_execution", _("Accepted for execution")
        IN_PROGRESS = "in_progress", _("In progress")
        EXECUTED = "executed", _("Executed")
        PARTIALLY_EXECUTED = "partially_executed", _("Partially executed")
        NOT_EXECUTABLE = "not_executable", _("Cannot be executed")
        REJECTED = "rejected", _("Rejected")

    maslikhat = models.ForeignKey(
        Maslikhat, verbose_name=_("maslikhat"), on_delete=models.PROTECT, related_name="voter_mandates"
    )
    deputy = models.ForeignKey(
        Person,
        verbose_name=_("deputy who took it"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="voter_mandates",
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.MEETING)
    meeting = models.ForeignKey(
        VoterMeeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mandates",
    )
    received_on = models.DateField(_("received on"))
    title = TranslatedField(_("title"), max_length=300)
    text = TranslatedField(_("text"), long=True, blank=True)
    responsible_body = models.ForeignKey(
        Organization,
        verbose_name=_("responsible body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="voter_mandates",
        help_text=_("For example the akimat that must carry it out."),
    )
    responsible_text = TranslatedField(
        _("responsible body (text)"),
        max_length=300,
        blank=True,
        help_text=_("When the body is not in the registry, or to name a department."),
    )
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    status_reason = TranslatedField(
        _("reason"), long=True, blank=True, help_text=_("Why it was rejected or cannot be executed.")
    )
    planned_completion = models.DateField(_("planned completion"), null=True, blank=True)
    executed_on = models.DateField(_("executed on"), null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("voter mandate")
        verbose_name_plural = _("voter mandates")
        indexes = [models.Index(fields=["maslikhat", "status"], name="mandate_maslikhat_status")]

    def __str__(self) -> str:
        return pick(self.title)


class MandateEvent(models.Model):
    """One step in a mandate's history: the status it entered, on which date, with a note."""

    mandate = models.ForeignKey(VoterMandate, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=30, choices=VoterMandate.Status.choices)
    date = models.DateField(_("date"))
    note = TranslatedField(_("note"), long=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["mandate_id", "date", "id"]
        verbose_name = _("mandate event")
        verbose_name_plural = _("mandate events")

    def __str__(self) -> str:
        return f"{self.date} {self.get_status_display()}"


class MeetingQuestion(models.Model):
    """A question raised at a held meeting. `asked_by_name` is personal data: staff only."""

    class Outcome(models.TextChoices):
        NOTED = "noted", _("Noted")
        ANSWERED_ON_SPOT = "answered_on_spot", _("Answered on the spot")
        BECAME_APPEAL = "became_appeal", _("Became an appeal")
        BECAME_MANDATE = "became_mandate", _("Became a mandate")

    meeting = models.ForeignKey(VoterMeeting, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("question"))
    asked_by_name = models.CharField(
        _("asked by"), max_length=200, blank=True, help_text=_("Personal data: never shown publicly.")
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.NOTED)
    answer = models.TextField(_("answer given"), blank=True)
    mandate = models.OneToOneField(
        VoterMandate,
        verbose_name=pgettext_lazy("voter mandate", "mandate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="question",
    )
    appeal = models.OneToOneField(
        "appeals.Appeal",
        verbose_name=_("appeal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_question",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting_id", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text[:60]
