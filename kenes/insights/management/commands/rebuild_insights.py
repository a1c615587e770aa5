"""Recompute the responsiveness index from appeals, voter mandates and plan reports.

    manage.py rebuild_insights                 # every month, now
    manage.py rebuild_insights --month 2025-03 # one month
    manage.py rebuild_insights --enqueue       # as a background task (db_worker runs it)

Schedule it nightly (cron or a systemd timer); the figures are as of the last run."""

import time

from django.core.management.base import BaseCommand, CommandError

from kenes.insights.rebuild import figures_rebuild
from kenes.insights.tasks import parse_month, rebuild_figures


class Command(BaseCommand):
    help = "Recompute the responsiveness index (MonthlyFigures)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--month", help="YYYY-MM: rebuild only this month")
        parser.add_argument("--enqueue", action="store_true", help="run as a background task")

    def handle(self, *args, month: str | None = None, enqueue: bool = False, **options) -> None:
        try:
            day = parse_month(month) if month else None
        except ValueError as error:
            raise CommandError(f"--month must look like 2025-03: {error}") from error
        if enqueue:
            result = rebuild_figures.enqueue(month=day.isoformat() if day else None)
            self.stdout.write(f"enqueued {result.id}")
            return
        started = time.perf_counter()
        rows = figures_rebuild(month=day)
        self.stdout.write(f"{rows} rows of figures in {time.perf_counter() - started:.2f} s")
