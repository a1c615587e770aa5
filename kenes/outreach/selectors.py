"""Reads for the pages and the API of work with voters. Lists fetch in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from kenes.accounts.rules import is_admin, is_council_staff
from kenes.outreach.models import MandateEvent, MeetingQuestion, VoterMandate, VoterMeeting
from kenes.registry.models import Maslikhat, Person, Region

DONE_STATUSES = (VoterMandate.Status.EXECUTED, VoterMandate.Status.PARTIALLY_EXECUTED)
OPEN_STATUSES = (
    VoterMandate.Status.RECEIVED,
    VoterMandate.Status.ACCEPTED,
    VoterMandate.Status.IN_PROGRESS,
)
ACTIVE_STATUSES = (VoterMandate.Status.ACCEPTED, VoterMandate.Status.IN_PROGRESS)


# --- meetings -------------------------------------------------------------------------------


def meetings() -> QuerySet[VoterMeeting]:
    """Every meeting is public (announced, held or cancelled)."""
    return VoterMeeting.objects.select_related("maslikhat__region").prefetch_related(
        Prefetch("deputies", queryset=Person.objects.order_by("sort_name", "id"))
    )


def meeting_calendar(
    *,
    region: Region | None = None,
    maslikhat: Maslikhat | None = None,
    deputy: Person | None = None,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
    past: bool = False,
) -> QuerySet[VoterMeeting]:
    """Upcoming meetings, soonest first (or past ones, latest first), filtered by region, maslikhat,
    deputy and a time window."""
    qs = meetings()
    now = timezone.now()
    if past:
        qs = qs.filter(starts_at__lt=now).order_by("-starts_at", "-id")
    else:
        # A meeting under way is still "upcoming" for a visitor looking for it.
        qs = qs.filter(Q(starts_at__gte=now) | Q(ends_at__gte=now)).order_by("starts_at", "id")
    if region is not None:
        qs = qs.filter(maslikhat__region=region)
    if maslikhat is not None:
        qs = qs.filter(maslikhat=maslikhat)
    if deputy is not None:
        qs = qs.filter(deputies=deputy)
    if start is not None:
        qs = qs.filter(starts_at__gte=start)
    if end is not None:
        qs = qs.filter(starts_at__lt=end)
    return qs


def meeting_detail_queryset() -> QuerySet[VoterMeeting]:
    return meetings().prefetch_related(
        Prefetch("questions", queryset=MeetingQuestion.objects.select_related("mandate")),
        Prefetch("mandates", queryset=VoterMandate.objects.order_by("id")),
    )


def upcoming_for_maslikhat(maslikhat: Maslikhat, limit: int = 10) -> list[VoterMeeting]:
    return list(meeting_calendar(maslikhat=maslikhat)[:limit])


def upcoming_for_person(person: Person, limit: int = 10) -> list[VoterMeeting]:
    return list(meeting_calendar(deputy=person)[:limit])


# --- mandates -------------------------------------------------------------------------------


def mandates() -> QuerySet[VoterMandate]:
    return VoterMandate.objects.select_related("maslikhat__region", "deputy", "responsible_body", "meeting")


def mandate_detail_queryset() -> QuerySet[VoterMandate]:
    return mandates().prefetch_related(Prefetch("events", queryset=MandateEvent.objects.order_by("date", "id")))


def mandate_counts(maslikhat_ids: Iterable[int] | None = None) -> dict[int, dict[str, int]]:
    """{maslikhat_id: {"total": n, "executed": m}} for maslikhats with at least one mandate.

    Definition used by the responsiveness index ("share of mandates executed" = executed / total):
    - total: every voter mandate recorded for the maslikhat, whatever its status — rejected and
      "cannot be executed" mandates count too, so turning mandates down never raises the share;
    - executed: mandates whose status is executed or partially_executed (a partial execution is
      counted as executed; the public pages show the two apart).
    Demo records are counted like any other; callers that must exclude them filter on their own.
    """
    qs = VoterMandate.objects.all()
    if maslikhat_ids is not None:
        qs = qs.filter(maslikhat_id__in=list(maslikhat_ids))
    rows = qs.values("maslikhat_id").annotate(
        total=Count("id"), executed=Count("id", filter=Q(status__in=DONE_STATUSES))
    )
    return {row["maslikhat_id"]: {"total": row["total"], "executed": row["executed"]} for row in rows}


def status_counts(qs: QuerySet[VoterMandate] | None = None) -> dict[str, int]:
    """How many mandates are in each status (every status present, zero where none)."""
    qs = qs if qs is not None else VoterMandate.objects.all()
    counts = dict.fromkeys(VoterMandate.Status.values, 0)
    for row in qs.order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


def maslikhat_progress() -> list[dict]:
    """Per maslikhat with mandates: the maslikhat, totals by status and the executed share, in one query
    for the figures and one for the maslikhats."""
    per_status = {s: Count("id", filter=Q(status=s)) for s in VoterMandate.Status.values}
    rows = list(
        VoterMandate.objects.order_by()
        .values("maslikhat_id")
        .annotate(total=Count("id"), demo=Count("id", filter=Q(is_demo=True)), **per_status)
    )
    by_id = Maslikhat.objects.select_related("region").in_bulk([r["maslikhat_id"] for r in rows])
    out = []
    for row in rows:
        maslikhat = by_id[row["maslikhat_id"]]
        out.append(progress_row(maslikhat, row))
    out.sort(key=lambda r: (r["maslikhat"].region.kato, r["maslikhat"].level, r["maslikhat"].pk))
    return out


def progress_row(maslikhat: Maslikhat, counts: dict) -> dict:
    total = counts.get("total") or 0
    executed = counts.get(VoterMandate.Status.EXECUTED, 0) + counts.get(VoterMandate.Status.PARTIALLY_EXECUTED, 0)
    open_ = sum(counts.get(s, 0) for s in OPEN_STATUSES)
    return {
        "maslikhat": maslikhat,
        "total": total,
        "executed": executed,
        "fully": counts.get(VoterMandate.Status.EXECUTED, 0),
        "partially": counts.get(VoterMandate.Status.PARTIALLY_EXECUTED, 0),
        "open": open_,
        "closed_other": total - executed - open_,
        "share": round(100 * executed / total) if total else None,
        "is_demo": bool(counts.get("demo")),
    }


def maslikhat_mandate_summary(maslikhat: Maslikhat) -> dict:
    counts = status_counts(VoterMandate.objects.filter(maslikhat=maslikhat))
    counts["total"] = sum(counts.values())
    return {**progress_row(maslikhat, counts), "by_status": counts}


def overdue(mandate: VoterMandate, today: datetime.date | None = None) -> bool:
    """Derived, never stored: an open mandate past its planned completion."""
    today = today or timezone.localdate()
    return bool(mandate.planned_completion and mandate.status in OPEN_STATUSES and mandate.planned_completion < today)


def mandates_due(*, today: datetime.date, within_days: int) -> QuerySet[VoterMandate]:
    """Open mandates whose planned completion is within `within_days` days or already passed."""
    return mandates().filter(
        status__in=OPEN_STATUSES,
        planned_completion__isnull=False,
        planned_completion__lte=today + datetime.timedelta(days=within_days),
    )


# --- staff ----------------------------------------------------------------------------------


def visible_maslikhat_ids(user) -> list[int] | None:
    """None = every maslikhat (council staff and admins); otherwise the user's own."""
    if is_council_staff(user) or is_admin(user):
        return None
    return [user.maslikhat_id] if getattr(user, "maslikhat_id", None) else []


