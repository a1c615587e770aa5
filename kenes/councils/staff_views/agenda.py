"""Staff views for the agenda of a session and its documents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kenes.core.http import allow, apply_service_error, error_messages, form_action
from kenes.core.i18n import pick
from kenes.councils import services
from kenes.councils.forms import AgendaDocumentForm, AgendaItemForm
from kenes.councils.models import AgendaDocument, AgendaItem
from kenes.councils.staff_views.common import _back_to_session, _session, _session_page


def _item(pk: int) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.select_related("session"), pk=pk)


@login_required
@require_POST
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    allow(request, "councils.change_session", session)
    return form_action(
        request,
        lambda data: services.agenda_item_add(session=session, actor=request.user, data=data),
        form=AgendaItemForm(request.POST, prefix="agenda"),
        success=_("The agenda item was added."),
        done=lambda: _back_to_session(session),
        page=lambda form: _session_page(request, session, agenda_form=form),
    )


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
        error_messages(request, error)
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
        error_messages(request, error)
    return _back_to_session(item.session)


@login_required
@require_POST
def agenda_main(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    allow(request, "councils.change_session", item.session)
    try:
        services.agenda_item_update(item=item, actor=request.user, data={"is_main": True})
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, _("“%(title)s” is now the main question.") % {"title": pick(item.title)})
    return _back_to_session(item.session)


@login_required
@require_POST
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    allow(request, "councils.change_session", item.session)
    return form_action(
        request,
        lambda data: services.agenda_document_add(
            item=item, actor=request.user, data={key: value for key, value in data.items() if value not in (None, "")}
        ),
        form=AgendaDocumentForm(request.POST, request.FILES, prefix=f"doc{item.pk}"),
        success=_("The document was added."),
        done=lambda: _back_to_session(item.session),
        page=lambda form: _session_page(request, item.session, doc_forms={item.pk: form}),
    )


@login_required
@require_POST
def document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(AgendaDocument.objects.select_related("agenda_item__session"), pk=pk)
    session = document.agenda_item.session
    allow(request, "councils.change_session", session)
    try:
        services.agenda_document_delete(document=document, actor=request.user)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, _("The document was removed."))
    return _back_to_session(session)
