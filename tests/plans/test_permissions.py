"""The permission matrix of work plans: every role × every plan action, checked twice — the rule
(`user.has_perm`) and the real view's HTTP answer — and a refused POST must change nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
import rules
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import translation

from kenes.plans import services
from kenes.plans.models import PlanItem, PlanReport, WorkPlan
from tests.conftest import ROLES
from tests.plans.conftest import PlanWorld

pytestmark = pytest.mark.django_db

COUNCIL_STAFF = {"secretariat", "admin"}
MASLIKHAT_SIDE = {"maslikhat_staff", "maslikhat_head"}
EVERYONE = set(ROLES)


@dataclass
class Case:
    perm: str
    obj: Any
    method: str
    url: str
    data: dict | None = None
    state: Any = None
    # Roles for which has_perm is true when it differs from the view's answer: a superuser holds
    # every permission, but reporting needs a maslikhat of one's own, which an admin does not have.
    perm_roles: set | None = None
    public: bool = False


def u(name: str, *args: Any) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def create_plan(w: PlanWorld) -> Case:
    data = {"plan-title_0": "Жоспар", "plan-period_start": "2025-01-01", "plan-period_end": "2025-12-31"}
    return Case("plans.add_plan", None, "post", u("plans-staff:plan-list"), data, WorkPlan.objects.count)


def edit_plan(w: PlanWorld) -> Case:
    data = {"plan-title_0": "Өзгерді", "plan-period_start": "2025-01-01", "plan-period_end": "2025-12-31"}
    return Case(
        "plans.change_plan",
        w.plan,
        "post",
        u("plans-staff:plan-edit", w.plan.pk),
        data,
        lambda: WorkPlan.objects.get(pk=w.plan.pk).title,
    )


def add_item(w: PlanWorld) -> Case:
    data = {"item-title_0": "Тармақ", "item-deadline": "2025-06-30", "item-progress": "0"}
    return Case(
        "plans.change_item", w.plan, "post", u("plans-staff:item-create", w.plan.pk), data, PlanItem.objects.count
    )


def change_status(w: PlanWorld) -> Case:
    item = w.item()
    return Case(
        "plans.change_item",
        item,
        "post",
        u("plans-staff:item-status", item.pk),
        {"status-status": "in_progress"},
        lambda: PlanItem.objects.get(pk=item.pk).status,
    )


def import_items(w: PlanWorld) -> Case:
    upload = SimpleUploadedFile("items.csv", b"number;title_kk;deadline\n1;A;2025-06-30\n")
    return Case(
        "plans.import_items",
        w.plan,
        "post",
        u("plans-staff:import", w.plan.pk),
        {"file": upload},
        PlanItem.objects.count,
    )


def view_matrix(w: PlanWorld) -> Case:
    w.item()
    return Case("plans.view_matrix", w.plan, "get", u("plans-staff:matrix", w.plan.pk))


def export_matrix(w: PlanWorld) -> Case:
    w.item()
    return Case("plans.view_matrix", w.plan, "get", u("plans-staff:matrix-xlsx", w.plan.pk))


def accept_report(w: PlanWorld) -> Case:
    report = w.report(w.item())
    return Case(
        "plans.review_report",
        report,
        "post",
        u("plans-staff:report-accept", report.pk),
        {},
        lambda: PlanReport.objects.get(pk=report.pk).status,
    )


def return_report(w: PlanWorld) -> Case:
    report = w.report(w.item())
    return Case(
        "plans.review_report",
        report,
        "post",
        u("plans-staff:report-return", report.pk),
        {f"r{report.pk}-review_comment": "Add the dates"},
        lambda: PlanReport.objects.get(pk=report.pk).status,
    )


def view_my_items(w: PlanWorld) -> Case:
    w.item()
    return Case("plans.view_my_items", None, "get", u("plans-staff:my-items"), perm_roles=MASLIKHAT_SIDE | {"admin"})


def report_on_own_item(w: PlanWorld) -> Case:
    item = w.item(executors=[w.own])
    return Case(
        "plans.report_on_item",
        item,
        "post",
        u("plans-staff:my-item", item.pk),
        {"text": "Two lectures held"},
        PlanReport.objects.count,
        perm_roles=MASLIKHAT_SIDE | {"admin"},
    )


def report_on_other_item(w: PlanWorld) -> Case:
    item = w.item(executors=[w.other])
    return Case(
        "plans.report_on_item",
        item,
        "post",
        u("plans-staff:my-item", item.pk),
        {"text": "Not ours"},
        PlanReport.objects.count,
        perm_roles={"admin"},
    )


def download_own_attachment(w: PlanWorld) -> Case:
    pdf = SimpleUploadedFile("act.pdf", b"%PDF-1.4 act")
    report = services.report_submit(item=w.item(), maslikhat=w.own, actor=w.staff, text="x", attachment=pdf)
    return Case("plans.view_report", report, "get", u("plans-staff:report-attachment", report.pk))


def download_other_attachment(w: PlanWorld) -> Case:
    pdf = SimpleUploadedFile("act.pdf", b"%PDF-1.4 act")
    item = w.item(executors=[w.other])
    report = services.report_submit(item=item, maslikhat=w.other, actor=w.other_staff, text="x", attachment=pdf)
    return Case("plans.view_report", report, "get", u("plans-staff:report-attachment", report.pk))


def view_public_plan(w: PlanWorld) -> Case:
    w.item()
    return Case("plans.view_plan", w.plan, "get", u("plans:plan-detail", w.plan.pk), public=True)


ACTIONS = {
    "create plan": (create_plan, COUNCIL_STAFF),
    "edit plan": (edit_plan, COUNCIL_STAFF),
    "add item": (add_item, COUNCIL_STAFF),
    "change item status": (change_status, COUNCIL_STAFF),
    "import items": (import_items, COUNCIL_STAFF),
    "view matrix": (view_matrix, COUNCIL_STAFF),
    "export matrix": (export_matrix, COUNCIL_STAFF),
    "accept report": (accept_report, COUNCIL_STAFF),
    "return report": (return_report, COUNCIL_STAFF),
    "view my items": (view_my_items, MASLIKHAT_SIDE),
    "report on own item": (report_on_own_item, MASLIKHAT_SIDE),
    "report on another maslikhat's item": (report_on_other_item, set()),
    "download own report's attachment": (download_own_attachment, COUNCIL_STAFF | MASLIKHAT_SIDE),
    "download another maslikhat's attachment": (download_other_attachment, COUNCIL_STAFF),
    "view public plan page": (view_public_plan, EVERYONE),
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, make_user, role, action):
    world = PlanWorld()
    build, allowed_roles = ACTIONS[action]
    case = build(world)
    user = make_user(role, maslikhat=world.own) if role in MASLIKHAT_SIDE else make_user(role)
    allowed = role in allowed_roles

    perm_expected = role in case.perm_roles if case.perm_roles is not None else allowed
    assert user.has_perm(case.perm, case.obj) is perm_expected

    if role != "anonymous":
        client.force_login(user)
    before = case.state() if case.state else None
    response = getattr(client, case.method)(case.url, case.data or {})
    after = case.state() if case.state else None
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)

    if allowed:
        expected = 200 if case.method == "get" else 302
        assert response.status_code == expected, response.content[:500] if not response.streaming else ""
        if case.method == "post":
            assert not response["Location"].startswith(resolve_url(settings.LOGIN_URL))
            errors = [m.message for m in response.wsgi_request._messages if m.level_tag == "error"]
            assert not errors, errors
            assert after != before, "an allowed action must take effect"
    elif role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?next=")
        assert after == before
    else:
        assert response.status_code == 403
        assert after == before, "a refused POST must change nothing"


def test_matrix_covers_every_plans_permission(db):
    """Driven by the rules registry: a new plans permission without a row here fails."""
    world = PlanWorld()
    covered = {build(world).perm for build, _roles in ACTIONS.values()}
    registered = {name for name in rules.permissions.permissions if name.startswith("plans.")}
    assert registered - covered == set()
