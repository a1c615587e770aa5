"""The demo content: the 21 October 2020 session and the Aktobe meeting, loaded through the real
services, marked is_demo, and idempotent; the API serves it as documented; and over the whole demo
content a change in each capability renews the public pages that show it and no other (kenes.core.cache).
One module, so the demo content is loaded once for all of these."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from kenes.accounts.models import Role, User
from kenes.appeals.models import Appeal
from kenes.channel.models import ChannelItem
from kenes.core.models import AuditEntry
from kenes.councils.models import (
    AgendaItem,
    CouncilMember,
    Decision,
    Participation,
    Session,
    Statement,
)
from kenes.outreach.models import VoterMandate, VoterMeeting
from kenes.plans.models import PlanItem
from kenes.recommendations.models import Recommendation
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


# --- the demo content in the API, as documented ---------------------------------------------


def test_the_2020_session_and_the_council_are_in_the_api(client, demo):
    openapi = OpenAPI.from_dict(client.get("/api/v1/openapi.json").json())

    def fetch(url):
        response = client.get(url)
        assert response.status_code == 200, url
        openapi.validate_response(DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response))
        return response.json()

    sessions = fetch("/api/v1/sessions?year=2020")
    [session] = [s for s in sessions["items"] if s["start_date"].startswith("2020-10-21")]
    assert session["is_demo"] is True
    body = fetch(f"/api/v1/sessions/{session['id']}")
    assert body["record_published"] is True
    remote = [p for p in body["participants"] if p["classification"] == "maslikhat"]
    assert len(remote) == 17 and {p["mode"] for p in remote} == {"remote"}
    assert {p["region"]["kato"] for p in remote}.isdisjoint({"100000000", "330000000", "620000000"})
    assert [a for a in body["agenda"] if a["is_main"]]
    assert body["statements"] and any(s["quotation"]["ru"] for s in body["statements"])
    kinds = {d["classification"] for d in body["decisions"]}
    assert {"admit_member", "adopt_plan"} <= kinds
    council = fetch("/api/v1/council")
    admitted = [m for m in council["memberships"] if m["admitted_by"] and m["admitted_by"]["session_id"] == body["id"]]
    assert len([m for m in admitted if m["kind"] == "collective"]) == 3
    assert fetch("/api/v1/regions?on=2020-10-21")["count"] == 17


# --- a change in each capability renews the pages that show it, and no other ----------------

NEW = "Renewed-7f3a"


@pytest.fixture
def demo_committed(demo_data, db, settings, django_capture_on_commit_callbacks):
    settings.KENES_PUBLIC_CACHE = True
    # The demo content was written in the module's transaction, which never commits: renew what it
    # wrote now, as its commit would have, so that each test starts from committed data.
    with django_capture_on_commit_callbacks(execute=True):
        Person.objects.filter(pk=-1).update(sort_name="")


def _first(model, **filters):
    return model.objects.filter(**filters).order_by("pk").first()


def _rename(model, field: str, **filters) -> Callable[[], list[str]]:
    """A write through a bulk update (no service, no audit): the connection reports it all the same."""

    def change() -> None:
        record = _first(model, **filters)
        model.objects.filter(pk=record.pk).update(**{field: {"kk": NEW, "ru": NEW, "en": NEW}})

    return change


@dataclass
class Case:
    change: Callable[[], None]
    shows: Callable[[], list[str]]  # pages that show the changed record
    unrelated: Callable[[], str]  # a page of another capability


def _session_pages() -> list[str]:
    session = _first(Session, status=Session.Status.MINUTES_PUBLISHED)
    return [f"/en/sessions/{session.pk}/", f"/api/v1/sessions/{session.pk}"]


CASES = {
    "a person (registry)": Case(
        _rename(Person, "name", name__en="Askar Shakirov"),
        lambda: [f"/en/people/{_first(Person, name__en='Askar Shakirov').pk}/", *_session_pages()],
        lambda: "/en/plans/",
    ),
    "a session (councils)": Case(
        _rename(Session, "title", status=Session.Status.MINUTES_PUBLISHED),
        _session_pages,
        lambda: "/en/voters/mandates/",
    ),
    "a plan item (plans)": Case(
        _rename(PlanItem, "title"),
        lambda: [f"/en/plans/{_first(PlanItem).plan_id}/"],
        lambda: _session_pages()[0],
    ),
    "a recommendation (recommendations)": Case(
        _rename(Recommendation, "text"),
        lambda: [f"/en/recommendations/{_first(Recommendation).pk}/"],
        lambda: _session_pages()[0],
    ),
    "a public channel item (channel)": Case(
        _rename(ChannelItem, "subject", is_public=True),
        lambda: [f"/en/channel/items/{_first(ChannelItem, is_public=True).pk}/"],
        lambda: "/en/plans/",
    ),
    "a meeting with voters (outreach)": Case(
        _rename(VoterMeeting, "topic"),
        lambda: [f"/en/voters/meetings/{_first(VoterMeeting).pk}/"],
        lambda: _session_pages()[0],
    ),
    "a voter mandate (outreach)": Case(
        _rename(VoterMandate, "title", status=VoterMandate.Status.ACCEPTED),
        lambda: [f"/en/voters/mandates/{_first(VoterMandate, status=VoterMandate.Status.ACCEPTED).pk}/"],
        lambda: "/en/plans/",
    ),
    "an answer to an appeal (appeals)": Case(
        lambda: Appeal.objects.filter(pk=_first(Appeal, status=Appeal.Status.ANSWERED).pk).update(answer_text=NEW),
        lambda: [f"/en/appeals/track/?code={_first(Appeal, status=Appeal.Status.ANSWERED).tracking_code}"],
        lambda: _session_pages()[0],
    ),
}


def _served_from_cache(client, url: str) -> bool:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries) == 0


@pytest.mark.parametrize("kind", list(CASES))
def test_a_change_renews_the_pages_that_show_it_and_no_other(
    client, demo_committed, django_capture_on_commit_callbacks, kind
):
    case = CASES[kind]
    pages, unrelated = case.shows(), case.unrelated()
    for url in pages:
        assert NEW not in client.get(url).content.decode(), url  # rendered (and cached where pages are)
    assert client.get(unrelated).status_code == 200
    assert _served_from_cache(client, unrelated), unrelated
    with django_capture_on_commit_callbacks(execute=True):
        case.change()
    for url in pages:
        assert NEW in client.get(url).content.decode(), (kind, url)
    assert _served_from_cache(client, unrelated), (kind, unrelated)


# --- numbers written into markup are never localised ------------------------------------------

# Attributes that carry numbers for the browser (SVG geometry, widths, meters) and inline styles.
NUMERIC_ATTRIBUTE = re.compile(r'\s(x|y|x1|x2|y1|y2|cx|cy|r|width|height|viewBox|value|min|max|data-[\w-]+)="([^"]*)"')
STYLE = re.compile(r'\sstyle="([^"]*)"')
LOCALISED = re.compile(r"\d[,\u00a0\u202f]\d")  # a decimal comma or a (non-breaking) thousands space


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_numbers_in_markup_are_not_localised(client, demo, settings, lang):
    """Kazakh and Russian write 190,5 and 1 234; SVG, CSS and HTML attributes need 190.5 and 1234.
    Walks the pages with charts, meters and numbers in attributes, with figures above the minimum
    sample so that every chart draws."""
    from kenes.insights.rebuild import figures_rebuild
    from kenes.outreach.models import VoterMandate as Mandate

    settings.KENES_PUBLIC_CACHE = False
    settings.KENES_INDEX_MIN_SAMPLE = 1
    figures_rebuild()
    region = Region.objects.get(kato="150000000")
    maslikhat = Maslikhat.objects.get(region=region, level=Maslikhat.Level.REGIONAL)
    pages = [
        f"/{lang}/",
        f"/{lang}/insights/",
        f"/{lang}/insights/regions/{region.kato}/",
        f"/{lang}/insights/maslikhats/{maslikhat.pk}/",
        f"/{lang}/plans/{_first(PlanItem).plan_id}/",
        f"/{lang}/voters/mandates/",
        f"/{lang}/voters/mandates/maslikhat/{_first(Mandate).maslikhat_id}/",
        f"/{lang}/sessions/{demo.pk}/",
        f"/{lang}/regions/",
    ]
    charts = 0
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        charts += html.count("<svg") + html.count('insights-bar" style')
        for name, value in NUMERIC_ATTRIBUTE.findall(html):
            assert not LOCALISED.search(value), (url, name, value)
        for value in STYLE.findall(html):
            assert not LOCALISED.search(value), (url, "style", value)
    assert charts > 0  # the charts were drawn, so their numbers were checked


def test_feed_entries_of_the_demo_read_apart(client, demo):
    """Each entry says what happened to what: no two entries of the demo feed share a title (an
    appeal's entry names the maslikhat, the kind and the date; a report's entry its maslikhat; a
    channel item's entry the step)."""
    for lang in ("kk", "ru", "en"):
        feed = client.get(f"/{lang}/feeds/changes.atom").content.decode()
        titles = re.findall(r"<entry><title>([^<]*)</title>", feed)
        assert len(titles) > 20
        repeated = {title for title in titles if titles.count(title) > 1}
        assert not repeated, (lang, repeated)
