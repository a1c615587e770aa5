"""The staff workspace for work with voters: meetings (announce, record, cancel), the questions
raised (noted, answered, turned into a mandate or an appeal) and voter mandates (record, move
through their statuses). Every view checks kenes/outreach/rules.py on the object it touches and
writes only through kenes.outreach.services; a service's ValidationError is shown on the form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kenes.core.http import allow, apply_service_error, error_messages, form_action
from kenes.outreach import appeal_link, selectors, services
from kenes.outreach.forms import (
    MandateForm,
    MandateTransitionForm,
    MaslikhatChoiceForm,
    MeetingCancelForm,
    MeetingForm,
    MeetingHeldForm,
    QuestionForm,
    QuestionToAppealForm,
    QuestionToMandateForm,
)
from kenes.outreach.models import MeetingQuestion, VoterMandate, VoterMeeting
from kenes.registry.models import Maslikhat

LIST_LIMIT = 200


def _maslikhat_for_new(request: HttpRequest) -> tuple[Maslikhat | None, MaslikhatChoiceForm | None]:
    """Maslikhat staff create records for their own maslikhat; an admin chooses one."""
    if request.user.maslikhat_id and not request.user.is_superuser:
        return request.user.maslikhat, None
    choice = MaslikhatChoiceForm(request.POST or None, initial={"maslikhat": request.GET.get("maslikhat")})
    if request.method == "POST" and choice.is_valid():
        return choice.cleaned_data["maslikhat"], choice
    raw = request.GET.get("maslikhat", "")
    if raw.isdigit():
        return Maslikhat.objects.filter(pk=int(raw)).first(), choice
    return None, choice


# --- home -----------------------------------------------------------------------------------


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    allow(request, "outreach.view_workspace")
    meetings = selectors.staff_meetings(request.user)
    mandates = selectors.staff_mandates(request.user)
    maslikhat_id = request.GET.get("maslikhat", "")
    if maslikhat_id.isdigit():
        meetings = meetings.filter(maslikhat_id=int(maslikhat_id))
        mandates = mandates.filter(maslikhat_id=int(maslikhat_id))
    return render(
        request,
        "outreach/staff/home.html",
        {
            "meetings": list(meetings[:LIST_LIMIT]),
            "mandates": list(mandates[:LIST_LIMIT]),
            "can_manage": request.user.has_perm("outreach.manage"),
        },
    )


# --- meetings -------------------------------------------------------------------------------


def _meeting(pk: int) -> VoterMeeting:
    return get_object_or_404(
        VoterMeeting.objects.select_related("maslikhat__region").prefetch_related(
            "deputies",
            Prefetch("questions", queryset=MeetingQuestion.objects.select_related("mandate", "appeal")),
        ),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    allow(request, "outreach.manage")
    maslikhat, choice = _maslikhat_for_new(request)
    if maslikhat is not None:
        allow(request, "outreach.manage", maslikhat)
    form = MeetingForm(request.POST or None, maslikhat=maslikhat)
    if request.method == "POST" and maslikhat is not None and form.is_valid():
        data, deputies = form.service_data()
        try:
            meeting = services.meeting_create(actor=request.user, maslikhat=maslikhat, data=data, deputies=deputies)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The meeting is announced in the public calendar."))
            return redirect("outreach-staff:meeting", pk=meeting.pk)
    return render(request, "outreach/staff/meeting_form.html", {"form": form, "choice": choice, "maslikhat": maslikhat})


def _meeting_page(request: HttpRequest, meeting: VoterMeeting, **forms: Any) -> HttpResponse:
    can_manage = request.user.has_perm("outreach.manage", meeting)
    announced = meeting.status == VoterMeeting.Status.ANNOUNCED
    held = meeting.status == VoterMeeting.Status.HELD
    context = {
        "meeting": meeting,
        "questions": list(meeting.questions.all()),
        "can_manage": can_manage,
        "announced": announced,
        "held": held,
        "appeals_available": appeal_link.available(),
    }
    if can_manage and announced:
        context["details_form"] = forms.get("details_form") or MeetingForm(instance=meeting, prefix="details")
        context["held_form"] = forms.get("held_form") or MeetingHeldForm(instance=meeting, prefix="held")
        context["cancel_form"] = forms.get("cancel_form") or MeetingCancelForm(prefix="cancel")
    if can_manage and held:
        context["record_form"] = forms.get("record_form") or MeetingHeldForm(instance=meeting, prefix="record")
        context["question_form"] = forms.get("question_form") or QuestionForm(prefix="question")
    return render(request, "outreach/staff/meeting.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting in the workspace; POST saves its details (announced) or its record (held)."""
    meeting = _meeting(pk)
    allow(request, "outreach.view_records", meeting)
    if request.method == "POST":
        allow(request, "outreach.manage", meeting)
        if meeting.status == VoterMeeting.Status.ANNOUNCED:
            form = MeetingForm(request.POST, instance=VoterMeeting.objects.get(pk=pk), prefix="details")
            key = "details_form"
        else:
            form = MeetingHeldForm(request.POST, instance=VoterMeeting.objects.get(pk=pk), prefix="record")
            key = "record_form"

        def save(data: dict) -> None:
            data = dict(data)
            deputies = data.pop("deputies", None)
            services.meeting_update(meeting=meeting, actor=request.user, data=data, deputies=deputies)

        return form_action(
            request,
            save,
            form=form,
            success=_("The meeting was saved."),
            done=lambda: redirect("outreach-staff:meeting", pk=pk),
            page=lambda bound: _meeting_page(request, _meeting(pk), **{key: bound}),
        )
    return _meeting_page(request, meeting)


