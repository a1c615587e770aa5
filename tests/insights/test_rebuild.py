import datetime
import itertools
import zoneinfo

import pytest

from kenes.appeals.models import Appeal
from kenes.core.calendar import working_days_between
from kenes.core.models import CalendarDay
from kenes.insights.models import MonthlyFigures, WorkingDayIndex
from kenes.insights.rebuild import figures_rebuild
from kenes.outreach.models import VoterMandate
from kenes.plans.models import PlanItem, PlanItemAssignee, PlanReport, WorkPlan
from tests.factories import MaslikhatFactory, PersonFactory
from tests.insights.helpers import make_appeal

D = datetime.date
TODAY = D(2030, 4, 1)
JAN, FEB, MAR = D(2030, 1, 1), D(2030, 2, 1), D(2030, 3, 1)
ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


@pytest.fixture
def holiday(db):
    # Wednesday 9 January 2030 is a holiday: 15 working days from Monday 7 January end on the 29th, not the 28th.
    return CalendarDay.objects.create(date=D(2030, 1, 9), kind=CalendarDay.Kind.HOLIDAY)


@pytest.fixture
def body(db):
    return MaslikhatFactory()


@pytest.fixture
def deputy(db):
    return PersonFactory()


@pytest.fixture
def appeals(holiday, body, deputy):
    registered = D(2030, 1, 7)
    made = {
        "on_time_by_holiday": make_appeal(body, registered, answered_on=D(2030, 1, 29), substance=True, deputy=deputy),
        "late": make_appeal(body, registered, answered_on=D(2030, 1, 30), substance=False, deputy=deputy),
        "extended": make_appeal(body, registered, extended_until=D(2030, 3, 7), answered_on=D(2030, 2, 20)),
        "overdue": make_appeal(body, registered),
        "not_yet_due": make_appeal(body, D(2030, 3, 25)),
        "forwarded": make_appeal(body, registered, status=Appeal.Status.FORWARDED),
        "rejected": make_appeal(body, registered, status=Appeal.Status.REJECTED),
    }
    held = make_appeal(body, registered, status=Appeal.Status.HELD)
    Appeal.objects.filter(pk=held.pk).update(registered_on=None, due_date=None)
    return made


def row(month, maslikhat, deputy=None):
    return MonthlyFigures.objects.get(month=month, maslikhat=maslikhat, deputy=deputy)


def test_due_date_counts_the_holiday(appeals):
    assert appeals["on_time_by_holiday"].due_date == D(2030, 1, 29)


def test_appeal_figures_on_hand_made_data(appeals, body, deputy):
    figures_rebuild(today=TODAY)
    jan = row(JAN, body)
    # due: the three answered and the unanswered one past its deadline; forwarded, rejected and
    # held appeals are not the maslikhat's to answer.
    assert jan.appeals_due == 4
    assert jan.answered_on_time == 2  # on the holiday-shifted deadline, and within the extension
    assert jan.answered == 3
    assert jan.rated == 2 and jan.rated_substance == 1
    days = [
        working_days_between(D(2030, 1, 7), D(2030, 1, 29)),
        working_days_between(D(2030, 1, 7), D(2030, 1, 30)),
        working_days_between(D(2030, 1, 7), D(2030, 2, 20)),
    ]
    assert days[:2] == [15, 16]
    assert jan.working_days_histogram == [1 if d in days else 0 for d in range(max(days) + 1)]
    assert jan.working_days_sum == sum(days)
    # Registered in March, still within its term on 1 April: counted neither way.
    mar = row(MAR, body)
    assert (mar.appeals_due, mar.answered) == (0, 0)
    # The deputy's own row: the two appeals addressed to the deputy.
    mine = row(JAN, body, deputy)
    assert (mine.appeals_due, mine.answered_on_time, mine.answered) == (2, 1, 2)
    assert mine.working_days_histogram == [0] * 15 + [1, 1]


def test_unanswered_appeal_is_due_only_after_its_extended_deadline(holiday, body):
    make_appeal(body, D(2030, 1, 7), extended_until=D(2030, 3, 7))
    figures_rebuild(today=D(2030, 3, 7))
    assert row(JAN, body).appeals_due == 0
    figures_rebuild(today=D(2030, 3, 8))
    assert row(JAN, body).appeals_due == 1
    assert row(JAN, body).answered_on_time == 0


def test_working_day_index_agrees_with_the_calendar(appeals):
    CalendarDay.objects.create(date=D(2030, 1, 19), kind=CalendarDay.Kind.WORKING_DAY)  # a Saturday
    CalendarDay.objects.create(date=D(2030, 2, 4), kind=CalendarDay.Kind.DAY_OFF)
    figures_rebuild(today=TODAY)
    index = {r.date: r.ordinal for r in WorkingDayIndex.objects.filter(date__lte=D(2030, 2, 28))}
    days = [d for d in index if d >= D(2030, 1, 1)]
    for start, end in itertools.combinations(days[::3], 2):
        assert index[end] - index[start] == working_days_between(start, end), (start, end)


