"""Work plans of the council: a plan adopted by a session decision, its numbered items with the
maslikhats and organisations responsible, milestones, and the maslikhats' reports on each item.

"Overdue" is derived from the deadline and the status (see PlanItem.is_overdue); it is never stored.
"""

from __future__ import annotations

import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kenes.core.i18n import TranslatedField, pick


class WorkPlan(models.Model):
    council = models.ForeignKey(
        "councils.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="work_plans"
    )
    title = TranslatedField(_("title"), max_length=300)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    adopted_by = models.ForeignKey(
        "councils.Decision",
        verbose_name=_("adopted by decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="work_plans",
        limit_choices_to={"kind": "adopt_plan"},
    )
    is_demo = models.BooleanField(
        _("demo record"), default=False, help_text=_("Written by hand for demonstration; not official data.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_start", "-id"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="plan_period_order"),
        ]

    def __str__(self) -> str:
        return pick(self.title)


class PlanItem(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    CLOSED = (Status.DONE, Status.CANCELLED)

    plan = models.ForeignKey(WorkPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="items")
    number = models.PositiveIntegerField(_("number"))
    title = TranslatedField(_("title"), max_length=500)
    description = TranslatedField(_("description"), long=True, blank=True)
    expected_result = TranslatedField(_("expected result"), long=True, blank=True)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    progress = models.PositiveSmallIntegerField(_("progress, %"), default=0, validators=[MaxValueValidator(100)])
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    status_note = models.TextField(
        _("status note"),
        blank=True,
        help_text=_("Why the item was cancelled, reopened or marked done without every report accepted."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan_id", "number"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_item_number_unique"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="plan_item_progress_range"),
            models.CheckConstraint(
                condition=Q(status="done", completed_on__isnull=False) | ~Q(status="done"),
                name="plan_item_done_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {pick(self.title)}"

    @property
    def is_demo(self) -> bool:
        return self.plan.is_demo

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """Past its deadline and neither done nor cancelled."""
        return self.status not in self.CLOSED and self.deadline < (today or timezone.localdate())

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def done_on_time(self) -> bool:
        return self.status == self.Status.DONE and self.completed_on is not None and self.completed_on <= self.deadline


class PlanItemAssignee(models.Model):
    """A maslikhat or an organisation responsible for an item, as executor or co-executor."""

    class Role(models.TextChoices):
        EXECUTOR = "executor", _("Executor")
        CO_EXECUTOR = "co_executor", _("Co-executor")

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="assignees")
    maslikhat = models.ForeignKey(
        "registry.Maslikhat", null=True, blank=True, on_delete=models.PROTECT, related_name="plan_assignments"
    )
    organization = models.ForeignKey(
        "registry.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="plan_assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EXECUTOR)

    class Meta:
        ordering = ["item_id", "role", "id"]
        verbose_name = _("responsible body")
        verbose_name_plural = _("responsible bodies")
        constraints = [
            models.CheckConstraint(
                condition=Q(maslikhat__isnull=False, organization__isnull=True)
                | Q(maslikhat__isnull=True, organization__isnull=False),
                name="plan_assignee_is_one_body",
            ),
            models.UniqueConstraint(fields=["item", "maslikhat"], name="plan_assignee_maslikhat_once"),
            models.UniqueConstraint(fields=["item", "organization"], name="plan_assignee_organization_once"),
        ]

    def __str__(self) -> str:
        return f"{self.body} ({self.get_role_display()})"

    @property
    def body(self):
        return self.maslikhat or self.organization


class Milestone(models.Model):
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="milestones")
    title = TranslatedField(_("title"), max_length=300)
    due = models.DateField(_("due"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["item_id", "due", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return pick(self.title)


def report_upload_to(instance: PlanReport, filename: str) -> str:
    """An unguessable folder per file: attachments are served only through a checked view."""
    name = PurePath(filename).name[-100:] or "file"
    return f"plans/reports/{timezone.now():%Y}/{uuid.uuid4().hex}/{name}"


class PlanReport(models.Model):
    """A maslikhat's report on an item. Each submission is a row: after a return the maslikhat
    submits a new report, so the history of submissions and reviews is kept."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned")

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="reports")
    maslikhat = models.ForeignKey(
        "registry.Maslikhat", verbose_name=_("maslikhat"), on_delete=models.PROTECT, related_name="plan_reports"
    )
    text = models.TextField(_("report"))
    attachment = models.FileField(_("attachment"), upload_to=report_upload_to, blank=True, max_length=255)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="plan_reports"
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    review_comment = models.TextField(_("review comment"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviewed_plan_reports"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["item_id", "maslikhat_id", "submitted_at", "id"]
        verbose_name = _("plan report")
        verbose_name_plural = _("plan reports")
        constraints = [
            # At most one report waiting for review or accepted per item and maslikhat.
            models.UniqueConstraint(
                fields=["item", "maslikhat"],
                condition=Q(status__in=["submitted", "accepted"]),
                name="plan_report_one_open",
            ),
        ]
        indexes = [models.Index(fields=["item", "maslikhat", "status"])]

    def __str__(self) -> str:
        return f"{self.maslikhat} — {self.item} ({self.get_status_display()})"

    @property
    def is_demo(self) -> bool:
        return self.item.plan.is_demo

    @property
    def on_time(self) -> bool:
        return timezone.localtime(self.submitted_at).date() <= self.item.deadline

    @property
    def awaiting_review(self) -> bool:
        return self.status == self.Status.SUBMITTED
