"""The two-way channel between maslikhats and the council.

Maslikhat → council: a ChannelItem (a legislative proposal, a question, a problem report or a request
to explain a law) with attachments and a timeline of ChannelEvents the sender sees; the secretariat
assigns, answers, turns it into an agenda item / plan item / recommendation (ChannelLink) or closes it.

Council → maslikhats: a CouncilRequest to all or some maslikhats and one RequestResponse per
maslikhat.

Attachments live in a private storage: they are served only through a view that checks permissions.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from kenes.core.i18n import TranslatedField, pick
from kenes.registry.models import Maslikhat


class PrivateStorage(FileSystemStorage):
    """Files beside MEDIA_ROOT, not under it, so that no static media route ever serves them.
    KENES_PRIVATE_MEDIA_ROOT overrides the place."""

    @cached_property
    def base_location(self) -> str:
        configured = getattr(settings, "KENES_PRIVATE_MEDIA_ROOT", None)
        if configured:
            return str(configured)
        media = Path(settings.MEDIA_ROOT)
        return str(media.with_name(media.name + "_private"))

    @cached_property
    def base_url(self) -> None:  # never served directly
        return None


def private_storage() -> PrivateStorage:
    return PrivateStorage()


class ChannelItem(models.Model):
    """Something a maslikhat sends the council. "Overdue" is derived: open and past its due date."""

    class Kind(models.TextChoices):
        LEGISLATIVE_PROPOSAL = "legislative_proposal", _("Legislative proposal")
        QUESTION = "question", _("Question")
        PROBLEM_REPORT = "problem_report", _("Report of a problem")
        EXPLAIN_LAW = "explain_law", _("Request to explain a law")

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        ASSIGNED = "assigned", _("Assigned")
        CONVERTED = "converted", _("Taken up by the council")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    # Waiting for the council's first response: these can be overdue.
    AWAITING = (Status.SENT, Status.ASSIGNED)

    maslikhat = models.ForeignKey(
        Maslikhat, verbose_name=_("maslikhat"), on_delete=models.PROTECT, related_name="channel_items"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    subject = TranslatedField(_("subject"), max_length=300)
    text = TranslatedField(_("text"), long=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT, related_name="channel_items_sent"
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SENT, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="channel_items_assigned",
    )
    due_date = models.DateField(_("response due"), db_index=True)
    answer = TranslatedField(_("answer"), long=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="channel_items_answered",
    )
    responded_at = models.DateTimeField(
        _("first response at"),
        null=True,
        blank=True,
        help_text=_("When the council first answered or took the item up."),
    )
    response_working_days = models.PositiveIntegerField(_("working days to the first response"), null=True, blank=True)
    close_reason = models.TextField(_("reason for closing"), blank=True)
    is_public = models.BooleanField(
        _("published"), default=False, help_text=_("The sender chose to publish the item and its answer.")
    )
    is_demo = models.BooleanField(
        _("demo record"), default=False, help_text=_("Written by hand for demonstration; not official data.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("channel item")
        verbose_name_plural = _("channel items")
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | ~Q(status__in=["sent", "assigned"]),
                name="channel_item_answer_after_assignment",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {pick(self.subject)}"

    @property
    def is_awaiting(self) -> bool:
        return self.status in self.AWAITING

    @property
    def is_overdue(self) -> bool:
        return self.is_awaiting and self.due_date < timezone.localdate()

    @property
    def answered_on_time(self) -> bool | None:
        if self.responded_at is None:
            return None
        return timezone.localtime(self.responded_at).date() <= self.due_date

    @classmethod
    def q_overdue(cls, today: datetime.date | None = None) -> Q:
        return Q(status__in=cls.AWAITING, due_date__lt=today or timezone.localdate())


class ChannelAttachment(models.Model):
    item = models.ForeignKey(ChannelItem, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="channel/%Y/", storage=private_storage)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class ChannelEvent(models.Model):
    """One step in an item's life, shown to the sender. `note` is public text (a reason, the
    answer's summary, what the item became); `actor` is never shown on public pages."""

    class Action(models.TextChoices):
        SENT = "sent", _("Sent to the council")
        ASSIGNED = "assigned", _("Assigned to a member of the secretariat")
        ANSWERED = "answered", _("Answered")
        CONVERTED = "converted", _("Taken up by the council")
        CLOSED = "closed", _("Closed")
        PUBLISHED = "published", _("Published by the sender")
        UNPUBLISHED = "unpublished", _("Withdrawn from publication by the sender")

    item = models.ForeignKey(ChannelItem, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=20, choices=Action.choices)
    status = models.CharField(max_length=20, choices=ChannelItem.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = TranslatedField(_("note"), long=True, blank=True)

    class Meta:
        ordering = ["item_id", "at", "id"]
        verbose_name = _("channel event")
        verbose_name_plural = _("channel events")

    def __str__(self) -> str:
        return f"{self.item_id} {self.action}"


class ChannelLink(models.Model):
    """What an item became: an agenda item, a plan item or a recommendation. Read from the other
    side with selectors.links_to(obj)."""

    item = models.ForeignKey(ChannelItem, on_delete=models.CASCADE, related_name="links")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["item_id", "id"]
        verbose_name = _("channel link")
        verbose_name_plural = _("channel links")
        constraints = [
            models.UniqueConstraint(fields=["item", "content_type", "object_id"], name="channel_link_once"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.item_id} → {self.content_type.model} {self.object_id}"


class CouncilRequest(models.Model):
    """The council asks all or some maslikhats for something by a date."""

    title = TranslatedField(_("title"), max_length=300)
    text = TranslatedField(_("text"), long=True)
    due_date = models.DateField(_("answer by"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="council_requests"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    targets = models.ManyToManyField(Maslikhat, verbose_name=_("maslikhats asked"), related_name="council_requests")
    is_demo = models.BooleanField(
        _("demo record"), default=False, help_text=_("Written by hand for demonstration; not official data.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("request to maslikhats")
        verbose_name_plural = _("requests to maslikhats")

    def __str__(self) -> str:
        return pick(self.title)


class RequestResponse(models.Model):
    """A maslikhat's answer to a request: one per maslikhat, editable until the due date;
    a first answer after it is still taken and counted late."""

    request = models.ForeignKey(CouncilRequest, on_delete=models.CASCADE, related_name="responses")
    maslikhat = models.ForeignKey(Maslikhat, on_delete=models.PROTECT, related_name="request_responses")
    text = TranslatedField(_("answer"), long=True)
    attachment = models.FileField(
        _("attachment"), upload_to="channel/requests/%Y/", storage=private_storage, blank=True
    )
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["request_id", "maslikhat__region__kato", "id"]
        verbose_name = _("response to a request")
        verbose_name_plural = _("responses to requests")
        constraints = [models.UniqueConstraint(fields=["request", "maslikhat"], name="one_response_per_maslikhat")]

    def __str__(self) -> str:
        return f"{self.request_id} ← {self.maslikhat_id}"

    @property
    def is_late(self) -> bool:
        return timezone.localtime(self.submitted_at).date() > self.request.due_date
