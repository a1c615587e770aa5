"""What the appeal's background tasks do: confirm receipt, tell the applicant of a step, remind
staff of deadlines. kenes/appeals/tasks.py only wraps these as tasks."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kenes.appeals import conf
from kenes.appeals.models import OPEN_STATUSES, Appeal
from kenes.appeals.notifications import applicant_mail, notify_staff
from kenes.appeals.services.extension import extension_notice_due, extension_notice_record
from kenes.core.calendar import add_working_days


def _appeal(appeal_id: int) -> Appeal | None:
    return (
        Appeal.objects.select_related(
            "maslikhat", "applicant", "forwarded_to", "forwarded_to_maslikhat", "forwarded_as", "assignee_user"
        )
        .filter(pk=appeal_id)
        .first()
    )


def receipt_confirm(appeal_id: int) -> bool:
    """Confirm receipt to the applicant (with the tracking code) and tell the maslikhat's staff."""
    appeal = _appeal(appeal_id)
    if appeal is None:
        return False
    held = appeal.status == Appeal.Status.HELD
    notify_staff(
        appeal=appeal,
        name="held" if held else "received",
        key=f"appeals.{'held' if held else 'received'}:{appeal.pk}",
        group="assignments",
    )
    return applicant_mail(appeal, "received")


def applicant_step_mail(appeal_id: int, template: str) -> bool:
    """Tell the applicant of a step (registered, forwarded, extended, answered). For an extension
    the notice is then recorded: the law wants the applicant told within 3 working days."""
    appeal = _appeal(appeal_id)
    if appeal is None:
        return False
    sent = applicant_mail(appeal, template)
    if sent and template == "extended" and appeal.extension_notice_on is None:
        extension_notice_record(appeal=appeal)
    return sent


def deadline_reminders_send(today: datetime.date | None = None) -> int:
    """Deadline reminders: a deadline within the next working days, a deadline passed, an
    extension the applicant was not told of in time. Keys carry the deadline, so a daily re-run
    notifies nobody twice and a new deadline is reminded afresh."""
    today = today or timezone.localdate()
    soon = add_working_days(today, conf.reminder_days_before())
    count = 0
    open_appeals = Appeal.objects.filter(status__in=OPEN_STATUSES).select_related("assignee_user")
    for appeal in open_appeals.filter(due_date__isnull=False).iterator(chunk_size=500):
        deadline = appeal.deadline
        if deadline < today:
            notify_staff(
                appeal=appeal, name="overdue", key=f"appeals.overdue:{appeal.pk}:{deadline}", group="deadlines"
            )
            count += 1
        elif deadline <= soon:
            notify_staff(
                appeal=appeal,
                name="deadline_soon",
                key=f"appeals.deadline_soon:{appeal.pk}:{deadline}",
                group="deadlines",
            )
            count += 1
    pending_notice = open_appeals.filter(extended_until__isnull=False, extension_notice_on__isnull=True)
    for appeal in pending_notice.prefetch_related("events"):
        due = extension_notice_due(appeal)
        if due is not None and due <= soon:
            notify_staff(
                appeal=appeal,
                name="extension_notice",
                key=f"appeals.extension_notice:{appeal.pk}:{appeal.extended_until}",
                group="deadlines",
            )
            count += 1
    return count
