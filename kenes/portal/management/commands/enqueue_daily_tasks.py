"""Queue the daily background work of every capability. Run it once a day from cron or a systemd
timer (e.g. 06:00 Asia/Almaty); the task worker (`manage.py db_worker`) does the work. Each task
is safe to run twice: reminders are keyed per item and day, digests claim what they send."""

from django.core.management.base import BaseCommand

from kenes.appeals.tasks import erase_expired_applicants, send_deadline_reminders
from kenes.channel.tasks import channel_deadline_reminders
from kenes.insights.tasks import rebuild_figures
from kenes.notifications.tasks import reset_stale_sending, send_daily_digests
from kenes.outreach.tasks import mandate_deadline_reminders
from kenes.plans.tasks import plan_deadline_reminders

# Reminders first, so that the digest sent after them carries today's reminders.
DAILY = [
    reset_stale_sending,
    plan_deadline_reminders,
    channel_deadline_reminders,
    send_deadline_reminders,
    mandate_deadline_reminders,
    erase_expired_applicants,
    rebuild_figures,
    send_daily_digests,
]


class Command(BaseCommand):
    help = "Queue the daily tasks of every capability (reminders, retention, the index, digests)."

    def handle(self, *args, **options) -> None:
        for daily in DAILY:
            daily.enqueue()
            self.stdout.write(f"queued {daily.name}")
