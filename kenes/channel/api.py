"""Public, read-only API of the channel: the items their senders published (with the council's
answer and what the item became) and the council's requests to maslikhats (counts only).
Nothing here names a person."""

import datetime

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kenes.core.api.schemas import ERRORS, NOT_FOUND, Pagination, Ref, RegionRef, Translated, one_of
from kenes.core.http import portal_links

from . import selectors
from .models import ChannelEvent, ChannelItem, ChannelLink, CouncilRequest

router = Router(tags=["channel"])


class ChannelLinkOut(Schema):
    type: str = Field(
        description="What the item became: councils.agendaitem, plans.planitem or recommendations.recommendation"
    )
    id: int


class ChannelEventOut(Schema):
    action: one_of(ChannelEvent.Action)
    status: one_of(ChannelItem.Status) = Field(description="The item's status after the step")
    at: datetime.datetime
    note: Translated


class ChannelItemOut(Schema):
    id: int
    classification: one_of(ChannelItem.Kind) = Field(description="The kind of item")
    subject: Translated
    text: Translated
    maslikhat: Ref = Field(description="The maslikhat that sent the item")
    region: RegionRef
    status: one_of(ChannelItem.Status)
    overdue: bool = Field(description="Still waiting for a response after the due date")
    sent_date: datetime.date
    due_date: datetime.date = Field(description="The response is due by this date (working days)")
    responded_at: datetime.datetime | None = Field(description="The council's first response: an answer or a take-up")
    answer: Translated
    answered_at: datetime.datetime | None
    links: list[ChannelLinkOut] = Field(description="What the council turned the item into")
    url: Translated = Field(description="The item's public page in each language")
    updated_at: datetime.datetime
    is_demo: bool

    @staticmethod
    def resolve_classification(obj: ChannelItem) -> str:
        return obj.kind

    @staticmethod
    def resolve_maslikhat(obj: ChannelItem) -> dict:
        return {"id": obj.maslikhat_id, "name": obj.maslikhat.name}

    @staticmethod
    def resolve_region(obj: ChannelItem) -> dict:
        return {"kato": obj.maslikhat.region.kato, "name": obj.maslikhat.region.name}

    @staticmethod
    def resolve_overdue(obj: ChannelItem) -> bool:
        return obj.is_overdue

    @staticmethod
    def resolve_sent_date(obj: ChannelItem) -> datetime.date:
        return timezone.localtime(obj.sent_at).date()

    @staticmethod
    def resolve_links(obj: ChannelItem) -> list[dict]:
        return [
            {"type": f"{link.content_type.app_label}.{link.content_type.model}", "id": link.object_id}
            for link in obj.links.all()
        ]

    @staticmethod
    def resolve_url(obj: ChannelItem, context: dict) -> dict:
        return portal_links(context["request"], "channel:item-detail", obj.pk)


class ChannelItemDetailOut(ChannelItemOut):
    timeline: list[ChannelEventOut] = Field(description="Every step, oldest first (who acted is not published)")

    @staticmethod
    def resolve_timeline(obj: ChannelItem) -> list[ChannelEvent]:
        return [
            e
            for e in obj.events.all()
            if e.action not in (ChannelEvent.Action.PUBLISHED, ChannelEvent.Action.UNPUBLISHED)
        ]


class ChannelItemFilters(Schema):
    kind: one_of(ChannelItem.Kind) | None = Field(None, description="classification")
    status: one_of(ChannelItem.Status) | None = None
    region: str | None = Field(None, max_length=9, description="KATO code of the sender's region")


class CouncilRequestOut(Schema):
    id: int
    title: Translated
    due_date: datetime.date = Field(description="Maslikhats answer by this date")
    created_date: datetime.date
    targeted: int = Field(description="How many maslikhats were asked")
    answered: int = Field(description="How many of them answered")
    is_demo: bool

    @staticmethod
    def resolve_created_date(obj: CouncilRequest) -> datetime.date:
        return timezone.localtime(obj.created_at).date()


def _public_items() -> QuerySet[ChannelItem]:
    return selectors.public_items().prefetch_related(
        Prefetch("links", queryset=ChannelLink.objects.select_related("content_type"))
    )


@router.get(
    "/channel-items",
    response={200: list[ChannelItemOut], **ERRORS},
    summary="Published channel items",
    description="Items maslikhats sent the council and chose to publish, newest first, with the council's answer.",
)
@paginate(Pagination)
def channel_item_list(request: HttpRequest, filters: Query[ChannelItemFilters]) -> QuerySet[ChannelItem]:
    qs = _public_items()
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.region:
        qs = qs.filter(maslikhat__region__kato=filters.region)
    return qs


@router.get(
    "/channel-items/{item_id}",
    response={200: ChannelItemDetailOut, **NOT_FOUND},
    summary="A published channel item with its timeline",
    description="An item that is not published is not found.",
)
def channel_item_detail(request: HttpRequest, item_id: int) -> ChannelItem:
    item = _public_items().prefetch_related(Prefetch("events", queryset=ChannelEvent.objects.order_by("at", "id")))
    found = item.filter(pk=item_id).first()
    if found is None:
        raise Http404
    return found


@router.get(
    "/council-requests",
    response={200: list[CouncilRequestOut], **ERRORS},
    summary="The council's requests to maslikhats",
    description="Newest first, with how many maslikhats were asked and how many answered. Answers are not published.",
)
@paginate(Pagination)
def council_request_list(request: HttpRequest) -> QuerySet[CouncilRequest]:
    return selectors.requests_with_counts()
