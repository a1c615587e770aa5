"""The staff workspace for appeals: the queue, the review queue of held appeals, one appeal with
its actions, attachments. Staff of a maslikhat see only their own maslikhat's appeals; every page
that shows an applicant's personal data writes "appeals.applicant.viewed" to the audit log."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kenes.accounts.models import Role, User
from kenes.appeals import selectors, services
from kenes.appeals.forms import AnswerForm, AssignForm, ExtendForm, ForwardForm, RejectForm
from kenes.appeals.models import Appeal, AppealAttachment
from kenes.core.http import allow, apply_service_error
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
    users = User.objects.filter(
        maslikhat=appeal.maslikhat, role__in=[Role.MASLIKHAT_STAFF, Role.MASLIKHAT_HEAD], is_active=True
    ).order_by("last_name", "username")
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
    can_process = request.user.has_perm("appeals.process_appeal", appeal)
    context = {
        "appeal": appeal,
        "applicant": applicant,
        "attachments": list(appeal.attachments.all()),
        "events": list(appeal.events.all()),
        "overdue": appeal.is_overdue(),
        "can_process": can_process,
        "can_review": request.user.has_perm("appeals.review_appeal", appeal),
        "can_extend": request.user.has_perm("appeals.extend_appeal", appeal),
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


def _done(request: HttpRequest, appeal: Appeal, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("appeals-staff:detail", pk=appeal.pk)


def _refused_transition(request: HttpRequest, appeal: Appeal, error: ValidationError) -> HttpResponse | None:
    """A refused transition (the appeal moved on meanwhile): its form is gone from the page, so
    the message is shown at the top instead."""
    if getattr(error, "code", None) == "invalid_transition":
        return _refused(request, appeal, error)
    return None


def _refused(request: HttpRequest, appeal: Appeal, error: ValidationError) -> HttpResponse:
    for text in error.messages:
        messages.error(request, text)
    return redirect("appeals-staff:detail", pk=appeal.pk)


@login_required
@require_POST
def action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    appeal = _appeal(request, pk)
    perm = {
        "release": "appeals.review_appeal",
        "reject": "appeals.review_appeal",
        "extend": "appeals.extend_appeal",
    }.get(name, "appeals.process_appeal")
    allow(request, perm, appeal)
    handler = ACTIONS.get(name)
    if handler is None:
        raise Http404
    return handler(request, appeal)


def _release(request, appeal):
    try:
        services.appeal_release(appeal=appeal, actor=request.user)
    except ValidationError as error:
        return _refused(request, appeal, error)
    if request.POST.get("next") == "review":
        messages.success(request, _("Appeal %(code)s was registered.") % {"code": appeal.display_code})
        return redirect("appeals-staff:review")
    return _done(request, appeal, _("The appeal was registered."))


def _reject(request, appeal):
    form = RejectForm(request.POST, prefix="reject")
    if form.is_valid():
        try:
            services.appeal_reject(appeal=appeal, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            return _refused(request, appeal, error)
        return _done(request, appeal, _("The appeal is marked as not considered."))
    return _page(request, appeal, status=400, reject_form=form)


def _assign(request, appeal):
    forms = _forms(appeal)
    form = AssignForm(
        request.POST,
        users=forms["assign_form"].fields["assignee_user"].queryset,
        people=forms["assign_form"].fields["assignee_person"].queryset,
        prefix="assign",
    )
    if form.is_valid():
        try:
            services.appeal_assign(
                appeal=appeal,
                actor=request.user,
                user=form.cleaned_data["assignee_user"],
                person=form.cleaned_data["assignee_person"],
            )
        except ValidationError as error:
            if (refused := _refused_transition(request, appeal, error)) is not None:
                return refused
            apply_service_error(form, error)
        else:
            return _done(request, appeal, _("The appeal was assigned."))
    return _page(request, appeal, status=400, assign_form=form)


def _forward(request, appeal):
    forms = _forms(appeal)
    form = ForwardForm(
        request.POST,
        organizations=forms["forward_form"].fields["organization"].queryset,
        maslikhats=forms["forward_form"].fields["maslikhat"].queryset,
        prefix="forward",
    )
    if form.is_valid():
        try:
            services.appeal_forward(
                appeal=appeal,
                actor=request.user,
                organization=form.cleaned_data["organization"],
                maslikhat=form.cleaned_data["maslikhat"],
            )
        except ValidationError as error:
            if (refused := _refused_transition(request, appeal, error)) is not None:
                return refused
            apply_service_error(form, error)
        else:
            return _done(request, appeal, _("The appeal was forwarded and the applicant told."))
    return _page(request, appeal, status=400, forward_form=form)


def _extend(request, appeal):
    form = ExtendForm(request.POST, prefix="extend")
    if form.is_valid():
        try:
            services.appeal_extend(
                appeal=appeal,
                actor=request.user,
                until=form.cleaned_data["extended_until"],
                reason=form.cleaned_data["extension_reason"],
            )
        except ValidationError as error:
            if (refused := _refused_transition(request, appeal, error)) is not None:
                return refused
            apply_service_error(form, error)
        else:
            return _done(request, appeal, _("The term was extended."))
    return _page(request, appeal, status=400, extend_form=form)


def _notice(request, appeal):
    try:
        services.extension_notice_record(appeal=appeal, actor=request.user)
    except ValidationError as error:
        return _refused(request, appeal, error)
    return _done(request, appeal, _("Recorded: the applicant was told of the extension."))


def _answer(request, appeal):
    form = AnswerForm(request.POST, request.FILES, prefix="answer")
    if form.is_valid():
        try:
            services.appeal_answer(
                appeal=appeal,
                actor=request.user,
                text=form.cleaned_data["answer_text"],
                outcome=form.cleaned_data["outcome"],
                file=form.cleaned_data["answer_file"],
            )
        except ValidationError as error:
            if (refused := _refused_transition(request, appeal, error)) is not None:
                return refused
            apply_service_error(form, error)
        else:
            return _done(request, appeal, _("The answer was sent."))
    return _page(request, appeal, status=400, answer_form=form)


def _close(request, appeal):
    try:
        services.appeal_close(appeal=appeal, actor=request.user)
    except ValidationError as error:
        return _refused(request, appeal, error)
    return _done(request, appeal, _("The appeal was closed."))


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
