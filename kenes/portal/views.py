"""The portal's own pages: the home page and the search across capabilities."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone

from kenes.core.cache import public_page
from kenes.core.pages import any_demo
from kenes.councils.selectors import default_council, recent_sessions, search_sessions, upcoming_sessions
from kenes.registry.models import Maslikhat
from kenes.registry.selectors import (
    head_of,
    maslikhats_with_heads,
    regions_on,
    search_maslikhats,
    search_organizations,
    search_people,
)

SEARCH_LIMIT = 25
MIN_QUERY_LENGTH = 2


def bare(request: HttpRequest) -> HttpResponse:
    """The benchmark's baseline: the cheapest view Django can serve (also a health check)."""
    return HttpResponse("ok", content_type="text/plain")


def robots_txt(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        "User-agent: *\nDisallow: /kk/staff/\nDisallow: /ru/staff/\nDisallow: /en/staff/\n", content_type="text/plain"
    )


@public_page
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    regions = list(regions_on(today))
    maslikhats = maslikhats_with_heads(
        Maslikhat.objects.filter(level=Maslikhat.Level.REGIONAL, region__in=[r.pk for r in regions]), today
    )
    regional = {m.region_id: m for m in maslikhats}
    region_rows = [
        {"region": r, "name": r.name_on(today), "maslikhat": regional.get(r.pk), "head": None} for r in regions
    ]
    for row in region_rows:
        if row["maslikhat"] is not None:
            row["head"] = head_of(row["maslikhat"])
    upcoming = upcoming_sessions()
    recent = recent_sessions()
    return render(
        request,
        "portal/home.html",
        {
            "council": default_council(),
            "upcoming": upcoming,
            "recent": recent,
            "region_rows": region_rows,
            "today": today,
            "is_demo": any_demo(upcoming, recent),
        },
    )


@public_page
def search(request: HttpRequest) -> HttpResponse:
    query = " ".join(request.GET.get("q", "").split())[:200]
    context: dict = {"query": query, "too_short": False, "results": None}
    if len(query) < MIN_QUERY_LENGTH:
        context["too_short"] = bool(query)
        context["min_length"] = MIN_QUERY_LENGTH
    else:
        results = {
            "sessions": list(search_sessions(query)[:SEARCH_LIMIT]),
            "people": list(search_people(query).order_by("sort_name", "id")[:SEARCH_LIMIT]),
            "organizations": list(search_organizations(query).order_by("kind", "id")[:SEARCH_LIMIT]),
            "maslikhats": list(search_maslikhats(query).order_by("region__kato", "level", "id")[:SEARCH_LIMIT]),
        }
        context["results"] = results
        context["total"] = sum(len(v) for v in results.values())
        context["is_demo"] = any_demo(*results.values())
    return render(request, "portal/search.html", context)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico before they read the page's <link rel="icon">."""
    return redirect(static("kenes/favicon.svg"), permanent=True)
