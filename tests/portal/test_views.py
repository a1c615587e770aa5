import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from kenes.councils.models import Session
from kenes.registry import services as registry_services
from tests.factories import PersonFactory
from tests.portal.builders import make_head, make_session

pytestmark = pytest.mark.django_db
LANGS = ("kk", "ru", "en")


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
def test_home_in_each_language(client, reference, lang):
    upcoming = make_session(
        reference, status=Session.Status.ANNOUNCED, starts_at=timezone.now() + datetime.timedelta(days=5)
    )
    recent = make_session(reference)
    draft = make_session(reference, status=Session.Status.DRAFT)
    html = assert_page(client.get(url("portal:home", lang)), lang)
    assert upcoming.title[lang] in html and recent.title[lang] in html
    assert draft.title[lang] not in html
    assert reference.name[lang] in html
    # the regions valid today, each with its regional maslikhat
    assert html.count('href="/' + lang + "/regions/") >= 20
    assert "Абай облысы" in html or "Abai" in html or "Абай" in html
    assert f'href="{url("councils:council-detail", lang)}"' in html


def test_home_shows_head_of_regional_maslikhat(client, reference):
    from kenes.registry.models import Maslikhat

    maslikhat = Maslikhat.objects.filter(level="regional").first()
    head = make_head(maslikhat, PersonFactory(name={"kk": "Басшы Қайрат", "ru": "Глава Кайрат", "en": "Head Kairat"}))
    html = client.get(url("portal:home", "ru")).content.decode()
    assert "Глава Кайрат" in html
    assert f"/ru/people/{head.person_id}/" in html


def test_layout_nav_and_account_links(client, reference, secretariat):
    html = client.get(url("portal:home", "en")).content.decode()
    for name in (
        "portal:home",
        "councils:council-detail",
        "councils:session-list",
        "registry:region-list",
        "portal:search",
    ):
        assert f'href="{url(name, "en")}"' in html
    assert 'href="/en/accounts/login/"' in html
    assert "Sign out" not in html
    client.force_login(secretariat)
    html = client.get(url("portal:home", "en")).content.decode()
    assert re.search(r'<form method="post" action="/en/accounts/logout/"', html)
    assert "csrfmiddlewaretoken" in html
    assert 'href="/en/accounts/login/"' not in html
    assert 'href="/en/accounts/welcome/"' in html  # the staff workspace, by role
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert 'href="/en/accounts/login/"' in client.get(url("portal:home", "en")).content.decode()


def test_citizen_sees_no_staff_link(client, reference, make_user):
    client.force_login(make_user("citizen"))
    html = client.get(url("portal:home", "ru")).content.decode()
    assert 'href="/ru/staff/"' not in html and "/ru/accounts/logout/" in html


def test_language_switch_and_alternates(client, reference):
    session = make_session(reference)
    html = client.get(url("councils:session-detail", "kk", session.pk)).content.decode()
    assert f'hreflang="ru" href="/ru/sessions/{session.pk}/"' in html
    assert f'<a href="/en/sessions/{session.pk}/" lang="en"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_500_page_stands_alone(lang):
    from django.template.loader import render_to_string

    with translation.override(lang):
        html = render_to_string("500.html")
    assert f'<html lang="{lang}">' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1


def test_demo_banner_only_with_demo_records(client, reference):
    make_session(reference)
    assert "demo-banner" not in client.get(url("portal:home", "en")).content.decode()
    make_session(reference, is_demo=True)
    assert "demo-banner" in client.get(url("portal:home", "en")).content.decode()


@pytest.mark.parametrize("lang", LANGS)
def test_search_in_each_language(client, reference, lang):
    public = make_session(
        reference, title={"kk": "Бюджет отырысы", "ru": "Бюджетное заседание", "en": "Budget session"}
    )
    draft = make_session(
        reference,
        status=Session.Status.DRAFT,
        title={"kk": "Бюджет жобасы", "ru": "Бюджетный черновик", "en": "Budget draft"},
    )
    person = PersonFactory(name={"kk": "Бюджетов Асқар", "ru": "Бюджетов Аскар", "en": "Askar Budgetov"})
    html = assert_page(client.get(url("portal:search", lang), {"q": "бюджет"}), lang)
    assert public.title[lang] in html
    assert draft.title[lang] not in html
    assert f"/{lang}/people/{person.pk}/" in html


def test_search_finds_organisations_and_maslikhats(client, reference):
    html = client.get(url("portal:search", "ru"), {"q": "Сенат"}).content.decode()
    assert f"/ru/organizations/{reference.host_id}/" in html
    html = client.get(url("portal:search", "ru"), {"q": "Актюбинский"}).content.decode()
    assert "/ru/maslikhats/" in html


