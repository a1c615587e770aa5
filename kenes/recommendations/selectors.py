"""Reads for recommendation pages and the API, each in a fixed number of queries, and the
summary figures (share implemented, days from sending to a response, counts by status)."""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass, field

from django.db.models import Case, Count, Max, Prefetch, Q, QuerySet, Value, When

from kenes.accounts.rules import is_council_staff
from kenes.core import calendar
from kenes.councils.models import Session
from kenes.recommendations.models import OutcomeEvent, Package, Recommendation, Status
from kenes.registry.models import Organization


def public_package_q(prefix: str = "") -> Q:
    """Packages without a decision, or whose decision's minutes are published."""
    return Q(**{f"{prefix}adopted_by__isnull": True}) | Q(
        **{f"{prefix}adopted_by__session__status": Session.Status.MINUTES_PUBLISHED}
    )


def packages_visible_to(user) -> QuerySet[Package]:
    qs = Package.objects.select_related("council__organization", "adopted_by__session")
    return qs if is_council_staff(user) else qs.filter(public_package_q())


def package_list(user) -> QuerySet[Package]:
    return packages_visible_to(user).annotate(
        recommendation_count=Count("recommendations", distinct=True),
        implemented_count=Count("recommendations", filter=Q(recommendations__status=Status.IMPLEMENTED), distinct=True),
    )


def _recommendation_base() -> QuerySet[Recommendation]:
    return (
        Recommendation.objects.select_related("addressee")
        .prefetch_related(Prefetch("addressees", queryset=Organization.objects.order_by("id")))
        .annotate(last_event_on=Max("events__date"))
    )


def package_detail_queryset() -> QuerySet[Package]:
    return Package.objects.select_related("council__organization", "adopted_by__session").prefetch_related(
        Prefetch("recommendations", queryset=_recommendation_base().order_by("number"))
    )


def recommendations_visible_to(user) -> QuerySet[Recommendation]:
    qs = _recommendation_base().select_related("package")
    return qs if is_council_staff(user) else qs.filter(public_package_q("package__"))


def recommendation_detail_queryset() -> QuerySet[Recommendation]:
    return (
        Recommendation.objects.select_related(
            "addressee", "package__council__organization", "package__adopted_by__session"
        )
        .prefetch_related(
            Prefetch("addressees", queryset=Organization.objects.order_by("id")),
            Prefetch("events", queryset=OutcomeEvent.objects.select_related("body").order_by("date", "id")),
        )
        .annotate(last_event_on=Max("events__date"))
    )


def addressee_choices() -> QuerySet[Organization]:
    """Bodies a recommendation may be addressed to: government bodies and akimats first."""
    first = Case(
        When(kind__in=[Organization.Kind.GOVERNMENT, Organization.Kind.AKIMAT], then=Value(0)), default=Value(1)
    )
    return Organization.objects.order_by(first, "kind", "id")


def organization_recommendations(organization: Organization) -> QuerySet[Recommendation]:
    """Public recommendations addressed to an organisation (for its registry page)."""
    return (
        Recommendation.objects.filter(public_package_q("package__"))
        .filter(Q(addressee=organization) | Q(addressees=organization))
        .select_related("package")
        .distinct()
        .order_by("-package__adopted_on", "package_id", "number")
    )


# --- figures --------------------------------------------------------------------------------


@dataclass
class StatusCount:
    status: str
    label: str
    count: int


@dataclass
class Figures:
    total: int = 0
    implemented: int = 0
    implemented_share: float | None = None  # percent of all recommendations
    responses: int = 0  # recommendations with both a "sent" and a "response received" step
    median_days_to_response: float | None = None
    median_working_days_to_response: float | None = None
    by_status: list[StatusCount] = field(default_factory=list)


def _working_days(pairs: list[tuple[datetime.date, datetime.date]]) -> list[int]:
    """working_days_between for many pairs with one read of the calendar's exceptions."""
    if not pairs:
        return []
    days = calendar.WorkingDays(min(a for a, _b in pairs), max(b for _a, b in pairs))
    return [days.between(a, b) for a, b in pairs]


def recommendation_figures(recommendations: QuerySet[Recommendation] | None = None) -> Figures:
    """Figures over `recommendations` (default: every public recommendation), in three queries.
    Days to a response run from the first "sent" step to the first "response received" step."""
    if recommendations is None:
        recommendations = Recommendation.objects.filter(public_package_q("package__"))
    # A plain queryset over the same rows: the callers' annotations (joins) must not multiply the counts.
    ids = recommendations.order_by().values("pk")
    counts = dict(
        Recommendation.objects.filter(pk__in=ids)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    figures = Figures(
        total=sum(counts.values()),
        implemented=counts.get(Status.IMPLEMENTED, 0),
        by_status=[StatusCount(s.value, str(s.label), counts.get(s.value, 0)) for s in Status],
    )
    if figures.total:
        figures.implemented_share = round(100 * figures.implemented / figures.total, 1)
    sent: dict[int, datetime.date] = {}
    answered: dict[int, datetime.date] = {}
    rows = (
        OutcomeEvent.objects.filter(
            recommendation__in=ids,
            status__in=[Status.SENT, Status.RESPONSE_RECEIVED],
        )
        .order_by("date", "id")
        .values_list("recommendation_id", "status", "date")
    )
    for rec_id, status, day in rows:
        target = sent if status == Status.SENT else answered
        target.setdefault(rec_id, day)
    pairs = [(sent[pk], answered[pk]) for pk in answered if pk in sent and answered[pk] >= sent[pk]]
    if pairs:
        figures.responses = len(pairs)
        figures.median_days_to_response = float(statistics.median((b - a).days for a, b in pairs))
        figures.median_working_days_to_response = float(statistics.median(_working_days(pairs)))
    return figures
