"""Reads of appeals for pages and the API."""

from __future__ import annotations

import datetime

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from kenes.accounts.rules import is_council_staff, is_maslikhat_staff
from kenes.appeals import codes
from kenes.appeals.models import OPEN_STATUSES, Appeal
from kenes.registry.models import Maslikhat, Membership, Post

S = Appeal.Status
COUNTED = (S.REGISTERED, S.IN_PROGRESS, S.FORWARDED, S.ANSWERED, S.REOPENED, S.CLOSED)


def appeals_visible_to(user) -> QuerySet[Appeal]:
    qs = Appeal.objects.select_related("maslikhat", "assignee_user", "assignee_person", "deputy")
    if is_council_staff(user):
        return qs
    if is_maslikhat_staff(user):
        return qs.filter(maslikhat_id=user.maslikhat_id)
    return qs.none()


def q_overdue(today: datetime.date | None = None) -> Q:
    """Open appeals whose deadline (extended or not) has passed: derived, never stored."""
    today = today or timezone.localdate()
    return Q(status__in=OPEN_STATUSES) & (
        Q(extended_until__isnull=False, extended_until__lt=today) | Q(extended_until__isnull=True, due_date__lt=today)
    )


def queue(
    user, *, status: str = "", overdue: bool = False, assignee: str = "", today: datetime.date | None = None
) -> QuerySet[Appeal]:
    qs = appeals_visible_to(user).exclude(status=S.HELD)
    if status:
        qs = qs.filter(status=status)
    if overdue:
        qs = qs.filter(q_overdue(today))
    if assignee == "me":
        qs = qs.filter(assignee_user=user)
    elif assignee == "none":
        qs = qs.filter(assignee_user__isnull=True, assignee_person__isnull=True)
    elif assignee.isdigit():
        qs = qs.filter(Q(assignee_user_id=int(assignee)) | Q(assignee_person_id=int(assignee)))
    return qs.order_by(F("due_date").asc(nulls_last=True), "-submitted_at", "-id")


def review_queue(user) -> QuerySet[Appeal]:
    return appeals_visible_to(user).filter(status=S.HELD).select_related("duplicate_of").order_by("submitted_at")


def appeal_by_code(raw: str) -> Appeal | None:
    code = codes.normalize(raw)
    if not codes.is_well_formed(code):
        return None
    return (
        Appeal.objects.select_related("maslikhat__region", "forwarded_to", "forwarded_to_maslikhat", "forwarded_as")
        .prefetch_related("events")
        .filter(tracking_code=code)
        .first()
    )


def deputies(maslikhat: Maslikhat, day: datetime.date | None = None) -> QuerySet[Membership]:
    day = day or timezone.localdate()
    return (
        Membership.objects.filter(
            Membership.q_valid_on(day), post__maslikhat=maslikhat, post__role__in=[Post.Role.DEPUTY, Post.Role.HEAD]
        )
        .select_related("person", "post", "party")
        .order_by("post__role", "person__sort_name", "person_id")
    )


def stats_by_maslikhat(maslikhat_ids: list[int] | None = None) -> dict[int, dict[str, int]]:
    """Public counts per maslikhat: appeals considered, answered, answered on time."""
    qs = Appeal.objects.filter(status__in=COUNTED)
    if maslikhat_ids is not None:
        qs = qs.filter(maslikhat_id__in=maslikhat_ids)
    rows = qs.values("maslikhat_id").annotate(
        total=Count("id"),
        answered=Count("id", filter=Q(status__in=[S.ANSWERED, S.CLOSED])),
        on_time=Count("id", filter=Q(status__in=[S.ANSWERED, S.CLOSED], answered_on_time=True)),
    )
    return {row["maslikhat_id"]: {k: row[k] for k in ("total", "answered", "on_time")} for row in rows}


# --- for the responsiveness index (kenes.insights) ------------------------------------------

# Appeals that count: registered ones the maslikhat itself must answer. Held for review (not yet
# registered), forwarded to another body and not considered are not the maslikhat's to answer.
NOT_THE_MASLIKHATS_TO_ANSWER = (Appeal.Status.HELD, Appeal.Status.FORWARDED, Appeal.Status.REJECTED)


def index_source() -> tuple[type[Appeal], tuple[str, ...]]:
    """The appeals table the index aggregates in SQL, and the statuses it leaves out."""
    return Appeal, tuple(str(status) for status in NOT_THE_MASLIKHATS_TO_ANSWER)
