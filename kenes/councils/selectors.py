"""Reads for council pages and the API. Each fetches a whole session in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from kenes.accounts.rules import is_council_staff
from kenes.core.i18n import search_q
from kenes.councils.models import AgendaItem, Council, CouncilMember, Decision, Participation, Session, Statement
from kenes.registry.models import Maslikhat, Organization, Person, Region


def sessions_visible_to(user) -> QuerySet[Session]:
    """Drafts too for the council's staff; announced and later sessions for everyone else."""
    if is_council_staff(user):
        return Session.objects.select_related("council__organization", "chair")
    return public_sessions()


def session_detail_queryset() -> QuerySet[Session]:
    return Session.objects.select_related("council__organization", "council__host", "chair").prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("presenter").prefetch_related("documents")),
        Prefetch(
            "participations",
            queryset=Participation.objects.select_related("maslikhat__region", "organization", "person").order_by(
                "maslikhat__region__kato", "id"
            ),
        ),
        Prefetch("statements", queryset=Statement.objects.select_related("speaker", "agenda_item")),
        Prefetch(
            "decisions",
            queryset=Decision.objects.select_related("agenda_item").prefetch_related(
                Prefetch("admitted_members", queryset=CouncilMember.objects.select_related("person", "organization"))
            ),
        ),
    )


def upcoming_sessions(limit: int = 5) -> list[Session]:
    return list(public_sessions().filter(starts_at__gte=timezone.now()).order_by("starts_at")[:limit])


def recent_sessions(limit: int = 10) -> list[Session]:
    return list(public_sessions().filter(starts_at__lt=timezone.now()).order_by("-starts_at")[:limit])


def council_members(council: Council, *, current_only: bool = False) -> QuerySet[CouncilMember]:
    qs = council.members.select_related("person", "organization", "admitted_by__session").order_by("start_date", "id")
    if current_only:
        qs = qs.filter(end_date__isnull=True)
    return qs


def default_council() -> Council | None:
    return Council.objects.select_related("organization", "host").order_by("id").first()


# --- public reads for pages of other records (see councils/sections.py) ---


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
