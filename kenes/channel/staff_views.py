"""Staff pages of the channel, at /<lang>/staff/channel/: a maslikhat sends items and answers
requests; the secretariat works its inbox and sends requests. Views check permissions and call
services; a service's refusal is shown on the form or as a message, never as an error page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kenes.channel.transitions import TRANSITIONS
from kenes.core.http import allow, apply_service_error, error_messages, form_action

from . import selectors, services
from .forms import (
    AnswerForm,
    AssignForm,
    CloseForm,
    ConvertAgendaForm,
    ConvertPlanForm,
    ConvertRecommendationForm,
    InboxFilterForm,
    ItemSendForm,
    RequestForm,
    ResponseForm,
)
from .links import describe
from .models import ChannelAttachment, ChannelItem, CouncilRequest, RequestResponse

PAGE_SIZE = 50


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    if request.user.has_perm("channel.view_inbox"):
        return redirect("channel-staff:inbox")
    if request.user.has_perm("channel.send_item"):
        return redirect("channel-staff:mine")
    raise PermissionDenied


# --- items ------------------------------------------------------------------------------------


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    allow(request, "channel.view_inbox")
    form = InboxFilterForm(request.GET or None)
    filters = selectors.InboxFilters()
    if form.is_valid():
        filters = selectors.InboxFilters(**form.cleaned_data)
    page = Paginator(selectors.inbox(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "channel/staff/inbox.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    allow(request, "channel.send_item")
    items = selectors.items_visible_to(request.user).order_by("-sent_at", "-id")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "channel/staff/mine.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def item_new(request: HttpRequest) -> HttpResponse:
    allow(request, "channel.send_item")
    form = ItemSendForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("kind", "subject", "text", "is_public")}
        try:
            item = services.item_send(actor=request.user, data=data, attachments=form.cleaned_data["attachments"])
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request,
                _("Your item was sent to the council. An answer is due by %(date)s.")
                % {"date": item.due_date.isoformat()},
            )
            return redirect("channel-staff:item-detail", pk=item.pk)
    return render(request, "channel/staff/item_form.html", {"form": form, "response_days": services.response_days()})


def _item(request: HttpRequest, pk: int) -> ChannelItem:
    item = selectors.item_detail(selectors.items_visible_to(request.user)).filter(pk=pk).first()
    if item is None:
        if ChannelItem.objects.filter(pk=pk).exists() and request.user.has_perm("channel.view_workspace"):
            raise PermissionDenied
        raise Http404(_("No such item."))
    return item


def _item_page(request: HttpRequest, item: ChannelItem, status: int = 200, **forms: Any) -> HttpResponse:
    actions = TRANSITIONS.available(request.user, item)
    context = {
        "item": item,
        "events": list(item.events.all()),
        "attachments": list(item.attachments.all()),
        "links": [view for link in item.links.all() if (view := describe(link, public=False))],
        "can_manage": request.user.has_perm("channel.manage_item", item),
        "can_publish": request.user.has_perm("channel.publish_item", item),
        "actions": actions,
        "assign_form": forms.get("assign_form") or AssignForm(initial={"assignee": request.user.pk}),
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "convert_form": forms.get("convert_form") or ConvertAgendaForm(),
        "plan_form": forms.get("plan_form") or ConvertPlanForm(),
        "recommendation_form": forms.get("recommendation_form") or ConvertRecommendationForm(),
        "close_form": forms.get("close_form") or CloseForm(),
    }
    return render(request, "channel/staff/item_detail.html", context, status=status)


@login_required
@require_GET
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    allow(request, "channel.view_item", item)
    return _item_page(request, item)


def _act(request: HttpRequest, pk: int, form_class: type, form_name: str, action) -> HttpResponse:
    """Run one secretariat action from its form (core.http.form_action)."""
    item = _item(request, pk)
    allow(request, "channel.manage_item", item)
    return form_action(
        request,
        lambda data: action(item, data),
        form=form_class(request.POST),
        done=lambda: redirect("channel-staff:item-detail", pk=item.pk),
        page=lambda form: _item_page(request, item, **{form_name: form}),
    )


@login_required
@require_POST
def item_assign(request: HttpRequest, pk: int) -> HttpResponse:
    def action(item: ChannelItem, data: dict) -> None:
        services.item_assign(item=item, actor=request.user, assignee=data["assignee"])
        messages.success(request, _("The item was assigned."))

    return _act(request, pk, AssignForm, "assign_form", action)


@login_required
@require_POST
def item_answer(request: HttpRequest, pk: int) -> HttpResponse:
    def action(item: ChannelItem, data: dict) -> None:
        services.item_answer(item=item, actor=request.user, answer=data["answer"])
        messages.success(request, _("The answer was sent to the maslikhat."))

    return _act(request, pk, AnswerForm, "answer_form", action)


@login_required
@require_POST
def item_convert_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    def action(item: ChannelItem, data: dict) -> None:
        services.item_convert_to_agenda_item(item=item, actor=request.user, session=data["session"])
        messages.success(request, _("The item was put on the agenda of the session."))

    return _act(request, pk, ConvertAgendaForm, "convert_form", action)


@login_required
@require_POST
def item_convert_plan(request: HttpRequest, pk: int) -> HttpResponse:
    def action(item: ChannelItem, data: dict) -> None:
        services.item_convert_to_plan_item(
            item=item,
            actor=request.user,
            plan=data["plan"],
            data={"deadline": data["deadline"]},
            assignee_maslikhats=[item.maslikhat] if data["sender_responsible"] else (),
        )
        messages.success(request, _("The item was included in the work plan."))

    return _act(request, pk, ConvertPlanForm, "plan_form", action)


@login_required
@require_POST
def item_convert_recommendation(request: HttpRequest, pk: int) -> HttpResponse:
    def action(item: ChannelItem, data: dict) -> None:
        services.item_convert_to_recommendation(
            item=item, actor=request.user, package=data["package"], addressees=list(data["addressees"])
        )
        messages.success(request, _("The item was added to the package of recommendations."))

    return _act(request, pk, ConvertRecommendationForm, "recommendation_form", action)


@login_required
@require_POST
def item_close(request: HttpRequest, pk: int) -> HttpResponse:
    def action(item: ChannelItem, data: dict) -> None:
        services.item_close(item=item, actor=request.user, reason=data["reason"])
        messages.success(request, _("The item was closed."))

    return _act(request, pk, CloseForm, "close_form", action)


@login_required
@require_POST
def item_publish(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    allow(request, "channel.publish_item", item)
    publish = request.POST.get("is_public") == "1"
    try:
        services.item_set_public(item=item, actor=request.user, is_public=publish)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(
            request, _("The item is now public.") if publish else _("The item was withdrawn from the public portal.")
        )
    return redirect("channel-staff:item-detail", pk=item.pk)


def _file_response(field, filename: str) -> FileResponse:
    try:
        handle = field.open("rb")
    except FileNotFoundError as missing:
        raise Http404(_("The file is missing.")) from missing
    response = FileResponse(handle, as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(ChannelAttachment.objects.select_related("item"), pk=pk)
    allow(request, "channel.view_attachment", attachment)
    return _file_response(attachment.file, attachment.name)


# --- requests to maslikhats -----------------------------------------------------------------


@login_required
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    allow(request, "channel.view_workspace")
    requests = list(selectors.requests_visible_to(request.user))
    own = {}
    if request.user.maslikhat_id:
        own = {
            r.request_id: r
            for r in RequestResponse.objects.filter(
                maslikhat_id=request.user.maslikhat_id, request__in=[r.pk for r in requests]
            )
        }
    for council_request in requests:
        council_request.own_response = own.get(council_request.pk)
    return render(
        request,
        "channel/staff/request_list.html",
        {"requests": requests, "can_add": request.user.has_perm("channel.add_request")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    allow(request, "channel.add_request")
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("title", "text", "due_date")}
        try:
            council_request = services.request_create(
                actor=request.user, data=data, targets=form.cleaned_data["targets"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The request was sent to the maslikhats."))
            return redirect("channel-staff:request-detail", pk=council_request.pk)
    return render(request, "channel/staff/request_form.html", {"form": form})


def _request(request: HttpRequest, pk: int) -> CouncilRequest:
    council_request = get_object_or_404(CouncilRequest, pk=pk)
    allow(request, "channel.view_request", council_request)
    return council_request


def _request_page(request: HttpRequest, council_request: CouncilRequest, form=None, status: int = 200) -> HttpResponse:
    context: dict[str, Any] = {"council_request": council_request}
    if request.user.has_perm("channel.view_request_responses", council_request):
        rows = selectors.response_matrix(council_request)
        context["rows"] = rows
        context["totals"] = {
            state: sum(1 for r in rows if r.state == state) for state in ("answered", "late", "missing", "overdue")
        }
    if request.user.has_perm("channel.respond_request", council_request):
        own = RequestResponse.objects.filter(request=council_request, maslikhat_id=request.user.maslikhat_id).first()
        if own is not None:
            own.request = council_request
        context["own"] = own
        context["form"] = form or ResponseForm(initial={"text": own.text} if own else None)
        context["can_edit"] = own is None or not _past_due(council_request)
    return render(request, "channel/staff/request_detail.html", context, status=status)


def _past_due(council_request: CouncilRequest) -> bool:
    return timezone.localdate() > council_request.due_date


@login_required
@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _request_page(request, _request(request, pk))


@login_required
@require_POST
def request_respond(request: HttpRequest, pk: int) -> HttpResponse:
    council_request = _request(request, pk)
    allow(request, "channel.respond_request", council_request)
    form = ResponseForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.response_submit(
                request=council_request,
                actor=request.user,
                text=form.cleaned_data["text"],
                attachment=form.cleaned_data["attachment"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Your answer was saved."))
            return redirect("channel-staff:request-detail", pk=council_request.pk)
    return _request_page(request, council_request, form=form, status=400)


@login_required
@require_GET
def response_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_object_or_404(RequestResponse, pk=pk)
    allow(request, "channel.view_attachment", response)
    if not response.attachment:
        raise Http404(_("This answer has no attachment."))
    return _file_response(response.attachment, response.attachment.name.rsplit("/", 1)[-1])
