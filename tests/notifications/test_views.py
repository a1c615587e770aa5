import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from kenes.notifications.context_processors import notifications as unread_processor
from kenes.notifications.models import Notification, Preference
from kenes.notifications.services import notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LANGS = ("kk", "ru", "en")
TITLE = {"kk": "Жоспар тармағы", "ru": "Пункт плана", "en": "Plan item"}


def url(name: str, lang: str = "en", *args) -> str:
    with translation.override(lang):
        return reverse(name, args=args)


def ping(user, key: str, group: str = "status", path: str = "/council/", title=None):
    return notify(
        recipients=[user],
        kind="notifications.ping",
        group=group,
        key=key,
        params={"title": title or TITLE},
        path=path,
    )[0]


@pytest.mark.parametrize("lang", LANGS)
def test_inbox_renders_in_the_current_language_newest_first(client, settings, lang):
    user = UserFactory(language="kk")
    old = ping(user, "old", title={"kk": "Ескі", "ru": "Старое", "en": "Old one"})
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timezone.timedelta(days=2))
    new = ping(user, "new", path="/sessions/")
    client.force_login(user)
    response = client.get(url("notifications:inbox", lang))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    # Subjects come from the kind's template rendered in the page's language, not the user's.
    assert TITLE[lang] in html
    assert {"kk": "Ескі", "ru": "Старое", "en": "Old one"}[lang] in html
    # Newest first.
    assert html.index(f'id="notification-{new.pk}"') < html.index(f'id="notification-{old.pk}"')
    # The link goes to the target in the current language.
    assert f'href="/{lang}/sessions/"' in html
    assert f'href="/{lang}/council/"' in html
    # The e-mail's "Open: <address>" line is not repeated under the linked subject.
    assert f"{settings.KENES_SITE_URL}/{lang}/sessions/" not in html
    # Both unread: marked, each with its own mark-read form, and a mark-all button.
    assert html.count('class="notification unread"') == 2
    assert url("notifications:mark-read", lang, new.pk) in html
    assert url("notifications:mark-all-read", lang) in html


def test_inbox_shows_only_my_visible_notifications(client):
    me, other = UserFactory(), UserFactory()
    ping(me, "mine", title={"en": "Mine"})
    ping(other, "theirs", title={"en": "Theirs"})
    Preference.objects.create(user=me, group="deadlines", in_app=False)
    ping(me, "hidden", group="deadlines", title={"en": "Hidden deadline"})
    client.force_login(me)
    html = client.get(url("notifications:inbox")).content.decode()
    assert "Mine" in html
    assert "Theirs" not in html
    assert "Hidden deadline" not in html


def test_empty_inbox_says_so(client):
    client.force_login(UserFactory())
    html = client.get(url("notifications:inbox")).content.decode()
    assert "No notifications yet." in html
    assert "notification unread" not in html


def test_mark_read_and_unread_filter(client):
    user = UserFactory()
    first = ping(user, "a", title={"en": "First"})
    second = ping(user, "b", title={"en": "Second"})
    client.force_login(user)
    response = client.post(url("notifications:mark-read", "ru", first.pk))
    assert response.status_code == 302 and response["Location"] == url("notifications:inbox", "ru")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None
    html = client.get(url("notifications:inbox") + "?unread=1").content.decode()
    assert "Second" in html and "First" not in html
    # Marking again keeps the first time it was read.
    read_at = first.read_at
    client.post(url("notifications:mark-read", "en", first.pk))
    first.refresh_from_db()
    assert first.read_at == read_at


def test_mark_read_returns_to_a_safe_next_only(client):
    user = UserFactory()
    n = ping(user, "a")
    client.force_login(user)
    response = client.post(url("notifications:mark-read", "en", n.pk), {"next": "https://evil.example/"})
    assert response["Location"] == url("notifications:inbox")
    n2 = ping(user, "b")
    response = client.post(url("notifications:mark-read", "en", n2.pk), {"next": "/en/notifications/?page=2"})
    assert response["Location"] == "/en/notifications/?page=2"


