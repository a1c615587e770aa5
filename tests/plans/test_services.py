"""Plan services: every item transition (valid and refused), the report cycle with its history,
the rules on who reports and who reviews, audit entries, public events and figures."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kenes.core.models import AuditEntry
from kenes.councils import services as councils
from kenes.plans import selectors, services
from kenes.plans.models import PlanItem, PlanItemAssignee, PlanReport
from kenes.publications.models import PublicEvent
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

S = PlanItem.Status
R = PlanReport.Status
VALID = {
    (S.PLANNED, S.IN_PROGRESS),
    (S.PLANNED, S.DONE),
    (S.PLANNED, S.CANCELLED),
    (S.IN_PROGRESS, S.DONE),
    (S.IN_PROGRESS, S.CANCELLED),
    (S.DONE, S.IN_PROGRESS),
    (S.CANCELLED, S.PLANNED),
}
ALL_PAIRS = list(itertools.product(S.values, S.values))


def _put_in(world, item, status):
    """Bring an item to `status` along valid transitions (no executors: done needs no reports)."""
    path = {
        S.PLANNED: [],
        S.IN_PROGRESS: [S.IN_PROGRESS],
        S.DONE: [S.DONE],
        S.CANCELLED: [S.CANCELLED],
    }[status]
    for step in path:
        item = services.plan_item_set_status(item=item, actor=world.clerk, status=step, reason="because")
    return item


@pytest.mark.parametrize(("start", "target"), ALL_PAIRS)
def test_every_item_transition_is_allowed_or_refused(world, start, target):
    item = _put_in(world, world.item(executors=[]), start)
    if (start, target) in VALID:
        item = services.plan_item_set_status(item=item, actor=world.clerk, status=target, reason="because")
        item.refresh_from_db()
        assert item.status == target
        assert AuditEntry.objects.filter(action=f"plans.item.{target}", object_id=str(item.pk)).exists()
        assert PublicEvent.objects.filter(kind=f"plans.item.{target}", object_id=str(item.pk)).exists()
        if target == S.DONE:
            assert item.completed_on == timezone.localdate() and item.progress == 100
        else:
            assert item.completed_on is None
    else:
        with pytest.raises(ValidationError) as caught:
            services.plan_item_set_status(item=item, actor=world.clerk, status=target, reason="because")
        assert "cannot become" in str(caught.value) or "already" in str(caught.value)
        item.refresh_from_db()
        assert item.status == start


def test_cancel_reopen_and_restore_need_a_reason(world):
    item = world.item(executors=[])
    with pytest.raises(ValidationError, match="why the item is cancelled"):
        services.plan_item_set_status(item=item, actor=world.clerk, status=S.CANCELLED)
    services.plan_item_set_status(item=item, actor=world.clerk, status=S.CANCELLED, reason="no funds")
    with pytest.raises(ValidationError, match="changed back"):
        services.plan_item_set_status(item=item, actor=world.clerk, status=S.PLANNED)
    item = services.plan_item_set_status(item=item, actor=world.clerk, status=S.PLANNED, reason="funds found")
    assert item.status_note == "funds found"
    item = services.plan_item_set_status(item=item, actor=world.clerk, status=S.DONE)
    with pytest.raises(ValidationError, match="changed back"):
        services.plan_item_set_status(item=item, actor=world.clerk, status=S.IN_PROGRESS)


def test_unknown_status_and_future_completion_are_refused(world):
    item = world.item(executors=[])
    with pytest.raises(ValidationError, match="Unknown status"):
        services.plan_item_set_status(item=item, actor=world.clerk, status="finished")
    with pytest.raises(ValidationError, match="future"):
        services.plan_item_set_status(
            item=item,
            actor=world.clerk,
            status=S.DONE,
            completed_on=timezone.localdate() + datetime.timedelta(days=1),
        )


def test_done_needs_accepted_reports_from_every_executor_maslikhat(world):
    item = world.item(executors=[world.own, world.other], co=[])
    with pytest.raises(ValidationError) as caught:
        services.plan_item_set_status(item=item, actor=world.clerk, status=S.DONE)
    assert world.own.name["en"] in str(caught.value) and world.other.name["en"] in str(caught.value)
    services.report_accept(report=world.report(item), actor=world.clerk)
    with pytest.raises(ValidationError) as caught:
        services.plan_item_set_status(item=item, actor=world.clerk, status=S.DONE)
    assert world.other.name["en"] in str(caught.value) and world.own.name["en"] not in str(caught.value)
    services.report_accept(report=world.report(item, world.other), actor=world.clerk)
    item = services.plan_item_set_status(item=item, actor=world.clerk, status=S.DONE)
    assert item.status == S.DONE and item.status_note == ""


def test_co_executors_reports_are_not_required_for_done(world):
    item = world.item(executors=[world.own], co=[world.other])
    services.report_accept(report=world.report(item), actor=world.clerk)
    assert services.plan_item_set_status(item=item, actor=world.clerk, status=S.DONE).status == S.DONE


def test_secretariat_override_needs_confirmation_and_reason_and_is_recorded(world):
    item = world.item(executors=[world.own, world.other])
    with pytest.raises(ValidationError, match="Give the reason"):
        services.plan_item_set_status(item=item, actor=world.clerk, status=S.DONE, override=True)
    item = services.plan_item_set_status(
        item=item, actor=world.clerk, status=S.DONE, override=True, reason="Reported on paper"
    )
    assert item.status == S.DONE
    assert "Reported on paper" in item.status_note and world.own.name["en"] in item.status_note
    entry = AuditEntry.objects.filter(action="plans.item.done", object_id=str(item.pk)).get()
    assert "Reported on paper" in entry.after["status_note"]


def test_report_cycle_keeps_history_and_a_new_report_after_return_is_a_new_row(world):
    item = world.item()
    first = world.report(item, text="First")
    item.refresh_from_db()
    assert item.status == S.IN_PROGRESS  # the first report starts a planned item
    with pytest.raises(ValidationError, match="still waiting"):
        world.report(item, text="Again")
    with pytest.raises(ValidationError, match="Say what"):
        services.report_return(report=first, actor=world.clerk, comment="  ")
    services.report_return(report=first, actor=world.clerk, comment="Add the dates")
    with pytest.raises(ValidationError, match="already been returned"):
        services.report_return(report=first, actor=world.clerk, comment="again")
    with pytest.raises(ValidationError, match="Only a report waiting"):
        services.report_accept(report=first, actor=world.clerk)
    second = world.report(item, text="Second, with dates")
    assert second.pk != first.pk
    services.report_accept(report=second, actor=world.clerk)
    with pytest.raises(ValidationError, match="accepted report cannot be returned"):
        services.report_return(report=second, actor=world.clerk, comment="no")
    with pytest.raises(ValidationError, match="already accepted"):
        world.report(item, text="Third")
    history = list(item.reports.order_by("submitted_at", "id").values_list("text", "status", "review_comment"))
    assert history == [("First", R.RETURNED, "Add the dates"), ("Second, with dates", R.ACCEPTED, "")]
    second.refresh_from_db()
    assert second.reviewed_by == world.clerk and second.reviewed_at is not None
    actions = list(AuditEntry.objects.filter(action__startswith="plans.report").values_list("action", flat=True))
    assert actions.count("plans.report.submitted") == 2
    assert "plans.report.returned" in actions and "plans.report.accepted" in actions
    event = PublicEvent.objects.get(kind="plans.report.accepted")
    assert event.maslikhat_id == world.own.pk and event.region_id == world.own.region_id
    assert world.staff.username not in str(event.title) + str(event.summary)


def test_accepting_raises_progress_to_the_share_of_executors_accepted(world):
    item = world.item(executors=[world.own, world.other])
    services.report_accept(report=world.report(item), actor=world.clerk)
    item.refresh_from_db()
    assert item.progress == 50
    services.report_accept(report=world.report(item, world.other), actor=world.clerk)
    item.refresh_from_db()
    assert item.progress == 100


def test_only_staff_of_an_assigned_maslikhat_report(world):
    item = world.item(executors=[world.own])
    with pytest.raises(ValidationError, match="not assigned"):
        services.report_submit(item=item, maslikhat=world.other, actor=world.other_staff, text="x")
    with pytest.raises(ValidationError, match="staff of the maslikhat itself"):
        services.report_submit(item=item, maslikhat=world.own, actor=world.other_staff, text="x")
    with pytest.raises(ValidationError, match="staff of the maslikhat itself"):
        services.report_submit(item=item, maslikhat=world.own, actor=world.clerk, text="x")
    with pytest.raises(ValidationError, match="Write what"):
        services.report_submit(item=item, maslikhat=world.own, actor=world.head, text="  ")
    assert services.report_submit(item=item, maslikhat=world.own, actor=world.head, text="ok").status == R.SUBMITTED


def test_co_executor_reports_too(world):
    item = world.item(executors=[world.own], co=[world.other])
    assert world.report(item, world.other).maslikhat == world.other


def test_no_reports_on_done_or_cancelled_items(world):
    item = world.item(executors=[world.own, world.other])
    services.plan_item_set_status(item=item, actor=world.clerk, status=S.CANCELLED, reason="merged")
    with pytest.raises(ValidationError, match="no longer taken"):
        world.report(item)


def test_only_the_secretariat_reviews(world):
    report = world.report(world.item())
    with pytest.raises(ValidationError, match="Only the council"):
        services.report_accept(report=report, actor=world.staff)
    with pytest.raises(ValidationError, match="Only the council"):
        services.report_return(report=report, actor=world.head, comment="x")
    report.refresh_from_db()
    assert report.status == R.SUBMITTED


def test_attachment_type_and_size_are_checked(world, settings):
    item = world.item()
    exe = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="not really a PDF"):
        services.report_submit(item=item, maslikhat=world.own, actor=world.staff, text="x", attachment=exe)
    script = SimpleUploadedFile("report.sh", b"#!/bin/sh", content_type="text/plain")
    with pytest.raises(ValidationError, match="accepted file types are"):
        services.report_submit(item=item, maslikhat=world.own, actor=world.staff, text="x", attachment=script)
    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    with pytest.raises(ValidationError, match="larger than 10 MB"):
        services.report_submit(item=item, maslikhat=world.own, actor=world.staff, text="x", attachment=big)
    assert not PlanReport.objects.exists()
    pdf = SimpleUploadedFile("акт.pdf", b"%PDF-1.4 report", content_type="application/pdf")
    report = services.report_submit(item=item, maslikhat=world.own, actor=world.staff, text="x", attachment=pdf)
    assert report.attachment.name.startswith("plans/reports/") and report.attachment.name.endswith("акт.pdf")
    assert (settings.MEDIA_ROOT / report.attachment.name).read_bytes() == b"%PDF-1.4 report"


def test_item_numbers_are_unique_and_follow_on(world):
    first = world.item()
    second = world.item()
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(ValidationError, match="already exists"):
        world.item(number=2)
    with pytest.raises(ValidationError, match="starts as planned"):
        services.plan_item_create(
            plan=world.plan,
            actor=world.clerk,
            data={"title": {"en": "x"}, "deadline": timezone.localdate(), "status": S.DONE},
        )


def test_update_refuses_status_and_replaces_assignees(world):
    item = world.item(executors=[world.own])
    with pytest.raises(ValidationError, match="only through a status change"):
        services.plan_item_update(item=item, actor=world.clerk, data={"status": S.DONE})
    services.plan_item_update(
        item=item,
        actor=world.clerk,
        data={"progress": 40},
        assignee_maslikhats=[world.other],
        co_executor_maslikhats=[world.own],
        assignee_organizations=[world.organization],
    )
    roles = set(item.assignees.values_list("maslikhat_id", "organization_id", "role"))
    assert roles == {
        (world.other.pk, None, "executor"),
        (world.own.pk, None, "co_executor"),
        (None, world.organization.pk, "executor"),
    }
    item.refresh_from_db()
    assert item.progress == 40
    with pytest.raises(ValidationError, match="not both"):
        services.plan_item_update(
            item=item, actor=world.clerk, data={}, assignee_maslikhats=[world.own], co_executor_maslikhats=[world.own]
        )
    world.report(item, world.other)
    with pytest.raises(ValidationError, match="already reported"):
        services.plan_item_update(item=item, actor=world.clerk, data={}, assignee_maslikhats=[world.own])
    assert PlanItemAssignee.objects.filter(item=item, maslikhat=world.other).exists()
    with pytest.raises(ValidationError):
        services.plan_item_update(item=item, actor=world.clerk, data={"progress": 101})


def test_plan_is_adopted_only_by_an_adopt_plan_decision_of_its_council(world):
    session = SessionFactory(council=world.council, status="held")
    other = councils.decision_add(session=session, actor=world.clerk, data={"kind": "other", "title": {"en": "x"}})
    adopt = councils.decision_add(
        session=session, actor=world.clerk, data={"kind": "adopt_plan", "title": {"en": "Plan"}}
    )
    data = {"title": {"en": "P"}, "period_start": datetime.date(2025, 1, 1), "period_end": datetime.date(2025, 12, 31)}
    with pytest.raises(ValidationError, match="adoption of a work plan"):
        services.plan_create(council=world.council, actor=world.clerk, data=data, adopted_by=other)
    foreign = SessionFactory(status="held")
    foreign_decision = councils.decision_add(
        session=foreign, actor=world.clerk, data={"kind": "adopt_plan", "title": {"en": "x"}}
    )
    with pytest.raises(ValidationError, match="another council"):
        services.plan_create(council=world.council, actor=world.clerk, data=data, adopted_by=foreign_decision)
    plan = services.plan_create(council=world.council, actor=world.clerk, data=data, adopted_by=adopt)
    assert plan.adopted_by == adopt
    with pytest.raises(ValidationError):
        services.plan_create(
            council=world.council,
            actor=world.clerk,
            data={**data, "period_end": datetime.date(2024, 1, 1)},
        )


def test_overdue_is_derived_never_stored(world):
    late = world.item(days=-1)
    due_today = world.item(days=0)
    assert late.is_overdue() and not due_today.is_overdue()
    services.plan_item_set_status(item=late, actor=world.clerk, status=S.DONE, override=True, reason="on paper")
    late.refresh_from_db()
    assert not late.is_overdue()
    assert "overdue" not in S.values


def test_milestones(world):
    item = world.item()
    milestone = services.milestone_add(
        item=item, actor=world.clerk, data={"title": {"en": "Draft"}, "due": timezone.localdate()}
    )
    services.milestone_update(milestone=milestone, actor=world.clerk, data={"done_on": timezone.localdate()})
    milestone.refresh_from_db()
    assert milestone.done_on == timezone.localdate()
    services.milestone_delete(milestone=milestone, actor=world.clerk)
    assert not item.milestones.exists()
    assert AuditEntry.objects.filter(action="plans.milestone.deleted").exists()


def test_plan_figures(world):
    today = timezone.localdate()
    on_time = world.item(days=10, executors=[])
    services.plan_item_set_status(item=on_time, actor=world.clerk, status=S.DONE)
    late_done = world.item(days=-10, executors=[])
    services.plan_item_set_status(item=late_done, actor=world.clerk, status=S.DONE)
    overdue = world.item(days=-3)
    world.item(days=20)  # not due yet
    cancelled = world.item(days=-5, executors=[])
    services.plan_item_set_status(item=cancelled, actor=world.clerk, status=S.CANCELLED, reason="x")
    report_late = world.report(overdue)
    report_ok = world.report(world.item(days=5))
    PlanReport.objects.filter(pk=report_late.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=0)
    )  # submitted after the deadline (3 days ago)
    figures = selectors.plan_figures(world.plan)
    assert figures == {
        "items": 5,
        "done": 2,
        "done_on_time": 1,
        # due: the two done items and the overdue one
        "share_done_on_time": round(1 / 3, 4),
        "overdue": 1,
        "reports_on_time_share": 0.5,
    }
    assert report_ok.on_time and not PlanReport.objects.get(pk=report_late.pk).on_time
    assert selectors.plan_figures()["items"] == 5
    PlanItem.objects.filter(pk=late_done.pk).update(completed_on=today - datetime.timedelta(days=11))
    assert selectors.plan_figures(world.plan)["done_on_time"] == 2


def test_plan_figures_without_items(world):
    assert selectors.plan_figures(world.plan) == {
        "items": 0,
        "done": 0,
        "done_on_time": 0,
        "share_done_on_time": None,
        "overdue": 0,
        "reports_on_time_share": None,
    }
