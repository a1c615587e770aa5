import datetime

import pytest

from kenes.core.calendar import add_working_days, is_working_day, next_working_day, working_days_between
from kenes.core.models import CalendarDay

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def march_2026():
    """Nauryz 21–23 March 2026 (Sat–Mon): the weekend days move to Tue 24 and Wed 25;
    Saturday 28 March made a working day (an invented transfer for the test)."""
    for day in (21, 22, 23):
        CalendarDay.objects.create(date=D(2026, 3, day), kind="holiday")
    for day in (24, 25):
        CalendarDay.objects.create(date=D(2026, 3, day), kind="day_off")
    CalendarDay.objects.create(date=D(2026, 3, 28), kind="working_day")


def test_weekends_are_off_without_data():
    assert is_working_day(D(2026, 11, 25))  # Wednesday
    assert not is_working_day(D(2026, 11, 28))  # Saturday
    assert add_working_days(D(2026, 11, 27), 1) == D(2026, 11, 30)  # Friday + 1 = Monday


def test_fifteen_working_days_across_nauryz_and_a_transferred_saturday(march_2026):
    # Registered Friday 20 March 2026. Working days after it: 26, 27, 28(Sat, working), 30, 31,
    # 1, 2, 3, 6, 7, 8, 9, 10, 13, 14 April → the 15th is 14 April.
    assert add_working_days(D(2026, 3, 20), 15) == D(2026, 4, 14)
    assert working_days_between(D(2026, 3, 20), D(2026, 4, 14)) == 15
    assert not is_working_day(D(2026, 3, 24))
    assert is_working_day(D(2026, 3, 28))
    assert next_working_day(D(2026, 3, 21)) == D(2026, 3, 26)


def test_between_is_inverse_of_add(march_2026):
    start = D(2026, 3, 1)
    for n in range(0, 40):
        assert working_days_between(start, add_working_days(start, n)) == n


def test_long_terms_cross_the_loading_window():
    CalendarDay.objects.create(date=D(2027, 1, 1), kind="holiday")
    # 200 working days crosses the 120-day window several times; 1 Jan 2027 (Fri) is skipped.
    end = add_working_days(D(2026, 3, 2), 200)
    assert working_days_between(D(2026, 3, 2), end) == 200
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)


def test_negative_days_refused():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 1, 1), -1)


def test_shipped_calendar_loads(reference):
    from kenes.core.reference import load_calendar

    count = load_calendar()
    assert count == CalendarDay.objects.count() > 20
    # 16 December, Independence Day, is a holiday every year shipped.
    assert CalendarDay.objects.filter(date=D(2026, 12, 16), kind="holiday").exists()
    assert not is_working_day(D(2026, 12, 16))


def test_working_days_range_object_matches_the_functions(march_2026):
    from kenes.core.calendar import WorkingDays

    days = WorkingDays(D(2026, 3, 1), D(2026, 5, 1))
    for end in (D(2026, 3, 20), D(2026, 3, 28), D(2026, 4, 14)):
        assert days.between(D(2026, 3, 1), end) == working_days_between(D(2026, 3, 1), end)
    with pytest.raises(ValueError):
        days.is_working(D(2026, 6, 1))
