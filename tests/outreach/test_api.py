import datetime

import pytest
from django.utils import timezone

from kenes.outreach import services
from kenes.outreach.models import VoterMandate
from tests.api.contract import assert_matches_schema

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _contract_schema(client):
    """tests/api/contract.py builds its validator from api.get_openapi_schema(), whose response codes
    are int keys that openapi-core refuses; prime it with the schema as served (JSON, string keys)."""
    from openapi_core import OpenAPI

    from tests.api import contract

    if contract._openapi is None:
        contract._openapi = OpenAPI.from_dict(client.get("/api/v1/openapi.json").json())


@pytest.fixture
def world(make_meeting, make_mandate, staff, maslikhat, other_maslikhat):
    held = make_meeting(held=True)
    services.question_add(meeting=held, actor=staff, data={"text": "Вопрос о дороге", "asked_by_name": "Бауыржан Ким"})
    upcoming = make_meeting(starts_at=timezone.now() + datetime.timedelta(days=10))
    done = make_mandate()
    services.mandate_transition(mandate=done, actor=staff, status=VoterMandate.Status.ACCEPTED)
    services.mandate_transition(mandate=done, actor=staff, status=VoterMandate.Status.PARTIALLY_EXECUTED)
    open_ = make_mandate(title={"kk": "Мектепті жылыту"})
    return {"held": held, "upcoming": upcoming, "done": done, "open": open_, "maslikhat": maslikhat}


def _get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:300])
    assert_matches_schema(response)
    return response.json() if response.content else None


def test_meetings(client, world):
    data = _get(client, "/api/v1/voter-meetings")
    assert data["count"] == 2 and data["items"][0]["id"] == world["held"].pk
    assert data["items"][0]["deputies"][0]["name"]["en"]
    today = timezone.localdate()
    data = _get(client, f"/api/v1/voter-meetings?from={today.isoformat()}")
    assert [m["id"] for m in data["items"]] == [world["upcoming"].pk]
    data = _get(client, f"/api/v1/voter-meetings?to={today.isoformat()}&maslikhat={world['maslikhat'].pk}")
    assert [m["id"] for m in data["items"]] == [world["held"].pk]
    _get(client, "/api/v1/voter-meetings?from=2025-13-01", 422)
    detail = _get(client, f"/api/v1/voter-meetings/{world['held'].pk}")
    assert detail["status"] == "held" and detail["attendees_count"] == 40
    assert detail["questions"][0]["text"] == "Вопрос о дороге"
    assert "Ким" not in str(detail) and "asked_by" not in str(detail)
    _get(client, "/api/v1/voter-meetings/999999", 404)


def test_mandates_and_stats(client, world):
    data = _get(client, "/api/v1/voter-mandates")
    assert data["count"] == 2
    data = _get(client, "/api/v1/voter-mandates?status=partially_executed")
    assert [m["id"] for m in data["items"]] == [world["done"].pk]
    _get(client, "/api/v1/voter-mandates?status=bogus", 422)
    detail = _get(client, f"/api/v1/voter-mandates/{world['done'].pk}")
    assert [e["status"] for e in detail["history"]] == ["received", "accepted_for_execution", "partially_executed"]
    assert detail["executed_on"] == timezone.localdate().isoformat()
    stats = _get(client, "/api/v1/voter-mandates/stats")
    assert stats == [
        {
            "maslikhat": stats[0]["maslikhat"],
            "total": 2,
            "executed": 1,
            "partially_executed": 1,
            "open": 1,
            "share_executed": 0.5,
        }
    ]
    assert stats[0]["maslikhat"]["id"] == world["maslikhat"].pk
    _get(client, "/api/v1/voter-mandates/999999", 404)
