from django.core.management.base import BaseCommand

from kenes.councils.reference import load_council
from kenes.registry.reference import load_regions


class Command(BaseCommand):
    help = "Load the reference data that ships with Kenes (regions, regional maslikhats, the council). Idempotent."

    def handle(self, *args, **options) -> None:
        regions, maslikhats = load_regions()
        council = load_council()
        self.stdout.write(f"Reference data: {regions} regions, {maslikhats} regional maslikhats, council “{council}”.")
