"""Public plan pages: the list of plans and a plan with progress per item and per region."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.core.cache import public_page
from kenes.plans import selectors
from kenes.plans.models import PlanItem

S = PlanItem.Status


def percent(share: float | None) -> str:
    return "—" if share is None else f"{round(share * 100)} %"


def figures_display(figures: dict) -> dict:
    return {
        **figures,
        "share_done_on_time_pct": percent(figures["share_done_on_time"]),
        "reports_on_time_pct": percent(figures["reports_on_time_share"]),
    }


@public_page
def plan_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    plans = list(
        selectors.plans()
        .annotate(
            done_count=Count("items", filter=Q(items__status=S.DONE), distinct=True),
            overdue_count=Count(
                "items",
                filter=Q(items__deadline__lt=today) & ~Q(items__status__in=PlanItem.CLOSED),
                distinct=True,
            ),
        )
        .order_by("-period_start", "-id")
    )
    return render(
        request,
        "plans/plan_list.html",
        {"plans": plans, "is_demo": any(p.is_demo for p in plans)},
    )


@public_page
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_detail_queryset().filter(pk=pk).first()
    if plan is None or not request.user.has_perm("plans.view_plan", plan):
        raise Http404(_("No such plan."))
    view = selectors.plan_view(plan)
    session = plan.adopted_by.session if plan.adopted_by_id else None
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "view": view,
            "items": view.items,
            "figures": figures_display(selectors.plan_figures(plan)),
            "session": session,
            "session_public": session is not None and session.is_public,
            "is_demo": plan.is_demo,
        },
    )
