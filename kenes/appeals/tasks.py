"""Background work of the appeals capability: thin wrappers around the services. Every task is
safe to run twice."""

from __future__ import annotations

from django_tasks import task

from kenes.appeals.services.notices import applicant_step_mail, deadline_reminders_send, receipt_confirm
from kenes.appeals.services.personal import applicants_erase_expired


@task()
def appeal_received(appeal_id: int) -> bool:
    """Confirm receipt to the applicant (with the tracking code) and tell the maslikhat's staff."""
    return receipt_confirm(appeal_id)


@task()
def send_applicant_mail(appeal_id: int, template: str) -> bool:
    """Tell the applicant of a step of their appeal."""
    return applicant_step_mail(appeal_id, template)


@task()
def send_deadline_reminders() -> int:
    return deadline_reminders_send()


@task()
def erase_expired_applicants() -> int:
    """Retention: erase personal data of finished appeals older than KENES_APPEAL_RETENTION_DAYS."""
    return applicants_erase_expired()
