"""Staff pages of work plans, at /<lang>/staff/plans/: the secretariat's plans, items, matrix,
exports and import; the maslikhat's own items with the report form and history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kenes.core.http import allow, apply_service_error, error_messages, form_action
from kenes.councils.selectors import default_council
from kenes.plans import selectors, services
from kenes.plans.forms import (
    MilestoneForm,
    PlanForm,
    PlanItemForm,
    ReportForm,
    ReturnForm,
    StatusForm,
)
from kenes.plans.models import Milestone, PlanItem, PlanReport, WorkPlan
from kenes.plans.transitions import TRANSITIONS


def _plan(pk: int) -> WorkPlan:
    return get_object_or_404(WorkPlan.objects.select_related("council__organization", "adopted_by__session"), pk=pk)


def _item(pk: int) -> PlanItem:
    return get_object_or_404(selectors.item_queryset(), pk=pk)


# --- plans -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_list(request: HttpRequest) -> HttpResponse:
    """The secretariat's list of plans with a form for a new one; maslikhat staff go to their items."""
    if not request.user.has_perm("plans.change_plan"):
        if request.method == "GET" and request.user.has_perm("plans.view_my_items"):
            return redirect("plans-staff:my-items")
        raise PermissionDenied
    form = PlanForm(prefix="plan")
    if request.method == "POST":
        allow(request, "plans.add_plan")
        form = PlanForm(request.POST, prefix="plan")
        council = default_council()
        if council is None:
            form.add_error(None, _("There is no council yet."))
        elif form.is_valid():
            data = dict(form.cleaned_data)
            adopted_by = data.pop("adopted_by", None)
            try:
                plan = services.plan_create(council=council, actor=request.user, data=data, adopted_by=adopted_by)
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("The plan was created."))
                return redirect("plans-staff:plan-edit", pk=plan.pk)
    plans = list(selectors.plans().order_by("-period_start", "-id"))
    waiting = list(selectors.reports_waiting()[:50])
    return render(request, "plans/staff/plan_list.html", {"plans": plans, "form": form, "waiting": waiting})


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(pk)
    allow(request, "plans.change_plan", plan)
    form = PlanForm(instance=plan, prefix="plan")
    if request.method == "POST":
        form = PlanForm(request.POST, instance=WorkPlan.objects.get(pk=plan.pk), prefix="plan")
        if form.is_valid():
            try:
                services.plan_update(plan=plan, actor=request.user, data=dict(form.cleaned_data))
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("The plan was saved."))
                return redirect("plans-staff:plan-edit", pk=plan.pk)
    items = list(plan.items.order_by("number").prefetch_related("assignees"))
    today = timezone.localdate()
    for item in items:
        item.is_late = item.is_overdue(today)
    return render(request, "plans/staff/plan_edit.html", {"plan": plan, "form": form, "items": items})


# --- items -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(pk)
    allow(request, "plans.change_item", plan)
    form = PlanItemForm(prefix="item")
    if request.method == "POST":
        form = PlanItemForm(request.POST, prefix="item")
        if form.is_valid():
            data, lists = form.split()
            try:
                item = services.plan_item_create(plan=plan, actor=request.user, data=data, **lists)
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("Item № %(n)d was added.") % {"n": item.number})
                return redirect("plans-staff:item-edit", pk=item.pk)
    return render(request, "plans/staff/item_create.html", {"plan": plan, "form": form})


def _item_page(request: HttpRequest, item: PlanItem, **overrides: Any) -> HttpResponse:
    item = _item(item.pk)
    reports = list(item.reports.all())
    for report in reports:
        report.return_form = overrides.get("return_forms", {}).get(report.pk) or ReturnForm(prefix=f"r{report.pk}")
    context = {
        "item": item,
        "plan": item.plan,
        "form": overrides.get("form") or PlanItemForm(instance=item, prefix="item"),
        "status_form": overrides.get("status_form") or StatusForm(prefix="status"),
        "milestone_form": overrides.get("milestone_form") or MilestoneForm(prefix="milestone"),
        "reports": reports,
        "missing": services.executors_without_accepted_report(item) if item.status not in PlanItem.CLOSED else [],
        "next_statuses": [
            (s, PlanItem.Status(s).label)
            for s in PlanItem.Status.values
            if s in TRANSITIONS.available(request.user, item)
        ],
        "is_late": item.is_overdue(),
    }
    return render(request, "plans/staff/item_edit.html", context)


