import datetime

import pytest
from django.utils import timezone

from kenes.insights.rebuild import figures_rebuild
from kenes.registry.models import Maslikhat, Region
from tests.api.contract import assert_matches_schema
from tests.insights.helpers import make_appeal


@pytest.fixture(autouse=True)
def _contract_schema(client):
    """tests/api/contract.py builds its validator from api.get_openapi_schema(), whose response codes
    are int keys that openapi-core refuses; prime it with the schema as served (JSON, string keys)."""
    from openapi_core import OpenAPI

    from tests.api import contract

    if contract._openapi is None:
        contract._openapi = OpenAPI.from_dict(client.get("/api/v1/openapi.json").json())


@pytest.fixture
def data(reference, settings):
    settings.KENES_INDEX_MIN_SAMPLE = 2
    region = Region.objects.get(kato="710000000")
    maslikhat = Maslikhat.objects.get(region=region, level="regional")
    day = timezone.localdate() - datetime.timedelta(days=60)
    make_appeal(maslikhat, day, answered_on=day + datetime.timedelta(days=3), substance=True)
    make_appeal(maslikhat, day, answered_on=day + datetime.timedelta(days=5), substance=True)
    figures_rebuild()
    return region, maslikhat


def test_regions(client, data):
    region, _m = data
    response = client.get("/api/v1/insights/regions")
    assert response.status_code == 200
    assert_matches_schema(response)
    items = response.json()
    assert len(items) == 20
    astana = next(item for item in items if item["region"]["kato"] == region.kato)
    assert astana["figures"]["answered"] == 2 and astana["figures"]["on_time_share"] == 1.0
    assert astana["figures"]["min_sample"] == 2
    other = next(item for item in items if item["region"]["kato"] != region.kato)
    assert other["figures"]["on_time_share"] is None


def test_maslikhats_of_a_region(client, data):
    region, maslikhat = data
    response = client.get(f"/api/v1/insights/maslikhats?region={region.kato}")
    assert response.status_code == 200
    assert_matches_schema(response)
    [item] = [i for i in response.json() if i["maslikhat"]["id"] == maslikhat.pk]
    assert item["maslikhat"]["region_kato"] == region.kato
    assert item["figures"]["substance_share"] == 1.0
    missing = client.get("/api/v1/insights/maslikhats?region=nope")
    assert missing.status_code == 404
    assert_matches_schema(missing)


def test_trends(client, data):
    region, maslikhat = data
    for query in ("", f"?region={region.kato}", f"?maslikhat={maslikhat.pk}"):
        response = client.get(f"/api/v1/insights/trends{query}")
        assert response.status_code == 200
        assert_matches_schema(response)
        body = response.json()
        assert len(body["months"]) == 12
        assert body["total"]["answered"] == 2
        assert sum(m["figures"]["answered"] for m in body["months"]) == 2
    assert client.get("/api/v1/insights/trends?maslikhat=999999").status_code == 404
    bad = client.get("/api/v1/insights/trends?maslikhat=abc")
    assert bad.status_code == 422
    assert_matches_schema(bad)
