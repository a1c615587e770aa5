"""Public council pages: the council, its sessions and their minutes."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kenes.core.cache import public_page
from kenes.core.i18n import current_lang
from kenes.core.pages import any_demo
from kenes.councils.minutes import minutes_html, minutes_pdf
from kenes.councils.models import CouncilMember, Session
from kenes.councils.selectors import (
    council_members,
    default_council,
    public_sessions,
    session_detail_queryset,
    session_years,
)

SESSIONS_PER_PAGE = 20


@public_page
def session_list(request: HttpRequest) -> HttpResponse:
    sessions = public_sessions().order_by("-starts_at", "-id")
    years = session_years()
    year_param = request.GET.get("year", "").strip()
    year = None
    error = ""
    if year_param:
        if year_param.isdigit() and int(year_param) in years:
            year = int(year_param)
            sessions = sessions.filter(starts_at__year=year)
        else:
            error = _("There are no public sessions in “%(year)s”. Choose a year from the list.") % {
                "year": year_param[:10]
            }
    page = Paginator(sessions, SESSIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "councils/session_list.html",
        {"page": page, "years": years, "year": year, "error": error, "is_demo": any_demo(page.object_list)},
        status=400 if error else 200,
    )


def _get_session(request: HttpRequest, pk: int) -> Session:
    session = session_detail_queryset().filter(pk=pk).first()
    if session is None or not request.user.has_perm("councils.view_session", session):
        raise Http404(_("No such session."))
    return session


def _participants(session: Session) -> dict[str, list]:
    groups: dict[str, list] = {"maslikhats": [], "organizations": [], "people": []}
    for participation in session.participations.all():
        if participation.maslikhat_id:
            groups["maslikhats"].append(participation)
        elif participation.organization_id:
            groups["organizations"].append(participation)
        else:
            groups["people"].append(participation)
    return groups


@public_page
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _get_session(request, pk)
    show_record = request.user.has_perm("councils.view_session_record", session)
    participants = _participants(session)
    agenda = list(session.agenda_items.all())
    statements = list(session.statements.all()) if show_record else []
    decisions = list(session.decisions.all()) if show_record else []
    return render(
        request,
        "councils/session_detail.html",
        {
            "session": session,
            "agenda": agenda,
            "participants": participants,
            "show_record": show_record,
            "statements": statements,
            "decisions": decisions,
            "minutes_available": session.record_is_public,
            "is_demo": session.is_demo,
        },
    )


def _published_session(pk: int) -> Session:
    session = session_detail_queryset().filter(pk=pk, status=Session.Status.MINUTES_PUBLISHED).first()
    if session is None:
        raise Http404(_("The minutes of this session are not published."))
    return session


@public_page
def session_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    session = _published_session(pk)
    return HttpResponse(minutes_html(session, current_lang(), web=True), content_type="text/html; charset=utf-8")


@public_page
def session_minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The stored PDF in the page's language, or one rendered now if the background task has not run."""
    session = _published_session(pk)
    lang = current_lang()
    stored = session.minutes_files.filter(language=lang).first()
    content = None
    if stored is not None and stored.pdf:
        try:
            with stored.pdf.open("rb") as handle:
                content = handle.read()
        except FileNotFoundError:
            content = None
    if content is None:
        content = minutes_pdf(session, lang)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{session.pk}-{lang}.pdf"'
    return response


@public_page
def council_detail(request: HttpRequest) -> HttpResponse:
    council = default_council()
    if council is None:
        raise Http404(_("No council has been set up yet."))
    members = list(council_members(council))
    individual = [m for m in members if m.kind == CouncilMember.Kind.INDIVIDUAL]
    collective = [m for m in members if m.kind == CouncilMember.Kind.COLLECTIVE]
    sessions = list(public_sessions().filter(council=council).order_by("-starts_at")[:30])
    return render(
        request,
        "councils/council_detail.html",
        {
            "council": council,
            "individual": individual,
            "collective": collective,
            "sessions": sessions,
            "is_demo": any_demo(members, sessions),
        },
    )
