"""Public, read-only API of work plans: plans, their items with responsible bodies, progress and
the public part of each report (maslikhat, date, status — never the text or who typed it)."""

import datetime
from typing import Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from kenes.core.api.schemas import ERRORS, NOT_FOUND, Pagination, Ref, RegionRef, Translated, one_of
from kenes.core.http import portal_links
from kenes.plans import selectors
from kenes.plans.models import PlanItem, PlanItemAssignee, PlanReport, WorkPlan

router = Router(tags=["plans"])


# --- schemas ---------------------------------------------------------------------------------


class PlanFiguresOut(Schema):
    items: int = Field(description="Items not cancelled")
    done: int
    done_on_time: int = Field(description="Done on or before the deadline")
    share_done_on_time: float | None = Field(
        description="Done on time ÷ items that are due (done or past their deadline); null while none is due"
    )
    overdue: int = Field(description="Past the deadline, neither done nor cancelled")
    reports_on_time_share: float | None = Field(
        description="Reports submitted by the item's deadline ÷ all reports; null without reports"
    )


class PlanAdoptedByOut(Schema):
    decision_id: int
    number: int
    title: Translated
    session_id: int
    date: datetime.date = Field(description="The session's date")


class PlanOut(Schema):
    id: int
    title: Translated
    council: Ref
    period_start: datetime.date
    period_end: datetime.date
    adopted_by: PlanAdoptedByOut | None = Field(description="The session decision that adopted the plan")
    item_count: int
    url: Translated = Field(description="The plan's page on the portal, in each language")
    updated_at: datetime.datetime
    is_demo: bool

    @staticmethod
    def resolve_council(obj: WorkPlan) -> dict:
        return {"id": obj.council_id, "name": obj.council.organization.name}

    @staticmethod
    def resolve_adopted_by(obj: WorkPlan) -> dict | None:
        decision = obj.adopted_by
        if decision is None:
            return None
        return {
            "decision_id": decision.pk,
            "number": decision.number,
            "title": decision.title,
            "session_id": decision.session_id,
            "date": decision.session.date,
        }

    @staticmethod
    def resolve_item_count(obj: WorkPlan) -> int:
        count = getattr(obj, "item_count", None)
        return count if count is not None else len(obj.items.all())

    @staticmethod
    def resolve_url(obj: WorkPlan, context: dict) -> dict:
        return portal_links(context["request"], "plans:plan-detail", obj.pk)


class PlanAssigneeOut(Schema):
    classification: Literal["maslikhat", "organization"]
    id: int = Field(description="The maslikhat's or organisation's id")
    name: Translated
    role: one_of(PlanItemAssignee.Role)
    region: RegionRef | None = Field(description="The maslikhat's region")


class PlanReportOut(Schema):
    id: int
    maslikhat: Ref
    region: RegionRef
    submitted_on: datetime.date
    status: one_of(PlanReport.Status)
    reviewed_on: datetime.date | None
    on_time: bool = Field(description="Submitted on or before the item's deadline")


class PlanMilestoneOut(Schema):
    title: Translated
    due: datetime.date
    done_on: datetime.date | None


class PlanItemOut(Schema):
    id: int
    plan_id: int
    number: int
    title: Translated
    description: Translated
    expected_result: Translated
    deadline: datetime.date
    status: one_of(PlanItem.Status)
    overdue: bool = Field(description="Derived: past the deadline and neither done nor cancelled")
    progress: int = Field(description="Per cent, 0–100")
    completed_on: datetime.date | None
    assignees: list[PlanAssigneeOut] = Field(description="Responsible maslikhats and organisations")
    milestones: list[PlanMilestoneOut]
    reports: list[PlanReportOut] = Field(description="Every report, oldest first, public part only")
    url: Translated
    updated_at: datetime.datetime


class PlanRegionProgressOut(Schema):
    region: RegionRef
    items: int = Field(description="Items the region's maslikhats are responsible for (not cancelled)")
    accepted: int
    awaiting_review: int
    returned: int
    overdue: int
    progress: int = Field(description="Accepted ÷ items, per cent")


class PlanDetailOut(PlanOut):
    figures: PlanFiguresOut
    items: list[PlanItemOut] = Field(description="In order of their numbers")
    regions: list[PlanRegionProgressOut] = Field(description="Progress by region, by KATO code")

    @staticmethod
    def resolve_figures(obj: WorkPlan) -> dict:
        return obj.figures_out

    @staticmethod
    def resolve_items(obj: WorkPlan) -> list[dict]:
        return obj.items_out

    @staticmethod
    def resolve_regions(obj: WorkPlan) -> list[dict]:
        return obj.regions_out

    @staticmethod
    def resolve_item_count(obj: WorkPlan) -> int:
        return len(obj.items_out)


# --- building answers ------------------------------------------------------------------------


def _region(region) -> dict:
    return {"kato": region.kato, "name": region.name}


