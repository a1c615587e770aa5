"""Staff views for sessions: the list, creating and editing a session, and its transitions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kenes.core.http import allow, apply_service_error, form_action
from kenes.councils import services
from kenes.councils.forms import SessionForm
from kenes.councils.models import Session
from kenes.councils.selectors import default_council, sessions_visible_to
from kenes.councils.staff_views.common import _back_to_session, _session, _session_page
from kenes.councils.transitions import TRANSITIONS


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


# URL word → the transition table's action, its service and what the clerk is told.
ACTIONS: dict[str, tuple[str, Callable[..., Session], Any]] = {
    "announce": ("announce", services.session_announce, gettext_lazy("The session is announced and now public.")),
    "hold": ("mark_held", services.session_mark_held, gettext_lazy("The session is marked as held.")),
    "publish": ("publish_minutes", services.session_publish_minutes, gettext_lazy("The minutes are published.")),
}


@login_required
@require_POST
def session_transition(request: HttpRequest, pk: int, transition: str) -> HttpResponse:
    session = _session(pk)
    if transition not in ACTIONS:
        raise Http404
    action, service, success = ACTIONS[transition]
    allow(request, TRANSITIONS.perm(action), session)  # who may: the session's transition table
    return form_action(
        request,
        lambda data: service(session=session, actor=request.user),
        success=success,
        done=lambda: _back_to_session(session),
    )
