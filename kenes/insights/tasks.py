import datetime

from django_tasks import task

from kenes.insights.rebuild import figures_rebuild


@task()
def rebuild_figures(month: str | None = None) -> int:
    """Recompute the responsiveness index: one month ("YYYY-MM" or "YYYY-MM-DD") or, by default,
    every month. Run it nightly (manage.py rebuild_insights) and after bulk imports."""
    return figures_rebuild(month=parse_month(month) if month else None)


def parse_month(value: str) -> datetime.date:
    """ "2025-03" or "2025-03-17" -> 2025-03-01."""
    text = value.strip()
    if len(text) == 7:
        text += "-01"
    return datetime.date.fromisoformat(text).replace(day=1)
