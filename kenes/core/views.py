"""Pages shared by every capability: the audit log."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kenes.core.http import allow
from kenes.core.models import AuditEntry

PAGE_SIZE = 50


def changes(entry: AuditEntry) -> list[dict]:
    """The fields an entry changed, with their values before and after (all of them for a creation
    or a deletion). updated_at and created_at are left out: they change on every save."""
    before = entry.before if isinstance(entry.before, dict) else {}
    after = entry.after if isinstance(entry.after, dict) else {}
    keys = [key for key in dict.fromkeys([*before, *after]) if key not in ("updated_at", "created_at")]
    rows = []
    for key in keys:
        old, new = before.get(key), after.get(key)
        if entry.before is not None and entry.after and old == new:
            continue
        rows.append({"field": key, "before": old, "after": new})
    return rows


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    """The latest staff changes, newest first; `?action=councils.session` keeps one family of actions."""
    allow(request, "core.view_audit")
    prefix = request.GET.get("action", "").strip()[:100]
    entries = AuditEntry.objects.select_related("actor", "content_type").order_by("-at", "-id")
    if prefix:
        entries = entries.filter(action__startswith=prefix)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    for entry in page:
        entry.changes = changes(entry)
    families = sorted(
        {action.rsplit(".", 1)[0] for action in AuditEntry.objects.values_list("action", flat=True).distinct()}
    )
    return render(
        request,
        "core/audit_log.html",
        {"page": page, "prefix": prefix, "families": families},
    )
