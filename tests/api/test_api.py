"""The public JSON API: what it answers, to whom, and how it refuses bad input."""

import datetime
import json

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kenes.core.api.errors import django_errors
from kenes.councils.models import CouncilMember
from tests.api.conftest import build_session
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

NEW_REGIONS_2022 = {"100000000", "330000000", "620000000"}  # Abai, Zhetysu, Ulytau


def get(client, url, lang="en", **extra):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=lang, **extra)
    assert response["Content-Type"].startswith("application/json"), (url, response.status_code)
    return response, response.json()


# --- regions --------------------------------------------------------------------------------


def test_regions_on_2020_10_21_are_the_17_of_that_day(client, reference):
    response, body = get(client, "/api/v1/regions?on=2020-10-21")
    assert response.status_code == 200
    assert body["count"] == 17 and len(body["items"]) == 17
    katos = {r["kato"] for r in body["items"]}
    assert not katos & NEW_REGIONS_2022
    assert "710000000" in katos  # the capital


def test_regions_today_are_20_and_all_lists_every_region(client, reference):
    _response, body = get(client, "/api/v1/regions")
    assert body["count"] == 20
    assert NEW_REGIONS_2022 <= {r["kato"] for r in body["items"]}
    abai = next(r for r in body["items"] if r["kato"] == "100000000")
    assert abai["split_from"] == "630000000"
    assert abai["valid_from"] == "2022-06-08"
    assert abai["name"] == {"kk": "Абай облысы", "ru": "область Абай", "en": "Abai Region"}
    assert set(abai) >= {"id", "classification", "other_names", "center", "valid_to", "updated_at", "is_demo"}
    _response, every = get(client, "/api/v1/regions?on=all")
    assert every["count"] == 20
    _response, before = get(client, "/api/v1/regions?on=2022-06-07")
    assert before["count"] == 17


def test_region_detail_by_kato_lists_its_maslikhats(client, reference):
    response, body = get(client, "/api/v1/regions/150000000")
    assert response.status_code == 200
    assert body["name"]["en"] == "Aktobe Region"
    assert [m["level"] for m in body["maslikhats"]] == ["regional"]
    response, body = get(client, "/api/v1/regions/000000000")
    assert response.status_code == 404 and body == {"detail": "Not found."}


KAZAKH_LETTERS = set("әғқңөұүһі")


def assert_in_language(message, lang, english):
    """Django's own catalogues translate these messages; the project's may word them its own way."""
    if lang == "en":
        assert message == english
    else:
        assert message != english and any("а" <= ch.lower() <= "я" for ch in message), message
    if lang == "kk":
        assert KAZAKH_LETTERS & set(message.lower()), message


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
@pytest.mark.parametrize("value", ["2020-13-45", "abc", "21.10.2020"])
def test_bad_date_is_a_422_in_the_requesters_language(client, reference, lang, value):
    response, body = get(client, f"/api/v1/regions?on={value}", lang=lang)
    assert response.status_code == 422
    [error] = body["detail"]
    assert (error["loc"], error["field"], error["type"]) == (["on"], "on", "invalid")
    assert_in_language(error["msg"], lang, "Enter a valid date.")


# --- pagination -----------------------------------------------------------------------------


def test_lists_are_paginated_with_limit_and_offset(client, reference, settings):
    _response, first = get(client, "/api/v1/regions?limit=5")
    _response, second = get(client, "/api/v1/regions?limit=5&offset=5")
    assert first["count"] == second["count"] == 20
    assert len(first["items"]) == len(second["items"]) == 5
    assert first["items"][-1]["kato"] < second["items"][0]["kato"]
    _response, tail = get(client, "/api/v1/regions?limit=100&offset=18")
    assert len(tail["items"]) == 2
    PersonFactory.create_batch(settings.API_PAGE_SIZE + 5)
    _response, people = get(client, "/api/v1/people")
    assert len(people["items"]) == settings.API_PAGE_SIZE and people["count"] == settings.API_PAGE_SIZE + 5
    _response, people = get(client, "/api/v1/people?limit=100")
    assert len(people["items"]) == settings.API_PAGE_SIZE + 5


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("limit=-1", "limit", "Ensure this value is greater than or equal to 1."),
        ("limit=0", "limit", "Ensure this value is greater than or equal to 1."),
        ("limit=101", "limit", "Ensure this value is less than or equal to 100."),
        ("limit=abc", "limit", "Enter a whole number."),
        ("offset=-3", "offset", "Ensure this value is greater than or equal to 0."),
    ],
)
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_bad_pagination_is_a_readable_422(client, reference, query, field, message, lang):
    response, body = get(client, f"/api/v1/regions?{query}", lang=lang)
    assert response.status_code == 422
    [error] = body["detail"]
    assert (error["field"], error["loc"]) == (field, ["query", field])
    assert_in_language(error["msg"], lang, message)
    bound = "".join(ch for ch in message if ch.isdigit())
    assert bound in error["msg"]


