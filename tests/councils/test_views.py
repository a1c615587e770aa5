import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from kenes.councils.models import CouncilMember, Session
from tests.portal.builders import EN_QUOTE, KK_QUOTE, make_session

pytestmark = pytest.mark.django_db
LANGS = ("kk", "ru", "en")


@pytest.fixture(autouse=True)
def _page_settings(settings):
    settings.WHITENOISE_AUTOREFRESH = True
    settings.KENES_PUBLIC_CACHE = False


def url(name: str, lang: str = "kk", *args) -> str:
    with translation.override(lang):
        return reverse(name, args=args)


def assert_page(response, lang: str) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    return html


@pytest.mark.parametrize("lang", LANGS)
def test_session_page_in_each_language(client, reference, lang):
    session = make_session(reference, maslikhats=3, statements=2)
    html = assert_page(client.get(url("councils:session-detail", lang, session.pk)), lang)
    assert f"<h1>{session.title[lang]}</h1>" in html
    assert session.chair.name[lang] in html and session.chair_title[lang] in html
    assert "https://video.example.kz/session" in html
    assert 'class="main"' in html  # the main question is marked
    assert "https://example.kz/a.pdf" in html  # its document
    for participation in session.participations.filter(maslikhat__isnull=False):
        assert participation.maslikhat.name[lang] in html
        assert participation.maslikhat.region.name[lang] in html
    quote = {"kk": KK_QUOTE, "en": EN_QUOTE}.get(lang)
    if quote:
        assert f"<blockquote>{quote}</blockquote>" in html
    assert "№ 1." in html
    assert f'href="{url("councils:session-minutes-pdf", lang, session.pk)}"' in html


def test_session_page_shows_date_in_almaty_time(client, reference):
    starts = datetime.datetime(2020, 10, 21, 5, 0, tzinfo=datetime.UTC)  # 10:00 or 11:00 in Almaty
    session = make_session(reference, starts_at=starts)
    html = client.get(url("councils:session-detail", "en", session.pk)).content.decode()
    local = timezone.localtime(starts)
    assert local.hour in (10, 11)
    assert f"{local:%H:%M}" in html
    assert "2020" in html


def test_modes_and_attendance_shown(client, reference):
    session = make_session(reference, maslikhats=1, organizations=1, people=1)
    html = client.get(url("councils:session-detail", "en", session.pk)).content.decode()
    assert "Remote" in html and "In person" in html
    assert "did not attend" in html and "attended" in html


@pytest.mark.parametrize("role", ["anonymous", "citizen", "maslikhat_staff"])
def test_draft_session_is_404_for_the_public(client, reference, make_user, role):
    session = make_session(reference, status=Session.Status.DRAFT)
    user = make_user(role)
    if role != "anonymous":
        client.force_login(user)
    response = client.get(url("councils:session-detail", "en", session.pk))
    assert response.status_code == 404
    assert session.title["en"] not in response.content.decode()


@pytest.mark.parametrize("role", ["secretariat", "admin"])
def test_draft_session_visible_to_council_staff(client, reference, make_user, role):
    session = make_session(reference, status=Session.Status.DRAFT)
    client.force_login(make_user(role))
    html = client.get(url("councils:session-detail", "en", session.pk)).content.decode()
    assert f"<h1>{session.title['en']}</h1>" in html


def test_statements_and_decisions_hidden_until_minutes_published(client, reference, make_user):
    session = make_session(reference, status=Session.Status.HELD)
    page = url("councils:session-detail", "en", session.pk)
    html = client.get(page).content.decode()
    assert session.title["en"] in html
    assert "Statement text 0" not in html and EN_QUOTE not in html
    assert "On admission 0" not in html
    assert "will be published with the minutes" in html
    assert "minutes.pdf" not in html
    client.force_login(make_user("citizen"))
    assert "Statement text 0" not in client.get(page).content.decode()
    Session.objects.filter(pk=session.pk).update(status=Session.Status.MINUTES_PUBLISHED)
    client.logout()
    html = client.get(page).content.decode()
    assert "Statement text 0" in html and f"<blockquote>{EN_QUOTE}</blockquote>" in html
    assert "On admission 0" in html


