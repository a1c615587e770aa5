import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kenes.core.models import AuditEntry
from kenes.outreach import selectors, services
from kenes.outreach.models import MandateEvent, MeetingQuestion, VoterMandate, VoterMeeting
from kenes.publications.models import PublicEvent
from tests.factories import PersonFactory
from tests.outreach.conftest import deputy_of, meeting_data

pytestmark = pytest.mark.django_db
S = VoterMandate.Status
ALL = list(S.values)
VALID = [(a, b) for a, nexts in services.MANDATE_TRANSITIONS.items() for b in nexts]
INVALID = [(a, b) for a in ALL for b in ALL if (a, b) not in VALID]


def _reach(mandate, status, actor):
    """Walk a mandate to `status` by valid steps."""
    paths = {
        S.RECEIVED: [],
        S.ACCEPTED: [S.ACCEPTED],
        S.IN_PROGRESS: [S.ACCEPTED, S.IN_PROGRESS],
        S.EXECUTED: [S.ACCEPTED, S.EXECUTED],
        S.PARTIALLY_EXECUTED: [S.ACCEPTED, S.PARTIALLY_EXECUTED],
        S.NOT_EXECUTABLE: [S.ACCEPTED, S.NOT_EXECUTABLE],
        S.REJECTED: [S.REJECTED],
    }
    for step in paths[status]:
        mandate = services.mandate_transition(mandate=mandate, actor=actor, status=step, reason={"ru": "Причина"})
    return mandate


@pytest.mark.parametrize(("start", "target"), VALID)
def test_valid_mandate_transitions(make_mandate, staff, start, target):
    mandate = _reach(make_mandate(), start, staff)
    mandate = services.mandate_transition(mandate=mandate, actor=staff, status=target, reason={"kk": "Себебі"})
    mandate.refresh_from_db()
    assert mandate.status == target
    assert mandate.events.order_by("-id").first().status == target
    assert AuditEntry.objects.filter(action=f"outreach.mandate.{target}", object_id=str(mandate.pk)).exists()
    assert PublicEvent.objects.filter(kind=f"outreach.mandate.{target}").exists()
    if target in (S.EXECUTED, S.PARTIALLY_EXECUTED):
        assert mandate.executed_on == timezone.localdate()
    else:
        assert mandate.executed_on is None


@pytest.mark.parametrize(("start", "target"), INVALID)
def test_refused_mandate_transitions(make_mandate, staff, start, target):
    mandate = _reach(make_mandate(), start, staff)
    events = mandate.events.count()
    with pytest.raises(ValidationError) as info:
        services.mandate_transition(mandate=mandate, actor=staff, status=target, reason={"kk": "x"})
    assert "cannot become" in str(info.value) or "closed" in str(info.value)
    mandate.refresh_from_db()
    assert mandate.status == start
    assert mandate.events.count() == events


def test_reason_required_for_reject_and_not_executable(make_mandate, staff):
    mandate = make_mandate()
    with pytest.raises(ValidationError, match="reason"):
        services.mandate_transition(mandate=mandate, actor=staff, status=S.REJECTED)
    mandate = _reach(mandate, S.ACCEPTED, staff)
    with pytest.raises(ValidationError, match="reason"):
        services.mandate_transition(mandate=mandate, actor=staff, status=S.NOT_EXECUTABLE, reason={"kk": ""})
    mandate = services.mandate_transition(
        mandate=mandate, actor=staff, status=S.NOT_EXECUTABLE, reason={"ru": "Нет земельного участка"}
    )
    assert mandate.status_reason["ru"] == "Нет земельного участка"


def test_accepting_needs_a_responsible_body(make_mandate, staff):
    mandate = make_mandate(responsible_body=None)
    with pytest.raises(ValidationError, match="responsible body"):
        services.mandate_transition(mandate=mandate, actor=staff, status=S.ACCEPTED)
    services.mandate_update(mandate=mandate, actor=staff, data={"responsible_text": {"ru": "Отдел ЖКХ"}})
    mandate = services.mandate_transition(mandate=mandate, actor=staff, status=S.ACCEPTED)
    assert mandate.status == S.ACCEPTED


def test_step_dates(make_mandate, staff):
    mandate = make_mandate()
    with pytest.raises(ValidationError, match="future"):
        services.mandate_transition(
            mandate=mandate, actor=staff, status=S.ACCEPTED, date=timezone.localdate() + datetime.timedelta(days=1)
        )
    with pytest.raises(ValidationError, match="before the previous step"):
        services.mandate_transition(
            mandate=mandate, actor=staff, status=S.ACCEPTED, date=mandate.received_on - datetime.timedelta(days=1)
        )
    day = mandate.received_on + datetime.timedelta(days=3)
    mandate = services.mandate_transition(mandate=mandate, actor=staff, status=S.ACCEPTED, date=day)
    assert list(mandate.events.values_list("status", "date")) == [(S.RECEIVED, mandate.received_on), (S.ACCEPTED, day)]


