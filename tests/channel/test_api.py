"""The public channel API: only published items, no names, counts for requests; checked against
the OpenAPI contract."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kenes.channel import services
from tests.api.contract import assert_matches_schema
from tests.factories import MaslikhatFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _contract_schema(client):
    """tests/api/contract.py builds its validator from api.get_openapi_schema(), whose response codes
    are int keys that openapi-core refuses; prime it with the schema as served (JSON, string keys)."""
    from openapi_core import OpenAPI

    from tests.api import contract

    if contract._openapi is None:
        contract._openapi = OpenAPI.from_dict(client.get("/api/v1/openapi.json").json())


def test_list_has_only_published_items(client, world):
    world.clerk.last_name = "Clerkname"
    world.clerk.save()
    public = world.answered(is_public=True, subject={"en": "Public one"})
    world.answered(subject={"en": "Private one"})
    response = client.get("/api/v1/channel-items")
    assert response.status_code == 200
    assert_matches_schema(response)
    body = response.json()
    assert body["count"] == 1 and [i["id"] for i in body["items"]] == [public.pk]
    first = body["items"][0]
    assert first["subject"]["en"] == "Public one" and first["answer"]["en"] == "Here it is."
    assert first["maslikhat"]["id"] == world.own.pk and first["status"] == "answered" and first["overdue"] is False
    assert f"/en/channel/items/{public.pk}/" in first["url"]["en"]
    assert "Clerkname" not in response.content.decode() and world.staff.username not in response.content.decode()


def test_detail_with_timeline_and_links_404_for_private(client, world):
    from kenes.councils import services as council_services
    from tests.factories import CouncilFactory

    session = council_services.session_create(
        actor=world.clerk,
        council=CouncilFactory(),
        data={"title": {"en": "S"}, "starts_at": timezone.now() + datetime.timedelta(days=3)},
    )
    item = services.item_convert_to_agenda_item(item=world.item(is_public=True), actor=world.clerk, session=session)
    response = client.get(f"/api/v1/channel-items/{item.pk}")
    assert response.status_code == 200
    assert_matches_schema(response)
    body = response.json()
    assert [e["action"] for e in body["timeline"]] == ["sent", "converted"]
    assert body["links"] == [{"type": "councils.agendaitem", "id": session.agenda_items.get().pk}]
    private = world.item()
    missing = client.get(f"/api/v1/channel-items/{private.pk}")
    assert missing.status_code == 404
    assert_matches_schema(missing)


def test_filters_and_bad_input(client, world):
    world.item(is_public=True, kind="explain_law")
    world.item(is_public=True)
    body = client.get("/api/v1/channel-items?kind=explain_law").json()
    assert body["count"] == 1 and body["items"][0]["classification"] == "explain_law"
    bad = client.get("/api/v1/channel-items?kind=nonsense")
    assert bad.status_code == 422
    assert_matches_schema(bad)


def test_council_requests_counts(client, world):
    request = services.request_create(
        actor=world.clerk,
        data={"title": {"en": "Proposals"}, "text": {"en": "secret details"}, "due_date": timezone.localdate()},
        targets=[world.own, world.other, MaslikhatFactory()],
    )
    services.response_submit(request=request, actor=world.staff, text={"en": "Our private answer"})
    response = client.get("/api/v1/council-requests")
    assert response.status_code == 200
    assert_matches_schema(response)
    (row,) = response.json()["items"]
    assert row["title"]["en"] == "Proposals" and row["targeted"] == 3 and row["answered"] == 1
    assert "Our private answer" not in response.content.decode()


def test_list_queries_constant(client, world):
    def add(n):
        for _ in range(n):
            sender = UserFactory(role="maslikhat_staff", maslikhat=MaslikhatFactory())
            world.item(sender=sender, is_public=True)

    add(2)
    with CaptureQueriesContext(connection) as small:
        client.get("/api/v1/channel-items?limit=100", HTTP_COOKIE="")
    add(10)
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as large:
        client.get("/api/v1/channel-items?limit=100")
    assert len(large.captured_queries) == len(small.captured_queries)
