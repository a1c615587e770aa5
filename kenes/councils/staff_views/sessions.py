"""The council secretariat's workspace: sessions, agenda, participation, the record, transitions.

Every view checks the rules in kenes/councils/rules.py for the object it touches and writes only
through kenes.councils.services; a service's ValidationError is shown on the form or as a message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kenes.core.i18n import pick
from kenes.councils import services
from kenes.councils.forms import (
    AgendaDocumentForm,
    AgendaItemForm,
    DecisionForm,
    ParticipantAddForm,
    ParticipantUpdateForm,
    ParticipationForm,
    SessionForm,
    StatementForm,
    apply_service_error,
)
from kenes.councils.models import AgendaDocument, AgendaItem, Decision, Participation, Session, Statement
from kenes.councils.selectors import default_council, session_detail_queryset, sessions_visible_to
from kenes.registry.models import Maslikhat
from kenes.registry.selectors import regions_on

S = Session.Status


def allow(request: HttpRequest, perm: str, obj: Any = None) -> None:
    """Refuse with 403 unless the signed-in user holds `perm` (for `obj`)."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _error_messages(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


def _session(pk: int) -> Session:
    return get_object_or_404(Session.objects.select_related("council__organization", "chair"), pk=pk)


def _back_to_session(session: Session) -> HttpResponse:
    return redirect("councils-staff:session-edit", pk=session.pk)


# --- sessions ---------------------------------------------------------------------------------