def _act(request: HttpRequest, item: PlanItem, run, success: str, form, form_name: str) -> HttpResponse:
    """A form on the item page runs its service (core.http.form_action)."""
    return form_action(
        request,
        run,
        form=form,
        success=success,
        done=lambda: redirect("plans-staff:item-edit", pk=item.pk),
        page=lambda bound: _item_page(request, item, **{form_name: bound}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    allow(request, "plans.change_item", item)
    if request.method == "POST":
        form = PlanItemForm(request.POST, instance=PlanItem.objects.get(pk=item.pk), prefix="item")

        def save(data: dict) -> None:
            data, lists = form.split()
            services.plan_item_update(item=item, actor=request.user, data=data, **lists)

        return _act(request, item, save, _("The item was saved."), form, "form")
    return _item_page(request, item)


@login_required
@require_POST
def item_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    allow(request, "plans.change_item", item)
    return _act(
        request,
        item,
        lambda data: services.plan_item_set_status(item=item, actor=request.user, **data),
        _("The item's status was changed."),
        StatusForm(request.POST, prefix="status"),
        "status_form",
    )


@login_required
@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    allow(request, "plans.change_item", item)
    return _act(
        request,
        item,
        lambda data: services.milestone_add(item=item, actor=request.user, data=data),
        _("The milestone was added."),
        MilestoneForm(request.POST, prefix="milestone"),
        "milestone_form",
    )


@login_required
@require_POST
def milestone_done(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone.objects.select_related("item"), pk=pk)
    allow(request, "plans.change_item", milestone.item)
    done = request.POST.get("done") == "1"
    services.milestone_update(
        milestone=milestone, actor=request.user, data={"done_on": timezone.localdate() if done else None}
    )
    messages.success(request, _("The milestone was updated."))
    return redirect("plans-staff:item-edit", pk=milestone.item_id)


@login_required
@require_POST
def milestone_delete(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone.objects.select_related("item"), pk=pk)
    allow(request, "plans.change_item", milestone.item)
    services.milestone_delete(milestone=milestone, actor=request.user)
    messages.success(request, _("The milestone was deleted."))
    return redirect("plans-staff:item-edit", pk=milestone.item_id)


# --- reviewing reports -----------------------------------------------------------------------


def _report(pk: int) -> PlanReport:
    return get_object_or_404(PlanReport.objects.select_related("item__plan", "maslikhat"), pk=pk)


@login_required
@require_POST
def report_accept(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(pk)
    allow(request, "plans.review_report", report)
    try:
        services.report_accept(report=report, actor=request.user)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, _("The report of %(m)s was accepted.") % {"m": report.maslikhat})
    return redirect("plans-staff:item-edit", pk=report.item_id)


@login_required
@require_POST
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(pk)
    allow(request, "plans.review_report", report)
    return form_action(
        request,
        lambda data: services.report_return(report=report, actor=request.user, comment=data["review_comment"]),
        form=ReturnForm(request.POST, prefix=f"r{report.pk}"),
        success=_("The report of %(m)s was returned.") % {"m": report.maslikhat},
        done=lambda: redirect("plans-staff:item-edit", pk=report.item_id),
        page=lambda form: _item_page(request, report.item, return_forms={report.pk: form}),
    )


@login_required
@require_GET
def report_attachment(request: HttpRequest, pk: int) -> FileResponse:
    """Attachments are served only to the secretariat and to the reporting maslikhat's staff."""
    report = _report(pk)
    allow(request, "plans.view_report", report)
    if not report.attachment:
        raise Http404(_("This report has no attachment."))
    try:
        handle = report.attachment.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The file is missing.")) from error
    name = report.attachment.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- the maslikhat's items -------------------------------------------------------------------


@login_required
@require_GET
def my_items(request: HttpRequest) -> HttpResponse:
    allow(request, "plans.view_my_items")
    if request.user.maslikhat is None:  # an admin holds every permission but has no maslikhat
        raise PermissionDenied
    items = selectors.items_of_maslikhat(request.user.maslikhat)
    return render(request, "plans/staff/my_items.html", {"items": items, "maslikhat": request.user.maslikhat})


@login_required
@require_http_methods(["GET", "POST"])
def my_item(request: HttpRequest, pk: int) -> HttpResponse:
    """One item for the maslikhat: its details, the report form and the history of its reports."""
    item = _item(pk)
    allow(request, "plans.view_my_items")
    allow(request, "plans.report_on_item", item)
    maslikhat = request.user.maslikhat
    if maslikhat is None:
        raise PermissionDenied
    form = ReportForm()
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.report_submit(
                    item=item,
                    maslikhat=maslikhat,
                    actor=request.user,
                    text=form.cleaned_data["text"],
                    attachment=form.cleaned_data.get("attachment"),
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("Your report was sent to the secretariat."))
                return redirect("plans-staff:my-item", pk=item.pk)
    history = [r for r in item.reports.all() if r.maslikhat_id == maslikhat.pk]
    state = selectors.maslikhat_state([{"status": r.status} for r in history])
    can_report = item.status not in PlanItem.CLOSED and state in (selectors.NOT_REPORTED, selectors.RETURNED)
    role = next((a.get_role_display() for a in item.assignees.all() if a.maslikhat_id == maslikhat.pk), "")
    return render(
        request,
        "plans/staff/my_item.html",
        {
            "item": item,
            "plan": item.plan,
            "form": form,
            "history": history,
            "state_label": selectors.STATE_LABELS[state],
            "can_report": can_report,
            "role": role,
            "is_late": item.is_overdue() and state != selectors.ACCEPTED,
        },
        status=400 if request.method == "POST" else 200,
    )
