"""Public pages of the channel: items their senders chose to publish, with the council's answer,
and figures on how fast the council answers. No staff names and no attachments appear here."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kenes.core.cache import public_page
from kenes.core.pages import any_demo

from . import selectors
from .links import describe
from .models import ChannelEvent

PAGE_SIZE = 20


@public_page
def channel_home(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.public_items(), PAGE_SIZE).get_page(request.GET.get("page"))
    requests = list(selectors.requests_with_counts()[:10])
    return render(
        request,
        "channel/channel_home.html",
        {
            "page": page,
            "figures": selectors.public_figures(),
            "requests": requests,
            "is_demo": any_demo(page.object_list, requests),
        },
    )


@public_page
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_detail(selectors.public_items()).filter(pk=pk).first()
    if item is None:
        raise Http404(_("No such published item."))
    # Publishing and withdrawing are the sender's own steps, not the council's: left out here.
    events = [
        e for e in item.events.all() if e.action not in (ChannelEvent.Action.PUBLISHED, ChannelEvent.Action.UNPUBLISHED)
    ]
    links = [view for link in item.links.all() if (view := describe(link, public=True))]
    return render(
        request,
        "channel/item_detail.html",
        {"item": item, "events": events, "links": links, "is_demo": item.is_demo},
    )
