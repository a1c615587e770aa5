"""Contract tests: every documented path is called with real data (reference data plus sessions
built through the services) and every answer, errors included, must match the OpenAPI schema."""

import pytest
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_core.validation.response.exceptions import InvalidData

from kenes.councils.models import Participation
from tests.api.conftest import build_session

pytestmark = pytest.mark.django_db
FOUNDATION_RESOURCES = {"regions", "maslikhats", "people", "organizations", "council", "sessions"}


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def openapi(schema):
    return OpenAPI.from_dict(schema)


@pytest.fixture
def world(reference, secretariat, headed_maslikhat, published_session, draft_session):
    """Everything the API can show: the 20 regions, a maslikhat with a head and deputies, a
    published session with its record, a held one, a draft, and a meeting in person."""
    held = build_session(reference, secretariat, publish=False, regions=3, title="Held")
    head = headed_maslikhat.posts.get(role="head").memberships.get()
    party = head.post.maslikhat.posts.get(role="deputy").memberships.exclude(party=None).first().party
    return {
        "maslikhat": headed_maslikhat,
        "person": head.person,
        "party": party,
        "published": published_session,
        "held": held,
        "draft": draft_session,
    }


def _calls(world):
    published, held, draft = world["published"], world["held"], world["draft"]
    organization = published.participations.get(maslikhat=None).organization
    return [
        ("/api/v1/regions", 200),
        ("/api/v1/regions?on=2020-10-21&limit=5&offset=10", 200),
        ("/api/v1/regions?on=all", 200),
        ("/api/v1/regions?on=2020-13-45", 422),
        ("/api/v1/regions?limit=-1", 422),
        ("/api/v1/regions/710000000", 200),
        ("/api/v1/regions/123", 404),
        ("/api/v1/maslikhats", 200),
        ("/api/v1/maslikhats?region=150000000&level=regional", 200),
        ("/api/v1/maslikhats?parent=1", 200),
        (f"/api/v1/maslikhats/{world['maslikhat'].pk}", 200),
        ("/api/v1/maslikhats/999999", 404),
        ("/api/v1/people", 200),
        ("/api/v1/people?q=Head", 200),
        (f"/api/v1/people/{world['person'].pk}", 200),
        (f"/api/v1/people/{published.statements.first().speaker_id}", 200),
        ("/api/v1/people/999999", 404),
        ("/api/v1/organizations", 200),
        ("/api/v1/organizations?kind=party", 200),
        (f"/api/v1/organizations/{world['party'].pk}", 200),
        (f"/api/v1/organizations/{organization.pk}", 200),
        ("/api/v1/organizations/999999", 404),
        ("/api/v1/council", 200),
        ("/api/v1/sessions", 200),
        ("/api/v1/sessions?status=held&year=2020&kind=regular", 200),
        ("/api/v1/sessions?year=1800", 422),
        (f"/api/v1/sessions/{published.pk}", 200),
        (f"/api/v1/sessions/{held.pk}", 200),
        (f"/api/v1/sessions/{draft.pk}", 404),
        ("/api/v1/sessions/999999", 404),
    ]


def test_every_documented_path_answers_as_documented(client, schema, openapi, world):
    exercised = set()
    for url, status in _calls(world):
        response = client.get(url)
        assert response.status_code == status, (url, response.content[:300])
        request = DjangoOpenAPIRequest(response.wsgi_request)
        if status == 200:
            openapi.validate_request(request)
        openapi.validate_response(request, DjangoOpenAPIResponse(response))
        exercised.add(request.path_pattern)
    # The foundation's paths; later capabilities check theirs with tests/api/contract.py.
    assert exercised == {p for p in schema["paths"] if p.split("/")[3] in FOUNDATION_RESOURCES}


def test_secretariat_answers_match_the_schema_too(client, openapi, world, secretariat):
    """Staff see drafts and the unpublished record: those shapes must be documented as well."""
    client.force_login(secretariat)
    for url in [
        "/api/v1/sessions?status=draft",
        f"/api/v1/sessions/{world['draft'].pk}",
        f"/api/v1/sessions/{world['held'].pk}",
    ]:
        response = client.get(url)
        assert response.status_code == 200
        openapi.validate_response(DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response))
    assert response.json()["statements"]


def test_a_response_that_breaks_the_contract_is_caught(client, openapi, world):
    """The contract test can fail: a participant with an undocumented mode is rejected."""
    response = client.get(f"/api/v1/sessions/{world['published'].pk}")
    remote = f'"mode": "{Participation.Mode.REMOTE}"'.encode()
    assert remote in response.content
    response.content = response.content.replace(remote, b'"mode": "telepathy"', 1)
    with pytest.raises(InvalidData):
        openapi.validate_response(DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response))


def test_schema_is_described(schema):
    assert schema["info"]["title"] == "Kenes API"
    assert "Popolo" in schema["info"]["description"]
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            assert operation.get("summary"), path
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in operation["responses"], path
    translated = schema["components"]["schemas"]["Translated"]
    assert set(translated["properties"]) == {"kk", "ru", "en"}
