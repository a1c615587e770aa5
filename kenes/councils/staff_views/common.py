"""Helpers shared by the council's staff views: loading a session and rendering its page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from kenes.councils.forms import AgendaDocumentForm, AgendaItemForm, SessionForm
from kenes.councils.models import Session
from kenes.councils.selectors import session_detail_queryset
from kenes.councils.transitions import TRANSITIONS

S = Session.Status


def _session(pk: int) -> Session:
    return get_object_or_404(Session.objects.select_related("council__organization", "chair"), pk=pk)


def _back_to_session(session: Session) -> HttpResponse:
    return redirect("councils-staff:session-edit", pk=session.pk)


def _session_page(request: HttpRequest, session: Session, **overrides: Any) -> HttpResponse:
    session = session_detail_queryset().get(pk=session.pk)
    editable = TRANSITIONS.allows(session, "change")
    agenda_open = TRANSITIONS.allows(session, "edit_agenda")
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
        "actions": TRANSITIONS.available(request.user, session, ("announce", "mark_held", "publish_minutes")),
    }
    return render(request, "councils/staff/session_edit.html", context)
