from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kenes.appeals import demo as appeals_demo
from kenes.channel import demo as channel_demo
from kenes.insights import demo as insights_demo
from kenes.outreach import demo as outreach_demo
from kenes.plans import demo as plans_demo
from kenes.portal.demo import load_demo
from kenes.recommendations import demo as recommendations_demo

# After the council's demo session, in dependency order; the figures are rebuilt last.
CAPABILITY_DEMOS = [
    ("plans", plans_demo.load_demo),
    ("recommendations", recommendations_demo.load_demo),
    ("channel", channel_demo.load_demo),
    ("appeals", appeals_demo.load_demo),
    ("outreach", outreach_demo.load_demo),
    ("insights", insights_demo.load_demo),
]


class Command(BaseCommand):
    help = (
        "Load the demo content written from the two Senate press releases (marked is_demo) and the demo "
        "staff accounts. Idempotent. For development and trials only: the accounts have a known password."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Load even with DEBUG off (a benchmark or a trial server)."
        )
        parser.add_argument("--no-accounts", action="store_true", help="Do not create the demo staff accounts.")

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off: demo data and demo accounts with a known password are not for production. "
                "Use --force for a trial server."
            )
        demo = load_demo(accounts=not options["no_accounts"])
        created = ", ".join(f"{n} {what}" for what, n in sorted(demo.created.items())) or "nothing new"
        self.stdout.write(f"Demo data: {created} (every demo record is marked is_demo).")
        for name, loader in CAPABILITY_DEMOS:
            loader()
            self.stdout.write(f"Demo data for {name}: loaded.")
        if demo.accounts:
            self.stdout.write("Demo staff accounts (sign in at /kk/accounts/login/):")
            for line in demo.accounts:
                self.stdout.write(f"  {line}")
