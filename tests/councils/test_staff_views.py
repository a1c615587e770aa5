"""The secretariat's workspace: sessions, agenda, documents, participation, record, transitions."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from kenes.core.models import AuditEntry
from kenes.councils import services
from kenes.councils.models import AgendaDocument, AgendaItem, CouncilMember, Decision, Participation, Session, Statement
from kenes.registry.models import Maslikhat
from tests.factories import MaslikhatFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db

OCT_2020 = datetime.datetime(2020, 10, 21, 10, 0, tzinfo=datetime.UTC)


def reverse_en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def url(name, *args):
    """Staff pages in English, so that assertions read the English source strings."""
    with translation.override("en"):
        return reverse(f"councils-staff:{name}", args=args)


@pytest.fixture
def staff_client(client, secretariat):
    client.force_login(secretariat)
    return client


def _session(council, actor, *, starts_at=OCT_2020, **extra):
    return services.session_create(
        actor=actor,
        council=council,
        data={
            "title": {"kk": "Кеңес отырысы", "ru": "Заседание Совета", "en": "Council session"},
            "starts_at": starts_at,
        }
        | extra,
    )


def _announced(council, actor, **kwargs):
    session = _session(council, actor, **kwargs)
    services.agenda_item_add(session=session, actor=actor, data={"title": {"kk": "Негізгі мәселе"}, "is_main": True})
    return services.session_announce(session=session, actor=actor)


def _held(council, actor, **kwargs):
    return services.session_mark_held(session=_announced(council, actor, **kwargs), actor=actor)


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_session_list_shows_drafts_to_secretariat(staff_client, council, secretariat):
    _session(council, secretariat)
    response = staff_client.get(url("session-list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Council session" in body
    assert 'data-status="draft"' in body
    assert url("session-create") in body


def test_session_list_hides_drafts_from_maslikhat_staff(client, council, secretariat, make_user):
    _session(council, secretariat, title={"en": "Secret draft"})
    announced = _announced(council, secretariat, title={"kk": "Жария отырыс"})
    client.force_login(make_user("maslikhat_staff"))
    body = client.get(url("session-list")).content.decode()
    assert "Жария отырыс" in body
    assert "Secret draft" not in body
    assert url("session-edit", announced.pk) not in body


def test_create_session_through_the_form(staff_client, council):
    response = staff_client.post(
        url("session-create"),
        {
            "title_0": "Кеңес отырысы",
            "title_1": "Заседание Совета",
            "title_2": "",
            "kind": "regular",
            "starts_at": "2020-10-21T10:00",
            "ends_at": "2020-10-21T12:00",
            "format": "videoconference",
            "place_0": "Астана",
        },
    )
    session = Session.objects.get()
    assert response.status_code == 302 and response["Location"] == url("session-edit", session.pk)
    assert session.status == Session.Status.DRAFT
    assert session.title == {"kk": "Кеңес отырысы", "ru": "Заседание Совета", "en": ""}
    assert timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M") == "2020-10-21 10:00"
    assert AuditEntry.objects.filter(action="councils.session.created", object_id=str(session.pk)).exists()


def test_create_session_refuses_end_before_start(staff_client, council):
    response = staff_client.post(
        url("session-create"),
        {
            "title_0": "X",
            "kind": "regular",
            "starts_at": "2020-10-21T10:00",
            "ends_at": "2020-10-20T10:00",
            "format": "hybrid",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Session.objects.exists()


def test_create_session_needs_a_title(staff_client, council):
    response = staff_client.post(url("session-create"), {"kind": "regular", "starts_at": "2020-10-21T10:00"})
    assert "Enter this in at least one language" in response.content.decode()
    assert not Session.objects.exists()


def test_edit_session_details(staff_client, council, secretariat):
    session = _session(council, secretariat)
    response = staff_client.post(
        url("session-edit", session.pk),
        {
            "details-title_0": "Жаңа атау",
            "details-kind": "extraordinary",
            "details-starts_at": "2020-10-21T11:00",
            "details-format": "hybrid",
            "details-video_url": "https://example.kz/video",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title["kk"] == "Жаңа атау" and session.kind == "extraordinary"
    entry = AuditEntry.objects.get(action="councils.session.updated")
    assert entry.before["title"]["kk"] == "Кеңес отырысы" and entry.after["title"]["kk"] == "Жаңа атау"


def test_agenda_editor(staff_client, council, secretariat):
    session = _session(council, secretariat)
    for title in ("Бірінші", "Екінші", "Үшінші"):
        response = staff_client.post(url("agenda-add", session.pk), {"agenda-title_0": title})
        assert response.status_code == 302
    first, second, third = session.agenda_items.order_by("position")
    staff_client.post(url("agenda-main", second.pk))
    assert list(session.agenda_items.filter(is_main=True)) == [second]
    staff_client.post(url("agenda-move", third.pk), {"direction": "up"})
    assert [i.title["kk"] for i in session.agenda_items.order_by("position")] == ["Бірінші", "Үшінші", "Екінші"]
    staff_client.post(url("agenda-move", first.pk), {"direction": "down"})
    assert [i.title["kk"] for i in session.agenda_items.order_by("position")] == ["Үшінші", "Бірінші", "Екінші"]
    staff_client.post(url("agenda-edit", first.pk), {"title_0": "Бірінші (түзетілді)", "is_main": "on"})
    assert list(session.agenda_items.filter(is_main=True).values_list("title__kk", flat=True)) == [
        "Бірінші (түзетілді)"
    ]
    staff_client.post(url("agenda-delete", third.pk))
    assert [(i.position, i.title["kk"]) for i in session.agenda_items.order_by("position")] == [
        (1, "Бірінші (түзетілді)"),
        (2, "Екінші"),
    ]
    body = staff_client.get(url("session-edit", session.pk)).content.decode()
    assert "Бірінші (түзетілді)" in body and "Main question" in body


def test_agenda_is_fixed_once_held(staff_client, council, secretariat):
    session = _held(council, secretariat)
    response = staff_client.post(url("agenda-add", session.pk), {"agenda-title_0": "Кеш"}, follow=True)
    assert "The agenda is fixed once the session is held." in response.content.decode()
    assert session.agenda_items.count() == 1


def test_document_file_upload(staff_client, council, secretariat):
    session = _session(council, secretariat)
    item = services.agenda_item_add(session=session, actor=secretariat, data={"title": {"kk": "Мәселе"}})
    pdf = SimpleUploadedFile("decision.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = staff_client.post(
        url("document-add", item.pk), {f"doc{item.pk}-title_0": "Шешім жобасы", f"doc{item.pk}-file": pdf}
    )
    assert response.status_code == 302
    document = AgendaDocument.objects.get()
    with document.file.open("rb") as stored:
        assert document.file.name.endswith(".pdf") and stored.read().startswith(b"%PDF")
    staff_client.post(url("document-delete", document.pk))
    assert not AgendaDocument.objects.filter(pk=document.pk).exists()


def test_document_link(staff_client, council, secretariat):
    session = _session(council, secretariat)
    item = services.agenda_item_add(session=session, actor=secretariat, data={"title": {"kk": "Мәселе"}})
    response = staff_client.post(
        url("document-add", item.pk), {f"doc{item.pk}-title_0": "Сілтеме", f"doc{item.pk}-url": "https://senate.kz/doc"}
    )
    assert response.status_code == 302
    assert AgendaDocument.objects.filter(url="https://senate.kz/doc").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ....", "accepted file types are PDF, DOC, DOCX, ODT, TXT"),
        ("fake.pdf", b"MZ....", "is not really a PDF file"),
        ("big.txt", b"a" * (10 * 1024 * 1024 + 1), "larger than 10 MB"),
    ],
)
def test_documents_refused(staff_client, council, secretariat, name, content, message):
    session = _session(council, secretariat)
    item = services.agenda_item_add(session=session, actor=secretariat, data={"title": {"kk": "Мәселе"}})
    upload = SimpleUploadedFile(name, content)
    response = staff_client.post(
        url("document-add", item.pk), {f"doc{item.pk}-title_0": "Құжат", f"doc{item.pk}-file": upload}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AgendaDocument.objects.exists()


def test_document_needs_file_or_link(staff_client, council, secretariat):
    session = _session(council, secretariat)
    item = services.agenda_item_add(session=session, actor=secretariat, data={"title": {"kk": "Мәселе"}})
    response = staff_client.post(url("document-add", item.pk), {f"doc{item.pk}-title_0": "Құжат"})
    assert "Upload a file or give a link." in response.content.decode()


def _regional_ids(day):
    from kenes.registry.models import Region

    return set(
        Maslikhat.objects.filter(
            level="regional", region__in=Region.objects.filter(Region.q_valid_on(day))
        ).values_list("pk", flat=True)
    )


def test_participation_screen_lists_the_regions_of_the_session_date(staff_client, council, secretariat):
    old = _session(council, secretariat)
    new = _session(council, secretariat, starts_at=timezone.now() + datetime.timedelta(days=3))
    old_rows = staff_client.get(url("participation", old.pk)).context["form"].rows
    new_rows = staff_client.get(url("participation", new.pk)).context["form"].rows
    assert len(old_rows) == 17 and len(new_rows) == 20
    assert {r["maslikhat"].pk for r in old_rows} == _regional_ids(datetime.date(2020, 10, 21))
    body = staff_client.get(url("participation", old.pk)).content.decode()
    assert "— not taking part —" in body and "Set all to remote and save" in body
    assert "attended_" not in body  # attendance only once held


def test_participation_set_all_remote_without_javascript(staff_client, council, secretariat):
    session = _session(council, secretariat)
    response = staff_client.post(url("participation", session.pk), {"all_remote": "1"})
    assert response.status_code == 302
    assert session.participations.filter(mode="remote").count() == 17
    assert set(session.participations.values_list("maslikhat_id", flat=True)) == _regional_ids(
        datetime.date(2020, 10, 21)
    )
    assert AuditEntry.objects.filter(action="councils.participation.updated").count() == 1


def test_participation_rows_and_extra_maslikhat(staff_client, council, secretariat):
    session = _session(council, secretariat)
    ids = sorted(_regional_ids(datetime.date(2020, 10, 21)))
    district = MaslikhatFactory(level="district", name={"kk": "Аудан мәслихаты"})
    services.participation_set_maslikhats(
        session=session, actor=secretariat, rows=[services.MaslikhatAttendance(district.pk, "in_person")]
    )
    data = {f"mode_{ids[0]}": "in_person", f"mode_{ids[1]}": "remote", f"mode_{district.pk}": "in_person"}
    response = staff_client.post(url("participation", session.pk), data)
    assert response.status_code == 302
    modes = dict(session.participations.values_list("maslikhat_id", "mode"))
    assert modes == {ids[0]: "in_person", ids[1]: "remote", district.pk: "in_person"}
    rows = staff_client.get(url("participation", session.pk)).context["form"].rows
    assert len(rows) == 18  # the district maslikhat stays listed while it takes part


def test_participation_unknown_mode_is_a_form_error(staff_client, council, secretariat):
    session = _session(council, secretariat)
    first = min(_regional_ids(datetime.date(2020, 10, 21)))
    response = staff_client.post(url("participation", session.pk), {f"mode_{first}": "teleport"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not session.participations.exists()


def test_attendance_once_held(staff_client, council, secretariat):
    session = _held(council, secretariat)
    ids = sorted(_regional_ids(datetime.date(2020, 10, 21)))
    body = staff_client.get(url("participation", session.pk)).content.decode()
    assert f"attended_{ids[0]}" in body
    data = {f"mode_{pk}": "remote" for pk in ids} | {f"attended_{pk}": "yes" for pk in ids}
    data[f"attended_{ids[0]}"] = "no"
    staff_client.post(url("participation", session.pk), data)
    assert session.participations.filter(attended=True).count() == 16
    assert session.participations.get(maslikhat_id=ids[0]).attended is False
    # Attended without taking part: the service's message reaches the user.
    response = staff_client.post(url("participation", session.pk), {f"attended_{ids[0]}": "yes"})
    assert "cannot be marked as attended" in response.content.decode()


def test_people_and_organisations_take_part(staff_client, council, secretariat):
    session = _held(council, secretariat)
    person = PersonFactory()
    organization = OrganizationFactory()
    staff_client.post(url("participant-add", session.pk), {"add-person": person.pk, "add-mode": "in_person"})
    staff_client.post(url("participant-add", session.pk), {"add-organization": organization.pk, "add-mode": "remote"})
    response = staff_client.post(
        url("participant-add", session.pk),
        {"add-person": person.pk, "add-organization": organization.pk, "add-mode": "remote"},
    )
    assert "Choose either a person or an organisation." in response.content.decode()
    response = staff_client.post(url("participant-add", session.pk), {"add-person": person.pk, "add-mode": "remote"})
    assert "already takes part" in response.content.decode()
    participation = session.participations.get(person=person)
    staff_client.post(
        url("participant-update", participation.pk),
        {f"p{participation.pk}-mode": "remote", f"p{participation.pk}-attended": "yes"},
    )
    participation.refresh_from_db()
    assert (participation.mode, participation.attended) == ("remote", True)
    other = session.participations.get(organization=organization)
    staff_client.post(url("participant-remove", other.pk))
    assert not Participation.objects.filter(pk=other.pk).exists()


def test_record_explains_why_closed_before_held(staff_client, council, secretariat):
    session = _announced(council, secretariat)
    body = staff_client.get(url("record", session.pk)).content.decode()
    assert "can be recorded only once the session is held" in body
    assert url("decision-add", session.pk) not in body
    response = staff_client.post(
        url("decision-add", session.pk), {"decision-kind": "other", "decision-title_0": "Шешім"}, follow=True
    )
    # A refused transition: the form is gone from the page, so the refusal is said at the top.
    assert response.redirect_chain and response.status_code == 200
    assert "only for a held session" in response.content.decode()
    assert not Decision.objects.exists()


def test_statements_and_decisions(staff_client, council, secretariat):
    session = _held(council, secretariat)
    item = session.agenda_items.get()
    speaker = PersonFactory()
    response = staff_client.post(
        url("statement-add", session.pk),
        {
            "statement-speaker": speaker.pk,
            "statement-speaker_title_1": "Заместитель Председателя Сената",
            "statement-agenda_item": item.pk,
            "statement-text_1": "Выступил с докладом.",
            "statement-quotation_1": "Маслихаты — основа местного самоуправления.",
        },
    )
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.quotation["ru"].startswith("Маслихаты") and statement.agenda_item == item
    organizations = [OrganizationFactory(), OrganizationFactory()]
    response = staff_client.post(
        url("decision-add", session.pk),
        {
            "decision-kind": "admit_member",
            "decision-title_1": "О приёме коллективных членов",
            "decision-admit_organizations": [o.pk for o in organizations],
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.number == 1
    assert set(CouncilMember.objects.values_list("organization_id", flat=True)) == {o.pk for o in organizations}
    response = staff_client.post(
        url("decision-add", session.pk), {"decision-kind": "admit_member", "decision-title_0": "Х"}
    )
    assert "must name at least one new member" in response.content.decode()
    response = staff_client.post(
        url("decision-add", session.pk),
        {"decision-kind": "other", "decision-title_0": "Х", "decision-admit_people": [speaker.pk]},
    )
    assert "Only an admission decision admits members." in response.content.decode()
    staff_client.post(url("decision-add", session.pk), {"decision-kind": "adopt_plan", "decision-title_0": "Жоспар"})
    assert list(session.decisions.values_list("number", flat=True)) == [1, 2]
    body = staff_client.get(url("record", session.pk)).content.decode()
    assert "О приёме коллективных членов" in body or "Admission of members" in body
    staff_client.post(url("statement-delete", statement.pk))
    assert not Statement.objects.exists()


def test_transitions_show_service_errors(staff_client, council, secretariat):
    session = _session(council, secretariat)
    response = staff_client.post(url("session-announce", session.pk), follow=True)
    assert "Add at least one agenda item before announcing the session." in _messages(response)
    services.agenda_item_add(session=session, actor=secretariat, data={"title": {"kk": "Мәселе"}})
    response = staff_client.post(url("session-announce", session.pk), follow=True)
    assert any("main question" in m for m in _messages(response))
    item = session.agenda_items.get()
    staff_client.post(url("agenda-main", item.pk))
    response = staff_client.post(url("session-announce", session.pk), follow=True)
    session.refresh_from_db()
    assert session.status == Session.Status.ANNOUNCED
    assert "The session is announced and now public." in _messages(response)
    staff_client.post(url("participation", session.pk), {"all_remote": "1"})
    staff_client.post(url("session-mark-held", session.pk))
    session.refresh_from_db()
    assert session.status == Session.Status.HELD
    response = staff_client.post(url("session-publish-minutes", session.pk), follow=True)
    assert any("Mark attendance for every participant first (17 not marked)" in m for m in _messages(response))
    ids = _regional_ids(datetime.date(2020, 10, 21))
    staff_client.post(
        url("participation", session.pk),
        {f"mode_{pk}": "remote" for pk in ids} | {f"attended_{pk}": "yes" for pk in ids},
    )
    response = staff_client.post(url("session-publish-minutes", session.pk), follow=True)
    session.refresh_from_db()
    assert session.status == Session.Status.MINUTES_PUBLISHED
    body = response.content.decode()
    assert "The minutes are published; the session can no longer be changed." in body


def test_future_session_cannot_be_marked_held(staff_client, council, secretariat):
    session = _announced(council, secretariat, starts_at=timezone.now() + datetime.timedelta(days=2))
    response = staff_client.post(url("session-mark-held", session.pk), follow=True)
    assert "The session has not started yet." in _messages(response)
    session.refresh_from_db()
    assert session.status == Session.Status.ANNOUNCED


def test_audit_log_page(staff_client, council, secretariat):
    session = _session(council, secretariat)
    services.agenda_item_add(session=session, actor=secretariat, data={"title": {"kk": "Мәселе"}})
    services.session_update(session=session, actor=secretariat, data={"place": {"kk": "Астана"}})
    response = staff_client.get(reverse_en("core-staff:audit-log"))
    body = response.content.decode()
    assert "councils.session.created" in body and "councils.agenda_item.created" in body
    assert secretariat.username in body
    assert "Астана" in body  # the after value of the update
    response = staff_client.get(reverse_en("core-staff:audit-log"), {"action": "councils.agenda"})
    entries = list(response.context["page"])
    assert entries and all(e.action.startswith("councils.agenda") for e in entries)
    assert AgendaItem.objects.count() == 1
