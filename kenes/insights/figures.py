"""The formulas of the responsiveness index, on counts that add up (see models.MonthlyFigures).

Each component is a share (or a median) with the number of cases it rests on; below the minimum
sample (setting KENES_INDEX_MIN_SAMPLE, default 10) it is not shown, only its n. The components
stay side by side: there is no composite score (the methodology page says why).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import zip_longest

from django.conf import settings

from kenes.insights.models import HISTOGRAM_TOP

COUNTS = (
    "appeals_due",
    "answered_on_time",
    "answered",
    "working_days_sum",
    "rated",
    "rated_substance",
    "mandates_total",
    "mandates_executed",
    "reports_due",
    "reports_on_time",
    "demo_records",
)


def min_sample() -> int:
    return int(getattr(settings, "KENES_INDEX_MIN_SAMPLE", 10))


def merge_histograms(histograms: Iterable[list[int] | Mapping[str, int] | None]) -> dict[int, int]:
    """Sum histograms, dense ([answers after 0 days, 1 day, ...]) or sparse ({"days": answers})."""
    histograms = list(histograms)
    dense = [h for h in histograms if isinstance(h, list)]
    total = {days: count for days, count in enumerate(sum_dense(dense)) if count}
    for histogram in histograms:
        if isinstance(histogram, Mapping):
            for days, count in histogram.items():
                total[int(days)] = total.get(int(days), 0) + int(count)
    return total


def sum_dense(histograms: list[list[int]]) -> list[int]:
    """Element-wise sum of dense histograms of any lengths (zip runs in C: fast for thousands)."""
    return [sum(column) for column in zip_longest(*histograms, fillvalue=0)]


def histogram_median(histogram: Mapping[int, int]) -> float | None:
    """The median of the values a histogram counts: the middle value, or the mean of the two
    middle values for an even count (as statistics.median). None for no values. Exact while the
    middle lies below the open top bucket; a median in the top bucket is HISTOGRAM_TOP
    (shown as "60 or more")."""
    n = sum(histogram.values())
    if n == 0:
        return None
    wanted = [(n - 1) // 2, n // 2]  # 0-based ranks of the middle value(s)
    found: list[int] = []
    seen = 0
    for days in sorted(histogram):
        count = histogram[days]
        while wanted and wanted[0] < seen + count:
            found.append(days)
            wanted.pop(0)
        seen += count
        if not wanted:
            break
    return (found[0] + found[1]) / 2


@dataclass
class Share:
    """part / whole, shown only when whole reaches the minimum sample."""

    part: int
    whole: int
    minimum: int

    @property
    def shown(self) -> bool:
        return self.whole >= self.minimum and self.whole > 0

    @property
    def value(self) -> float | None:
        return self.part / self.whole if self.shown else None

    @property
    def percent(self) -> int | None:
        """Whole percent, rounded half up (0–100)."""
        if not self.shown:
            return None
        return int((Decimal(self.part * 100) / Decimal(self.whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class Median:
    histogram: dict[int, int]
    minimum: int

    @property
    def n(self) -> int:
        return sum(self.histogram.values())

    @property
    def shown(self) -> bool:
        return self.n >= self.minimum and self.n > 0

    @property
    def value(self) -> float | None:
        return histogram_median(self.histogram) if self.shown else None

    @property
    def open_ended(self) -> bool:
        return self.value is not None and self.value >= HISTOGRAM_TOP

    @property
    def display(self) -> str:
        value = self.value
        if value is None:
            return ""
        if value >= HISTOGRAM_TOP:
            return f"≥ {HISTOGRAM_TOP}"
        return f"{value:g}"


@dataclass
class Figures:
    """Summed counts of any set of MonthlyFigures rows, with the index components."""

    appeals_due: int = 0
    answered_on_time: int = 0
    answered: int = 0
    working_days_sum: int = 0
    rated: int = 0
    rated_substance: int = 0
    mandates_total: int = 0
    mandates_executed: int = 0
    reports_due: int = 0
    reports_on_time: int = 0
    demo_records: int = 0
    histogram: dict[int, int] = field(default_factory=dict)
    minimum: int = field(default_factory=min_sample)

    def add(self, row: Mapping | object) -> None:
        get = row.get if isinstance(row, Mapping) else lambda name, default=None: getattr(row, name, default)
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + int(get(name, 0) or 0))
        histogram = get("working_days_histogram", None) or {}
        pairs = enumerate(histogram) if isinstance(histogram, list) else histogram.items()
        for days, count in pairs:
            if count:
                self.histogram[int(days)] = self.histogram.get(int(days), 0) + int(count)

    @classmethod
    def of(cls, rows: Iterable, minimum: int | None = None) -> Figures:
        figures = cls() if minimum is None else cls(minimum=minimum)
        for row in rows:
            figures.add(row)
        return figures

    @property
    def on_time(self) -> Share:
        return Share(self.answered_on_time, self.appeals_due, self.minimum)

    @property
    def median_days(self) -> Median:
        return Median(self.histogram, self.minimum)

    @property
    def substance(self) -> Share:
        return Share(self.rated_substance, self.rated, self.minimum)

    @property
    def mandates(self) -> Share:
        return Share(self.mandates_executed, self.mandates_total, self.minimum)

    @property
    def reports(self) -> Share:
        return Share(self.reports_on_time, self.reports_due, self.minimum)

    @property
    def mean_days(self) -> float | None:
        return self.working_days_sum / self.answered if self.answered else None

    @property
    def is_empty(self) -> bool:
        return not (self.appeals_due or self.answered or self.mandates_total or self.reports_due)

    def as_dict(self) -> dict:
        """The figures as plain data (API, CSV)."""
        return {
            "appeals_due": self.appeals_due,
            "answered_on_time": self.answered_on_time,
            "on_time_share": _round(self.on_time.value),
            "answered": self.answered,
            "median_working_days": self.median_days.value,
            "rated": self.rated,
            "rated_substance": self.rated_substance,
            "substance_share": _round(self.substance.value),
            "mandates_total": self.mandates_total,
            "mandates_executed": self.mandates_executed,
            "mandates_executed_share": _round(self.mandates.value),
            "reports_due": self.reports_due,
            "reports_on_time": self.reports_on_time,
            "reports_on_time_share": _round(self.reports.value),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
