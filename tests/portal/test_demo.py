"""The demo content: the 21 October 2020 session and the Aktobe meeting, loaded through the real
services, marked is_demo, and idempotent."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from kenes.accounts.models import Role, User
from kenes.core.models import AuditEntry
from kenes.councils.models import (
    AgendaItem,
    CouncilMember,
    Decision,
    Participation,
    Session,
    Statement,
)
from kenes.registry.models import Maslikhat, Membership, Organization, Person, Post, Region

pytestmark = pytest.mark.django_db

STARTS_2020 = datetime.datetime(2020, 10, 21, 10, 0, tzinfo=ZoneInfo("Asia/Almaty"))
MODELS = (Organization, Person, Membership, Session, Decision, CouncilMember, AgendaItem, Participation, Statement)


def _load():
    call_command("load_reference")
    call_command("load_demo", "--force")


def _counts():
    return {model.__name__: model.objects.count() for model in (*MODELS, User, AuditEntry, Post)}


@pytest.fixture
def demo(demo_data, db):
    return Session.objects.get(starts_at=STARTS_2020)


def test_session_2020_is_published_with_17_remote_regions(demo):
    assert demo.status == Session.Status.MINUTES_PUBLISHED
    assert demo.kind == Session.Kind.REGULAR and demo.format == Session.Format.VIDEOCONFERENCE
    assert demo.chair.name["en"] == "Askar Shakirov"
    assert demo.chair_title == {
        "kk": "Сенат Төрағасының орынбасары",
        "ru": "Вице-спикер Сената",
        "en": "Vice-speaker of the Senate",
    }
    assert "Нур-Султан" in demo.place["ru"] and "Нұр-Сұлтан" in demo.place["kk"]
    maslikhats = demo.participations.filter(maslikhat__isnull=False)
    assert maslikhats.count() == 17
    assert set(maslikhats.values_list("mode", "attended")) == {(Participation.Mode.REMOTE, True)}
    regions_2020 = set(
        Region.objects.filter(Region.q_valid_on(datetime.date(2020, 10, 21))).values_list("pk", flat=True)
    )
    assert set(maslikhats.values_list("maslikhat__region", flat=True)) == regions_2020
    assert not maslikhats.filter(maslikhat__region__kato__in=["100000000", "330000000", "620000000"]).exists()
    people = {p.person.name["en"]: p.mode for p in demo.participations.filter(person__isnull=False)}
    assert people == {
        "Askar Shakirov": "in_person",
        "Toleubek Mukashev": "in_person",
        "Serik Akylbay": "in_person",
        "Malik Kulshar": "remote",
    }


def test_session_2020_agenda_statements_and_decisions(demo):
    items = list(demo.agenda_items.order_by("position"))
    assert len(items) == 3
    assert items[0].is_main and "Послания Президента" in items[0].title["ru"] and "Tokayev" in items[0].title["en"]
    assert "Рухани жаңғыру" in items[1].title["ru"]
    statements = {s.speaker.name["en"]: s for s in demo.statements.select_related("speaker")}
    assert set(statements) == {"Askar Shakirov", "Toleubek Mukashev", "Malik Kulshar", "Serik Akylbay"}
    for statement in statements.values():
        assert all(statement.quotation[lang] for lang in ("kk", "ru", "en"))
        assert all(statement.text[lang] for lang in ("kk", "ru", "en"))
    assert statements["Malik Kulshar"].quotation["ru"].startswith("депутаты маслихатов должны донести до каждого")
    assert "культа знаний и образованности" in statements["Toleubek Mukashev"].quotation["ru"]
    assert "транспарентной для населения" in statements["Askar Shakirov"].quotation["ru"]
    assert "Данная работа будет продолжена" in statements["Serik Akylbay"].quotation["ru"]
    assert statements["Malik Kulshar"].agenda_item == items[0]

    decisions = list(demo.decisions.order_by("number"))
    assert [(d.number, d.kind) for d in decisions] == [
        (1, Decision.Kind.ADMIT_MEMBER),
        (2, Decision.Kind.ADOPT_PLAN),
        (3, Decision.Kind.RECOMMENDATION),
    ]
    admitted = CouncilMember.objects.filter(admitted_by=decisions[0]).select_related("organization")
    assert {m.organization.name["ru"] for m in admitted} == {
        "Департамент координации программы «Рухани жаңғыру»",
        "Институт государственного местного управления",
        "Республиканский журнал «Мәслихат және әкімдік – маслихат и акимат»",
    }
    assert all(m.start_date == datetime.date(2020, 10, 21) and m.is_demo for m in admitted)
    assert demo.council.members.filter(organization__isnull=False).count() >= 3


def test_aktobe_meeting(demo):
    meeting = Session.objects.get(kind=Session.Kind.MEETING)
    assert meeting.status == Session.Status.MINUTES_PUBLISHED
    assert meeting.format == Session.Format.IN_PERSON
    assert meeting.chair.name["ru"] == "Дарига Назарбаева"
    assert "Date approximate" in meeting.summary["en"] and "Дата приблизительная" in meeting.summary["ru"]
    (participation,) = meeting.participations.filter(maslikhat__isnull=False)
    assert participation.maslikhat.name["kk"] == "Ақтөбе облыстық мәслихаты"
    assert (participation.mode, participation.attended) == (Participation.Mode.IN_PERSON, True)
    quotes = " ".join(s.quotation["ru"] for s in meeting.statements.all())
    assert "улица с двусторонним движением" in quotes and "для галочки" in quotes
    assert meeting.agenda_items.get(is_main=True).title["ru"].startswith("О 25-летии маслихатов")


def test_memberships_and_organisations(demo):
    head = Membership.objects.get(person__name__en="Malik Kulshar")
    assert head.post.role == Post.Role.HEAD
    assert head.post.maslikhat == Maslikhat.objects.get(region__kato="270000000", level="regional")
    assert head.title()["ru"] == "Секретарь маслихата"  # the title on the end date, before 2023
    assert head.is_demo and head.note["en"]
    assert Membership.objects.get(person__name__en="Askar Shakirov").post.organization.kind == "chamber"
    assert Membership.objects.get(person__name__en="Serik Akylbay").post.organization.name["en"] == (
        "Union of Lawyers of Kazakhstan"
    )
    kinds = dict(Organization.objects.filter(is_demo=True).values_list("name__en", "kind"))
    assert kinds["Union of Lawyers of Kazakhstan"] == "partner"
    assert kinds["Association of Maslikhat Deputies of Kazakhstan"] == "association"
    assert kinds["Ministry of Information and Social Development of the Republic of Kazakhstan"] == "government"
    assert kinds["Government of the Republic of Kazakhstan"] == "government"


def test_every_demo_record_is_marked(demo):
    for model in (Person, Membership, Session, Decision, CouncilMember):
        assert model.objects.exists()
        assert not model.objects.filter(is_demo=False).exists(), model.__name__
    # Reference data is not demo; the demo organisations are.
    assert Organization.objects.filter(kind="chamber", is_demo=False).exists()
    assert Organization.objects.filter(is_demo=True).count() >= 7
    # Only the reference records (the chamber and the council) are not demo.
    assert set(Organization.objects.filter(is_demo=False).values_list("kind", flat=True)) == {"chamber", "council"}


def test_writes_went_through_the_audited_services(demo):
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "registry.organization.created",
        "registry.person.created",
        "registry.membership.created",
        "councils.session.created",
        "councils.session.announced",
        "councils.session.held",
        "councils.statement.created",
        "councils.decision.created",
        "councils.member.admitted",
        "councils.session.minutes_published",
    } <= actions
    # The council's demo record is written by the loader itself, not by a person.
    assert not AuditEntry.objects.filter(actor__isnull=False, action__startswith="councils.").exists()


def test_loading_twice_changes_nothing(demo):
    before = _counts()
    _load()
    assert _counts() == before
    assert Session.objects.get(starts_at=STARTS_2020).status == Session.Status.MINUTES_PUBLISHED


def test_demo_accounts(demo):
    secretariat = User.objects.get(username="secretariat")
    assert secretariat.role == Role.SECRETARIAT and secretariat.check_password("kenes-demo")
    aktobe = User.objects.get(username="aktobe")
    assert aktobe.role == Role.MASLIKHAT_HEAD and aktobe.maslikhat.region.kato == "150000000"
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("kenes-demo")


def test_command_refuses_without_debug_unless_forced(db, settings):
    settings.DEBUG = False
    before = _counts()
    with pytest.raises(CommandError, match="not for production"):
        call_command("load_demo")
    assert _counts() == before  # refused before writing anything


def test_session_page_and_api_show_the_demo(demo, client):
    page = client.get(f"/kk/sessions/{demo.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'lang="kk"' in html
    assert "Асқар Шәкіров" in html
    assert "мәслихат депутаттары Мемлекет басшысы Жолдауының мәнін" in html
    assert "Ақтөбе облыстық мәслихаты" in html and "Батыс Қазақстан облыстық мәслихаты" in html
    english = client.get(f"/en/sessions/{demo.pk}/").content.decode()
    assert "Institute of State Local Government" in english

    data = client.get(f"/api/v1/sessions/{demo.pk}").json()
    assert data["id"] == demo.pk
    text = str(data)
    assert "Askar Shakirov" in text and "Асқар Шәкіров" in text
    assert "депутаты маслихатов должны донести до каждого казахстанца" in text
    assert text.count("remote") >= 17
