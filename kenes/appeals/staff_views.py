"""The staff workspace for appeals: the queue, the review queue of held appeals, one appeal with
its actions, attachments. Staff of a maslikhat see only their own maslikhat's appeals; every page
that shows an applicant's personal data writes "appeals.applicant.viewed" to the audit log."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kenes.accounts.selectors import maslikhat_staff
from kenes.appeals import selectors, services
from kenes.appeals.forms import AnswerForm, AssignForm, ExtendForm, ForwardForm, RejectForm
from kenes.appeals.models import Appeal, AppealAttachment
from kenes.appeals.transitions import TRANSITIONS
from kenes.core.http import allow, form_action
from kenes.registry.models import Maslikhat, Organization, Person

QUEUE_PAGE = 100


def _appeal(request: HttpRequest, pk: int) -> Appeal:
    appeal = get_object_or_404(
        Appeal.objects.select_related(
            "maslikhat__region",
            "deputy",
            "assignee_user",
            "assignee_person",
            "forwarded_to",
            "forwarded_to_maslikhat",
            "forwarded_as",
            "duplicate_of",
        ),
        pk=pk,
    )
    allow(request, "appeals.view_appeal", appeal)
    return appeal


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    allow(request, "appeals.view_queue")
    status = request.GET.get("status", "")
    if status not in Appeal.Status.values:
        status = ""
    overdue = request.GET.get("overdue") == "1"
    assignee = request.GET.get("assignee", "")
    appeals = list(selectors.queue(request.user, status=status, overdue=overdue, assignee=assignee)[:QUEUE_PAGE])
    today = timezone.localdate()
    for appeal in appeals:
        appeal.overdue = appeal.is_overdue(today)
    held = selectors.review_queue(request.user).count()
    return render(
        request,
        "appeals/staff/queue.html",
        {
            "appeals": appeals,
            "statuses": [(v, label) for v, label in Appeal.Status.choices if v != Appeal.Status.HELD],
            "status": status,
            "overdue": overdue,
            "assignee": assignee,
            "held": held,
        },
    )


@login_required
@require_GET
def review(request: HttpRequest) -> HttpResponse:
    allow(request, "appeals.view_queue")
    appeals = list(selectors.review_queue(request.user)[:QUEUE_PAGE])
    return render(request, "appeals/staff/review.html", {"appeals": appeals, "reject_form": RejectForm()})


def _forms(appeal: Appeal, **overrides):
    users = maslikhat_staff(appeal.maslikhat_id).order_by("last_name", "username")
    people = Person.objects.filter(pk__in=selectors.deputies(appeal.maslikhat).values("person_id")).order_by(
        "sort_name", "id"
    )
    return {
        "assign_form": overrides.get("assign_form")
        or AssignForm(
            users=users,
            people=people,
            initial={"assignee_user": appeal.assignee_user_id, "assignee_person": appeal.assignee_person_id},
            prefix="assign",
        ),
        "forward_form": overrides.get("forward_form")
        or ForwardForm(
            organizations=Organization.objects.filter(end_date__isnull=True).order_by("kind", "id"),
            maslikhats=Maslikhat.objects.exclude(pk=appeal.maslikhat_id).select_related("region"),
            prefix="forward",
        ),
        "extend_form": overrides.get("extend_form") or ExtendForm(prefix="extend"),
        "answer_form": overrides.get("answer_form") or AnswerForm(prefix="answer"),
        "reject_form": overrides.get("reject_form") or RejectForm(prefix="reject"),
    }


def _page(request: HttpRequest, appeal: Appeal, status: int = 200, **overrides) -> HttpResponse:
    applicant = None
    if request.user.has_perm("appeals.view_applicant", appeal):
        applicant = appeal.applicant
        services.applicant_view_record(appeal=appeal, actor=request.user)
    context = {
        "appeal": appeal,
        "applicant": applicant,
        "attachments": list(appeal.attachments.all()),
        "events": list(appeal.events.all()),
        "overdue": appeal.is_overdue(),
        "actions": TRANSITIONS.available(request.user, appeal),
        "forward_working_days": services.FORWARD_WORKING_DAYS,
        "extension_months": services.EXTENSION_MONTHS,
        "notice_working_days": services.EXTENSION_NOTICE_WORKING_DAYS,
        "can_files": request.user.has_perm("appeals.view_attachment", appeal),
        "extension_limit": services.extension_limit(appeal),
        "notice_due": services.extension_notice_due(appeal) if appeal.extended_until else None,
        **_forms(appeal, **overrides),
    }
    return render(request, "appeals/staff/appeal.html", context, status=status)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _appeal(request, pk))


def _act(
    request: HttpRequest,
    appeal: Appeal,
    run,
    success: str,
    form=None,
    form_name: str = "",
    done=None,
) -> HttpResponse:
    return form_action(
        request,
        run,
        form=form,
        success=success,
        done=done or (lambda: redirect("appeals-staff:detail", pk=appeal.pk)),
        page=(lambda bound: _page(request, appeal, **{form_name: bound})) if form is not None else None,
    )


@login_required
@require_POST
def action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    appeal = _appeal(request, pk)
    handler = ACTIONS.get(name)
    if handler is None:
        raise Http404
    allow(request, TRANSITIONS.perm(name), appeal)
    return handler(request, appeal)


def _release(request, appeal):
    to_review = request.POST.get("next") == "review"
    return _act(
        request,
        appeal,
        lambda data: services.appeal_release(appeal=appeal, actor=request.user),
        _("Appeal %(code)s was registered.") % {"code": appeal.display_code}
        if to_review
        else _("The appeal was registered."),
        done=(lambda: redirect("appeals-staff:review")) if to_review else None,
    )


def _reject(request, appeal):
    return _act(
        request,
        appeal,
        lambda data: services.appeal_reject(appeal=appeal, actor=request.user, reason=data["reason"]),
        _("The appeal is marked as not considered."),
        RejectForm(request.POST, prefix="reject"),
        "reject_form",
    )


def _assign(request, appeal):
    choices = _forms(appeal)["assign_form"].fields
    return _act(
        request,
        appeal,
        lambda data: services.appeal_assign(
            appeal=appeal, actor=request.user, user=data["assignee_user"], person=data["assignee_person"]
        ),
        _("The appeal was assigned."),
        AssignForm(
            request.POST,
            users=choices["assignee_user"].queryset,
            people=choices["assignee_person"].queryset,
            prefix="assign",
        ),
        "assign_form",
    )


def _forward(request, appeal):
    choices = _forms(appeal)["forward_form"].fields
    return _act(
        request,
        appeal,
        lambda data: services.appeal_forward(
            appeal=appeal, actor=request.user, organization=data["organization"], maslikhat=data["maslikhat"]
        ),
        _("The appeal was forwarded and the applicant told."),
        ForwardForm(
            request.POST,
            organizations=choices["organization"].queryset,
            maslikhats=choices["maslikhat"].queryset,
            prefix="forward",
        ),
        "forward_form",
    )


def _extend(request, appeal):
    return _act(
        request,
        appeal,
        lambda data: services.appeal_extend(
            appeal=appeal, actor=request.user, until=data["extended_until"], reason=data["extension_reason"]
        ),
        _("The term was extended."),
        ExtendForm(request.POST, prefix="extend"),
        "extend_form",
    )


def _notice(request, appeal):
    return _act(
        request,
        appeal,
        lambda data: services.extension_notice_record(appeal=appeal, actor=request.user),
        _("Recorded: the applicant was told of the extension."),
    )


def _answer(request, appeal):
    return _act(
        request,
        appeal,
        lambda data: services.appeal_answer(
            appeal=appeal,
            actor=request.user,
            text=data["answer_text"],
            outcome=data["outcome"],
            file=data["answer_file"],
        ),
        _("The answer was sent."),
        AnswerForm(request.POST, request.FILES, prefix="answer"),
        "answer_form",
    )


def _close(request, appeal):
    return _act(
        request,
        appeal,
        lambda data: services.appeal_close(appeal=appeal, actor=request.user),
        _("The appeal was closed."),
    )


ACTIONS = {
    "release": _release,
    "reject": _reject,
    "assign": _assign,
    "forward": _forward,
    "extend": _extend,
    "notice": _notice,
    "answer": _answer,
    "close": _close,
}


def _serve(path_file, name: str, content_type: str) -> FileResponse:
    try:
        handle = path_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=Path(name).name, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    item = get_object_or_404(AppealAttachment.objects.select_related("appeal"), pk=pk)
    allow(request, "appeals.view_attachment", item.appeal)
    services.applicant_view_record(appeal=item.appeal, actor=request.user, what=f"attachment:{item.pk}")
    return _serve(item.file, item.original_name, item.content_type)


@login_required
@require_GET
def answer_file(request: HttpRequest, pk: int) -> FileResponse:
    appeal = get_object_or_404(Appeal, pk=pk)
    allow(request, "appeals.view_attachment", appeal)
    if not appeal.answer_file:
        raise Http404
    services.applicant_view_record(appeal=appeal, actor=request.user, what="answer_file")
    return _serve(appeal.answer_file, appeal.answer_file.name, "application/octet-stream")