def test_rebuild_is_idempotent(appeals, body):
    def snapshot():
        return sorted(
            MonthlyFigures.objects.values_list(
                "maslikhat_id",
                "deputy_id",
                "month",
                "appeals_due",
                "answered_on_time",
                "answered",
                "working_days_sum",
                "working_days_histogram",
                "rated",
                "rated_substance",
            ),
            key=str,
        )

    first = figures_rebuild(today=TODAY)
    before = snapshot()
    second = figures_rebuild(today=TODAY)
    assert first == second == len(before)
    assert snapshot() == before
    assert MonthlyFigures.objects.count() == len(before)


def test_rebuild_of_one_month_leaves_the_others(appeals, body):
    figures_rebuild(today=TODAY)
    march = row(MAR, body)
    Appeal.objects.filter(pk=appeals["overdue"].pk).update(answered_on=D(2030, 1, 25))
    make_appeal(body, D(2030, 3, 4), answered_on=D(2030, 3, 5))
    figures_rebuild(month=D(2030, 1, 15), today=TODAY)
    assert row(JAN, body).answered_on_time == 3
    assert row(MAR, body).answered == 0  # March not rebuilt yet
    assert row(MAR, body).updated_at == march.updated_at
    figures_rebuild(month=MAR, today=TODAY)
    assert row(MAR, body).answered == 1


def test_mandates_counted_by_month_received(body, deputy):
    def mandate(status, received_on, who=None):
        return VoterMandate.objects.create(
            maslikhat=body, deputy=who, received_on=received_on, title={"en": "Fictional road"}, status=status
        )

    mandate(VoterMandate.Status.EXECUTED, D(2030, 1, 10), deputy)
    mandate(VoterMandate.Status.EXECUTED, D(2030, 1, 20))
    mandate(VoterMandate.Status.PARTIALLY_EXECUTED, D(2030, 1, 21), deputy)
    mandate(VoterMandate.Status.REJECTED, D(2030, 1, 22))
    mandate(VoterMandate.Status.IN_PROGRESS, D(2030, 2, 3))
    figures_rebuild(today=TODAY)
    assert (row(JAN, body).mandates_total, row(JAN, body).mandates_executed) == (4, 2)
    assert (row(JAN, body, deputy).mandates_total, row(JAN, body, deputy).mandates_executed) == (2, 1)
    assert (row(FEB, body).mandates_total, row(FEB, body).mandates_executed) == (1, 0)


def test_plan_reports_on_time_by_first_submission(council, body):
    plan = WorkPlan.objects.create(
        council=council, title={"en": "Plan 2030"}, period_start=D(2030, 1, 1), period_end=D(2030, 12, 31)
    )
    numbers = itertools.count(1)

    def item(deadline, status=PlanItem.Status.PLANNED):
        made = PlanItem.objects.create(
            plan=plan, number=next(numbers), title={"en": "Item"}, deadline=deadline, status=status
        )
        PlanItemAssignee.objects.create(item=made, maslikhat=body)
        return made

    def report(on_item, at, status=PlanReport.Status.SUBMITTED):
        return PlanReport.objects.create(item=on_item, maslikhat=body, text="Done.", submitted_at=at, status=status)

    # Late in the evening of the deadline, Almaty time (afternoon UTC): on time.
    report(item(D(2030, 1, 31)), datetime.datetime(2030, 1, 31, 23, 30, tzinfo=ALMATY))
    # First submitted before the deadline, returned, resubmitted after it: on time.
    returned = item(D(2030, 2, 15))
    report(returned, datetime.datetime(2030, 2, 14, 10, tzinfo=ALMATY), PlanReport.Status.RETURNED)
    report(returned, datetime.datetime(2030, 2, 20, 10, tzinfo=ALMATY))
    # Late.
    report(item(D(2030, 2, 20)), datetime.datetime(2030, 2, 21, 0, 30, tzinfo=ALMATY))
    item(D(2030, 2, 28))  # no report, deadline passed: due, not on time
    item(D(2030, 5, 1))  # no report, not yet due
    item(D(2030, 2, 10), PlanItem.Status.CANCELLED)  # owes nothing
    figures_rebuild(today=TODAY)
    assert (row(JAN, body).reports_due, row(JAN, body).reports_on_time) == (1, 1)
    assert (row(FEB, body).reports_due, row(FEB, body).reports_on_time) == (3, 1)
    assert not MonthlyFigures.objects.filter(month=D(2030, 5, 1)).exists()


def test_rebuild_task_and_command(appeals, body):
    from django.core.management import call_command

    from kenes.insights.tasks import rebuild_figures

    rebuild_figures.enqueue(month="2030-01")
    assert MonthlyFigures.objects.filter(month=JAN, maslikhat=body, deputy=None).exists()
    MonthlyFigures.objects.all().delete()
    call_command("rebuild_insights")
    assert MonthlyFigures.objects.filter(month=JAN, maslikhat=body, deputy=None).exists()
