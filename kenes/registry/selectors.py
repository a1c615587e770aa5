"""Reads of the registry for pages and the API."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from kenes.core.i18n import search_q
from kenes.registry.models import Maslikhat, Membership, Organization, Person, Post, Region


def regions_on(day: datetime.date | None = None) -> QuerySet[Region]:
    """Regions valid on `day` (default: today)."""
    return Region.objects.filter(Region.q_valid_on(day or timezone.localdate())).order_by("kato")


def current_memberships(day: datetime.date | None = None) -> QuerySet[Membership]:
    day = day or timezone.localdate()
    return Membership.objects.filter(Membership.q_valid_on(day)).select_related("person", "post", "party")


def maslikhats_with_heads(
    qs: QuerySet[Maslikhat] | None = None, day: datetime.date | None = None
) -> QuerySet[Maslikhat]:
    """Maslikhats with `current_heads` (a list, normally of one) prefetched."""
    day = day or timezone.localdate()
    qs = qs if qs is not None else Maslikhat.objects.all()
    heads = Membership.objects.filter(Membership.q_valid_on(day), post__role=Post.Role.HEAD).select_related(
        "person", "post"
    )
    return qs.select_related("region", "parent").prefetch_related(
        Prefetch(
            "posts",
            queryset=Post.objects.filter(role=Post.Role.HEAD).prefetch_related(
                Prefetch("memberships", queryset=heads, to_attr="current")
            ),
            to_attr="head_posts",
        )
    )


def head_of(maslikhat: Maslikhat) -> Membership | None:
    """The current head, from maslikhats_with_heads() prefetches."""
    for post in getattr(maslikhat, "head_posts", []):
        for membership in post.current:
            return membership
    return None


def maslikhat_members(maslikhat: Maslikhat, day: datetime.date | None = None) -> QuerySet[Membership]:
    return current_memberships(day).filter(post__maslikhat=maslikhat).order_by("post__role", "person__sort_name")


def person_memberships(person: Person) -> QuerySet[Membership]:
    return person.memberships.select_related("post__maslikhat__region", "post__organization", "party").order_by(
        "-start_date"
    )


def search_people(query: str) -> QuerySet[Person]:
    return Person.objects.filter(search_q("name", query) | Q(sort_name__icontains=query))


def search_organizations(query: str) -> QuerySet[Organization]:
    return Organization.objects.filter(search_q("name", query) | search_q("short_name", query))


def search_maslikhats(query: str) -> QuerySet[Maslikhat]:
    return Maslikhat.objects.filter(search_q("name", query)).select_related("region")


def organization_people(organization: Organization, day):
    """People holding a post in an organisation on `day`."""
    return current_memberships(day).filter(post__organization=organization).order_by("post__role", "person__sort_name")
