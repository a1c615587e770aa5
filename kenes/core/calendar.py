"""The working-day calendar: the one place where Kenes counts working days for deadlines.

Monday to Friday are working days and Saturday and Sunday are not, unless a CalendarDay says
otherwise (public holidays, days off moved by the government, weekend days made working days).
The exceptions are data, edited by admins and shipped for the current and next year.
"""

from __future__ import annotations

import datetime

from kenes.core.models import CalendarDay

# How far ahead to load exceptions at once: enough for any statutory deadline (2 months).
_WINDOW = datetime.timedelta(days=120)


def _exceptions(start: datetime.date, end: datetime.date) -> dict[datetime.date, bool]:
    """{date: is_working} for the exceptions in [start, end]."""
    rows = CalendarDay.objects.filter(date__gte=start, date__lte=end).values_list("date", "kind")
    return {day: kind == CalendarDay.Kind.WORKING_DAY for day, kind in rows}


def _is_working(day: datetime.date, exceptions: dict[datetime.date, bool]) -> bool:
    if day in exceptions:
        return exceptions[day]
    return day.weekday() < 5


def is_working_day(day: datetime.date) -> bool:
    return _is_working(day, _exceptions(day, day))


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` (start itself not counted).

    A request registered on Friday with a 15-working-day term is due 15 working days later,
    skipping weekends and holidays and counting weekend days made working."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    window_end = start + _WINDOW
    exceptions = _exceptions(start, window_end)
    counted = 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if day > window_end:
            window_end = day + _WINDOW
            exceptions.update(_exceptions(day, window_end))
        if _is_working(day, exceptions):
            counted += 1
    return day


def next_working_day(day: datetime.date) -> datetime.date:
    """`day` itself if it is a working day, else the first working day after it."""
    exceptions = _exceptions(day, day + datetime.timedelta(days=31))
    while not _is_working(day, exceptions):
        day += datetime.timedelta(days=1)
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start).
    add_working_days(start, n) == end  implies  working_days_between(start, end) == n."""
    if end <= start:
        return 0
    exceptions = _exceptions(start, end)
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if _is_working(day, exceptions):
            count += 1
    return count


class WorkingDays:
    """The calendar for one date range, read with a single query: for figures and aggregates
    that count working days over many pairs of dates inside [start, end]."""

    def __init__(self, start: datetime.date, end: datetime.date) -> None:
        self.start, self.end = start, end
        self._exceptions = _exceptions(start, end)

    def is_working(self, day: datetime.date) -> bool:
        if not self.start <= day <= self.end:
            raise ValueError(f"{day} is outside the loaded range {self.start}–{self.end}")
        return _is_working(day, self._exceptions)

    def between(self, start: datetime.date, end: datetime.date) -> int:
        """Same as working_days_between(start, end), without a query."""
        count = 0
        day = start
        while day < end:
            day += datetime.timedelta(days=1)
            if self.is_working(day):
                count += 1
        return count
