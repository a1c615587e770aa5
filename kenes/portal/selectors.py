"""Reads for public pages that span capabilities: search, and what a region, a maslikhat, a person
or an organisation did at the council's sessions. Only public sessions and public records appear."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kenes.core.i18n import search_q
from kenes.councils.models import CouncilMember, Participation, Session, Statement
from kenes.registry.models import Maslikhat, Organization, Person, Region

MIN_QUERY_LENGTH = 2


def public_sessions() -> QuerySet[Session]:
    return Session.objects.filter(status__in=Session.PUBLIC_STATUSES).select_related("council__organization", "chair")


def search_sessions(query: str) -> QuerySet[Session]:
    """Public sessions whose title or summary mentions `query` in any language."""
    return public_sessions().filter(search_q("title", query) | search_q("summary", query)).order_by("-starts_at")


def session_years() -> list[int]:
    """The years that have public sessions, newest first."""
    return sorted({d.year for d in public_sessions().dates("starts_at", "year")}, reverse=True)


def public_participations() -> QuerySet[Participation]:
    return (
        Participation.objects.filter(session__status__in=Session.PUBLIC_STATUSES)
        .select_related("session", "maslikhat__region", "organization", "person")
        .order_by("-session__starts_at", "id")
    )


def region_participations(region: Region) -> QuerySet[Participation]:
    """How the maslikhats of a region took part in public sessions."""
    return public_participations().filter(maslikhat__region=region)


def maslikhat_participations(maslikhat: Maslikhat) -> QuerySet[Participation]:
    return public_participations().filter(maslikhat=maslikhat)


def organization_participations(organization: Organization) -> QuerySet[Participation]:
    return public_participations().filter(organization=organization)


def person_participations(person: Person) -> QuerySet[Participation]:
    return public_participations().filter(person=person)


def sessions_chaired(person: Person) -> QuerySet[Session]:
    return public_sessions().filter(chair=person).order_by("-starts_at")


def public_statements(person: Person) -> QuerySet[Statement]:
    """A person's statements, only from sessions whose minutes are published."""
    return (
        Statement.objects.filter(speaker=person, session__status=Session.Status.MINUTES_PUBLISHED)
        .select_related("session", "agenda_item")
        .order_by("-session__starts_at", "position", "id")
    )


def council_memberships(*, person: Person | None = None, organization: Organization | None = None):
    q = Q(person=person) if person is not None else Q(organization=organization)
    return (
        CouncilMember.objects.filter(q)
        .select_related("council__organization", "admitted_by__session")
        .order_by("start_date", "id")
    )


def organization_people(organization: Organization, day):
    """People holding a post in an organisation on `day`."""
    from kenes.registry.selectors import current_memberships

    return current_memberships(day).filter(post__organization=organization).order_by("post__role", "person__sort_name")
