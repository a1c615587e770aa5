"""Citizens' appeals to maslikhats (Administrative Procedural Code, art. 76 and 92).

An Appeal holds the case: where it went, what it asks, its deadlines and answer. Everything that
identifies the applicant lives in AppealApplicant, one row per appeal, so that retention erases one
row and nothing personal is left anywhere else. The AppealEvent timeline is what the tracking page
shows; its notes are public text and never name the applicant.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kenes.appeals.storage import private_storage


class Appeal(models.Model):
    class Kind(models.TextChoices):
        STATEMENT = "statement", _("Statement")
        COMPLAINT = "complaint", _("Complaint")
        PROPOSAL = "proposal", _("Proposal")
        REQUEST = "request", _("Request (inquiry)")
        RESPONSE = "response", _("Response")
        MESSAGE = "message", _("Message")

    class Status(models.TextChoices):
        HELD = "held_for_review", _("Held for review")
        REGISTERED = "registered", _("Registered")
        IN_PROGRESS = "in_progress", _("In progress")
        FORWARDED = "forwarded", _("Forwarded to another body")
        ANSWERED = "answered", _("Answered")
        REOPENED = "reopened", _("Reopened after a complaint")
        CLOSED = "closed", _("Closed")
        REJECTED = "rejected", _("Not considered")

    class Outcome(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied")
        PARTIALLY_SATISFIED = "partially_satisfied", _("Partially satisfied")
        REFUSED = "refused", _("Refused")
        EXPLAINED = "explained", _("Explained")

    class Language(models.TextChoices):
        KK = "kk", _("Kazakh")
        RU = "ru", _("Russian")
        EN = "en", _("English")

    class Source(models.TextChoices):
        WEB = "web", _("Web form")
        API = "api", _("API")
        MEETING = "meeting", _("Meeting with voters")

    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=100, unique=True, null=True, blank=True)
    request_hash = models.CharField(max_length=64, blank=True, help_text=_("Fingerprint of the submitted request."))
    maslikhat = models.ForeignKey(
        "registry.Maslikhat", verbose_name=_("maslikhat"), on_delete=models.PROTECT, related_name="appeals"
    )
    deputy = models.ForeignKey(
        "registry.Person",
        verbose_name=_("deputy addressed"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals_addressed",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    topic = models.CharField(_("topic"), max_length=200)
    text = models.TextField(_("text"), max_length=10000)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.KK)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, db_index=True)
    hold_reason = models.CharField(_("why held"), max_length=200, blank=True)
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("similar to"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    due_date = models.DateField(_("answer due"), null=True, blank=True)
    extended_until = models.DateField(_("extended until"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    extension_notice_on = models.DateField(_("applicant told of the extension on"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, null=True, blank=True)
    answer_text = models.TextField(_("answer"), blank=True)
    answer_language = models.CharField(_("language of the answer"), max_length=2, blank=True)
    answer_file = models.FileField(
        _("answer document"), storage=private_storage, upload_to="answers/%Y/%m/", blank=True, max_length=300
    )
    answered_on_time = models.BooleanField(_("answered on time"), null=True, blank=True)
    rating_substance = models.BooleanField(_("answered on substance"), null=True, blank=True)
    rating_score = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rated_at = models.DateTimeField(_("rated"), null=True, blank=True)
    complaint_text = models.TextField(_("complaint"), blank=True)
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)
    forwarded_to = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("forwarded to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals_forwarded",
    )
    forwarded_to_maslikhat = models.ForeignKey(
        "registry.Maslikhat",
        verbose_name=_("forwarded to maslikhat"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals_forwarded",
    )
    forwarded_as = models.ForeignKey(
        "self", verbose_name=_("forwarded as"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    forwarded_on = models.DateField(_("forwarded on"), null=True, blank=True)
    assignee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to (staff)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals_assigned",
    )
    assignee_person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("assigned to (deputy)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals_assigned",
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.WEB)
    is_demo = models.BooleanField(_("demo record"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        indexes = [
            models.Index(fields=["maslikhat", "status"]),
            models.Index(fields=["maslikhat", "submitted_at"]),
            models.Index(fields=["status", "due_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating_score__isnull=True) | (Q(rating_score__gte=1) & Q(rating_score__lte=5)),
                name="appeal_rating_1_5",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["answered", "closed"]) | Q(outcome__isnull=False),
                name="appeal_answer_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        # Only the code: the topic is the citizen's own words and this string goes into the audit log.
        return self.display_code

    @property
    def display_code(self) -> str:
        code = self.tracking_code
        return "-".join(code[i : i + 4] for i in range(0, len(code), 4))

    @property
    def deadline(self) -> datetime.date | None:
        """The date the answer is due: the extended date if the term was extended."""
        return self.extended_until or self.due_date

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def personal_values(self) -> list[str]:
        """The applicant's own values, masked wherever they were typed into a text shown publicly."""
        applicant = getattr(self, "applicant", None)
        if applicant is None:
            return []
        return [v for v in (applicant.name, applicant.email, applicant.phone, applicant.iin, applicant.address) if v]

    @property
    def is_held(self) -> bool:
        """Held for a check before registration (appeals.services.intake)."""
        return self.status == self.Status.HELD

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.deadline is not None and today > self.deadline