def test_mandate_update_rules(make_mandate, staff, other_maslikhat, maslikhat):
    mandate = make_mandate()
    with pytest.raises(ValidationError, match="status step"):
        services.mandate_update(mandate=mandate, actor=staff, data={"status": S.EXECUTED})
    stranger = deputy_of(other_maslikhat)
    with pytest.raises(ValidationError):
        services.mandate_update(mandate=mandate, actor=staff, data={"deputy": stranger})
    mine = deputy_of(maslikhat)
    services.mandate_update(mandate=mandate, actor=staff, data={"deputy": mine})
    mandate = _reach(mandate, S.EXECUTED, staff)
    with pytest.raises(ValidationError, match="closed"):
        services.mandate_update(mandate=mandate, actor=staff, data={"title": {"kk": "x"}})


def test_mandate_from_a_meeting_of_another_maslikhat_refused(make_meeting, staff, other_maslikhat):
    meeting = make_meeting()
    with pytest.raises(ValidationError, match="another maslikhat"):
        services.mandate_create(
            actor=staff,
            maslikhat=other_maslikhat,
            data={"title": {"kk": "x"}, "meeting": meeting, "received_on": timezone.localdate()},
        )
    with pytest.raises(ValidationError, match="meeting"):
        services.mandate_create(
            actor=staff,
            maslikhat=meeting.maslikhat,
            data={"title": {"kk": "x"}, "source": "meeting", "received_on": timezone.localdate()},
        )


def test_mandate_counts_definition(make_mandate, staff, maslikhat, other_maslikhat):
    for target in (S.EXECUTED, S.PARTIALLY_EXECUTED, S.REJECTED, S.IN_PROGRESS, S.RECEIVED):
        _reach(make_mandate(), target, staff)
    counts = selectors.mandate_counts()
    assert counts == {maslikhat.pk: {"total": 5, "executed": 2}}
    assert selectors.mandate_counts([other_maslikhat.pk]) == {}
    assert selectors.mandate_counts([maslikhat.pk])[maslikhat.pk]["executed"] == 2


# --- meetings -------------------------------------------------------------------------------


def test_meeting_lifecycle(make_meeting, staff):
    meeting = make_meeting()
    assert meeting.status == VoterMeeting.Status.ANNOUNCED
    with pytest.raises(ValidationError, match="attended"):
        services.meeting_mark_held(meeting=meeting, actor=staff, data={})
    meeting = services.meeting_mark_held(
        meeting=meeting, actor=staff, data={"attendees_count": 55, "topics": {"ru": "Дороги, отопление"}}
    )
    assert meeting.status == VoterMeeting.Status.HELD and meeting.attendees_count == 55
    assert PublicEvent.objects.filter(kind="outreach.meeting.held", object_id=str(meeting.pk)).exists()
    with pytest.raises(ValidationError, match="Only an announced"):
        services.meeting_mark_held(meeting=meeting, actor=staff, data={"attendees_count": 1})
    with pytest.raises(ValidationError, match="Only an announced"):
        services.meeting_cancel(meeting=meeting, actor=staff, reason={"kk": "x"})
    with pytest.raises(ValidationError, match="only its record"):
        services.meeting_update(meeting=meeting, actor=staff, data={"topic": {"kk": "x"}})
    services.meeting_update(meeting=meeting, actor=staff, data={"attendees_count": 60})
    meeting.refresh_from_db()
    assert meeting.attendees_count == 60


def test_meeting_not_held_before_start(make_meeting, staff):
    meeting = make_meeting(starts_at=timezone.now() + datetime.timedelta(days=3))
    with pytest.raises(ValidationError, match="not started"):
        services.meeting_mark_held(meeting=meeting, actor=staff, data={"attendees_count": 5})


def test_meeting_cancel(make_meeting, staff):
    meeting = make_meeting(starts_at=timezone.now() + datetime.timedelta(days=3))
    with pytest.raises(ValidationError, match="why"):
        services.meeting_cancel(meeting=meeting, actor=staff, reason={"kk": ""})
    meeting = services.meeting_cancel(meeting=meeting, actor=staff, reason={"ru": "Карантин"})
    assert meeting.status == VoterMeeting.Status.CANCELLED
    for call in (
        lambda: services.meeting_mark_held(meeting=meeting, actor=staff, data={"attendees_count": 1}),
        lambda: services.meeting_cancel(meeting=meeting, actor=staff, reason={"kk": "x"}),
        lambda: services.meeting_update(meeting=meeting, actor=staff, data={"topic": {"kk": "x"}}),
    ):
        with pytest.raises(ValidationError):
            call()


