"""The public page cache: a page is served from the cache until a committed write changes a table
it read; a write renews after its commit only; pages that read nothing of a change stay cached."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from kenes.core import cache as page_cache
from kenes.plans import services as plan_services
from kenes.registry import services as registry_services
from kenes.registry.models import Person
from tests.factories import UserFactory
from tests.plans.conftest import PlanWorld
from tests.portal.builders import make_session


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.KENES_PUBLIC_CACHE = True


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _served_from_cache(client, url: str) -> bool:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries) == 0


@pytest.mark.django_db(transaction=True)
def test_a_page_rendered_while_a_write_is_uncommitted_is_not_served_after_the_commit(client, reference):
    """The race of the old design: the cache was expired inside the write's transaction, so a
    visitor between that and the commit stored the old page as the new one."""
    session = make_session(reference)
    clerk = UserFactory(role="secretariat")
    page = f"/en/sessions/{session.pk}/"
    written, commit = threading.Event(), threading.Event()

    def writer() -> None:
        try:
            with transaction.atomic():
                registry_services.person_update(
                    person=Person.objects.get(pk=session.chair_id),
                    actor=clerk,
                    data={"name": {"kk": "Жаңа", "ru": "Новый", "en": "Renamed Chair"}},
                )
                written.set()
                assert commit.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=writer)
    thread.start()
    assert written.wait(10)
    # A visitor's request between the write and its commit renders (and stores) the old name.
    assert "Chair Alibek" in _html(client, page)
    commit.set()
    thread.join(10)
    html = _html(client, page)
    assert "Renamed Chair" in html and "Chair Alibek" not in html


def test_a_change_renews_the_pages_that_show_it_and_keeps_the_others(
    client, reference, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the setup is committed before the visits
        world = PlanWorld()
        item = world.item(title="Lectures on the new Constitution")
        session = make_session(reference)
    plan_page = f"/en/plans/{world.plan.pk}/"
    session_page = f"/en/sessions/{session.pk}/"
    session_api = f"/api/v1/sessions/{session.pk}"
    for url in (plan_page, session_page, session_api):
        client.get(url)
    assert _served_from_cache(client, plan_page) and _served_from_cache(client, session_page)

    with django_capture_on_commit_callbacks(execute=True):
        plan_services.plan_item_update(
            item=item,
            actor=world.clerk,
            data={"title": {"kk": "Жаңа", "ru": "Новый", "en": "Youth forums in every region"}},
        )

    assert "Youth forums in every region" in _html(client, plan_page)
    # The council's session page and its API answer read no plan table: still served from the cache.
    assert _served_from_cache(client, session_page)
    assert _served_from_cache(client, session_api)


def test_writes_that_bypass_the_services_renew_too(client, reference, django_capture_on_commit_callbacks):
    session = make_session(reference)
    page = f"/en/sessions/{session.pk}/"
    assert "Chair Alibek" in _html(client, page)
    with django_capture_on_commit_callbacks(execute=True):
        Person.objects.filter(pk=session.chair_id).update(name={"kk": "А", "ru": "Б", "en": "Bulk Renamed"})
    assert "Bulk Renamed" in _html(client, page)
    with django_capture_on_commit_callbacks(execute=True), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE registry_person SET name = %s WHERE id = %s",
            ['{"kk": "А", "ru": "Б", "en": "Raw Renamed"}', session.chair_id],
        )
    assert "Raw Renamed" in _html(client, page)


def test_nothing_renews_before_the_commit_or_after_a_rollback(db, django_capture_on_commit_callbacks):
    before = page_cache.versions(["registry_person"])
    sessions = page_cache.versions(["councils_session"])
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            Person.objects.update(sort_name="rolled back")
            raise RuntimeError
    assert page_cache.versions(["registry_person"]) == before
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Person.objects.update(sort_name="committed")
        assert page_cache.versions(["registry_person"]) == before  # not yet: the commit has not happened
    for callback in callbacks:
        callback()
    assert page_cache.versions(["registry_person"]) != before
    # A write to a table renews that table only.
    assert page_cache.versions(["councils_session"]) == sessions


def test_every_table_a_public_page_reads_is_tracked(client, reference):
    """Pages that read an untracked table (sessions, the task queue) could go stale: none does."""
    session = make_session(reference)
    every_table = set(connection.introspection.table_names())
    urls = [f"/{lang}/" for lang in ("kk", "ru", "en")] + [
        f"/en/sessions/{session.pk}/",
        f"/en/maslikhats/{session.participations.first().maslikhat_id}/",
        "/en/plans/",
        "/en/appeals/",
        "/en/insights/",
        "/en/voters/meetings/",
        "/en/voters/mandates/",
        "/api/v1/sessions",
    ]
    for url in urls:
        with page_cache.recording() as read, CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        named = {name for query in queries for name in page_cache._NAME.findall(query["sql"])} & every_table
        assert named, url
        assert named <= page_cache.tracked_tables(), (url, named - page_cache.tracked_tables())
        assert read == named, url


def test_a_fragment_served_from_the_cache_still_counts_for_the_page_around_it(db):
    """The plans matrix page is cached per user around a table cached for everyone: when the table
    comes from the cache, the page must still depend on the tables the table was made from."""
    from django.core.cache import cache

    def fragment() -> str:
        return str(Person.objects.count())

    page_cache.remember("fragment", fragment, 60)  # made once (reads registry_person)
    page_cache.remember("page", lambda: page_cache.remember("fragment", fragment, 60), 60)
    tables, _versions, _value = cache.get("page")
    assert "registry_person" in tables


def test_an_evicted_version_never_brings_an_old_entry_back(db):
    from django.core.cache import cache

    page_cache.remember("page", lambda: Person.objects.count(), 60)
    assert page_cache._fresh(cache.get("page"))
    cache.delete(page_cache._version_key("registry_person"))  # the version key was evicted
    assert not page_cache._fresh(cache.get("page"))


def test_a_download_served_from_the_cache_keeps_its_file_name(client, db):
    """The index's CSV is a download: its second answer (from the cache) names the file too."""
    first = client.get("/en/insights/export.csv")
    assert first.status_code == 200 and "attachment" in first["Content-Disposition"]
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/en/insights/export.csv")
    assert len(queries) == 0  # served from the cache
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert second["Content-Language"] == "en"