GARBAGE = [
    "/api/v1/regions?on=2020-02-30",
    "/api/v1/regions/%20",
    "/api/v1/maslikhats?level=village",
    "/api/v1/maslikhats?parent=abc",
    "/api/v1/maslikhats?parent=-5",
    "/api/v1/maslikhats?region=" + "9" * 20,
    "/api/v1/maslikhats/abc",
    "/api/v1/maslikhats/999999",
    "/api/v1/maslikhats/99999999999999999999",
    "/api/v1/people/abc",
    "/api/v1/people/999999",
    "/api/v1/people?q=" + "x" * 200,
    "/api/v1/organizations?kind=spaceship",
    "/api/v1/organizations/0",
    "/api/v1/sessions?year=abc",
    "/api/v1/sessions?year=1800",
    "/api/v1/sessions?status=secret",
    "/api/v1/sessions?kind=party",
    "/api/v1/sessions/999999",
    "/api/v1/sessions/abc",
    "/api/v1/sessions/1.5",
    "/api/v1/sessions?limit=1e9",
]


@pytest.mark.parametrize("url", GARBAGE)
def test_garbage_never_makes_a_500(client, reference, url):
    response, body = get(client, url)
    assert response.status_code in (404, 422), (url, response.status_code, body)
    if response.status_code == 422:
        assert body["detail"] and all(item["msg"] for item in body["detail"])
    else:
        assert body == {"detail": "Not found."}


def test_empty_date_means_today(client, reference):
    _response, body = get(client, "/api/v1/regions?on=")
    assert body["count"] == 20


def test_django_validation_errors_become_field_details():
    with translation.override("ru"):
        errors = django_errors(ValidationError({"start_date": ["Введите правильную дату."], "__all__": ["Общая"]}))
    assert {
        "loc": ["start_date"],
        "field": "start_date",
        "msg": "Введите правильную дату.",
        "type": "invalid",
    } in errors
    assert {"loc": [], "field": None, "msg": "Общая", "type": "invalid"} in errors
    assert django_errors(ValidationError("plain")) == [{"loc": [], "field": None, "msg": "plain", "type": "invalid"}]


# --- maslikhats, people, organisations ------------------------------------------------------


def test_maslikhats_filter_by_region_level_and_parent(client, reference):
    _response, body = get(client, "/api/v1/maslikhats?region=150000000")
    assert body["count"] == 1
    assert body["items"][0]["region"] == {
        "kato": "150000000",
        "name": {"kk": "Ақтөбе облысы", "ru": "Актюбинская область", "en": "Aktobe Region"},
    }
    aktobe = body["items"][0]["id"]
    _response, body = get(client, "/api/v1/maslikhats?level=regional")
    assert body["count"] == 20
    _response, body = get(client, "/api/v1/maslikhats?level=district")
    assert body["count"] == 0
    _response, body = get(client, f"/api/v1/maslikhats?parent={aktobe}")
    assert body["count"] == 0


def test_maslikhat_detail_has_its_head_titled_for_today_and_current_members(client, headed_maslikhat):
    response, body = get(client, f"/api/v1/maslikhats/{headed_maslikhat.pk}")
    assert response.status_code == 200
    assert body["head"]["person"]["name"]["en"] == "Head"
    assert body["head"]["title"]["en"] == "Chairman of the maslikhat"
    assert body["head"]["start_date"] == "2021-01-15"
    roles = sorted(m["role"] for m in body["memberships"])
    assert roles == ["deputy", "deputy", "head"]  # the former deputy is not a current member
    deputy = next(m for m in body["memberships"] if m["role"] == "deputy")
    assert deputy["mandate_type"] == "single_member" and deputy["constituency"].startswith("District")
    assert deputy["party"]["name"]["en"].startswith("Organisation")