@login_required
@require_GET
def session_list(request: HttpRequest) -> HttpResponse:
    """Council staff see every session, drafts included; maslikhat staff see the public ones."""
    allow(request, "councils.view_workspace")
    sessions = list(sessions_visible_to(request.user).order_by("-starts_at", "-id")[:200])
    return render(
        request,
        "councils/staff/session_list.html",
        {
            "sessions": sessions,
            "can_add": request.user.has_perm("councils.add_session"),
            "can_change": request.user.has_perm("councils.change_session"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest) -> HttpResponse:
    allow(request, "councils.add_session")
    council = default_council()
    form = SessionForm(request.POST or None)
    if council is None:
        form.add_error(None, _("No council is set up yet; load the reference data first."))
    elif request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(actor=request.user, council=council, data=form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The session was created as a draft."))
            return _back_to_session(session)
    return render(request, "councils/staff/session_form.html", {"form": form})


def _session_page(request: HttpRequest, session: Session, **overrides: Any) -> HttpResponse:
    session = session_detail_queryset().get(pk=session.pk)
    editable = session.status != S.MINUTES_PUBLISHED
    agenda_open = session.status in services.EDITABLE_BEFORE_HELD
    items = list(session.agenda_items.all())
    doc_forms = overrides.get("doc_forms", {})
    for item in items:
        item.doc_form = doc_forms.get(item.pk) or AgendaDocumentForm(prefix=f"doc{item.pk}")
    context = {
        "session": session,
        "items": items,
        "details_form": overrides.get("details_form")
        or SessionForm(instance=Session.objects.get(pk=session.pk), prefix="details"),
        "agenda_form": overrides.get("agenda_form") or AgendaItemForm(prefix="agenda"),
        "editable": editable,
        "agenda_open": agenda_open,
        "participants": len(session.participations.all()),
        "can_publish": request.user.has_perm("councils.publish_session", session),
        "can_record": request.user.has_perm("councils.record_session", session),
    }
    return render(request, "councils/staff/session_edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    allow(request, "councils.change_session", session)
    if request.method == "POST":
        # A fresh copy for the form: the service compares the stored record with the new values.
        form = SessionForm(request.POST, instance=Session.objects.get(pk=pk), prefix="details")
        if form.is_valid():
            try:
                services.session_update(session=session, actor=request.user, data=form.cleaned_data)
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("The session details were saved."))
                return _back_to_session(session)
        return _session_page(request, session, details_form=form)
    return _session_page(request, session)


TRANSITIONS: dict[str, tuple[str, Callable[..., Session], Any]] = {
    "announce": (
        "councils.publish_session",
        services.session_announce,
        gettext_lazy("The session is announced and now public."),
    ),
    "hold": ("councils.record_session", services.session_mark_held, gettext_lazy("The session is marked as held.")),
    "publish": (
        "councils.publish_session",
        services.session_publish_minutes,
        gettext_lazy("The minutes are published."),
    ),
}


@login_required
@require_POST
def session_transition(request: HttpRequest, pk: int, transition: str) -> HttpResponse:
    session = _session(pk)
    if transition not in TRANSITIONS:
        raise PermissionDenied
    perm, service, success = TRANSITIONS[transition]
    allow(request, perm, session)
    try:
        service(session=session, actor=request.user)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, success)
    return _back_to_session(session)


# --- agenda and documents ---------------------------------------------------------------------


def _item(pk: int) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.select_related("session"), pk=pk)


@login_required
@require_POST
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    allow(request, "councils.change_session", session)
    form = AgendaItemForm(request.POST, prefix="agenda")
    if form.is_valid():
        try:
            services.agenda_item_add(session=session, actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The agenda item was added."))
            return _back_to_session(session)
    return _session_page(request, session, agenda_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    allow(request, "councils.change_session", item.session)
    form = AgendaItemForm(request.POST or None, instance=AgendaItem.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_update(item=item, actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The agenda item was saved."))
            return _back_to_session(item.session)
    return render(
        request, "councils/staff/agenda_item_form.html", {"form": form, "item": item, "session": item.session}
    )


@login_required
@require_POST
def agenda_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    allow(request, "councils.change_session", item.session)
    try:
        services.agenda_item_delete(item=item, actor=request.user)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("The agenda item was deleted."))
    return _back_to_session(item.session)


@login_required
@require_POST
def agenda_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    allow(request, "councils.change_session", item.session)
    offset = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if offset is None:
        messages.error(request, _("Choose whether to move the item up or down."))
        return _back_to_session(item.session)
    try:
        services.agenda_item_move(item=item, actor=request.user, offset=offset)
    except ValidationError as error:
        _error_messages(request, error)
    return _back_to_session(item.session)


@login_required
@require_POST
def agenda_main(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    allow(request, "councils.change_session", item.session)
    try:
        services.agenda_item_update(item=item, actor=request.user, data={"is_main": True})
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("“%(title)s” is now the main question.") % {"title": pick(item.title)})
    return _back_to_session(item.session)


@login_required
@require_POST
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    allow(request, "councils.change_session", item.session)
    form = AgendaDocumentForm(request.POST, request.FILES, prefix=f"doc{item.pk}")
    if form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}
        try:
            services.agenda_document_add(item=item, actor=request.user, data=data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The document was added."))
            return _back_to_session(item.session)
    return _session_page(request, item.session, doc_forms={item.pk: form})


@login_required
@require_POST
def document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(AgendaDocument.objects.select_related("agenda_item__session"), pk=pk)
    session = document.agenda_item.session
    allow(request, "councils.change_session", session)
    try:
        services.agenda_document_delete(document=document, actor=request.user)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("The document was removed."))
    return _back_to_session(session)


# --- participation ----------------------------------------------------------------------------


def participation_rows(session: Session) -> list[dict]:
    """Every regional maslikhat of the regions that existed on the session's date (17 in 2020,
    20 since June 2022), plus any other maslikhat already taking part."""
    day = session.date
    existing = {p.maslikhat_id: p for p in session.participations.filter(maslikhat__isnull=False)}
    maslikhats = (
        Maslikhat.objects.filter(
            Q(level=Maslikhat.Level.REGIONAL, region__in=regions_on(day)) | Q(pk__in=list(existing))
        )
        .select_related("region")
        .order_by("region__kato", "level", "id")
    )
    rows = []
    for maslikhat in maslikhats:
        current = existing.get(maslikhat.pk)
        region_name = pick(maslikhat.region.name_on(day))
        rows.append(
            {
                "maslikhat": maslikhat,
                "region_name": region_name,
                "label": pick(maslikhat.name) or region_name,
                "mode": current.mode if current else None,
                "mode_label": current.get_mode_display() if current else "",
                "attended": current.attended if current else None,
            }
        )
    return rows


def _participation_page(request: HttpRequest, session: Session, **overrides: Any) -> HttpResponse:
    held = session.status == S.HELD
    form = overrides.get("form") or ParticipationForm(rows=participation_rows(session), with_attendance=held)
    others = list(
        session.participations.filter(maslikhat__isnull=True).select_related("person", "organization").order_by("id")
    )
    for participation in others:
        participation.form = ParticipantUpdateForm(
            prefix=f"p{participation.pk}",
            initial={
                "mode": participation.mode,
                "attended": {True: "yes", False: "no"}.get(participation.attended, ""),
            },
        )
        if not held:
            del participation.form.fields["attended"]
    context = {
        "session": session,
        "form": form,
        "held": held,
        "editable": session.status != S.MINUTES_PUBLISHED,
        "others": others,
        "add_form": overrides.get("add_form") or ParticipantAddForm(prefix="add"),
        "taking_part": sum(1 for row in form.rows if row["mode"]),
    }
    return render(request, "councils/staff/participation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def participation(request: HttpRequest, pk: int) -> HttpResponse:
    """One screen for all regions: who takes part, how, and (once held) who attended."""
    session = _session(pk)
    allow(request, "councils.change_session", session)
    if request.method == "GET":
        return _participation_page(request, session)
    held = session.status == S.HELD
    if held:
        allow(request, "councils.record_session", session)
    form = ParticipationForm(request.POST, rows=participation_rows(session), with_attendance=held)
    if form.is_valid():
        all_remote = "all_remote" in request.POST
        rows = [
            services.MaslikhatAttendance(maslikhat_id=pk_, mode=mode, attended=attended)
            for pk_, mode, attended in form.values(all_remote=all_remote)
        ]
        try:
            services.participation_set_maslikhats(session=session, actor=request.user, rows=rows)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            taking_part = sum(1 for row in rows if row.mode)
            if all_remote:
                messages.success(request, _("All %(n)d maslikhats now take part remotely.") % {"n": taking_part})
            else:
                messages.success(request, _("Participation saved: %(n)d maslikhats take part.") % {"n": taking_part})
            return redirect("councils-staff:participation", pk=session.pk)
    return _participation_page(request, session, form=form)


@login_required
@require_POST
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    allow(request, "councils.change_session", session)
    form = ParticipantAddForm(request.POST, prefix="add")
    if form.is_valid():
        try:
            services.participation_add(
                session=session,
                actor=request.user,
                mode=form.cleaned_data["mode"],
                person=form.cleaned_data.get("person"),
                organization=form.cleaned_data.get("organization"),
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The participant was added."))
            return redirect("councils-staff:participation", pk=session.pk)
    return _participation_page(request, session, add_form=form)


def _participant(pk: int) -> Participation:
    return get_object_or_404(Participation.objects.select_related("session", "person", "organization"), pk=pk)


@login_required
@require_POST
def participant_update(request: HttpRequest, pk: int) -> HttpResponse:
    participation = _participant(pk)
    session = participation.session
    allow(request, "councils.change_session", session)
    form = ParticipantUpdateForm(request.POST, prefix=f"p{participation.pk}")
    if form.is_valid():
        attended = form.attended_value()
        if attended is not None:
            allow(request, "councils.record_session", session)
        try:
            services.participation_update(
                participation=participation, actor=request.user, mode=form.cleaned_data["mode"], attended=attended
            )
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(request, _("Saved: %(who)s.") % {"who": participation.participant})
    else:
        messages.error(request, _("Choose how the participant takes part."))
    return redirect("councils-staff:participation", pk=session.pk)


@login_required
@require_POST
def participant_remove(request: HttpRequest, pk: int) -> HttpResponse:
    participation = _participant(pk)
    session = participation.session
    allow(request, "councils.change_session", session)
    try:
        services.participation_remove(participation=participation, actor=request.user)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("The participant was removed."))
    return redirect("councils-staff:participation", pk=session.pk)


# --- the record: statements and decisions -----------------------------------------------------


def _record_page(request: HttpRequest, session: Session, **overrides: Any) -> HttpResponse:
    session = session_detail_queryset().get(pk=session.pk)
    open_ = session.status in services.RECORDABLE
    context = {
        "session": session,
        "open": open_,
        "statement_form": overrides.get("statement_form") or StatementForm(session=session, prefix="statement"),
        "decision_form": overrides.get("decision_form") or DecisionForm(session=session, prefix="decision"),
    }
    return render(request, "councils/staff/record.html", context)


@login_required
@require_GET
def record(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    allow(request, "councils.record_session", session)
    return _record_page(request, session)


@login_required
@require_POST
def statement_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    allow(request, "councils.record_session", session)
    form = StatementForm(request.POST, session=session, prefix="statement")
    if form.is_valid():
        try:
            services.statement_add(session=session, actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The statement was recorded."))
            return redirect("councils-staff:record", pk=session.pk)
    return _record_page(request, session, statement_form=form)


@login_required
@require_POST
def statement_delete(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(Statement.objects.select_related("session"), pk=pk)
    allow(request, "councils.record_session", statement.session)
    try:
        services.statement_delete(statement=statement, actor=request.user)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("The statement was deleted."))
    return redirect("councils-staff:record", pk=statement.session_id)


@login_required
@require_POST
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    allow(request, "councils.record_session", session)
    form = DecisionForm(request.POST, session=session, prefix="decision")
    if form.is_valid():
        data = dict(form.cleaned_data)
        people = list(data.pop("admit_people", []))
        organizations = list(data.pop("admit_organizations", []))
        try:
            decision = services.decision_add(
                session=session,
                actor=request.user,
                data=data,
                admit_people=people,
                admit_organizations=organizations,
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Decision № %(n)d was recorded.") % {"n": decision.number})
            return redirect("councils-staff:record", pk=session.pk)
    return _record_page(request, session, decision_form=form)


@login_required
@require_POST
def decision_delete(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(Decision.objects.select_related("session"), pk=pk)
    allow(request, "councils.record_session", decision.session)
    try:
        services.decision_delete(decision=decision, actor=request.user)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("The decision was deleted."))
    return redirect("councils-staff:record", pk=decision.session_id)
