import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kenes.appeals.models import Appeal
from kenes.insights.rebuild import figures_rebuild
from kenes.registry.models import Maslikhat, Region
from tests.factories import MaslikhatFactory, PersonFactory
from tests.insights.helpers import make_appeal


def recent(days_ago: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days_ago)


@pytest.fixture
def astana(reference):
    region = Region.objects.get(kato="710000000")
    return region, Maslikhat.objects.get(region=region, level="regional")


def answered_appeals(maslikhat, on_time: int, late: int, deputy=None):
    for i in range(on_time):
        make_appeal(maslikhat, recent(60 + i), answered_on=recent(55 + i), substance=True, deputy=deputy)
    for i in range(late):
        make_appeal(maslikhat, recent(90 + i), answered_on=recent(20), substance=False, deputy=deputy)


def test_dashboard_in_three_languages(client, astana):
    region, maslikhat = astana
    answered_appeals(maslikhat, on_time=3, late=1)
    figures_rebuild()
    for lang, name in (("kk", region.name["kk"]), ("ru", region.name["ru"]), ("en", region.name["en"])):
        response = client.get(f"/{lang}/insights/")
        html = response.content.decode()
        assert response.status_code == 200
        assert f'<html lang="{lang}">' in html
        assert name in html
        assert html.count("<h1>") == 1
        # 20 regions valid today, each a row of the table
        assert html.count('href="/' + lang + "/insights/regions/") == 20


def test_min_sample_hides_figures_and_gives_n(client, astana, settings):
    _region, maslikhat = astana
    answered_appeals(maslikhat, on_time=3, late=1)
    figures_rebuild()
    settings.KENES_INDEX_MIN_SAMPLE = 10
    html = client.get("/en/insights/").content.decode()
    assert "not enough data" in html and "(n = 4)" in html
    assert "75%" not in html
    settings.KENES_INDEX_MIN_SAMPLE = 4
    html = client.get("/en/insights/?again").content.decode()
    assert "<strong>75%</strong>" in html  # 3 of 4 answered on time
    assert "(3/4)" in html


def test_drill_down_region_maslikhat_deputy(client, astana, settings):
    settings.KENES_INDEX_MIN_SAMPLE = 2
    region, maslikhat = astana
    deputy = PersonFactory(name={"kk": "Депутат Сынақ", "ru": "Депутат Тест", "en": "Deputy Test"})
    answered_appeals(maslikhat, on_time=2, late=0, deputy=deputy)
    figures_rebuild()
    html = client.get(f"/en/insights/regions/{region.kato}/").content.decode()
    assert f'href="/en/insights/maslikhats/{maslikhat.pk}/"' in html
    assert maslikhat.name["en"] in html
    html = client.get(f"/en/insights/maslikhats/{maslikhat.pk}/").content.decode()
    assert "Deputy Test" in html and "<strong>100%</strong>" in html
    assert client.get("/en/insights/regions/000000000/").status_code == 404


def test_dashboard_changes_after_an_answer_and_a_rebuild(client, astana, settings, django_capture_on_commit_callbacks):
    """The hook of the browser test: staff answer an appeal, the rebuild runs, the (cached) public
    dashboard shows it."""
    settings.KENES_PUBLIC_CACHE = True
    settings.KENES_INDEX_MIN_SAMPLE = 1
    _region, maslikhat = astana
    appeal = make_appeal(maslikhat, recent(40))
    figures_rebuild()
    before = client.get("/en/insights/").content.decode()
    assert '<strong>0%</strong> <span class="meta">(0/1)</span>' in before
    Appeal.objects.filter(pk=appeal.pk).update(
        answered_on=appeal.due_date,
        status=Appeal.Status.ANSWERED,
        outcome=Appeal.Outcome.EXPLAINED,
        rating_substance=True,
    )
    assert client.get("/en/insights/").content.decode() == before  # served from the page cache
    with django_capture_on_commit_callbacks(execute=True):  # the rebuild's commit renews the page
        figures_rebuild()
    after = client.get("/en/insights/").content.decode()
    assert '<strong>100%</strong> <span class="meta">(1/1)</span>' in after


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_dashboard_queries_do_not_grow_with_data(client, astana, settings):
    settings.KENES_PUBLIC_CACHE = False
    region, maslikhat = astana
    deputy = PersonFactory()
    make_appeal(maslikhat, recent(40), answered_on=recent(39), deputy=deputy)
    figures_rebuild()
    paths = ["/en/insights/", f"/en/insights/regions/{region.kato}/", f"/en/insights/maslikhats/{maslikhat.pk}/"]
    small = [_queries(client, path) for path in paths]
    for region_obj in Region.objects.all()[:10]:
        other = MaslikhatFactory(region=region_obj)
        for days in (40, 70, 100, 200, 300):
            make_appeal(other, recent(days), answered_on=recent(days - 3), deputy=PersonFactory())
    for days in (70, 100, 200):
        make_appeal(maslikhat, recent(days), answered_on=recent(days - 3), deputy=PersonFactory())
    figures_rebuild()
    large = [_queries(client, path) for path in paths]
    assert small == large
    assert max(large) <= 6


def test_csv_export_of_regions_and_of_a_region(client, astana, settings):
    settings.KENES_INDEX_MIN_SAMPLE = 4
    region, maslikhat = astana
    answered_appeals(maslikhat, on_time=3, late=1)
    figures_rebuild()
    response = client.get("/en/insights/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 20
    astana_row = next(r for r in rows if r["id"] == region.kato)
    assert astana_row["appeals_due"] == "4" and astana_row["answered_on_time"] == "3"
    assert astana_row["on_time_share"] == "0.75"
    assert astana_row["substance_share"] == "0.75"
    assert astana_row["mandates_executed_share"] == ""  # nothing to show: empty, not 0
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(f"/ru/insights/export.csv?region={region.kato}").content.decode("utf-8-sig"))
        )
    )
    assert {r["maslikhat"] for r in rows} == {"maslikhat"}
    assert rows[0]["name"] == maslikhat.name["ru"]
    assert client.get("/en/insights/export.csv?maslikhat=abc").status_code == 400


def test_methodology_page(client, settings):
    settings.KENES_INDEX_MIN_SAMPLE = 12
    for lang in ("kk", "ru", "en"):
        response = client.get(f"/{lang}/insights/methodology/")
        assert response.status_code == 200
    html = client.get("/en/insights/methodology/").content.decode()
    for text in (
        "answered on time ÷ appeals due",
        "fewer than 12 cases",
        "What the index does not measure",
        "Why there is no single score",
        "recomputed every night",
    ):
        assert text in html


def test_sections_on_registry_pages(client, astana, settings):
    settings.KENES_INDEX_MIN_SAMPLE = 4
    region, maslikhat = astana
    answered_appeals(maslikhat, on_time=3, late=1)
    figures_rebuild()
    html = client.get(f"/en/regions/{region.kato}/").content.decode()
    assert 'id="insights-h"' in html and "<strong>75%</strong>" in html
    html = client.get(f"/en/maslikhats/{maslikhat.pk}/").content.decode()
    assert f'href="/en/insights/maslikhats/{maslikhat.pk}/"' in html and "<strong>75%</strong>" in html
