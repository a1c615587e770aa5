"""Reads of the responsiveness index. Everything here reads MonthlyFigures only (a few thousand
rows nationally), never appeals, and each function runs a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Max, QuerySet, Sum
from django.utils import timezone

from kenes.insights.figures import COUNTS, Figures, sum_dense
from kenes.insights.models import MonthlyFigures
from kenes.registry.models import Maslikhat, Person, Region

WINDOW_MONTHS = 12


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


def _in_period(queryset: QuerySet, period: Period) -> QuerySet:
    return queryset.filter(month__gte=period.first, month__lte=period.last).order_by()


def _counts(queryset: QuerySet, key: str) -> dict:
    """{key value: Figures without histogram}, summed in the database."""
    sums = {name: Sum(name) for name in COUNTS}
    result = {}
    for row in queryset.values(key).annotate(**sums, computed_at=Max("updated_at")):
        figures = Figures()
        figures.add(row)
        result[row[key]] = (figures, row["computed_at"])
    return result


def _histograms(queryset: QuerySet, key: str | None) -> tuple[dict, dict]:
    """The rows' working-day histograms summed by month and by `key`, in one query: a few thousand
    short JSON lists summed element-wise in Python (C-level zip) is faster than SQL on JSON."""
    by_month: dict = {}
    by_key: dict = {}
    fields = ("month", "working_days_histogram", key) if key else ("month", "working_days_histogram")
    for row in queryset.filter(answered__gt=0).values_list(*fields):
        by_month.setdefault(row[0], []).append(row[1])
        if key:
            by_key.setdefault(row[2], []).append(row[1])
    return (
        {k: _sparse(sum_dense(lists)) for k, lists in by_month.items()},
        {k: _sparse(sum_dense(lists)) for k, lists in by_key.items()},
    )


def _sparse(dense: list[int]) -> dict[int, int]:
    return {days: count for days, count in enumerate(dense) if count}


def _with_histograms(counts: dict, histograms: dict) -> tuple[dict, object]:
    groups = {}
    latest = None
    for k, (figures, computed_at) in counts.items():
        figures.histogram = histograms.get(k, {})
        groups[k] = figures
        if computed_at and (latest is None or computed_at > latest):
            latest = computed_at
    return groups, latest


def _overview(queryset: QuerySet, period: Period, key: str | None, objects: list) -> Overview:
    """Totals, one row per object (grouped by `key`) and one per month: two GROUP BY queries (one
    without a key) and one read of the histograms, whatever the number of appeals."""
    queryset = _in_period(queryset, period)
    month_histograms, key_histograms = _histograms(queryset, key)
    by_month, updated_at = _with_histograms(_counts(queryset, "month"), month_histograms)
    by_key = _with_histograms(_counts(queryset, key), key_histograms)[0] if key else {}
    total = Figures()
    for figures in by_month.values():
        total.add(figures)
        for days, count in figures.histogram.items():
            total.histogram[days] = total.histogram.get(days, 0) + count
    return Overview(
        period=period,
        total=total,
        rows=[Row(obj, by_key.get(obj.pk) or Figures()) for obj in objects],
        trend=[Trend(month, by_month.get(month) or Figures()) for month in period.months],
        updated_at=updated_at,
    )


def current_regions(today: datetime.date | None = None) -> list[Region]:
    return list(Region.objects.filter(Region.q_valid_on(today or timezone.localdate())).order_by("kato"))


def national_overview(today: datetime.date | None = None) -> Overview:
    """National totals, one row per region valid today, and the monthly trend: two queries."""
    period = _period(today)
    regions = current_regions(today)
    return _overview(MonthlyFigures.objects.filter(deputy__isnull=True), period, "maslikhat__region_id", regions)


def region_overview(region: Region, today: datetime.date | None = None) -> Overview:
    """The region's totals, one row per maslikhat of the region, and its trend: two queries."""
    period = _period(today)
    maslikhats = list(region.maslikhats.order_by("level", "id"))
    figures = MonthlyFigures.objects.filter(deputy__isnull=True, maslikhat__region=region)
    return _overview(figures, period, "maslikhat_id", maslikhats)


def maslikhat_overview(maslikhat: Maslikhat, today: datetime.date | None = None) -> Overview:
    """The maslikhat's totals and trend (one query) and one row per deputy with figures (one more)."""
    period = _period(today)
    overview = _overview(MonthlyFigures.objects.filter(maslikhat=maslikhat, deputy__isnull=True), period, None, [])
    deputies = _in_period(MonthlyFigures.objects.filter(maslikhat=maslikhat, deputy__isnull=False), period)
    by_deputy = _with_histograms(_counts(deputies, "deputy_id"), _histograms(deputies, "deputy_id")[1])[0]
    people = Person.objects.filter(pk__in=list(by_deputy)).order_by("sort_name", "id")
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
    return _overview(figures, period, "maslikhat_id", list(maslikhats))


def trend(
    *, maslikhat: Maslikhat | None = None, region: Region | None = None, today: datetime.date | None = None
) -> Overview:
    period = _period(today)
    figures = MonthlyFigures.objects.filter(deputy__isnull=True)
    if maslikhat is not None:
        figures = figures.filter(maslikhat=maslikhat)
    if region is not None:
        figures = figures.filter(maslikhat__region=region)
    return _overview(figures, period, None, [])


def body_figures(*, region: Region | None = None, maslikhat: Maslikhat | None = None) -> tuple[Figures, Period]:
    """The last 12 months of one region or maslikhat, for the registry's pages: one query."""
    overview = trend(region=region, maslikhat=maslikhat)
    return overview.total, overview.period


def last_rebuilt() -> datetime.datetime | None:
    return MonthlyFigures.objects.aggregate(at=Max("updated_at"))["at"]
