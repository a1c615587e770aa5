"""The secretariat's view of a plan across regions: the items × regions matrix (cached per user,
renewed after any change to what it shows), its CSV/XLSX exports and the import of items."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kenes.core import cache as public_cache
from kenes.core.http import allow
from kenes.plans import exports, importing, selectors
from kenes.plans.forms import (
    ImportForm,
)
from kenes.plans.models import PlanItem
from kenes.plans.staff_views import _plan
from kenes.registry.models import Region

MATRIX_CACHE_SECONDS = 600


def _filters(request: HttpRequest) -> tuple[selectors.MatrixFilters, list[str]]:
    problems = []
    status = request.GET.get("status", "")
    if status and status not in PlanItem.Status.values:
        problems.append(_("Unknown status “%(v)s”.") % {"v": status[:30]})
        status = ""
    state = request.GET.get("state", "")
    if state and state not in selectors.STATE_ORDER:
        problems.append(_("Unknown report state “%(v)s”.") % {"v": state[:30]})
        state = ""
    region = None
    kato = request.GET.get("region", "").strip()
    if kato:
        region = Region.objects.filter(kato=kato[:9]).first()
        if region is None:
            problems.append(_("Unknown region “%(v)s”.") % {"v": kato[:30]})
    return selectors.MatrixFilters(status, region, request.GET.get("overdue") == "1", state), problems


def _matrix_view(plan_pk: int, filters: selectors.MatrixFilters) -> selectors.PlanView:
    plan = selectors.plan_detail_queryset().get(pk=plan_pk)
    return selectors.filter_view(selectors.plan_view(plan), filters)


def _page_cache_key(request: HttpRequest, plan_pk: int) -> str | None:
    """The signed-in user's own copy of the matrix page, or None when it must render afresh:
    with messages waiting, or without a CSRF cookie (the answer would set one). The page holds the
    user's CSRF token, so each user (and CSRF cookie) has their own entry; the cache renews it
    after any write to what it shows (kenes.core.cache) and the date is in the key."""
    csrf = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    if not csrf or "messages" in request.COOKIES or len(messages.get_messages(request)):
        return None
    digest = hashlib.sha256(f"{request.user.pk}:{csrf}:{request.get_full_path()}".encode()).hexdigest()[:32]
    return f"kenes:plans:matrix-page:{plan_pk}:{get_language()}:{timezone.localdate().isoformat()}:{digest}"


@login_required
@require_GET
def matrix(request: HttpRequest, pk: int) -> HttpResponse:
    """Items × regions. The table is cached per filter, language and day, and the whole page per
    user; both are renewed after any write to the tables they read (kenes.core.cache)."""
    allow(request, "plans.view_matrix")
    page_key = _page_cache_key(request, pk)
    if page_key is None:
        response = _matrix_page(request, pk)
    else:
        response = public_cache.cached_response(
            request, page_key, lambda: _matrix_page(request, pk), MATRIX_CACHE_SECONDS
        )
    response["Cache-Control"] = "private, no-cache"
    return response


def _matrix_page(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(pk)
    allow(request, "plans.view_matrix", plan)
    filters, problems = _filters(request)

    def table() -> str:
        view = _matrix_view(plan.pk, filters)
        return render_to_string(
            "plans/staff/_matrix_table.html",
            {"view": view, "rows": view.rows(), "plan": plan, "labels": selectors.STATE_LABELS},
        )

    key = f"kenes:plans:matrix:{plan.pk}:{get_language()}:{timezone.localdate().isoformat()}:{filters.query()}"
    regions = selectors.plan_regions(plan, [])
    return render(
        request,
        "plans/staff/matrix.html",
        {
            "plan": plan,
            "table": public_cache.remember(key, table, MATRIX_CACHE_SECONDS),
            "filters": filters,
            "problems": problems,
            "regions": regions,
            "statuses": PlanItem.Status.choices,
            "states": list(selectors.STATE_LABELS.items()),
            "query": filters.query(),
        },
        status=400 if problems else 200,
    )


@login_required
@require_GET
def matrix_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    plan = _plan(pk)
    allow(request, "plans.view_matrix", plan)
    filters, _problems = _filters(request)
    view = _matrix_view(plan.pk, filters)
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        content = exports.matrix_xlsx(view)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = exports.matrix_csv(view)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}-matrix-{stamp}.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def items_import(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(pk)
    allow(request, "plans.import_items", plan)
    form = ImportForm()
    row_errors: list[str] = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                created = importing.plan_items_import(plan=plan, actor=request.user, upload=form.cleaned_data["file"])
            except ValidationError as error:
                row_errors = error.messages
            else:
                messages.success(request, _("%(n)d items were imported.") % {"n": len(created)})
                return redirect("plans-staff:plan-edit", pk=plan.pk)
    return render(
        request,
        "plans/staff/import.html",
        {"plan": plan, "form": form, "row_errors": row_errors, "columns": importing.COLUMNS},
        status=400 if row_errors else 200,
    )
