"""After `make run` the demo content is in the API, and it matches the OpenAPI schema."""

import pytest
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_data, db):
    pass


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
