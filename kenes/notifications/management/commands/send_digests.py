"""Daily digest of notifications, for cron, e.g. every day at 08:00 Almaty time:

    0 8 * * *  cd /srv/kenes && .venv/bin/python manage.py send_digests --reset-stale

Safe to run twice or concurrently: each user's items are claimed before sending, so every user
gets at most one digest for them.
"""

from django.core.management.base import BaseCommand

from kenes.notifications import delivery
from kenes.notifications.tasks import deliver_emails


class Command(BaseCommand):
    help = "E-mail each user the digest of notifications waiting for it (one e-mail per user)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-stale",
            action="store_true",
            help="First put back e-mails claimed over an hour ago and never sent (a sender crashed).",
        )
        parser.add_argument("--no-send", action="store_true", help="Only reset stale claims; send no digest.")

    def handle(self, *args, reset_stale=False, no_send=False, **options):
        if reset_stale or no_send:
            digests, pending = delivery.reset_stale_sending()
            if pending:
                deliver_emails.enqueue(pending)
            self.stdout.write(f"reset {digests} digest item(s), re-queued {len(pending)} e-mail(s)")
        if not no_send:
            sent = delivery.send_digests()
            self.stdout.write(f"sent {sent} digest(s)")
