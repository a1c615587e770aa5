"""The appeals API, checked against its OpenAPI contract: submit (idempotent), track, stats."""

import threading

import pytest
from django.db import connections

from kenes.appeals import services
from kenes.appeals.models import Appeal
from tests.api.contract import assert_matches_schema
from tests.appeals.conftest import TEXT, submit


@pytest.fixture(autouse=True)
def _contract_schema(client):
    """Prime tests/api/contract.py with the schema as served (JSON, string response codes):
    api.get_openapi_schema() has int keys that openapi-core refuses."""
    from openapi_core import OpenAPI

    from tests.api import contract

    if contract._openapi is None:
        contract._openapi = OpenAPI.from_dict(client.get("/api/v1/openapi.json").json())


ANSWER = "We have checked the street lights and the akimat will repair them by the end of the month."


def body(maslikhat, **overrides):
    data = {
        "maslikhat_id": maslikhat.pk,
        "kind": "proposal",
        "topic": "Street lights",
        "text": TEXT,
        "language": "ru",
        "applicant": {"name": "Api Applicant", "email": "api@example.kz"},
    }
    data.update(overrides)
    return data


def post(client, payload, key=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post("/api/v1/appeals", payload, content_type="application/json", **headers)


def test_submit_and_replay_with_the_same_key(client, masl):
    first = post(client, body(masl), key="abc-1")
    assert first.status_code == 201, first.content
    assert_matches_schema(first)
    code = first.json()["tracking_code"]
    assert first.json()["status"] == "registered" and first.json()["due_date"]
    assert "Api Applicant" not in first.content.decode()
    again = post(client, body(masl), key="abc-1")
    assert again.status_code == 200 and again.json()["tracking_code"] == code
    assert_matches_schema(again)
    assert Appeal.objects.count() == 1


def test_same_key_different_body_is_409(client, masl):
    assert post(client, body(masl), key="abc-2").status_code == 201
    conflict = post(client, body(masl, topic="Something else"), key="abc-2")
    assert conflict.status_code == 409 and "Idempotency-Key" in conflict.json()["detail"]
    assert_matches_schema(conflict)
    assert Appeal.objects.count() == 1


def test_without_a_key_each_post_is_a_new_appeal(client, masl):
    post(client, body(masl))
    post(client, body(masl, text=TEXT + " Also the pavement."))
    assert Appeal.objects.count() == 2


def test_anonymous_is_422_with_explanation(client, masl):
    response = post(client, body(masl, applicant={"name": "", "email": ""}))
    assert response.status_code == 422
    assert_matches_schema(response)
    # No Accept-Language: the state language answers.
    assert "Анонимді өтініштер қаралмайды" in response.json()["detail"][0]["msg"]
    english = client.post(
        "/api/v1/appeals",
        body(masl, applicant={"name": "", "email": ""}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Anonymous appeals are not considered" in english.json()["detail"][0]["msg"]
    bad_kind = post(client, body(masl, kind="petition"))
    assert bad_kind.status_code == 422


def test_rate_limit_is_429(client, masl, settings):
    settings.KENES_APPEAL_RATE_PER_IP = 1
    assert post(client, body(masl)).status_code == 201
    limited = post(client, body(masl, text=TEXT + " Second."))
    assert limited.status_code == 429
    assert_matches_schema(limited)


def test_unknown_maslikhat_is_404(client, masl):
    assert post(client, body(masl, maslikhat_id=999999)).status_code == 404


def test_track_and_stats(client, masl, make_user):
    staff = make_user("maslikhat_staff", maslikhat=masl)
    appeal = submit(masl, name="Tracked Person", email="tracked@example.kz")
    late = submit(masl, text="A question about the bus timetable on route 12 in the city.")
    services.appeal_answer(
        appeal=appeal, actor=staff, text=ANSWER + " Tracked Person, call 87015554433.", outcome="satisfied"
    )
    response = client.get(f"/api/v1/appeals/track/{appeal.display_code}")
    assert response.status_code == 200
    assert_matches_schema(response)
    data = response.json()
    assert data["status"] == "answered" and data["outcome"] == "satisfied" and data["answered_on_time"] is True
    assert [e["status"] for e in data["timeline"]] == ["submitted", "registered", "answered"]
    assert "87015554433" not in response.content.decode() and "tracked@example.kz" not in response.content.decode()
    assert client.get("/api/v1/appeals/track/AAAABBBBCCCC").status_code == 404
    stats = client.get("/api/v1/appeals/stats")
    assert_matches_schema(stats)
    row = next(item for item in stats.json()["items"] if item["maslikhat_id"] == masl.pk)
    assert (row["total"], row["answered"], row["answered_on_time"]) == (2, 1, 1)
    assert late.pk


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_with_the_same_key_make_one_row(masl):
    from django.test import Client

    barrier = threading.Barrier(4)
    results = []

    def worker():
        try:
            barrier.wait()
            response = post(Client(), body(masl), key="same-key-concurrent")
            results.append((response.status_code, response.json()["tracking_code"]))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4
    assert sorted(status for status, _code in results).count(201) == 1
    assert len({code for _status, code in results}) == 1
    assert Appeal.objects.filter(idempotency_key="same-key-concurrent").count() == 1