@time_machine.travel(datetime.datetime(2022, 6, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_head_was_the_secretary_in_2022(client, headed_maslikhat):
    _response, body = get(client, f"/api/v1/maslikhats/{headed_maslikhat.pk}", lang="ru")
    assert body["head"]["title"] == {
        "kk": "Мәслихат хатшысы",
        "ru": "Секретарь маслихата",
        "en": "Secretary of the maslikhat",
    }
    assert len([m for m in body["memberships"] if m["role"] == "deputy"]) == 0  # elected only in 2023


def test_person_detail_lists_memberships_with_their_body_and_region(client, headed_maslikhat):
    head = headed_maslikhat.posts.get(role="head").memberships.get().person
    response, body = get(client, f"/api/v1/people/{head.pk}")
    assert response.status_code == 200
    assert body["name"]["en"] == "Head"
    [membership] = body["memberships"]
    assert membership["maslikhat"]["id"] == headed_maslikhat.pk
    assert membership["region"]["kato"] == "150000000"
    assert membership["organization"] is None
    assert membership["label"]["en"] == "Chairman of the maslikhat"
    assert membership["is_released"] is True


def test_people_search_and_no_accounts_or_emails(client, headed_maslikhat, secretariat):
    _response, body = get(client, "/api/v1/people?q=Глава")
    assert [p["name"]["en"] for p in body["items"]] == ["Head"]
    for url in ["/api/v1/people", f"/api/v1/people/{body['items'][0]['id']}"]:
        text = json.dumps(get(client, url)[1], ensure_ascii=False)
        assert "@" not in text and "email" not in text and secretariat.username not in text


def test_organizations_filter_by_kind(client, headed_maslikhat):
    _response, body = get(client, "/api/v1/organizations?kind=party")
    assert body["count"] == 1 and body["items"][0]["classification"] == "party"
    _response, body = get(client, "/api/v1/organizations?kind=chamber")
    assert body["items"][0]["name"]["en"] == "Senate of the Parliament of the Republic of Kazakhstan"
    response, detail = get(client, f"/api/v1/organizations/{body['items'][0]['id']}")
    assert response.status_code == 200 and detail["classification"] == "chamber"
    assert detail["memberships"] == []


# --- the council ----------------------------------------------------------------------------


def test_council_lists_members_with_the_admitting_decision(client, published_session):
    response, body = get(client, "/api/v1/council")
    assert response.status_code == 200
    assert body["host"]["name"]["en"].startswith("Senate")
    member = CouncilMember.objects.get()
    [out] = body["memberships"]
    assert out["kind"] == "collective" and out["organization_id"] == member.organization_id
    assert out["admitted_by"] == {
        "decision_id": member.admitted_by_id,
        "number": 1,
        "session_id": published_session.pk,
    }
    assert out["start_date"] == published_session.date.isoformat()


def test_no_council_is_a_404(client, db):
    response, body = get(client, "/api/v1/council")
    assert response.status_code == 404 and body["detail"]


# --- sessions -------------------------------------------------------------------------------


def test_session_list_hides_drafts_from_the_public(client, published_session, draft_session, secretariat):
    _response, body = get(client, "/api/v1/sessions")
    assert [s["id"] for s in body["items"]] == [published_session.pk]
    _response, body = get(client, "/api/v1/sessions?status=draft")
    assert body["count"] == 0
    client.force_login(secretariat)
    _response, body = get(client, "/api/v1/sessions")
    assert {s["id"] for s in body["items"]} == {published_session.pk, draft_session.pk}
    _response, body = get(client, "/api/v1/sessions?status=draft")
    assert [s["id"] for s in body["items"]] == [draft_session.pk]


def test_session_list_filters(client, published_session):
    year = published_session.date.year
    assert get(client, f"/api/v1/sessions?year={year}")[1]["count"] == 1
    assert get(client, f"/api/v1/sessions?year={year - 3}")[1]["count"] == 0
    assert get(client, "/api/v1/sessions?kind=regular")[1]["count"] == 1
    assert get(client, "/api/v1/sessions?kind=meeting")[1]["count"] == 0
    assert get(client, "/api/v1/sessions?status=minutes_published")[1]["count"] == 1
    assert get(client, "/api/v1/sessions?status=held")[1]["count"] == 0


def test_draft_session_is_404_for_the_public_and_visible_to_the_secretariat(
    client, draft_session, secretariat, make_user
):
    url = f"/api/v1/sessions/{draft_session.pk}"
    assert client.get(url).status_code == 404
    client.force_login(make_user("maslikhat_staff"))
    assert client.get(url).status_code == 404
    client.force_login(secretariat)
    response, body = get(client, url)
    assert response.status_code == 200 and body["status"] == "draft"


def test_statements_hidden_until_the_minutes_are_published(client, held_session, secretariat):
    url = f"/api/v1/sessions/{held_session.pk}"
    response, body = get(client, url)
    assert response.status_code == 200
    assert body["status"] == "held" and body["record_published"] is False
    assert body["statements"] == [] and body["decisions"] == [] and body["minutes"] is None
    assert len(body["participants"]) == 18  # who took part is public from the announcement
    client.force_login(secretariat)
    _response, body = get(client, url)
    assert body["record_published"] is False
    assert len(body["statements"]) == 3 and len(body["decisions"]) == 2


def test_published_session_has_agenda_participants_statements_and_decisions(client, published_session):
    response, body = get(client, f"/api/v1/sessions/{published_session.pk}")
    assert response.status_code == 200
    assert body["record_published"] is True
    assert [(a["position"], a["is_main"]) for a in body["agenda"]] == [(1, True), (2, False)]
    [document] = body["agenda"][0]["documents"]
    assert document["title"]["en"] == "Document 0" and document["url"].startswith("http://testserver/")
    maslikhats = [p for p in body["participants"] if p["classification"] == "maslikhat"]
    assert len(maslikhats) == 17
    assert [p["region"]["kato"] for p in maslikhats] == sorted(p["region"]["kato"] for p in maslikhats)
    assert all(p["mode"] == "remote" and p["attended"] is True for p in maslikhats)
    assert maslikhats[0]["region"]["name"]["en"] and maslikhats[0]["name"]["en"].endswith("Maslikhat")
    [organization] = [p for p in body["participants"] if p["classification"] == "organization"]
    assert organization["region"] is None and organization["mode"] == "in_person"
    assert [s["text"]["en"] for s in body["statements"]] == ["Statement 0", "Statement 1", "Statement 2"]
    assert body["statements"][0]["quotation"]["en"] == "Quote 0"
    assert body["statements"][0]["agenda_item_id"] == body["agenda"][0]["id"]
    assert body["statements"][0]["speaker"]["name"]["en"].startswith("Person")
    admission, recommendation = body["decisions"]
    assert (admission["number"], admission["classification"]) == (1, "admit_member")
    assert admission["admitted_members"][0]["kind"] == "collective"
    assert recommendation["classification"] == "recommendation" and recommendation["admitted_members"] == []
    assert body["chair"]["name"]["en"].startswith("Person")
    assert body["council"]["name"]["en"].startswith("Council for Interaction")
    assert body["url"]["ru"].startswith("http://testserver/ru/") and str(published_session.pk) in body["url"]["ru"]
    assert body["minutes"]["pdf"]["kk"].startswith("http://testserver/kk/")
    assert body["minutes"]["html"]["en"].startswith("http://testserver/en/")


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_session_detail_runs_a_constant_number_of_queries(client, reference, secretariat, django_assert_num_queries):
    small = build_session(reference, secretariat, regions=1, statements=1, decisions=1, documents=0, title="Small")
    large = build_session(reference, secretariat, regions=17, statements=12, decisions=4, documents=3, title="Large")
    assert large.participations.count() == 18 and large.statements.count() == 12
    expected = _count_queries(client, f"/api/v1/sessions/{small.pk}")
    assert expected <= 8  # the session, then agenda, documents, participants, statements, decisions, members
    with django_assert_num_queries(expected):
        response = client.get(f"/api/v1/sessions/{large.pk}")
    assert len(response.json()["statements"]) == 12


def test_public_api_answers_come_from_the_shared_cache_until_a_change(
    client, held_session, secretariat, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kenes.councils import services as council_services

    url = f"/api/v1/sessions/{held_session.pk}"
    first = client.get(url)
    with CaptureQueriesContext(connection) as hit:
        second = client.get(url)
    assert len(hit) == 0 and second.content == first.content
    with django_capture_on_commit_callbacks(execute=True):  # the cache renews after the commit
        council_services.session_update(
            session=held_session, actor=secretariat, data={"video_url": "https://example.kz/v"}
        )
    fresh = client.get(url)
    assert fresh.json()["video_url"] == "https://example.kz/v"
    # Signed-in staff are never served from the cache.
    client.force_login(secretariat)
    with CaptureQueriesContext(connection) as staff:
        client.get(url)
    assert len(staff) > 0


def test_api_docs_use_swagger_ui_files_served_here(client):
    """A government site serves its own assets: the docs page loads Swagger UI from this site."""
    import re

    html = client.get("/api/v1/docs").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)
    assert assets and all(asset.startswith("/static/") for asset in assets), assets
    assert "cdn" not in html and "unpkg" not in html
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
        response.close()
