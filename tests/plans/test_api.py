"""The plans API: plans, items with assignees, progress, overdue flags and the public part of
reports, validated against the OpenAPI schema."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kenes.plans import services
from kenes.plans.models import PlanItem
from tests.api.contract import assert_matches_schema
from tests.factories import MaslikhatFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(world):
    done = world.item(executors=[world.own], organizations=[world.organization], title="Lectures")
    first = world.report(done, text="Secret working notes")
    services.report_return(report=first, actor=world.clerk, comment="Internal comment")
    services.report_accept(report=world.report(done), actor=world.clerk)
    services.plan_item_set_status(item=done, actor=world.clerk, status=PlanItem.Status.DONE)
    late = world.item(days=-3, executors=[world.own], co=[world.other], title="Sessions")
    services.milestone_add(item=late, actor=world.clerk, data={"title": {"en": "Draft"}, "due": late.deadline})
    return world, done, late


def test_plan_list(client, filled):
    world, *_ = filled
    response = client.get("/api/v1/plans")
    assert_matches_schema(response)
    data = response.json()
    assert data["count"] == 1
    plan = data["items"][0]
    assert plan["id"] == world.plan.pk and plan["title"]["en"] == "Work plan" and plan["item_count"] == 2
    assert plan["adopted_by"] is None
    assert plan["url"]["kk"].endswith(f"/kk/plans/{world.plan.pk}/")


def test_plan_detail_has_items_assignees_reports_and_figures(client, filled):
    world, done, late = filled
    response = client.get(f"/api/v1/plans/{world.plan.pk}")
    assert_matches_schema(response)
    data = response.json()
    assert data["figures"] == {
        "items": 2,
        "done": 1,
        "done_on_time": 1,
        "share_done_on_time": 0.5,
        "overdue": 1,
        "reports_on_time_share": 1.0,
    }
    first, second = data["items"]
    assert (first["number"], first["status"], first["progress"], first["overdue"]) == (1, "done", 100, False)
    assert (second["status"], second["overdue"]) == ("planned", True)
    assert {(a["classification"], a["id"], a["role"]) for a in first["assignees"]} == {
        ("maslikhat", world.own.pk, "executor"),
        ("organization", world.organization.pk, "executor"),
    }
    assert [a["region"]["kato"] for a in second["assignees"]] == [world.own.region.kato, world.other.region.kato]
    assert [r["status"] for r in first["reports"]] == ["returned", "accepted"]
    assert first["reports"][0]["maslikhat"]["id"] == world.own.pk and first["reports"][0]["on_time"] is True
    assert second["milestones"] == [
        {"title": {"kk": "", "ru": "", "en": "Draft"}, "due": str(late.deadline), "done_on": None}
    ]
    regions = {r["region"]["kato"]: r for r in data["regions"]}
    assert regions[world.own.region.kato]["items"] == 2 and regions[world.own.region.kato]["accepted"] == 1
    assert regions[world.own.region.kato]["progress"] == 50
    # The public part only: no report texts, review comments or staff names.
    text = response.content.decode()
    for private in ("Secret working notes", "Internal comment", world.staff.username, world.clerk.username):
        assert private not in text


def test_plan_item_detail(client, filled):
    world, done, _late = filled
    response = client.get(f"/api/v1/plan-items/{done.pk}")
    assert_matches_schema(response)
    data = response.json()
    assert data["id"] == done.pk and data["plan_id"] == world.plan.pk
    assert [r["status"] for r in data["reports"]] == ["returned", "accepted"]
    assert data["url"]["en"].endswith(f"/en/plans/{world.plan.pk}/#item-{done.pk}")
    assert "Secret working notes" not in response.content.decode()


def test_figures_of_all_plans(client, filled):
    response = client.get("/api/v1/plans/figures")
    assert_matches_schema(response)
    assert response.json()["items"] == 2


def test_not_found(client, world):
    for path in ("/api/v1/plans/999999", "/api/v1/plan-items/999999"):
        response = client.get(path)
        assert response.status_code == 404
        assert_matches_schema(response)


def test_plan_detail_query_count_does_not_grow(client, world, django_capture_on_commit_callbacks):
    world.item(executors=[world.own])
    with CaptureQueriesContext(connection) as small:
        client.get(f"/api/v1/plans/{world.plan.pk}")
    others = [MaslikhatFactory() for _ in range(5)]
    with django_capture_on_commit_callbacks(execute=True):  # the cached answer is renewed after the commit
        for _ in range(10):
            item = world.item(executors=[world.own, *others])
            world.report(item)
    with CaptureQueriesContext(connection) as large:
        response = client.get(f"/api/v1/plans/{world.plan.pk}")
    assert len(response.json()["items"]) == 11
    assert len(large) == len(small)