def _count_queries(client, session) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("councils:session-detail", "en", session.pk))
    assert response.status_code == 200
    return len(queries)


def test_session_page_runs_a_constant_number_of_queries(client, reference, django_assert_num_queries):
    small = make_session(reference, maslikhats=2, statements=1, decisions=1, organizations=1, people=1)
    large = make_session(reference, maslikhats=20, statements=15, decisions=6, organizations=5, people=8)
    expected = _count_queries(client, small)
    assert expected <= 10
    with django_assert_num_queries(expected):
        response = client.get(url("councils:session-detail", "en", large.pk))
    html = response.content.decode()
    assert html.count("<blockquote>") == 15
    assert html.count("Remote") == 20


@pytest.mark.parametrize("lang", LANGS)
def test_session_list_in_each_language(client, reference, lang):
    public = make_session(reference)
    draft = make_session(reference, status=Session.Status.DRAFT)
    html = assert_page(client.get(url("councils:session-list", lang)), lang)
    assert public.title[lang] in html and draft.title[lang] not in html


def test_session_list_filters_by_year_and_paginates(client, reference):
    old = make_session(reference, starts_at=datetime.datetime(2020, 10, 21, 5, tzinfo=datetime.UTC), maslikhats=0)
    new = make_session(reference, maslikhats=0)
    html = client.get(url("councils:session-list", "en"), {"year": "2020"}).content.decode()
    assert old.title["en"] in html and new.title["en"] not in html
    assert '<option value="2020" selected>' in html
    response = client.get(url("councils:session-list", "en"), {"year": "abc"})
    assert response.status_code == 400
    assert "There are no public sessions in “abc”" in response.content.decode()
    for _ in range(20):
        make_session(reference, maslikhats=0, statements=0, decisions=0, organizations=0, people=0)
    html = client.get(url("councils:session-list", "en")).content.decode()
    assert "Page 1 of 2" in html and 'rel="next"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_council_page_in_each_language(client, reference, lang):
    session = make_session(reference, decisions=1)
    html = assert_page(client.get(url("councils:council-detail", lang)), lang)
    assert reference.name[lang] in html
    assert reference.host.name[lang] in html
    collective = CouncilMember.objects.get(organization__isnull=False, admitted_by__session=session)
    individual = CouncilMember.objects.get(person__isnull=False, admitted_by__session=session)
    assert collective.organization.name[lang] in html
    assert individual.person.name[lang] in html
    assert f"{url('councils:session-detail', lang, session.pk)}#decision-1" in html


def test_council_page_does_not_link_unpublished_decisions(client, reference):
    make_session(reference, status=Session.Status.DRAFT)
    html = client.get(url("councils:council-detail", "en")).content.decode()
    assert "#decision-" not in html
    assert "/en/sessions/" in html  # the nav still links the list


def test_session_page_names_regions_as_on_the_session_date(client, reference, secretariat):
    """Astana was Nur-Sultan from 2019 to 2022-09-18: a 2020 session shows the 2020 name."""
    import datetime as dt

    from django.utils import timezone as tz

    from kenes.councils import services as council_services
    from kenes.registry.models import Maslikhat

    astana = Maslikhat.objects.get(level="regional", region__kato="710000000")
    session = council_services.session_create(
        actor=secretariat,
        council=reference,
        data={"title": {"en": "2020"}, "starts_at": tz.make_aware(dt.datetime(2020, 10, 21, 10, 0))},
    )
    council_services.agenda_item_add(
        session=session, actor=secretariat, data={"title": {"en": "Main"}, "is_main": True}
    )
    council_services.participation_set_maslikhats(
        session=session, actor=secretariat, rows=[council_services.MaslikhatAttendance(astana.pk, "remote")]
    )
    council_services.session_announce(session=session, actor=secretariat)
    body = client.get(f"/ru/sessions/{session.pk}/").content.decode()
    assert "Нур-Султан" in body
