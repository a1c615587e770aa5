"""Public registry pages: regions, maslikhats, people and organisations."""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.core.cache import public_page
from kenes.core.pages import any_demo, sections_for
from kenes.registry.models import Maslikhat, Organization, Person, Post, Region
from kenes.registry.selectors import (
    head_of,
    maslikhat_members,
    maslikhats_with_heads,
    organization_people,
    person_memberships,
    regions_on,
)

ROLE_ORDER = [
    Post.Role.HEAD,
    Post.Role.CHAIR,
    Post.Role.DEPUTY_CHAIR,
    Post.Role.DEPUTY,
    Post.Role.MEMBER,
    Post.Role.STAFF,
]


def _heads(maslikhats, day: datetime.date) -> list[dict]:
    rows = []
    for maslikhat in maslikhats:
        head = head_of(maslikhat)
        rows.append({"maslikhat": maslikhat, "head": head, "head_title": head.post.title_on(day) if head else None})
    return rows


@public_page
def region_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    raw = request.GET.get("on", "").strip()
    day, error = today, ""
    if raw:
        try:
            day = datetime.date.fromisoformat(raw)
        except ValueError:
            error = _("“%(value)s” is not a date. Write it as YYYY-MM-DD, for example 2020-10-21.") % {
                "value": raw[:20]
            }
    regions = list(regions_on(day))
    regional = {
        m.region_id: m
        for m in Maslikhat.objects.filter(level=Maslikhat.Level.REGIONAL, region__in=[r.pk for r in regions])
    }
    rows = [{"region": r, "name": r.name_on(day), "maslikhat": regional.get(r.pk)} for r in regions]
    return render(
        request,
        "registry/region_list.html",
        {
            "rows": rows,
            "day": day,
            "is_today": day == today,
            "raw": raw,
            "error": error,
            "is_demo": any_demo(regions, regional.values()),
        },
        status=400 if error else 200,
    )


@public_page
def region_detail(request: HttpRequest, kato: str) -> HttpResponse:
    region = get_object_or_404(Region.objects.select_related("split_from"), kato=kato)
    today = timezone.localdate()
    maslikhats = list(maslikhats_with_heads(region.maslikhats.order_by("level", "id"), today))
    sections = sections_for("region", region)
    return render(
        request,
        "registry/region_detail.html",
        {
            "region": region,
            "name": region.name_on(min(today, region.valid_to or today)),
            "rows": _heads(maslikhats, today),
            "split_off": list(region.split_off.all()),
            "sections": sections,
            "today": today,
            "is_demo": any_demo([region], maslikhats, sections),
        },
    )


@public_page
def maslikhat_detail(request: HttpRequest, pk: int) -> HttpResponse:
    maslikhat = get_object_or_404(Maslikhat.objects.select_related("region", "parent"), pk=pk)
    today = timezone.localdate()
    memberships = list(maslikhat_members(maslikhat, today))
    groups: dict[str, dict] = {}
    for membership in memberships:
        group = groups.setdefault(
            membership.post.role,
            {"title": membership.post.title_on(today), "members": [], "role": membership.post.role},
        )
        group["members"].append(membership)
    ordered = sorted(groups.values(), key=lambda g: ROLE_ORDER.index(g["role"]) if g["role"] in ROLE_ORDER else 99)
    children = list(maslikhats_with_heads(maslikhat.children.order_by("level", "id"), today))
    sections = sections_for("maslikhat", maslikhat)
    return render(
        request,
        "registry/maslikhat_detail.html",
        {
            "maslikhat": maslikhat,
            "groups": ordered,
            "children": _heads(children, today),
            "sections": sections,
            "today": today,
            "is_demo": any_demo([maslikhat], memberships, [m.person for m in memberships], children, sections),
        },
    )


@public_page
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    memberships = list(person_memberships(person))
    sections = sections_for("person", person)
    return render(
        request,
        "registry/person_detail.html",
        {
            "person": person,
            "memberships": [{"membership": m, "title": m.title()} for m in memberships],
            "sections": sections,
            "is_demo": any_demo([person], memberships, sections),
        },
    )


@public_page
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_object_or_404(Organization.objects.select_related("parent", "region", "maslikhat"), pk=pk)
    today = timezone.localdate()
    memberships = [{"membership": m, "title": m.post.title_on(today)} for m in organization_people(organization, today)]
    sections = sections_for("organization", organization)
    return render(
        request,
        "registry/organization_detail.html",
        {
            "organization": organization,
            "children": list(organization.children.order_by("kind", "id")),
            "memberships": memberships,
            "sections": sections,
            "is_demo": any_demo([organization], sections),
        },
    )
