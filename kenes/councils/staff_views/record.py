"""Staff views for the record of a held session: statements and decisions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kenes.core.http import allow, error_messages, form_action
from kenes.councils import services
from kenes.councils.forms import DecisionForm, StatementForm
from kenes.councils.models import Decision, Session, Statement
from kenes.councils.selectors import session_detail_queryset
from kenes.councils.staff_views.common import _session
from kenes.councils.transitions import TRANSITIONS


def _record_page(request: HttpRequest, session: Session, **overrides: Any) -> HttpResponse:
    session = session_detail_queryset().get(pk=session.pk)
    context = {
        "session": session,
        "open": TRANSITIONS.allows(session, "record_statements"),
        "frozen": not TRANSITIONS.allows(session, "change"),
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
    return form_action(
        request,
        lambda data: services.statement_add(session=session, actor=request.user, data=data),
        form=StatementForm(request.POST, session=session, prefix="statement"),
        success=_("The statement was recorded."),
        done=lambda: redirect("councils-staff:record", pk=session.pk),
        page=lambda form: _record_page(request, session, statement_form=form),
    )


@login_required
@require_POST
def statement_delete(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(Statement.objects.select_related("session"), pk=pk)
    allow(request, "councils.record_session", statement.session)
    try:
        services.statement_delete(statement=statement, actor=request.user)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, _("The statement was deleted."))
    return redirect("councils-staff:record", pk=statement.session_id)


@login_required
@require_POST
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    allow(request, "councils.record_session", session)

    def add(data: dict) -> Decision:
        data = dict(data)
        people = list(data.pop("admit_people", []))
        organizations = list(data.pop("admit_organizations", []))
        return services.decision_add(
            session=session, actor=request.user, data=data, admit_people=people, admit_organizations=organizations
        )

    return form_action(
        request,
        add,
        form=DecisionForm(request.POST, session=session, prefix="decision"),
        success=lambda decision: _("Decision № %(n)d was recorded.") % {"n": decision.number},
        done=lambda: redirect("councils-staff:record", pk=session.pk),
        page=lambda form: _record_page(request, session, decision_form=form),
    )


@login_required
@require_POST
def decision_delete(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(Decision.objects.select_related("session"), pk=pk)
    allow(request, "councils.record_session", decision.session)
    try:
        services.decision_delete(decision=decision, actor=request.user)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, _("The decision was deleted."))
    return redirect("councils-staff:record", pk=decision.session_id)
