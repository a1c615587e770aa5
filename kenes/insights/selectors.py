"""Reads of the responsiveness index. Everything here reads MonthlyFigures only (a few thousand
rows nationally), never appeals, and each function runs a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Max, QuerySet
from django.utils import timezone

from kenes.insights.figures import COUNTS, Figures
from kenes.insights.models import MonthlyFigures
from kenes.registry.models import Maslikhat, Person, Region

WINDOW_MONTHS = 12
_FIELDS = ("month", *COUNTS, "working_days_histogram")


def months_back(count: int = WINDOW_MONTHS, today: datetime.date | None = None) -> list[datetime.date]:
    """The first days of the last `count` months, oldest first, ending with the current month."""
    month = (today or timezone.localdate()).replace(day=1)
    months = [month]
    for _ in range(count - 1):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
        months.append(month)
    return months[::-1]


@dataclass
class Period:
    months: list[datetime.date]

    @property
    def first(self) -> datetime.date:
        return self.months[0]

    @property
    def last(self) -> datetime.date:
        return self.months[-1]


@dataclass
class Row:
    """One line of a table: a region, a maslikhat or a deputy, with its figures."""

    obj: object
    figures: Figures


@dataclass
class Trend:
    month: datetime.date
    figures: Figures


@dataclass
class Overview:
    period: Period
    total: Figures
    rows: list[Row]
    trend: list[Trend]
    updated_at: datetime.datetime | None
    extra: dict = field(default_factory=dict)

    @property
    def is_demo(self) -> bool:
        return self.total.demo_records > 0


def _period(today: datetime.date | None) -> Period:
    return Period(months_back(WINDOW_MONTHS, today))


def _rows(queryset: QuerySet, period: Period, *extra: str) -> list[dict]:
    return list(
        queryset.filter(month__gte=period.first, month__lte=period.last)
        .order_by()
        .values(*extra, *_FIELDS, "updated_at")
    )


def _overview(rows: list[dict], period: Period, key: str, objects: list) -> Overview:
    total = Figures()
    by_key: dict = {getattr(obj, "pk", obj): Figures() for obj in objects}
    by_month = {month: Figures() for month in period.months}
    updated_at = None
    for row in rows:
        total.add(row)
        if row[key] in by_key:
            by_key[row[key]].add(row)
        by_month[row["month"]].add(row)
        if updated_at is None or row["updated_at"] > updated_at:
            updated_at = row["updated_at"]
    return Overview(
        period=period,
        total=total,
        rows=[Row(obj, by_key[obj.pk]) for obj in objects],
        trend=[Trend(month, figures) for month, figures in by_month.items()],
        updated_at=updated_at,
    )


def current_regions(today: datetime.date | None = None) -> list[Region]:
    return list(Region.objects.filter(Region.q_valid_on(today or timezone.localdate())).order_by("kato"))


def national_overview(today: datetime.date | None = None) -> Overview:
    """National totals, one row per region valid today, and the monthly trend: two queries."""
    period = _period(today)
    regions = current_regions(today)
    rows = _rows(MonthlyFigures.objects.filter(deputy__isnull=True), period, "maslikhat__region_id")
    return _overview(rows, period, "maslikhat__region_id", regions)


def region_overview(region: Region, today: datetime.date | None = None) -> Overview:
    """The region's totals, one row per maslikhat of the region, and its trend: two queries."""
    period = _period(today)
    maslikhats = list(region.maslikhats.order_by("level", "id"))
    rows = _rows(MonthlyFigures.objects.filter(deputy__isnull=True, maslikhat__region=region), period, "maslikhat_id")
    return _overview(rows, period, "maslikhat_id", maslikhats)


def maslikhat_overview(maslikhat: Maslikhat, today: datetime.date | None = None) -> Overview:
    """The maslikhat's totals and trend (one query) and one row per deputy with figures (one more)."""
    period = _period(today)
    rows = _rows(MonthlyFigures.objects.filter(maslikhat=maslikhat), period, "deputy_id")
    own = [row for row in rows if row["deputy_id"] is None]
    deputy_rows = [row for row in rows if row["deputy_id"] is not None]
    people = list(Person.objects.filter(pk__in={row["deputy_id"] for row in deputy_rows}).order_by("sort_name", "id"))
    overview = _overview(own, period, "deputy_id", [])
    by_deputy = {person.pk: Figures() for person in people}
    for row in deputy_rows:
        by_deputy[row["deputy_id"]].add(row)
    overview.rows = [Row(person, by_deputy[person.pk]) for person in people]
    return overview


def maslikhats_overview(region: Region | None = None, today: datetime.date | None = None) -> Overview:
    """One row per maslikhat (of a region, or all): for the API."""
    period = _period(today)
    maslikhats = Maslikhat.objects.select_related("region").order_by("region__kato", "level", "id")
    figures = MonthlyFigures.objects.filter(deputy__isnull=True)
    if region is not None:
        maslikhats = maslikhats.filter(region=region)
        figures = figures.filter(maslikhat__region=region)
    return _overview(_rows(figures, period, "maslikhat_id"), period, "maslikhat_id", list(maslikhats))


def trend(
    *, maslikhat: Maslikhat | None = None, region: Region | None = None, today: datetime.date | None = None
) -> Overview:
    period = _period(today)
    figures = MonthlyFigures.objects.filter(deputy__isnull=True)
    if maslikhat is not None:
        figures = figures.filter(maslikhat=maslikhat)
    if region is not None:
        figures = figures.filter(maslikhat__region=region)
    return _overview(_rows(figures, period, "maslikhat_id"), period, "maslikhat_id", [])


def body_figures(*, region: Region | None = None, maslikhat: Maslikhat | None = None) -> tuple[Figures, Period]:
    """The last 12 months of one region or maslikhat, for the registry's pages: one query."""
    overview = trend(region=region, maslikhat=maslikhat)
    return overview.total, overview.period


def last_rebuilt() -> datetime.datetime | None:
    return MonthlyFigures.objects.aggregate(at=Max("updated_at"))["at"]
