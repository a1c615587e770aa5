"""Public pages of work with voters: the calendar of meetings and reception hours (with iCalendar
export), the record of a held meeting, and voter mandates with their progress per maslikhat.
The names of citizens who asked questions never appear here; citizens' texts pass the masker."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kenes.core.cache import public_page
from kenes.core.i18n import current_lang, pick
from kenes.core.pages import any_demo
from kenes.outreach import ical, selectors
from kenes.outreach.models import VoterMandate, VoterMeeting
from kenes.registry.models import Maslikhat, Person, Region
from kenes.registry.selectors import regions_on

PER_PAGE = 30


class FilterError(Exception):
    pass


def _calendar_filters(request: HttpRequest) -> dict:
    """region (KATO), maslikhat (id) and deputy (id) from the query string; unknown values are errors."""
    filters: dict = {}
    kato = request.GET.get("region", "").strip()
    if kato:
        region = Region.objects.filter(kato=kato[:9]).first()
        if region is None:
            raise FilterError(_("There is no region with the code “%(code)s”.") % {"code": kato[:12]})
        filters["region"] = region
    for name, model, message in (
        ("maslikhat", Maslikhat, _("There is no such maslikhat.")),
        ("deputy", Person, _("There is no such deputy.")),
    ):
        raw = request.GET.get(name, "").strip()
        if raw:
            obj = model.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
            if obj is None:
                raise FilterError(message)
            filters[name] = obj
    return filters


@public_page
def meeting_calendar(request: HttpRequest) -> HttpResponse:
    past = request.GET.get("when") == "past"
    error = ""
    try:
        filters = _calendar_filters(request)
    except FilterError as exc:
        error, filters = str(exc), {}
    meetings = selectors.meeting_calendar(past=past, **filters)
    page = Paginator(meetings, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    ics_query = query.copy()
    ics_query.pop("when", None)
    return render(
        request,
        "outreach/meeting_calendar.html",
        {
            "page": page,
            "past": past,
            "filters": filters,
            "error": error,
            "regions": regions_on(),
            "query": query.urlencode(),
            "ics_query": ics_query.urlencode(),
            "is_demo": any_demo(page.object_list),
        },
        status=400 if error else 200,
    )


def _ics_response(content: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _absolute(request: HttpRequest):
    return lambda meeting: request.build_absolute_uri(reverse("outreach:meeting-detail", args=[meeting.pk]))


@public_page
def meeting_calendar_ics(request: HttpRequest) -> HttpResponse:
    """Upcoming meetings (same filters as the calendar) for a calendar application."""
    try:
        filters = _calendar_filters(request)
    except FilterError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    meetings = list(selectors.meeting_calendar(**filters)[:500])
    name = _("Meetings with voters")
    for value in filters.values():
        name += f" — {pick(value.name)}"
    content = ical.calendar(meetings, lang=current_lang(), name=name, url_for=_absolute(request))
    return _ics_response(content, "voter-meetings.ics")


def _meeting(pk: int) -> VoterMeeting:
    meeting = selectors.meeting_detail_queryset().filter(pk=pk).first()
    if meeting is None:
        raise Http404(_("No such meeting."))
    return meeting


@public_page
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    held = meeting.status == VoterMeeting.Status.HELD
    return render(
        request,
        "outreach/meeting_detail.html",
        {
            "meeting": meeting,
            "deputies": list(meeting.deputies.all()),
            "questions": list(meeting.questions.all()) if held else [],
            "mandates": list(meeting.mandates.all()),
            "held": held,
            "is_demo": meeting.is_demo,
        },
    )


@public_page
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    content = ical.calendar([meeting], lang=current_lang(), name=pick(meeting.topic), url_for=_absolute(request))
    return _ics_response(content, f"voter-meeting-{meeting.pk}.ics")


@public_page
def mandate_progress(request: HttpRequest) -> HttpResponse:
    rows = selectors.maslikhat_progress()
    return render(
        request,
        "outreach/mandate_progress.html",
        {"rows": rows, "is_demo": any(row["is_demo"] for row in rows)},
    )


@public_page
def maslikhat_mandates(request: HttpRequest, pk: int) -> HttpResponse:
    maslikhat = Maslikhat.objects.select_related("region").filter(pk=pk).first()
    if maslikhat is None:
        raise Http404(_("No such maslikhat."))
    status = request.GET.get("status", "")
    error = ""
    mandates = selectors.mandates().filter(maslikhat=maslikhat).order_by("-received_on", "-id")
    if status:
        if status in VoterMandate.Status.values:
            mandates = mandates.filter(status=status)
        else:
            error, status = _("Choose a status from the list."), ""
    page = Paginator(mandates, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "outreach/maslikhat_mandates.html",
        {
            "maslikhat": maslikhat,
            "summary": selectors.maslikhat_mandate_summary(maslikhat),
            "page": page,
            "status": status,
            "statuses": VoterMandate.Status.choices,
            "error": error,
            "is_demo": any_demo(page.object_list),
        },
        status=400 if error else 200,
    )


@public_page
def mandate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mandate = selectors.mandate_detail_queryset().filter(pk=pk).first()
    if mandate is None:
        raise Http404(_("No such mandate."))
    return render(
        request,
        "outreach/mandate_detail.html",
        {"mandate": mandate, "events": list(mandate.events.all()), "is_demo": mandate.is_demo},
    )