def staff_meetings(user) -> QuerySet[VoterMeeting]:
    qs = meetings().annotate(question_count=Count("questions", distinct=True)).order_by("-starts_at", "-id")
    ids = visible_maslikhat_ids(user)
    return qs if ids is None else qs.filter(maslikhat_id__in=ids)


def staff_mandates(user) -> QuerySet[VoterMandate]:
    qs = mandates().order_by("-received_on", "-id")
    ids = visible_maslikhat_ids(user)
    return qs if ids is None else qs.filter(maslikhat_id__in=ids)


# --- for the responsiveness index (kenes.insights) ------------------------------------------

EXECUTED_STATUSES = (VoterMandate.Status.EXECUTED,)


def mandate_index_counts(*, month: datetime.date | None, by_deputy: bool):
    """Mandates received per maslikhat (and deputy) and month: total, executed, demo records."""
    mandates = VoterMandate.objects.all()
    if month is not None:
        following = (month + datetime.timedelta(days=32)).replace(day=1)
        mandates = mandates.filter(received_on__gte=month, received_on__lt=following)
    grouped = mandates.annotate(m=TruncMonth("received_on")).order_by()
    fields = ["maslikhat_id", "deputy_id", "m"] if by_deputy else ["maslikhat_id", "m"]
    query = grouped.filter(deputy__isnull=False) if by_deputy else grouped
    return query.values(*fields).annotate(
        total=Count("id"),
        executed=Count("id", filter=Q(status__in=EXECUTED_STATUSES)),
        demo=Count("id", filter=Q(is_demo=True)),
    )