def test_mark_read_with_htmx_returns_the_item(client):
    user = UserFactory()
    n = ping(user, "a", title={"en": "Fragment"})
    client.force_login(user)
    response = client.post(url("notifications:mark-read", "en", n.pk), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith(f'<li id="notification-{n.pk}" class="notification"')
    assert "Fragment" in html and "Mark read" not in html


def test_mark_all_read(client):
    user, other = UserFactory(), UserFactory()
    for key in "abc":
        ping(user, key)
    theirs = ping(other, "x")
    client.force_login(user)
    response = client.post(url("notifications:mark-all-read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
    html = client.get(url("notifications:inbox")).content.decode()
    assert "notification unread" not in html
    assert url("notifications:mark-all-read") not in html


def test_mark_read_needs_post(client):
    user = UserFactory()
    n = ping(user, "a")
    client.force_login(user)
    assert client.get(url("notifications:mark-read", "en", n.pk)).status_code == 405
    assert client.get(url("notifications:mark-all-read")).status_code == 405


@pytest.mark.parametrize(
    ("name", "method", "args"),
    [
        ("notifications:inbox", "get", ()),
        ("notifications:settings", "get", ()),
        ("notifications:settings", "post", ()),
        ("notifications:mark-all-read", "post", ()),
        ("notifications:mark-read", "post", (1,)),
    ],
)
def test_anonymous_is_sent_to_sign_in(client, name, method, args):
    response = getattr(client, method)(url(name, "ru", *args))
    assert response.status_code == 302
    assert response["Location"].startswith(url("accounts:login", "ru") + "?next=")


def test_another_users_notification_is_404(client):
    owner, intruder = UserFactory(), UserFactory()
    n = ping(owner, "private")
    client.force_login(intruder)
    assert client.post(url("notifications:mark-read", "en", n.pk)).status_code == 404
    n.refresh_from_db()
    assert n.read_at is None
    # A hidden notification of my own is not reachable either.
    Preference.objects.create(user=intruder, group="status", in_app=False)
    hidden = ping(intruder, "hidden")
    assert client.post(url("notifications:mark-read", "en", hidden.pk)).status_code == 404


def test_rules_only_the_recipient(make_user):
    owner = UserFactory()
    n = ping(owner, "a")
    assert owner.has_perm("notifications.view_notification", n)
    assert owner.has_perm("notifications.change_notification", n)
    for role in ("anonymous", "citizen", "maslikhat_staff", "maslikhat_head", "secretariat", "admin"):
        user = make_user(role)
        if role == "admin":
            continue  # superusers hold every permission; they use the Django admin
        assert not user.has_perm("notifications.view_notification", n), role
        assert not user.has_perm("notifications.change_notification", n), role
        assert user.has_perm("notifications.view_inbox") == (role != "anonymous")


def test_inbox_query_count_is_constant(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = UserFactory()
    ping(user, "one")
    client.force_login(user)
    with CaptureQueriesContext(connection) as small:
        client.get(url("notifications:inbox"))
    for i in range(25):
        ping(user, f"k{i}", group=("status", "deadlines", "answers")[i % 3])
    with CaptureQueriesContext(connection) as large:
        response = client.get(url("notifications:inbox"))
    assert response.content.decode().count('class="notification unread"') == 26
    assert len(large) == len(small)
    with django_assert_max_num_queries(6):
        client.get(url("notifications:inbox"))


def test_unread_count_context_processor(rf: RequestFactory, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    user = UserFactory()
    for key in "abc":
        ping(user, key)
    Notification.objects.filter(key="a").update(read_at=timezone.now())
    Preference.objects.create(user=user, group="answers", in_app=False)
    ping(user, "hidden", group="answers")
    ping(UserFactory(), "theirs")
    request = rf.get("/")
    request.user = AnonymousUser()
    assert unread_processor(request) == {}
    request.user = user
    context = unread_processor(request)
    with django_assert_num_queries(0):
        context = unread_processor(request)  # lazy: nothing until a template uses it
    template = Template("{% if unread_notifications %}[{{ unread_notifications }}]{% endif %}")
    with django_assert_num_queries(1):
        assert template.render(Context(context)) == "[2]"


def test_inbox_pages_thirty_at_a_time(client):
    user = UserFactory()
    for i in range(32):
        ping(user, f"k{i}", title={"en": f"Item {i:02d}"})
    client.force_login(user)
    first = client.get(url("notifications:inbox")).content.decode()
    assert first.count('<li id="notification-') == 30
    assert 'href="?page=2"' in first and "Item 31" in first and "Item 01" not in first
    second = client.get(url("notifications:inbox") + "?page=2").content.decode()
    assert second.count('<li id="notification-') == 2
    assert "Item 00" in second and "Item 01" in second


def test_suggested_header_link_renders_the_count(rf):
    """The markup proposed for base.html works with the lazy count."""
    user = UserFactory()
    ping(user, "a")
    ping(user, "b")
    request = rf.get("/en/")
    request.user = user
    snippet = Template(
        "{% load i18n %}{% url 'notifications:inbox' as inbox_url %}<a href=\"{{ inbox_url }}\">"
        "{% translate 'Notifications' %}{% if unread_notifications %} <span class=\"count\">"
        "({{ unread_notifications }} <span>{% translate 'unread' %}</span>)</span>{% endif %}</a>"
    )
    with translation.override("en"):
        html = snippet.render(Context(unread_processor(request)))
    assert html == '<a href="/en/notifications/">Notifications <span class="count">(2 <span>unread</span>)</span></a>'
    Notification.objects.update(read_at=timezone.now())
    with translation.override("en"):
        html = snippet.render(Context(unread_processor(request)))
    assert html == '<a href="/en/notifications/">Notifications</a>'
