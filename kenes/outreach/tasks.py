from django_tasks import task

from kenes.outreach.reminders import send_mandate_reminders


@task()
def mandate_deadline_reminders() -> int:
    """Daily: tell a maslikhat's staff about open mandates whose planned completion is near or passed."""
    return send_mandate_reminders()
