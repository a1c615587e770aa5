"""Questions raised at a held meeting. One action turns a question into a voter mandate (or an
appeal); the question keeps the link to what it became."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.core.audit import audit_record, snapshot
from kenes.core.i18n import current_lang
from kenes.core.privacy import mask_personal_data
from kenes.core.services import lock, model_create, model_delete, model_update
from kenes.outreach.models import MeetingQuestion, VoterMandate, VoterMeeting
from kenes.outreach.services._common import require
from kenes.outreach.services.mandates import mandate_create

Q = MeetingQuestion.Outcome
OPEN_OUTCOMES = (Q.NOTED, Q.ANSWERED_ON_SPOT)
QUESTION_FIELDS = {"text", "asked_by_name", "outcome", "answer"}


def _check_fields(data: dict[str, Any]) -> None:
    extra = set(data) - QUESTION_FIELDS
    if extra:
        raise ValidationError(
            _("These fields cannot be set here: %(fields)s.") % {"fields": ", ".join(sorted(extra))},
            code="invalid_fields",
        )
    outcome = data.get("outcome")
    if outcome is not None and outcome not in OPEN_OUTCOMES:
        raise ValidationError(
            {"outcome": _("A question becomes an appeal or a mandate only by the action that creates it.")}
        )
    if outcome == Q.ANSWERED_ON_SPOT and not (data.get("answer") or "").strip():
        raise ValidationError({"answer": _("Write down the answer given on the spot.")})


@transaction.atomic
def question_add(*, meeting: VoterMeeting, actor: Any, data: dict[str, Any]) -> MeetingQuestion:
    """Questions are recorded after the meeting is held. The name of the person who asked is optional."""
    meeting = lock(meeting)
    require(meeting.status, (VoterMeeting.Status.HELD,), _("Questions are recorded once the meeting is held."))
    _check_fields(data)
    position = (meeting.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    return model_create(
        model=MeetingQuestion,
        actor=actor,
        action="outreach.question.added",
        data={"outcome": Q.NOTED, **data, "meeting": meeting, "position": position, "created_by": actor},
    )


def _lock_open(question: MeetingQuestion) -> MeetingQuestion:
    question = MeetingQuestion.objects.select_for_update().select_related("meeting__maslikhat").get(pk=question.pk)
    require(
        question.outcome,
        OPEN_OUTCOMES,
        _("The question already became %(what)s; it can no longer change.")
        % {"what": question.get_outcome_display().lower()},
    )
    return question


@transaction.atomic
def question_update(*, question: MeetingQuestion, actor: Any, data: dict[str, Any]) -> MeetingQuestion:
    """Text, name, answer and the outcome noted / answered on the spot can be corrected until the
    question became an appeal or a mandate."""
    question = _lock_open(question)
    _check_fields({"outcome": question.outcome, "answer": question.answer, **data})
    return model_update(instance=question, actor=actor, action="outreach.question.updated", data=data)


@transaction.atomic
def question_delete(*, question: MeetingQuestion, actor: Any) -> None:
    question = _lock_open(question)
    model_delete(instance=question, actor=actor, action="outreach.question.deleted")


@transaction.atomic
def question_to_mandate(*, question: MeetingQuestion, actor: Any, data: dict[str, Any]) -> VoterMandate:
    """One action: a mandate of the meeting's maslikhat, from this meeting, received on the meeting's
    date, with the question as its text; the question becomes "became a mandate" and links to it.
    `data` gives at least the title; the text defaults to the question in the current language."""
    question = _lock_open(question)
    meeting = question.meeting
    deputies = list(meeting.deputies.all())
    data = {
        # The mandate is public: the name of who asked is masked in its text from the start.
        "text": {current_lang(): mask_personal_data(question.text, known=[question.asked_by_name])},
        "deputy": deputies[0] if len(deputies) == 1 else None,
        **data,
        "source": VoterMandate.Source.MEETING,
        "meeting": meeting,
        "received_on": timezone.localtime(meeting.starts_at).date(),
    }
    mandate = mandate_create(actor=actor, maslikhat=meeting.maslikhat, data=data)
    before = snapshot(question)
    question.outcome = Q.BECAME_MANDATE
    question.mandate = mandate
    question.save()
    audit_record(actor=actor, action="outreach.question.became_mandate", obj=question, before=before)
    return mandate


@transaction.atomic
def question_to_appeal(*, question: MeetingQuestion, actor: Any, data: dict[str, Any]) -> Any:
    """One action: the question becomes an appeal to the meeting's maslikhat (source "meeting"),
    registered by the appeals capability with its statutory term. The citizen's name and a contact
    are required there (anonymous appeals are not considered). The question links to the appeal."""
    from kenes.outreach import appeal_link

    question = _lock_open(question)
    meeting = question.meeting
    deputies = list(meeting.deputies.all())
    deputy = deputies[0] if len(deputies) == 1 else None
    if deputy is not None:
        from kenes.appeals.services.intake import deputy_of

        deputy = deputy if deputy_of(deputy, meeting.maslikhat) else None
    appeal = appeal_link.submit(question=question, data=data, deputy=deputy, is_demo=meeting.is_demo)
    before = snapshot(question)
    question.outcome = Q.BECAME_APPEAL
    question.appeal = appeal
    question.save()
    audit_record(actor=actor, action="outreach.question.became_appeal", obj=question, before=before)
    return appeal
