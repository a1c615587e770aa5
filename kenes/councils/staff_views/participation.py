"""Staff views for participation: maslikhats for all regions at once, people and organisations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kenes.core.http import allow, apply_service_error, error_messages, form_action
from kenes.core.i18n import pick
from kenes.councils import services
from kenes.councils.forms import ParticipantAddForm, ParticipantUpdateForm, ParticipationForm
from kenes.councils.models import Participation, Session
from kenes.councils.staff_views.common import S, _session
from kenes.councils.transitions import TRANSITIONS
from kenes.registry.models import Maslikhat
from kenes.registry.selectors import regions_on


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
        "editable": TRANSITIONS.allows(session, "change"),
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
    return form_action(
        request,
        lambda data: services.participation_add(
            session=session,
            actor=request.user,
            mode=data["mode"],
            person=data.get("person"),
            organization=data.get("organization"),
        ),
        form=ParticipantAddForm(request.POST, prefix="add"),
        success=_("The participant was added."),
        done=lambda: redirect("councils-staff:participation", pk=session.pk),
        page=lambda form: _participation_page(request, session, add_form=form),
    )


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
            error_messages(request, error)
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
        error_messages(request, error)
    else:
        messages.success(request, _("The participant was removed."))
    return redirect("councils-staff:participation", pk=session.pk)