@login_required
@require_POST
def meeting_hold(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    allow(request, "outreach.manage", meeting)
    return form_action(
        request,
        lambda data: services.meeting_mark_held(meeting=meeting, actor=request.user, data=dict(data)),
        form=MeetingHeldForm(request.POST, instance=VoterMeeting.objects.get(pk=pk), prefix="held"),
        success=_("The meeting is marked as held; record the questions raised."),
        done=lambda: redirect("outreach-staff:meeting", pk=pk),
        page=lambda form: _meeting_page(request, _meeting(pk), held_form=form),
    )


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    allow(request, "outreach.manage", meeting)
    return form_action(
        request,
        lambda data: services.meeting_cancel(meeting=meeting, actor=request.user, reason=data["cancel_reason"]),
        form=MeetingCancelForm(request.POST, prefix="cancel"),
        success=_("The meeting is cancelled."),
        done=lambda: redirect("outreach-staff:meeting", pk=pk),
        page=lambda form: _meeting_page(request, _meeting(pk), cancel_form=form),
    )


# --- questions ------------------------------------------------------------------------------


@login_required
@require_POST
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    allow(request, "outreach.manage", meeting)
    return form_action(
        request,
        lambda data: services.question_add(meeting=meeting, actor=request.user, data=dict(data)),
        form=QuestionForm(request.POST, prefix="question"),
        success=_("The question was recorded."),
        done=lambda: redirect("outreach-staff:meeting", pk=pk),
        page=lambda form: _meeting_page(request, _meeting(pk), question_form=form),
    )


def _question(pk: int) -> MeetingQuestion:
    return get_object_or_404(MeetingQuestion.objects.select_related("meeting__maslikhat", "mandate"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(pk)
    allow(request, "outreach.manage", question)
    form = QuestionForm(request.POST or None, instance=MeetingQuestion.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(question=question, actor=request.user, data=dict(form.cleaned_data))
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The question was saved."))
            return redirect("outreach-staff:meeting", pk=question.meeting_id)
    return render(request, "outreach/staff/question_form.html", {"form": form, "question": question})


@login_required
@require_POST
def question_delete(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(pk)
    allow(request, "outreach.manage", question)
    try:
        services.question_delete(question=question, actor=request.user)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, _("The question was deleted."))
    return redirect("outreach-staff:meeting", pk=question.meeting_id)


@login_required
@require_http_methods(["GET", "POST"])
def question_to_mandate(request: HttpRequest, pk: int) -> HttpResponse:
    """One action: the question becomes a voter mandate of the meeting's maslikhat."""
    question = _question(pk)
    allow(request, "outreach.manage", question)
    form = QuestionToMandateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mandate = services.question_to_mandate(question=question, actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The question became a voter mandate."))
            return redirect("outreach-staff:mandate", pk=mandate.pk)
    return render(
        request, "outreach/staff/question_convert.html", {"form": form, "question": question, "to": "mandate"}
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_to_appeal(request: HttpRequest, pk: int) -> HttpResponse:
    """One action: the question becomes an appeal registered by the appeals capability."""
    question = _question(pk)
    allow(request, "outreach.manage", question)
    if not appeal_link.available():
        raise PermissionDenied
    initial = {"name": question.asked_by_name, "topic": question.text[:200]}
    form = QuestionToAppealForm(request.POST or None, initial=initial, kinds=appeal_link.kinds())
    if request.method == "POST" and form.is_valid():
        try:
            services.question_to_appeal(question=question, actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request, _("The question became an appeal; the maslikhat answers it in the statutory term.")
            )
            return redirect("outreach-staff:meeting", pk=question.meeting_id)
    return render(request, "outreach/staff/question_convert.html", {"form": form, "question": question, "to": "appeal"})


# --- mandates -------------------------------------------------------------------------------


def _mandate(pk: int) -> VoterMandate:
    return get_object_or_404(selectors.mandate_detail_queryset(), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def mandate_create(request: HttpRequest) -> HttpResponse:
    allow(request, "outreach.manage")
    maslikhat, choice = _maslikhat_for_new(request)
    if maslikhat is not None:
        allow(request, "outreach.manage", maslikhat)
    form = MandateForm(request.POST or None, maslikhat=maslikhat)
    if request.method == "POST" and maslikhat is not None and form.is_valid():
        try:
            mandate = services.mandate_create(actor=request.user, maslikhat=maslikhat, data=form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The mandate was recorded."))
            return redirect("outreach-staff:mandate", pk=mandate.pk)
    return render(request, "outreach/staff/mandate_form.html", {"form": form, "choice": choice, "maslikhat": maslikhat})


def _mandate_page(request: HttpRequest, mandate: VoterMandate, **forms: Any) -> HttpResponse:
    can_manage = request.user.has_perm("outreach.manage", mandate)
    allowed = services.mandate_allowed_next(mandate.status)
    context: dict[str, Any] = {
        "mandate": mandate,
        "events": list(mandate.events.all()),
        "can_manage": can_manage,
        "allowed": allowed,
        "question": MeetingQuestion.objects.filter(mandate=mandate).first(),
    }
    if can_manage and allowed:
        context["form"] = forms.get("form") or MandateForm(instance=VoterMandate.objects.get(pk=mandate.pk))
        context["transition_form"] = forms.get("transition_form") or MandateTransitionForm(
            allowed=allowed, prefix="step"
        )
    return render(request, "outreach/staff/mandate.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def mandate(request: HttpRequest, pk: int) -> HttpResponse:
    mandate = _mandate(pk)
    allow(request, "outreach.view_records", mandate)
    if request.method == "POST":
        allow(request, "outreach.manage", mandate)
        return form_action(
            request,
            lambda data: services.mandate_update(mandate=mandate, actor=request.user, data=data),
            form=MandateForm(request.POST, instance=VoterMandate.objects.get(pk=pk)),
            success=_("The mandate was saved."),
            done=lambda: redirect("outreach-staff:mandate", pk=pk),
            page=lambda form: _mandate_page(request, _mandate(pk), form=form),
        )
    return _mandate_page(request, mandate)


@login_required
@require_POST
def mandate_transition(request: HttpRequest, pk: int) -> HttpResponse:
    mandate = _mandate(pk)
    allow(request, "outreach.manage", mandate)
    return form_action(
        request,
        lambda data: services.mandate_transition(
            mandate=mandate,
            actor=request.user,
            status=data["status"],
            date=data["date"],
            note=data["note"],
            reason=data["reason"],
        ),
        form=MandateTransitionForm(request.POST, allowed=services.mandate_allowed_next(mandate.status), prefix="step"),
        success=_("The status of the mandate was changed."),
        done=lambda: redirect("outreach-staff:mandate", pk=pk),
        page=lambda form: _mandate_page(request, _mandate(pk), transition_form=form),
    )
