"""Each kind of change renews the public pages that show it — and no other: over the whole demo
content, one change per capability, the pages that show the changed record render it at once,
and a page of another capability is still served from the cache without a query."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kenes.appeals.models import Appeal
from kenes.channel.models import ChannelItem
from kenes.councils.models import Session
from kenes.outreach.models import VoterMandate, VoterMeeting
from kenes.plans.models import PlanItem
from kenes.recommendations.models import Recommendation
from kenes.registry.models import Person

NEW = "Renewed-7f3a"


@pytest.fixture
def demo(demo_data, db, settings, django_capture_on_commit_callbacks):
    settings.KENES_PUBLIC_CACHE = True
    # The demo content was written in the module's transaction, which never commits: renew what it
    # wrote now, as its commit would have, so that each test starts from committed data.
    with django_capture_on_commit_callbacks(execute=True):
        Person.objects.filter(pk=-1).update(sort_name="")


def _first(model, **filters):
    return model.objects.filter(**filters).order_by("pk").first()


def _rename(model, field: str, **filters) -> Callable[[], list[str]]:
    """A write through a bulk update (no service, no audit): the connection reports it all the same."""

    def change() -> None:
        record = _first(model, **filters)
        model.objects.filter(pk=record.pk).update(**{field: {"kk": NEW, "ru": NEW, "en": NEW}})

    return change


@dataclass
class Case:
    change: Callable[[], None]
    shows: Callable[[], list[str]]  # pages that show the changed record
    unrelated: Callable[[], str]  # a page of another capability


def _session_pages() -> list[str]:
    session = _first(Session, status=Session.Status.MINUTES_PUBLISHED)
    return [f"/en/sessions/{session.pk}/", f"/api/v1/sessions/{session.pk}"]


CASES = {
    "a person (registry)": Case(
        _rename(Person, "name", name__en="Askar Shakirov"),
        lambda: [f"/en/people/{_first(Person, name__en='Askar Shakirov').pk}/", *_session_pages()],
        lambda: "/en/plans/",
    ),
    "a session (councils)": Case(
        _rename(Session, "title", status=Session.Status.MINUTES_PUBLISHED),
        _session_pages,
        lambda: "/en/voters/mandates/",
    ),
    "a plan item (plans)": Case(
        _rename(PlanItem, "title"),
        lambda: [f"/en/plans/{_first(PlanItem).plan_id}/"],
        lambda: _session_pages()[0],
    ),
    "a recommendation (recommendations)": Case(
        _rename(Recommendation, "text"),
        lambda: [f"/en/recommendations/{_first(Recommendation).pk}/"],
        lambda: _session_pages()[0],
    ),
    "a public channel item (channel)": Case(
        _rename(ChannelItem, "subject", is_public=True),
        lambda: [f"/en/channel/items/{_first(ChannelItem, is_public=True).pk}/"],
        lambda: "/en/plans/",
    ),
    "a meeting with voters (outreach)": Case(
        _rename(VoterMeeting, "topic"),
        lambda: [f"/en/voters/meetings/{_first(VoterMeeting).pk}/"],
        lambda: _session_pages()[0],
    ),
    "a voter mandate (outreach)": Case(
        _rename(VoterMandate, "title", status=VoterMandate.Status.ACCEPTED),
        lambda: [f"/en/voters/mandates/{_first(VoterMandate, status=VoterMandate.Status.ACCEPTED).pk}/"],
        lambda: "/en/plans/",
    ),
    "an answer to an appeal (appeals)": Case(
        lambda: Appeal.objects.filter(pk=_first(Appeal, status=Appeal.Status.ANSWERED).pk).update(answer_text=NEW),
        lambda: [f"/en/appeals/track/?code={_first(Appeal, status=Appeal.Status.ANSWERED).tracking_code}"],
        lambda: _session_pages()[0],
    ),
}


def _served_from_cache(client, url: str) -> bool:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries) == 0


@pytest.mark.parametrize("kind", list(CASES))
def test_a_change_renews_the_pages_that_show_it_and_no_other(client, demo, django_capture_on_commit_callbacks, kind):
    case = CASES[kind]
    pages, unrelated = case.shows(), case.unrelated()
    for url in pages:
        assert NEW not in client.get(url).content.decode(), url  # rendered (and cached where pages are)
    assert client.get(unrelated).status_code == 200
    assert _served_from_cache(client, unrelated), unrelated
    with django_capture_on_commit_callbacks(execute=True):
        case.change()
    for url in pages:
        assert NEW in client.get(url).content.decode(), (kind, url)
    assert _served_from_cache(client, unrelated), (kind, unrelated)