OPEN_STATUSES = (Appeal.Status.REGISTERED, Appeal.Status.IN_PROGRESS, Appeal.Status.REOPENED)
FINISHED_STATUSES = (Appeal.Status.ANSWERED, Appeal.Status.CLOSED, Appeal.Status.FORWARDED, Appeal.Status.REJECTED)


class AppealApplicant(models.Model):
    """Everything that identifies the applicant. Retention blanks this row and nothing else."""

    appeal = models.OneToOneField(Appeal, on_delete=models.CASCADE, related_name="applicant")
    name = models.CharField(_("full name"), max_length=200)
    iin = models.CharField(_("IIN"), max_length=12, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    sender_hash = models.CharField(
        max_length=64, blank=True, db_index=True, help_text=_("Hash of the sender's contact and network address.")
    )
    ip_hash = models.CharField(max_length=64, blank=True)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")

    def __str__(self) -> str:
        return str(_("Applicant of appeal %(id)s")) % {"id": self.appeal_id}


# What each step reads as on the timeline; the steps marked True are followed by their note.
EVENT_LABELS = {
    "submitted": (_("Received"), False),
    "registered": (_("Registered"), False),
    "held_for_review": (_("Held for a check before registration"), False),
    "assigned": (_("Assigned for consideration"), False),
    "forwarded": (_("Forwarded to"), True),
    "extended": (_("Term extended until"), True),
    "extension_notice": (_("Applicant told of the extension"), False),
    "answered": (_("Answered"), False),
    "rated": (_("Answer rated"), False),
    "reopened": (_("Reopened after a complaint"), False),
    "closed": (_("Closed"), False),
    "rejected": (_("Not considered"), False),
}


class AppealEvent(models.Model):
    """One step of the timeline shown on the tracking page. `note` is public: no personal data."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=30)
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("appeal event")
        verbose_name_plural = _("appeal events")

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.status} {self.at:%Y-%m-%d}"

    @property
    def label(self) -> str:
        label, with_note = EVENT_LABELS.get(self.status, (self.status, False))
        return f"{label} {self.note}" if with_note else str(label)


class AppealAttachment(models.Model):
    """A file sent with an appeal; kept outside the web root and served only to its maslikhat."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to="appeals/%Y/%m/", max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class AppealShingleBand(models.Model):
    """Locality-sensitive hashes of an appeal's text: appeals that share a band are candidates for
    the near-duplicate check, so a new appeal is compared with a handful of texts, not all."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="+")
    maslikhat_id = models.BigIntegerField()
    band = models.BigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["maslikhat_id", "band", "created_at"])]


class BanEntry(models.Model):
    """A sender refused at intake: by network address (hashed), e-mail or phone."""

    class Kind(models.TextChoices):
        IP = "ip", _("Network address (hash)")
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Phone")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.CharField(
        _("value"), max_length=200, help_text=_("For an address: the IP itself or its hash; stored as the hash.")
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        verbose_name = _("ban")
        verbose_name_plural = _("ban list")
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="ban_unique_value")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value[:12]}"
