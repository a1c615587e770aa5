"""The demo plan: adopted by decision № 2 of the 2020-10-21 session, loaded through the services."""

from __future__ import annotations

import pytest

from kenes.plans.demo import load_demo
from kenes.plans.models import PlanItem, PlanReport, WorkPlan
from kenes.portal.demo import load_demo as load_portal_demo

pytestmark = pytest.mark.django_db


def test_nothing_without_the_adopting_decision(reference):
    assert load_demo() is None
    assert not WorkPlan.objects.exists()


def test_demo_plan_is_adopted_by_the_2020_decision_and_idempotent(reference, client):
    load_portal_demo(accounts=False)
    plan = load_demo()
    assert plan.is_demo
    assert plan.adopted_by.kind == "adopt_plan" and plan.adopted_by.number == 2
    assert plan.adopted_by.session.date.isoformat() == "2020-10-21"
    assert 8 <= plan.items.count() <= 12
    statuses = set(plan.items.values_list("status", flat=True))
    assert {PlanItem.Status.DONE, PlanItem.Status.IN_PROGRESS, PlanItem.Status.CANCELLED} <= statuses
    reports = set(PlanReport.objects.filter(item__plan=plan).values_list("status", flat=True))
    assert reports == {"submitted", "accepted", "returned"}
    lectures = plan.items.get(number=1)
    assert lectures.assignees.filter(organization__name__en="Union of Lawyers of Kazakhstan").exists()
    # Every assigned maslikhat is one of the 17 regions of 2020.
    assert not plan.items.filter(
        assignees__maslikhat__region__kato__in=["100000000", "330000000", "620000000"]
    ).exists()
    assert load_demo().pk == plan.pk and WorkPlan.objects.count() == 1
    body = client.get(f"/en/plans/{plan.pk}/").content.decode()
    assert "Forward work plan of the Council for 2020–2021" in body and "Demo data." in body