def _item_out(request: HttpRequest, item: PlanItem, reports: list[dict], maslikhats: dict, today) -> dict:
    assignees = []
    for a in selectors.assignees_of(item):
        body = a.body
        assignees.append(
            {
                "classification": "maslikhat" if a.maslikhat_id else "organization",
                "id": body.pk,
                "name": body.name,
                "role": a.role,
                "region": _region(a.maslikhat.region) if a.maslikhat_id else None,
            }
        )
    report_out = []
    for r in reports:
        maslikhat = maslikhats[r["maslikhat_id"]]
        submitted_on = timezone.localtime(r["submitted_at"]).date()
        report_out.append(
            {
                "id": r["id"],
                "maslikhat": {"id": maslikhat.pk, "name": maslikhat.name},
                "region": _region(maslikhat.region),
                "submitted_on": submitted_on,
                "status": r["status"],
                "reviewed_on": timezone.localtime(r["reviewed_at"]).date() if r["reviewed_at"] else None,
                "on_time": submitted_on <= item.deadline,
            }
        )
    return {
        "id": item.pk,
        "plan_id": item.plan_id,
        "number": item.number,
        "title": item.title,
        "description": item.description,
        "expected_result": item.expected_result,
        "deadline": item.deadline,
        "status": item.status,
        "overdue": item.is_overdue(today),
        "progress": item.progress,
        "completed_on": item.completed_on,
        "assignees": assignees,
        "milestones": [{"title": m.title, "due": m.due, "done_on": m.done_on} for m in item.milestones.all()],
        "reports": report_out,
        "url": portal_links(request, "plans:plan-detail", item.plan_id, anchor=f"#item-{item.pk}"),
        "updated_at": item.updated_at,
    }


def _maslikhats(items: list[PlanItem], reports: list[dict]) -> dict:
    from kenes.registry.models import Maslikhat

    known = {a.maslikhat_id: a.maslikhat for item in items for a in selectors.assignees_of(item) if a.maslikhat_id}
    missing = {r["maslikhat_id"] for r in reports} - set(known)
    if missing:
        known.update({m.pk: m for m in Maslikhat.objects.filter(pk__in=missing).select_related("region")})
    return known


# --- endpoints -------------------------------------------------------------------------------


@router.get(
    "/plans",
    response={200: list[PlanOut], **ERRORS},
    summary="Work plans of the council",
    description="Newest period first.",
)
@paginate(Pagination)
def plan_list(request: HttpRequest) -> QuerySet[WorkPlan]:
    return selectors.plans().order_by("-period_start", "-id")


@router.get(
    "/plans/figures",
    response={200: PlanFiguresOut},
    summary="Summary figures of all work plans",
    description="Items done on time, overdue items and reports submitted on time, over every plan.",
)
def figures_all(request: HttpRequest) -> dict:
    return selectors.plan_figures()


@router.get(
    "/plans/{plan_id}",
    response={200: PlanDetailOut, **NOT_FOUND},
    summary="A work plan: items, responsible bodies, progress and reports",
    description="Each item with its responsible maslikhats and organisations, its progress, whether it is "
    "overdue, and the public part of every report (maslikhat, date, status); figures and progress by region.",
)
def plan_detail(request: HttpRequest, plan_id: int) -> WorkPlan:
    plan = get_object_or_404(selectors.plan_detail_queryset(), pk=plan_id)
    if not request.user.has_perm("plans.view_plan", plan):
        raise Http404
    view = selectors.plan_view(plan, with_dates=True)
    today = selectors.today()
    rows = [r for pair in view.reports.values() for r in pair]
    maslikhats = _maslikhats(view.items, rows)
    by_item: dict[int, list[dict]] = {}
    for r in sorted(rows, key=lambda r: (r["submitted_at"], r["id"])):
        by_item.setdefault(r["item_id"], []).append(r)
    plan.figures_out = selectors.plan_figures(plan)
    plan.items_out = [_item_out(request, item, by_item.get(item.pk, []), maslikhats, today) for item in view.items]
    plan.regions_out = [
        {
            "region": _region(p.region),
            "items": p.assigned,
            "accepted": p.accepted,
            "awaiting_review": p.reported,
            "returned": p.returned,
            "overdue": p.overdue,
            "progress": p.percent,
        }
        for p in view.region_progress
    ]
    return plan


@router.get(
    "/plan-items/{item_id}",
    response={200: PlanItemOut, **NOT_FOUND},
    summary="A plan item",
    description="The item with its responsible bodies, milestones, progress and the public part of its reports.",
)
def plan_item_detail(request: HttpRequest, item_id: int) -> dict:
    item = get_object_or_404(selectors.item_queryset(), pk=item_id)
    if not request.user.has_perm("plans.view_plan", item.plan):
        raise Http404
    reports = [
        {
            "id": r.pk,
            "maslikhat_id": r.maslikhat_id,
            "status": r.status,
            "submitted_at": r.submitted_at,
            "reviewed_at": r.reviewed_at,
        }
        for r in item.reports.all()
    ]
    maslikhats = {r.maslikhat_id: r.maslikhat for r in item.reports.all()}
    maslikhats.update({a.maslikhat_id: a.maslikhat for a in item.assignees.all() if a.maslikhat_id})
    return _item_out(request, item, reports, maslikhats, selectors.today())
