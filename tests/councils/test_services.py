import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kenes.core import cache as page_cache
from kenes.core.models import AuditEntry
from kenes.councils import services
from kenes.councils.models import CouncilMember, Decision, Participation, Session
from kenes.registry.models import Maslikhat, Region
from tests.factories import OrganizationFactory, PersonFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _new_session(council, secretariat, **extra):
    data = {
        "title": {"kk": "Отырыс", "ru": "Заседание", "en": "Session"},
        "starts_at": timezone.now() - datetime.timedelta(hours=2),
        "format": Session.Format.VIDEOCONFERENCE,
        **extra,
    }
    return services.session_create(actor=secretariat, council=council, data=data)


def _announced(council, secretariat):
    session = _new_session(council, secretariat)
    services.agenda_item_add(session=session, actor=secretariat, data={"title": {"kk": "Негізгі"}, "is_main": True})
    return services.session_announce(session=session, actor=secretariat)


def test_lifecycle_draft_to_minutes(council, secretariat, django_capture_on_commit_callbacks):
    session = _announced(council, secretariat)
    assert session.status == Session.Status.ANNOUNCED
    regional = list(
        Maslikhat.objects.filter(
            level="regional", region__in=Region.objects.filter(Region.q_valid_on(datetime.date(2020, 10, 21)))
        )
    )
    assert len(regional) == 17
    rows = [services.MaslikhatAttendance(m.pk, Participation.Mode.REMOTE) for m in regional]
    services.participation_set_maslikhats(session=session, actor=secretariat, rows=rows)
    session = services.session_mark_held(session=session, actor=secretariat)
    with pytest.raises(ValidationError, match="attendance"):
        services.session_publish_minutes(session=session, actor=secretariat)
    rows = [services.MaslikhatAttendance(m.pk, Participation.Mode.REMOTE, True) for m in regional]
    services.participation_set_maslikhats(session=session, actor=secretariat, rows=rows)
    org = OrganizationFactory()
    decision = services.decision_add(
        session=session,
        actor=secretariat,
        data={"kind": Decision.Kind.ADMIT_MEMBER, "title": {"ru": "О приёме"}},
        admit_organizations=[org],
    )
    assert decision.number == 1
    member = CouncilMember.objects.get(organization=org)
    assert member.admitted_by == decision and member.start_date == session.date
    with django_capture_on_commit_callbacks() as callbacks:
        session = services.session_publish_minutes(session=session, actor=secretariat)
    assert session.status == Session.Status.MINUTES_PUBLISHED
    tasks = [c for c in callbacks if not isinstance(getattr(c, "__self__", None), page_cache._Changes)]
    assert len(tasks) == 1  # the PDF minutes are rendered by a background task after commit
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "councils.session.created",
        "councils.session.announced",
        "councils.session.held",
        "councils.participation.updated",
        "councils.decision.created",
        "councils.member.admitted",
        "councils.session.minutes_published",
    } <= actions


def test_decision_refused_when_not_held(council, secretariat):
    session = _announced(council, secretariat)
    with pytest.raises(ValidationError, match="held"):
        services.decision_add(session=session, actor=secretariat, data={"kind": "other", "title": {"kk": "x"}})
    assert not Decision.objects.exists()


def test_announce_needs_main_question(council, secretariat):
    session = _new_session(council, secretariat)
    with pytest.raises(ValidationError):
        services.session_announce(session=session, actor=secretariat)
    services.agenda_item_add(session=session, actor=secretariat, data={"title": {"kk": "Бірінші"}})
    with pytest.raises(ValidationError, match="main question"):
        services.session_announce(session=session, actor=secretariat)
    session.refresh_from_db()
    assert session.status == Session.Status.DRAFT


def test_main_question_moves_and_reorder(council, secretariat):
    session = _new_session(council, secretariat)
    a = services.agenda_item_add(session=session, actor=secretariat, data={"title": {"kk": "A"}, "is_main": True})
    b = services.agenda_item_add(session=session, actor=secretariat, data={"title": {"kk": "B"}, "is_main": True})
    a.refresh_from_db()
    assert not a.is_main and b.is_main
    services.agenda_item_move(item=b, actor=secretariat, offset=-1)
    assert list(session.agenda_items.order_by("position").values_list("pk", flat=True)) == [b.pk, a.pk]
    with pytest.raises(ValidationError):
        services.agenda_reorder(session=session, actor=secretariat, order=[a.pk])


