from django.core.management.base import BaseCommand

from kenes.core.reference import load_calendar
from kenes.councils.reference import load_council
from kenes.registry.reference import load_regions


class Command(BaseCommand):
    help = "Load the reference data that ships with Kenes (regions, maslikhats, the council, the calendar). Idempotent."

    def handle(self, *args, **options) -> None:
        regions, maslikhats = load_regions()
        council = load_council()
        days = load_calendar()
        self.stdout.write(
            f"Reference data: {regions} regions, {maslikhats} regional maslikhats, council “{council}”, "
            f"{days} calendar days (holidays and transfers)."
        )
