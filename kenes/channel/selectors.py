"""Reads of the channel: the secretariat's inbox, a maslikhat's own items, public items and figures,
requests and who answered them, and links_to(obj) for the pages of what an item became."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from kenes.accounts.rules import is_council_staff
from kenes.registry.models import Maslikhat

from .models import ChannelEvent, ChannelItem, ChannelLink, CouncilRequest, RequestResponse


def _items() -> QuerySet[ChannelItem]:
    return ChannelItem.objects.select_related("maslikhat__region", "assignee", "sent_by")


def items_visible_to(user) -> QuerySet[ChannelItem]:
    """Everything for the council's staff; the own maslikhat's items for its staff; nothing else."""
    if is_council_staff(user):
        return _items()
    if getattr(user, "maslikhat_id", None):
        return _items().filter(maslikhat_id=user.maslikhat_id)
    return ChannelItem.objects.none()


@dataclass
class InboxFilters:
    status: str = ""
    overdue: bool = False
    kind: str = ""
    region: str = ""  # KATO code


def inbox(filters: InboxFilters | None = None) -> QuerySet[ChannelItem]:
    """The secretariat's inbox: oldest deadline first, filtered by status, overdue, kind, region."""
    filters = filters or InboxFilters()
    qs = _items()
    if filters.status in ChannelItem.Status.values:
        qs = qs.filter(status=filters.status)
    if filters.overdue:
        qs = qs.filter(ChannelItem.q_overdue())
    if filters.kind in ChannelItem.Kind.values:
        qs = qs.filter(kind=filters.kind)
    if filters.region:
        qs = qs.filter(maslikhat__region__kato=filters.region)
    return qs.order_by("due_date", "sent_at", "id")


def item_detail(qs: QuerySet[ChannelItem]) -> QuerySet[ChannelItem]:
    return qs.prefetch_related(
        "attachments",
        Prefetch("events", queryset=ChannelEvent.objects.order_by("at", "id")),
        Prefetch("links", queryset=ChannelLink.objects.select_related("content_type").prefetch_related("target")),
    )


def public_items() -> QuerySet[ChannelItem]:
    """Items the sender chose to publish: no staff names are read for these."""
    return ChannelItem.objects.filter(is_public=True).select_related("maslikhat__region").order_by("-sent_at", "-id")


def links_to(obj: Any) -> QuerySet[ChannelItem]:
    """The channel items that became `obj` (an agenda item, a plan item, a recommendation)."""
    content_type = ContentType.objects.get_for_model(obj)
    return (
        ChannelItem.objects.filter(links__content_type=content_type, links__object_id=obj.pk)
        .select_related("maslikhat__region")
        .order_by("sent_at", "id")
        .distinct()
    )


@dataclass
class Figures:
    total: int
    responded: int
    on_time: int
    due: int  # responded, or still waiting past the deadline
    overdue: int
    median_days: float | None

    @property
    def on_time_share(self) -> float | None:
        return round(100 * self.on_time / self.due) if self.due else None


def public_figures() -> Figures:
    """Counted over all items, published or not: they hold no text and no names. The median is of
    the working days from sending to the council's first response (an answer or a take-up)."""
    today = timezone.localdate()
    counts = ChannelItem.objects.aggregate(
        total=Count("id"),
        responded=Count("id", filter=Q(responded_at__isnull=False)),
        on_time=Count("id", filter=Q(responded_at__isnull=False, responded_at__date__lte=F("due_date"))),
        overdue=Count("id", filter=ChannelItem.q_overdue(today)),
    )
    days = list(
        ChannelItem.objects.filter(response_working_days__isnull=False).values_list("response_working_days", flat=True)
    )
    return Figures(
        total=counts["total"],
        responded=counts["responded"],
        on_time=counts["on_time"],
        due=counts["responded"] + counts["overdue"],
        overdue=counts["overdue"],
        median_days=statistics.median(days) if days else None,
    )


# --- requests ---------------------------------------------------------------------------------


def requests_with_counts() -> QuerySet[CouncilRequest]:
    return CouncilRequest.objects.annotate(
        targeted=Count("targets", distinct=True), answered=Count("responses", distinct=True)
    ).order_by("-created_at", "-id")


def requests_visible_to(user) -> QuerySet[CouncilRequest]:
    qs = requests_with_counts()
    if is_council_staff(user):
        return qs
    if getattr(user, "maslikhat_id", None):
        return qs.filter(
            pk__in=CouncilRequest.targets.through.objects.filter(maslikhat_id=user.maslikhat_id).values(
                "councilrequest_id"
            )
        )
    return CouncilRequest.objects.none()


@dataclass
class MatrixRow:
    maslikhat: Maslikhat
    response: RequestResponse | None
    state: str  # answered / late / missing / overdue


def response_matrix(request: CouncilRequest) -> list[MatrixRow]:
    """Each targeted maslikhat with its answer: answered on time, late, missing, or missing past the date."""
    responses = {
        r.maslikhat_id: r for r in RequestResponse.objects.filter(request=request).select_related("submitted_by")
    }
    today = timezone.localdate()
    rows = []
    for maslikhat in request.targets.select_related("region").order_by("region__kato", "level", "id"):
        response = responses.get(maslikhat.pk)
        if response is not None:
            response.request = request
            state = "late" if response.is_late else "answered"
        else:
            state = "overdue" if request.due_date < today else "missing"
        rows.append(MatrixRow(maslikhat, response, state))
    return rows