def test_search_short_or_empty_query(client, db):
    html = client.get(url("portal:search", "en"), {"q": "a"}).content.decode()
    assert "Please type at least 2 characters." in html
    html = client.get(url("portal:search", "en")).content.decode()
    assert "Please type at least" not in html
    assert 'name="q"' in html and '<label for="q">' in html
    html = client.get(url("portal:search", "en"), {"q": "zzzzqqq"}).content.decode()
    assert "Nothing found" in html


@pytest.mark.parametrize("lang", LANGS)
def test_404_page_in_each_language(client, db, lang):
    response = client.get(f"/{lang}/sessions/999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1


def test_login_page_has_labels(client, db):
    html = client.get(url("accounts:login", "en")).content.decode()
    assert '<label for="id_username">' in html and '<label for="id_password">' in html
    response = client.post(url("accounts:login", "en"), {"username": "nobody", "password": "wrong"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_anonymous_second_hit_served_from_cache(client, reference, settings, django_assert_num_queries):
    settings.KENES_PUBLIC_CACHE = True
    session = make_session(reference)
    first = client.get(url("councils:session-detail", "en", session.pk))
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(url("councils:session-detail", "en", session.pk))
    assert second.content == first.content
    with CaptureQueriesContext(connection) as queries:
        client.get(url("portal:home", "en"))  # a page not yet cached does query
    assert len(queries) > 0


def test_signed_in_users_are_not_served_from_cache(client, reference, secretariat, settings):
    settings.KENES_PUBLIC_CACHE = True
    session = make_session(reference, status=Session.Status.HELD)
    page = url("councils:session-detail", "en", session.pk)
    anonymous = client.get(page).content.decode()
    assert "Statement text 0" not in anonymous
    client.force_login(secretariat)
    assert "Statement text 0" in client.get(page).content.decode()


def test_staff_change_through_a_service_refreshes_cached_page(
    client, reference, secretariat, settings, django_capture_on_commit_callbacks
):
    settings.KENES_PUBLIC_CACHE = True
    session = make_session(reference)
    page = url("councils:session-detail", "en", session.pk)
    assert "Chair Alibek" in client.get(page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # renewed after the commit
        registry_services.person_update(
            person=session.chair, actor=secretariat, data={"name": {"kk": "Жаңа", "ru": "Новый", "en": "Renamed Chair"}}
        )
    html = client.get(page).content.decode()
    assert "Renamed Chair" in html and "Chair Alibek" not in html


def test_after_login_sends_each_role_to_its_work(client, make_user):
    for role, target in [
        ("secretariat", "/kk/staff/councils/"),
        ("maslikhat_staff", "/kk/staff/registry/"),
        ("citizen", "/kk/"),
    ]:
        user = make_user(role)
        client.force_login(user)
        response = client.get("/kk/accounts/welcome/")
        assert response.status_code == 302 and response["Location"].startswith(target), (role, response["Location"])
        client.logout()


def test_staff_root_sends_staff_to_their_area_and_refuses_others(client, make_user):
    """Every staff area is at /staff/<capability>/; /staff/ itself only routes."""
    for role, expected in [
        ("secretariat", "/kk/staff/councils/"),
        ("maslikhat_head", "/kk/staff/registry/"),
        ("citizen", 403),
    ]:
        client.force_login(make_user(role))
        response = client.get("/kk/staff/")
        if expected == 403:
            assert response.status_code == 403, role
        else:
            assert response.status_code == 302 and response["Location"].startswith(expected), role
        client.logout()


def test_forbidden_page_explains(client, make_user):
    client.force_login(make_user("citizen"))
    response = client.get("/kk/staff/audit/")
    assert response.status_code == 403
    assert b'<html lang="kk"' in response.content and b"<h1>" in response.content


def test_visitor_with_session_cookie_is_not_served_from_cache(client, reference, settings):
    settings.KENES_PUBLIC_CACHE = True
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/kk/")
    with CaptureQueriesContext(connection) as cached_hit:
        client.get("/kk/")
    assert len(cached_hit) == 0
    client.cookies["sessionid"] = "anything"
    with CaptureQueriesContext(connection) as with_session:
        response = client.get("/kk/")
    assert response.status_code == 200 and len(with_session) > 0


def test_cached_pages_are_served_compressed_to_clients_that_accept_gzip(client, reference, settings):
    import gzip

    settings.KENES_PUBLIC_CACHE = True
    plain = client.get("/kk/")
    zipped = client.get("/kk/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert zipped["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(zipped.content) == plain.content
    again = client.get("/kk/")
    assert "Content-Encoding" not in again and again.content == plain.content