def test_attendance_only_after_held(council, secretariat):
    session = _announced(council, secretariat)
    m = Maslikhat.objects.first()
    with pytest.raises(ValidationError, match="held"):
        services.participation_set_maslikhats(
            session=session, actor=secretariat, rows=[services.MaslikhatAttendance(m.pk, "remote", True)]
        )
    assert not session.participations.exists()


def test_future_session_cannot_be_held(council, secretariat):
    session = SessionFactory(
        council=council, status=Session.Status.ANNOUNCED, starts_at=timezone.now() + datetime.timedelta(days=3)
    )
    with pytest.raises(ValidationError, match="not started"):
        services.session_mark_held(session=session, actor=secretariat)


def test_person_cannot_be_admitted_twice(council, secretariat):
    session = _announced(council, secretariat)
    session = services.session_mark_held(session=session, actor=secretariat)
    person = PersonFactory()
    services.decision_add(
        session=session, actor=secretariat, data={"kind": "admit_member", "title": {"kk": "x"}}, admit_people=[person]
    )
    with pytest.raises(ValidationError, match="already a member"):
        services.decision_add(
            session=session,
            actor=secretariat,
            data={"kind": "admit_member", "title": {"kk": "y"}},
            admit_people=[person],
        )
    assert session.decisions.count() == 1


# --- staff workspace additions: participation_update, agenda_document_delete, decision_delete ---


def test_participation_update_marks_attendance_only_when_held(council, secretariat):
    session = _announced(council, secretariat)
    participation = services.participation_add(
        session=session, actor=secretariat, mode=Participation.Mode.IN_PERSON, person=PersonFactory()
    )
    with pytest.raises(ValidationError, match="only after the session is held"):
        services.participation_update(participation=participation, actor=secretariat, mode="remote", attended=True)
    services.participation_update(participation=participation, actor=secretariat, mode="remote")
    session = services.session_mark_held(session=session, actor=secretariat)
    participation.refresh_from_db()
    services.participation_update(participation=participation, actor=secretariat, mode="remote", attended=False)
    participation.refresh_from_db()
    assert (participation.mode, participation.attended) == ("remote", False)
    entry = AuditEntry.objects.filter(action="councils.participation.updated").latest("id")
    assert entry.before["attended"] is None and entry.after["attended"] is False


def test_participation_update_refused_after_minutes(council, secretariat):
    session = _announced(council, secretariat)
    participation = services.participation_add(
        session=session, actor=secretariat, mode="remote", organization=OrganizationFactory()
    )
    session = services.session_mark_held(session=session, actor=secretariat)
    services.participation_update(participation=participation, actor=secretariat, mode="remote", attended=True)
    services.session_publish_minutes(session=session, actor=secretariat)
    participation.refresh_from_db()
    with pytest.raises(ValidationError, match="minutes are published"):
        services.participation_update(participation=participation, actor=secretariat, mode="in_person", attended=True)
    participation.refresh_from_db()
    assert participation.mode == "remote"


def test_agenda_document_delete_removes_the_file(council, secretariat, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kenes.councils.models import AgendaDocument

    session = _new_session(council, secretariat)
    item = services.agenda_item_add(session=session, actor=secretariat, data={"title": {"kk": "Мәселе"}})
    document = services.agenda_document_add(
        item=item,
        actor=secretariat,
        data={"title": {"kk": "Құжат"}, "file": SimpleUploadedFile("a.pdf", b"%PDF-1.4")},
    )
    storage, name = document.file.storage, document.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_document_delete(document=document, actor=secretariat)
    assert not AgendaDocument.objects.exists()
    assert not storage.exists(name)
    assert AuditEntry.objects.filter(action="councils.document.deleted").exists()


def test_decision_delete_only_while_recordable_and_not_after_admission(council, secretariat):
    session = services.session_mark_held(session=_announced(council, secretariat), actor=secretariat)
    plain = services.decision_add(session=session, actor=secretariat, data={"kind": "other", "title": {"kk": "x"}})
    admission = services.decision_add(
        session=session,
        actor=secretariat,
        data={"kind": "admit_member", "title": {"kk": "y"}},
        admit_organizations=[OrganizationFactory()],
    )
    with pytest.raises(ValidationError, match="admitted members"):
        services.decision_delete(decision=admission, actor=secretariat)
    services.decision_delete(decision=plain, actor=secretariat)
    assert list(session.decisions.values_list("number", flat=True)) == [2]
    assert AuditEntry.objects.filter(action="councils.decision.deleted").exists()
