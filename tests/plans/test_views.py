"""Plan pages: the public plan list and page, the secretariat's plan, item and matrix pages with
exports, the maslikhat's items with the report form, attachments, and constant query counts."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from kenes.plans import services
from kenes.plans.models import PlanItem, PlanReport, WorkPlan
from kenes.registry.models import Maslikhat, Region
from tests.factories import MaslikhatFactory, UserFactory

pytestmark = pytest.mark.django_db
S = PlanItem.Status


def url(name, *args, query=""):
    with translation.override("en"):
        return reverse(name, args=args) + (f"?{query}" if query else "")


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- public pages ----------------------------------------------------------------------------


def test_public_plan_list_and_page_show_progress_per_item_and_region(client, world):
    done = world.item(executors=[world.own], title="Lectures")
    services.report_accept(report=world.report(done), actor=world.clerk)
    services.plan_item_set_status(item=done, actor=world.clerk, status=S.DONE)
    late = world.item(days=-2, executors=[world.own, world.other], title="Sessions with the public")
    world.report(late)
    response = client.get(url("plans:plan-list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Work plan" in body and url("plans:plan-detail", world.plan.pk) in body
    assert "done: 1" in body and "overdue: 1" in body

    response = client.get(url("plans:plan-detail", world.plan.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<h1>") == 1
    assert f'id="item-{done.pk}" data-item="1" data-status="done"' in body
    assert f'id="item-{late.pk}" data-item="2" data-status="in_progress" class="late"' in body
    assert "overdue</strong>" in body and "100 %" in body
    assert "reports accepted: 0 of 2" in body
    assert f'data-region="{world.own.region.kato}"' in body
    figures = dict(
        line.split('">') for line in [part.split("</dd>")[0] for part in body.split('<dd data-figure="')[1:]]
    )
    assert figures == {
        "items": "2",
        "done": "1",
        "done_on_time": "1",
        "share_done_on_time": "50 %",
        "overdue": "1",
        "reports_on_time_share": "50 %",
    }
    # The public page never shows report texts or staff names.
    assert "Done: two lectures held." not in body and world.staff.username not in body


def test_public_plan_page_404_and_demo_banner(client, world):
    assert client.get(url("plans:plan-detail", 99999)).status_code == 404
    WorkPlan.objects.filter(pk=world.plan.pk).update(is_demo=True)
    assert "Demo data." in client.get(url("plans:plan-detail", world.plan.pk)).content.decode()


def test_public_plan_page_names_the_adopting_session(client, world):
    from kenes.councils import services as councils
    from tests.factories import SessionFactory

    session = SessionFactory(council=world.council, status="minutes_published")
    session.status = "held"
    session.save()
    decision = councils.decision_add(
        session=session, actor=world.clerk, data={"kind": "adopt_plan", "title": {"en": "On the plan"}}
    )
    services.plan_update(plan=world.plan, actor=world.clerk, data={"adopted_by": decision})
    body = client.get(url("plans:plan-detail", world.plan.pk)).content.decode()
    assert "Decision № 1 “On the plan”" in body
    assert url("councils:session-detail", session.pk) in body


def _big_plan(world, items: int, regions: int, reports_each: bool) -> None:
    maslikhats = [world.own, world.other] + [MaslikhatFactory() for _ in range(regions - 2)]
    for index in range(items):
        item = world.item(days=index - items // 2, executors=maslikhats, title=f"Item {index}")
        if reports_each:
            for m in maslikhats:
                PlanReport.objects.create(item=item, maslikhat=m, text="x", status="accepted")


@pytest.mark.parametrize("page", ["public", "matrix"])
def test_constant_queries_small_and_large(client, world, page, settings):
    settings.KENES_PUBLIC_CACHE = False
    client.force_login(world.clerk)
    target = url("plans:plan-detail", world.plan.pk) if page == "public" else url("plans-staff:matrix", world.plan.pk)
    _big_plan(world, items=2, regions=2, reports_each=True)
    from django.core.cache import cache

    cache.clear()  # both requests start cold (sessions are read through the cache)
    with CaptureQueriesContext(connection) as small:
        assert client.get(target).status_code == 200
    _big_plan(world, items=30, regions=8, reports_each=True)
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        response = client.get(target)
    assert response.status_code == 200
    assert response.content.decode().count("data-item=") >= 32
    assert len(large) == len(small), [q["sql"][:120] for q in large.captured_queries]


# --- staff: plans and items ------------------------------------------------------------------


@pytest.fixture
def clerk_client(client, world):
    client.force_login(world.clerk)
    return client


def test_secretariat_creates_a_plan_and_an_item(clerk_client, world, reference):
    response = clerk_client.post(
        url("plans-staff:plan-list"),
        {"plan-title_0": "Жоспар", "plan-period_start": "2025-01-01", "plan-period_end": "2025-12-31"},
    )
    plan = WorkPlan.objects.exclude(pk=world.plan.pk).get()
    assert response.status_code == 302 and response["Location"] == url("plans-staff:plan-edit", plan.pk)
    aktobe = Maslikhat.objects.get(region__kato="150000000", level="regional")
    response = clerk_client.post(
        url("plans-staff:item-create", plan.pk),
        {
            "item-title_0": "Дәрістер",
            "item-deadline": "2025-06-30",
            "item-progress": "0",
            "item-executor_maslikhats": [aktobe.pk],
            "item-co_executor_organizations": [world.organization.pk],
        },
    )
    item = plan.items.get()
    assert response.status_code == 302 and response["Location"] == url("plans-staff:item-edit", item.pk)
    assert item.number == 1 and item.title["kk"] == "Дәрістер"
    assert set(item.assignees.values_list("maslikhat_id", "organization_id", "role")) == {
        (aktobe.pk, None, "executor"),
        (None, world.organization.pk, "co_executor"),
    }


def test_plan_form_errors_are_shown(clerk_client, world):
    response = clerk_client.post(
        url("plans-staff:plan-list"),
        {"plan-title_0": "Жоспар", "plan-period_start": "2025-12-31", "plan-period_end": "2025-01-01"},
    )
    assert response.status_code == 200
    assert WorkPlan.objects.count() == 1
    assert response.context["form"].errors


def test_item_status_change_and_refusal_show_messages(clerk_client, world):
    item = world.item(executors=[world.own])
    page = clerk_client.get(url("plans-staff:item-edit", item.pk)).content.decode()
    assert 'value="in_progress"' in page and 'value="planned"' not in page.split("status-h")[1].split("</select>")[0]
    response = clerk_client.post(url("plans-staff:item-status", item.pk), {"status-status": "done"})
    assert response.status_code == 400
    assert "Not yet accepted" in response.content.decode()
    assert "every executor maslikhat" in response.content.decode()
    assert PlanItem.objects.get(pk=item.pk).status == S.PLANNED
    response = clerk_client.post(
        url("plans-staff:item-status", item.pk),
        {"status-status": "done", "status-override": "on", "status-reason": "Reported by letter"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == S.DONE and "Reported by letter" in item.status_note


def test_secretariat_returns_and_accepts_reports(clerk_client, world):
    item = world.item()
    report = world.report(item)
    response = clerk_client.post(url("plans-staff:report-return", report.pk), {f"r{report.pk}-review_comment": ""})
    assert response.status_code == 400
    assert PlanReport.objects.get(pk=report.pk).status == "submitted"
    response = clerk_client.post(
        url("plans-staff:report-return", report.pk), {f"r{report.pk}-review_comment": "Add the dates"}
    )
    assert response.status_code == 302
    assert PlanReport.objects.get(pk=report.pk).status == "returned"
    second = world.report(item, text="With dates")
    response = clerk_client.post(url("plans-staff:report-accept", second.pk), follow=True)
    assert "was accepted" in " ".join(_messages(response))
    response = clerk_client.post(url("plans-staff:report-accept", second.pk), follow=True)
    assert "Only a report waiting" in " ".join(_messages(response))
    page = clerk_client.get(url("plans-staff:item-edit", item.pk)).content.decode()
    assert page.index("Add the dates") < page.index("With dates")


def test_milestones_through_the_item_page(clerk_client, world):
    item = world.item()
    clerk_client.post(
        url("plans-staff:milestone-add", item.pk), {"milestone-title_0": "Жоба", "milestone-due": "2025-03-01"}
    )
    milestone = item.milestones.get()
    clerk_client.post(url("plans-staff:milestone-done", milestone.pk), {"done": "1"})
    milestone.refresh_from_db()
    assert milestone.done_on == timezone.localdate()
    clerk_client.post(url("plans-staff:milestone-delete", milestone.pk))
    assert not item.milestones.exists()


def test_item_edit_replaces_assignees(clerk_client, world):
    item = world.item(executors=[world.own])
    response = clerk_client.post(
        url("plans-staff:item-edit", item.pk),
        {
            "item-number": "1",
            "item-title_0": "Өзгерді",
            "item-deadline": "2025-06-30",
            "item-progress": "20",
            "item-executor_maslikhats": [world.other.pk],
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title["kk"] == "Өзгерді" and item.progress == 20
    assert list(item.assignees.values_list("maslikhat_id", flat=True)) == [world.other.pk]


# --- matrix and exports ----------------------------------------------------------------------


@pytest.fixture
def matrix_world(world):
    """Items × regions with every cell state: accepted, reported, returned, overdue, not reported."""
    accepted = world.item(days=10, executors=[world.own, world.other], title="Lectures")
    services.report_accept(report=world.report(accepted), actor=world.clerk)
    world.report(accepted, world.other)  # waiting
    returned = world.item(days=-5, executors=[world.own], co=[world.other], title="Sessions")
    services.report_return(report=world.report(returned), actor=world.clerk, comment="more")
    world.item(days=5, executors=[world.other], title="Social networks")
    return world


def _cells(body: str, item_number: int) -> list[str]:
    row = body.split(f'data-item="{item_number}"')[1].split("</tr>")[0]
    return [part.split('"')[0] for part in row.split('data-state="')[1:]]


def test_matrix_shows_each_state_and_filters(clerk_client, matrix_world):
    world = matrix_world
    response = clerk_client.get(url("plans-staff:matrix", world.plan.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert _cells(body, 1) == ["accepted", "reported"]
    assert _cells(body, 2) == ["returned overdue", "not_reported overdue"]
    assert _cells(body, 3) == ["not_reported"]
    assert body.count("data-kato=") == 2
    body = clerk_client.get(url("plans-staff:matrix", world.plan.pk, query="overdue=1")).content.decode()
    assert 'data-item="2"' in body and 'data-item="1"' not in body and 'data-item="3"' not in body
    query = f"region={world.own.region.kato}"
    body = clerk_client.get(url("plans-staff:matrix", world.plan.pk, query=query)).content.decode()
    assert body.count("data-kato=") == 1 and 'data-item="3"' not in body
    body = clerk_client.get(url("plans-staff:matrix", world.plan.pk, query="state=reported")).content.decode()
    assert 'data-item="1"' in body and 'data-item="2"' not in body
    body = clerk_client.get(url("plans-staff:matrix", world.plan.pk, query="status=in_progress")).content.decode()
    assert 'data-item="3"' not in body and 'data-item="1"' in body
    response = clerk_client.get(url("plans-staff:matrix", world.plan.pk, query="status=lost&region=1"))
    assert response.status_code == 400
    assert "Unknown status" in response.content.decode() and "Unknown region" in response.content.decode()


def test_matrix_is_fresh_after_a_change(clerk_client, matrix_world, django_capture_on_commit_callbacks):
    world = matrix_world
    assert _cells(clerk_client.get(url("plans-staff:matrix", world.plan.pk)).content.decode(), 3) == ["not_reported"]
    with django_capture_on_commit_callbacks(execute=True):
        world.report(PlanItem.objects.get(plan=world.plan, number=3), world.other)
    assert _cells(clerk_client.get(url("plans-staff:matrix", world.plan.pk)).content.decode(), 3) == ["reported"]


def test_matrix_csv_export(clerk_client, matrix_world):
    world = matrix_world
    response = clerk_client.get(url("plans-staff:matrix-csv", world.plan.pk))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    regions = [pick_en(m.region) for m in (world.own, world.other)]
    assert rows[0] == ["No.", "Item", "Deadline", "Status", "Overdue", "Progress, %", *regions]
    assert rows[1][:2] == ["1", "Lectures"] and rows[1][6:] == ["Accepted", "Reported, awaiting review"]
    assert rows[2][4] == "yes" and rows[2][6:] == ["Returned (Overdue)", "Not reported (Overdue)"]
    assert rows[3][6:] == ["", "Not reported"]
    filtered = clerk_client.get(url("plans-staff:matrix-csv", world.plan.pk, query="overdue=1"))
    assert len(list(csv.reader(io.StringIO(filtered.content.decode("utf-8-sig"))))) == 2


def pick_en(region: Region) -> str:
    return region.name["en"]


def test_matrix_xlsx_export(clerk_client, matrix_world):
    world = matrix_world
    response = clerk_client.get(url("plans-staff:matrix-xlsx", world.plan.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:6] == ["No.", "Item", "Deadline", "Status", "Overdue", "Progress, %"]
    assert rows[1][0] == 1 and rows[1][1] == "Lectures" and rows[1][6] == "Accepted"
    assert isinstance(rows[2][2], datetime.datetime)
    assert rows[2][6] == "Returned (Overdue)"


def test_export_neutralises_formulas(clerk_client, world):
    world.item(title="=HYPERLINK(1)")
    rows = list(
        csv.reader(io.StringIO(clerk_client.get(url("plans-staff:matrix-csv", world.plan.pk)).content.decode()))
    )
    assert rows[1][1] == "'=HYPERLINK(1)"


# --- the maslikhat's side --------------------------------------------------------------------


def test_maslikhat_reports_from_my_items_with_an_attachment(client, world):
    item = world.item(executors=[world.own], title="Lectures")
    world.item(executors=[world.other], title="Not ours")
    client.force_login(world.staff)
    body = client.get(url("plans-staff:my-items")).content.decode()
    assert "Lectures" in body and "Not ours" not in body
    assert f'data-item="{item.pk}"' in body and 'data-state="not_reported"' in body
    pdf = SimpleUploadedFile("act.pdf", b"%PDF-1.4 act", content_type="application/pdf")
    response = client.post(url("plans-staff:my-item", item.pk), {"text": "Two lectures", "attachment": pdf})
    assert response.status_code == 302
    report = PlanReport.objects.get()
    assert report.submitted_by == world.staff and report.maslikhat == world.own
    page = client.get(url("plans-staff:my-item", item.pk)).content.decode()
    assert "Two lectures" in page and "Send the report" not in page  # waiting for review: no new report
    download = client.get(url("plans-staff:report-attachment", report.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 act"
    assert download["Cache-Control"] == "private, no-store"


def test_bad_attachment_is_refused_on_the_form(client, world):
    item = world.item()
    client.force_login(world.staff)
    bad = SimpleUploadedFile("act.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(url("plans-staff:my-item", item.pk), {"text": "x", "attachment": bad})
    assert response.status_code == 400
    assert "not really a PDF file" in response.content.decode()
    assert not PlanReport.objects.exists()


def test_attachment_is_served_only_to_allowed_users(client, world):
    item = world.item()
    pdf = SimpleUploadedFile("act.pdf", b"%PDF-1.4 act", content_type="application/pdf")
    report = services.report_submit(item=item, maslikhat=world.own, actor=world.staff, text="x", attachment=pdf)
    target = url("plans-staff:report-attachment", report.pk)
    assert client.get(target).status_code == 302  # to the login page
    for user, expected in (
        (world.other_staff, 403),
        (UserFactory(role="citizen"), 403),
        (world.head, 200),
        (world.clerk, 200),
    ):
        client.force_login(user)
        response = client.get(target)
        assert response.status_code == expected, user.role
        if expected == 200:
            assert b"".join(response.streaming_content) == b"%PDF-1.4 act"


def test_other_maslikhat_cannot_open_or_report_on_an_item(client, world):
    item = world.item(executors=[world.own])
    client.force_login(world.other_staff)
    assert client.get(url("plans-staff:my-item", item.pk)).status_code == 403
    assert client.post(url("plans-staff:my-item", item.pk), {"text": "x"}).status_code == 403
    assert not PlanReport.objects.exists()


def test_maslikhat_staff_land_on_their_items(client, world):
    client.force_login(world.staff)
    response = client.get(url("plans-staff:plan-list"))
    assert response.status_code == 302 and response["Location"] == url("plans-staff:my-items")


def test_overdue_flag_on_my_items(client, world):
    world.item(days=-1, executors=[world.own], title="Late")
    client.force_login(world.head)
    body = client.get(url("plans-staff:my-items")).content.decode()
    assert 'class="late"' in body and "overdue" in body


def test_deadline_today_is_not_overdue(client, world):
    world.item(days=0)
    body = client.get(url("plans:plan-detail", world.plan.pk)).content.decode()
    assert 'class="late"' not in body


def test_period_regions_and_names(world, client, reference, django_capture_on_commit_callbacks):
    """The matrix's columns are the regions that existed during the plan (17 in 2020-2021)."""
    client.force_login(world.clerk)
    WorkPlan.objects.filter(pk=world.plan.pk).update(
        period_start=datetime.date(2020, 10, 21), period_end=datetime.date(2021, 12, 31)
    )
    body = client.get(url("plans-staff:matrix", world.plan.pk)).content.decode()
    assert "No items match" in body
    with django_capture_on_commit_callbacks(execute=True):
        world.item()
    body = client.get(url("plans-staff:matrix", world.plan.pk)).content.decode()
    # The 17 regions of 2020, and the two test regions (valid since 1997); not Abai, Zhetysu or Ulytau (2022).
    assert body.count("data-kato=") == 17 + 2
    assert 'data-kato="100000000"' not in body
    assert "Nur-Sultan" in body


def test_matrix_page_cache_is_per_user_and_expires_on_change(client, world, django_capture_on_commit_callbacks):
    from django.test import Client

    world.item(executors=[world.own])
    client.force_login(world.clerk)
    target = url("plans-staff:matrix", world.plan.pk)
    client.get(target)  # sets the CSRF cookie
    first = client.get(target)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(target)
    assert again.content == first.content and again["Cache-Control"] == "private, no-cache"
    assert not any("plans_" in q["sql"] for q in queries.captured_queries)  # served from the cache
    other = Client()
    other.force_login(UserFactory(role="secretariat"))
    other.get(target)
    other_page = other.get(target).content.decode()
    token = first.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert token not in other_page
    with django_capture_on_commit_callbacks(execute=True):
        world.report(PlanItem.objects.get(plan=world.plan), world.own)
    assert 'data-state="reported"' in client.get(target).content.decode()
