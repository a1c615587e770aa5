import pytest

from kenes.recommendations.models import Status
from tests.api.contract import assert_matches_schema
from tests.factories import CouncilFactory, OrganizationFactory, UserFactory
from tests.recommendations.helpers import government, make_package, make_recommendation, private_package, walk_to

pytestmark = pytest.mark.django_db


def get(client, path, status=200):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status, response.content[:500]
    assert_matches_schema(response)
    return response.json()


@pytest.fixture
def world():
    clerk = UserFactory(role="secretariat")
    council = CouncilFactory()
    package = make_package(actor=clerk, council=council)
    gov = government()
    ministry = OrganizationFactory(kind="government")
    done = walk_to(make_recommendation(package=package, addressee=gov), Status.IMPLEMENTED)
    open_ = make_recommendation(package=package, addressee=ministry, text="Second")
    hidden = private_package(council, clerk)
    secret = make_recommendation(package=hidden, addressee=gov, text="Secret")
    return {
        "clerk": clerk,
        "package": package,
        "gov": gov,
        "ministry": ministry,
        "done": done,
        "open": open_,
        "hidden": hidden,
        "secret": secret,
    }


def test_package_list_and_detail(client, world):
    body = get(client, "/api/v1/recommendation-packages")
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == world["package"].pk and item["recommendation_count"] == 2 and item["implemented_count"] == 1
    assert item["adopted_by"] is None and item["url"]["kk"].endswith(f"/kk/recommendations/packages/{item['id']}/")
    detail = get(client, f"/api/v1/recommendation-packages/{world['package'].pk}")
    assert [r["number"] for r in detail["recommendations"]] == [1, 2]
    assert detail["figures"]["implemented_share"] == 50.0 and detail["figures"]["responses"] == 1
    assert {row["status"]: row["count"] for row in detail["figures"]["by_status"]}["implemented"] == 1
    get(client, f"/api/v1/recommendation-packages/{world['hidden'].pk}", 404)
    get(client, "/api/v1/recommendation-packages/999999", 404)


def test_recommendation_list_filters(client, world):
    body = get(client, "/api/v1/recommendations")
    assert {r["id"] for r in body["items"]} == {world["done"].pk, world["open"].pk}
    body = get(client, "/api/v1/recommendations?status=implemented")
    assert [r["id"] for r in body["items"]] == [world["done"].pk]
    body = get(client, f"/api/v1/recommendations?addressee={world['ministry'].pk}")
    assert [r["id"] for r in body["items"]] == [world["open"].pk]
    assert body["items"][0]["addressees"][0]["id"] == world["ministry"].pk
    body = get(client, f"/api/v1/recommendations?package={world['package'].pk}&limit=1")
    assert body["count"] == 2 and len(body["items"]) == 1
    get(client, "/api/v1/recommendations?status=finished", 422)


def test_recommendation_detail_with_timeline(client, world):
    body = get(client, f"/api/v1/recommendations/{world['done'].pk}")
    assert body["status"] == "implemented" and body["package"]["id"] == world["package"].pk
    timeline = body["timeline"]
    assert [e["status"] for e in timeline] == ["adopted", "sent", "response_received", "accepted", "implemented"]
    assert timeline[0]["from_status"] is None and timeline[1]["from_status"] == "adopted"
    assert timeline[2]["body"]["name"]["en"] == "Government of Testland"
    assert timeline[-1]["act"] == {
        "title": {"kk": "", "ru": "", "en": "Law No. 157-VII"},
        "number": "157-VII",
        "date": timeline[-1]["date"],
        "url": "https://adilet.zan.kz/rus/docs/Z010000148_",
    }
    assert "recorded_by" not in timeline[-1]
    get(client, f"/api/v1/recommendations/{world['secret'].pk}", 404)


def test_staff_see_unpublished_packages_in_the_api(client, world):
    client.force_login(world["clerk"])
    body = get(client, "/api/v1/recommendation-packages")
    assert body["count"] == 2
    body = get(client, f"/api/v1/recommendations/{world['secret'].pk}")
    assert body["text"]["en"] == "Secret"
