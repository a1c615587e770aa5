"""The council, its members and its sessions: agenda, participation, statements, decisions."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kenes.core.i18n import TranslatedField, pick
from kenes.registry.models import Maslikhat, Organization, Person, Timestamped


class Council(Timestamped):
    """An advisory council hosted by a chamber. The host is data: parliament's shape may change."""

    organization = models.OneToOneField(
        Organization, verbose_name=_("organisation record"), on_delete=models.PROTECT, related_name="council"
    )
    host = models.ForeignKey(
        Organization, verbose_name=_("host chamber"), on_delete=models.PROTECT, related_name="hosted_councils"
    )
    slug = models.SlugField(unique=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    basis = TranslatedField(_("legal basis"), long=True, blank=True)

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self) -> str:
        return pick(self.organization.name)

    @property
    def name(self) -> dict:
        return self.organization.name


class Decision(Timestamped):
    class Kind(models.TextChoices):
        ADMIT_MEMBER = "admit_member", _("Admission of members")
        ADOPT_PLAN = "adopt_plan", _("Adoption of a work plan")
        RECOMMENDATION = "recommendation", _("Recommendation")
        INSTRUCTION = "instruction", _("Instruction")
        OTHER = "other", _("Other")

    session = models.ForeignKey(
        "Session", verbose_name=_("session"), on_delete=models.PROTECT, related_name="decisions"
    )
    agenda_item = models.ForeignKey(
        "AgendaItem",
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = TranslatedField(_("title"), max_length=300)
    text = TranslatedField(_("text"), long=True, blank=True)

    class Meta:
        ordering = ["session_id", "number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [models.UniqueConstraint(fields=["session", "number"], name="decision_number_unique")]

    def __str__(self) -> str:
        return f"№ {self.number} {pick(self.title)}"


class CouncilMember(Timestamped):
    """An individual (person) or collective (organisation) member admitted by a session decision."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual member")
        COLLECTIVE = "collective", _("Collective member")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="council_memberships"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="council_memberships"
    )
    role = TranslatedField(_("role in the council"), max_length=200, blank=True)
    admitted_by = models.ForeignKey(
        Decision,
        verbose_name=_("admitted by decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="admitted_members",
    )
    start_date = models.DateField(_("member from"))
    end_date = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, organization__isnull=True)
                | Q(person__isnull=True, organization__isnull=False),
                name="council_member_is_person_or_organization",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="council_member_dates",
            ),
        ]

    @property
    def kind(self) -> str:
        return self.Kind.COLLECTIVE if self.organization_id else self.Kind.INDIVIDUAL

    @property
    def member(self) -> Person | Organization:
        return self.person or self.organization

    def __str__(self) -> str:
        return str(self.member)


class Session(Timestamped):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("Council session")
        EXTRAORDINARY = "extraordinary", _("Extraordinary session")
        MEETING = "meeting", _("Meeting with a maslikhat")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIDEOCONFERENCE = "videoconference", _("Videoconference")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ANNOUNCED = "announced", _("Announced")
        HELD = "held", _("Held")
        MINUTES_PUBLISHED = "minutes_published", _("Minutes published")

    council = models.ForeignKey(Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    title = TranslatedField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = TranslatedField(_("place"), max_length=300, blank=True)
    chair = models.ForeignKey(
        Person,
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="chaired_sessions",
    )
    chair_title = TranslatedField(_("chair's title"), max_length=200, blank=True)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.HYBRID)
    video_url = models.URLField(_("video link"), blank=True)
    summary = TranslatedField(_("summary"), long=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    announced_at = models.DateTimeField(null=True, blank=True)
    minutes_published_at = models.DateTimeField(null=True, blank=True)

    PUBLIC_STATUSES = (Status.ANNOUNCED, Status.HELD, Status.MINUTES_PUBLISHED)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.starts_at):%Y-%m-%d} {pick(self.title)}"

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    @property
    def record_is_public(self) -> bool:
        """Statements and decisions become public with the minutes."""
        return self.status == self.Status.MINUTES_PUBLISHED

    @property
    def record_is_pending(self) -> bool:
        """Held, the minutes not yet published: statements and decisions are coming."""
        return self.status == self.Status.HELD

    @property
    def date(self):
        return timezone.localtime(self.starts_at).date()


class AgendaItem(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("position"))
    title = TranslatedField(_("title"), max_length=500)
    description = TranslatedField(_("description"), long=True, blank=True)
    is_main = models.BooleanField(_("main question"), default=False)
    presenter = models.ForeignKey(
        Person,
        verbose_name=_("presenter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="presented_items",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["session_id", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["session"], condition=Q(is_main=True), name="one_main_question"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {pick(self.title)}"


class AgendaDocument(models.Model):
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")
    title = TranslatedField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="agenda/%Y/", blank=True)
    url = models.URLField(_("link"), blank=True)
    language = models.CharField(_("language"), max_length=2, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(condition=~Q(file="") | ~Q(url=""), name="document_has_file_or_link"),
        ]

    def __str__(self) -> str:
        return pick(self.title)

    @property
    def href(self) -> str:
        return self.file.url if self.file else self.url


class Participation(models.Model):
    """Who took part in a session and how: a maslikhat (standing for its region), an organisation
    or a person, in person or remotely, and whether they actually attended."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        REMOTE = "remote", _("Remote")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participations")
    maslikhat = models.ForeignKey(
        Maslikhat, null=True, blank=True, on_delete=models.PROTECT, related_name="participations"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="participations"
    )
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="participations")
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    attended = models.BooleanField(
        _("attended"), null=True, blank=True, help_text=_("Empty until the session is held.")
    )
    note = TranslatedField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["session_id", "id"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.CheckConstraint(
                condition=Q(maslikhat__isnull=False, organization__isnull=True, person__isnull=True)
                | Q(maslikhat__isnull=True, organization__isnull=False, person__isnull=True)
                | Q(maslikhat__isnull=True, organization__isnull=True, person__isnull=False),
                name="participant_is_one_thing",
            ),
            models.UniqueConstraint(fields=["session", "maslikhat"], name="maslikhat_once_per_session"),
            models.UniqueConstraint(fields=["session", "organization"], name="organization_once_per_session"),
            models.UniqueConstraint(fields=["session", "person"], name="person_once_per_session"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} ({self.get_mode_display()})"

    @property
    def participant(self):
        return self.maslikhat or self.organization or self.person


class Statement(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="statements")
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    speaker = models.ForeignKey(Person, verbose_name=_("speaker"), on_delete=models.PROTECT, related_name="statements")
    speaker_title = TranslatedField(_("speaker's title"), max_length=300, blank=True)
    text = TranslatedField(_("text"), long=True)
    quotation = TranslatedField(
        _("quotation"), long=True, blank=True, help_text=_("The speaker's own words, quoted verbatim.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["session_id", "position", "id"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        return f"{self.speaker}: {pick(self.text)[:60]}"


class MinutesFile(models.Model):
    """The minutes of a session as a PDF in one language, rendered by a background task."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="minutes_files")
    language = models.CharField(max_length=2)
    pdf = models.FileField(upload_to="minutes/")
    generated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "language"], name="minutes_once_per_language")]
