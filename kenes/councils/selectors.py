"""Reads for council pages and the API. Each fetches a whole session in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from kenes.councils.models import AgendaItem, Council, CouncilMember, Decision, Participation, Session, Statement


def sessions_visible_to(user) -> QuerySet[Session]:
    from kenes.core.rules import is_council_staff

    qs = Session.objects.select_related("council__organization", "chair")
    if not is_council_staff(user):
        qs = qs.filter(status__in=Session.PUBLIC_STATUSES)
    return qs


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
    return list(sessions_visible_to(None).filter(starts_at__gte=timezone.now()).order_by("starts_at")[:limit])


def recent_sessions(limit: int = 10) -> list[Session]:
    return list(sessions_visible_to(None).filter(starts_at__lt=timezone.now()).order_by("-starts_at")[:limit])


def council_members(council: Council, *, current_only: bool = False) -> QuerySet[CouncilMember]:
    qs = council.members.select_related("person", "organization", "admitted_by__session").order_by("start_date", "id")
    if current_only:
        qs = qs.filter(end_date__isnull=True)
    return qs


def default_council() -> Council | None:
    return Council.objects.select_related("organization", "host").order_by("id").first()
