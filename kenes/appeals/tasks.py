"""Background work of the appeals capability. Every task is safe to run twice."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from kenes.appeals import conf
from kenes.appeals.models import OPEN_STATUSES, Appeal
from kenes.appeals.notifications import applicant_mail, notify_staff
from kenes.core.calendar import add_working_days


def _appeal(appeal_id: int) -> Appeal | None:
    return (
        Appeal.objects.select_related(
            "maslikhat", "applicant", "forwarded_to", "forwarded_to_maslikhat", "forwarded_as", "assignee_user"
        )
        .filter(pk=appeal_id)
        .first()
    )


def queue_row(task_obj, *args):
    """The row `task_obj.enqueue(*args)` would insert with the database task backend, unsaved, so
    that intake can insert it in the same statement as the appeal; None with any other backend
    (those enqueue as usual). Mirrors django_tasks_db's DatabaseBackend._task_to_db_task and its
    pre_save handler (no run_after = the far future)."""
    try:
        from django_tasks_db.backend import DatabaseBackend
        from django_tasks_db.models import DBTaskResult, get_date_max
    except ImportError:  # pragma: no cover - the package is in requirements.txt
        return None
    backend = task_obj.get_backend()
    if type(backend) is not DatabaseBackend:
        return None
    backend.validate_task(task_obj)
    return DBTaskResult(
        id=backend._get_id(),
        args_kwargs={"args": list(args), "kwargs": {}},
        priority=task_obj.priority,
        task_path=task_obj.module_path,
        queue_name=task_obj.queue_name,
        run_after=task_obj.run_after or get_date_max(),
        backend_name=backend.alias,
    )


def queue_row_stored(row) -> None:
    """What enqueue does after storing a row: the task_enqueued signal."""
    from django_tasks.signals import task_enqueued

    task_enqueued.send(type(row.task.get_backend()), task_result=row.task_result)


@task()
def appeal_received(appeal_id: int) -> bool:
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


@task()
def send_applicant_mail(appeal_id: int, template: str) -> bool:
    """Tell the applicant of a step (registered, forwarded, extended, answered). For an extension
    the notice is then recorded: the law wants the applicant told within 3 working days."""
    appeal = _appeal(appeal_id)
    if appeal is None:
        return False
    sent = applicant_mail(appeal, template)
    if sent and template == "extended" and appeal.extension_notice_on is None:
        from kenes.appeals.services import extension_notice_record

        extension_notice_record(appeal=appeal)
    return sent


def remind(today=None) -> int:
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
    from kenes.appeals.services import extension_notice_due

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


@task()
def send_deadline_reminders() -> int:
    return remind()


@task()
def erase_expired_applicants() -> int:
    """Retention: erase personal data of finished appeals older than KENES_APPEAL_RETENTION_DAYS."""
    from kenes.appeals.services import applicants_erase_expired

    return applicants_erase_expired()