def test_meeting_deputies_must_belong_to_the_maslikhat(staff, maslikhat, other_maslikhat):
    with pytest.raises(ValidationError, match="Not deputies"):
        services.meeting_create(
            actor=staff, maslikhat=maslikhat, data=meeting_data(), deputies=[deputy_of(other_maslikhat)]
        )
    with pytest.raises(ValidationError, match="Not deputies"):
        services.meeting_create(actor=staff, maslikhat=maslikhat, data=meeting_data(), deputies=[PersonFactory()])
    assert not VoterMeeting.objects.exists()


def test_meeting_create_refuses_record_fields(staff, maslikhat):
    with pytest.raises(ValidationError):
        services.meeting_create(actor=staff, maslikhat=maslikhat, data=meeting_data(status="held"))


# --- questions ------------------------------------------------------------------------------


def test_questions_only_after_held(make_meeting, staff):
    meeting = make_meeting()
    with pytest.raises(ValidationError, match="held"):
        services.question_add(meeting=meeting, actor=staff, data={"text": "Когда отремонтируют дорогу?"})


def test_question_outcomes(make_meeting, staff):
    meeting = make_meeting(held=True)
    q = services.question_add(meeting=meeting, actor=staff, data={"text": "Вопрос", "asked_by_name": "Иванов И."})
    assert q.outcome == MeetingQuestion.Outcome.NOTED and q.position == 1
    with pytest.raises(ValidationError, match="answer"):
        services.question_update(question=q, actor=staff, data={"outcome": "answered_on_spot"})
    with pytest.raises(ValidationError, match="only by the action"):
        services.question_update(question=q, actor=staff, data={"outcome": "became_mandate"})
    q = services.question_update(question=q, actor=staff, data={"outcome": "answered_on_spot", "answer": "Летом"})
    assert q.outcome == "answered_on_spot"


def test_question_to_mandate(make_meeting, staff, deputy):
    meeting = make_meeting(held=True)
    q = services.question_add(
        meeting=meeting,
        actor=staff,
        data={
            "text": "Серик Алиев просит запустить автобус до села, тел. +7 701 123 45 67",
            "asked_by_name": "Серик Алиев",
        },
    )
    mandate = services.question_to_mandate(question=q, actor=staff, data={"title": {"ru": "Автобусный маршрут"}})
    q.refresh_from_db()
    assert q.outcome == MeetingQuestion.Outcome.BECAME_MANDATE and q.mandate == mandate
    assert mandate.meeting == meeting and mandate.source == "meeting" and mandate.deputy == deputy
    assert mandate.status == S.RECEIVED and MandateEvent.objects.filter(mandate=mandate).count() == 1
    text = " ".join(mandate.text.values())
    assert "Серик" not in text and "Алиев" not in text
    with pytest.raises(ValidationError, match="already became"):
        services.question_to_mandate(question=q, actor=staff, data={"title": {"ru": "Ещё"}})
    with pytest.raises(ValidationError, match="already became"):
        services.question_delete(question=q, actor=staff)
    assert VoterMandate.objects.count() == 1


def test_question_to_appeal(make_meeting, staff, deputy, maslikhat):
    from kenes.appeals.models import Appeal

    meeting = make_meeting(held=True)
    q = services.question_add(
        meeting=meeting,
        actor=staff,
        data={"text": "Прошу проверить начисления за отопление в нашем доме.", "asked_by_name": "Дина Омарова"},
    )
    data = {
        "kind": Appeal.Kind.values[0],
        "topic": "Начисления за отопление",
        "language": "ru",
        "name": "Дина Омарова",
        "email": "",
        "phone": "",
        "address": "",
    }
    with pytest.raises(ValidationError):  # anonymous appeals are not considered: a contact is required
        services.question_to_appeal(question=q, actor=staff, data=data)
    q.refresh_from_db()
    assert q.outcome == MeetingQuestion.Outcome.NOTED and q.appeal is None
    appeal = services.question_to_appeal(question=q, actor=staff, data={**data, "phone": "+7 701 000 00 01"})
    q.refresh_from_db()
    assert q.outcome == MeetingQuestion.Outcome.BECAME_APPEAL and q.appeal == appeal
    assert appeal.source == Appeal.Source.MEETING and appeal.maslikhat == maslikhat and appeal.deputy == deputy
    assert appeal.text == q.text
    assert AuditEntry.objects.filter(action="outreach.question.became_appeal", object_id=str(q.pk)).exists()
    with pytest.raises(ValidationError, match="already became"):
        services.question_to_appeal(question=q, actor=staff, data={**data, "phone": "+7 701 000 00 01"})
    assert Appeal.objects.count() == 1
