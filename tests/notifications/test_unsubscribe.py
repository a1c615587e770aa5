import datetime
import re

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kenes.notifications import tokens
from kenes.notifications.models import Notification, Preference
from kenes.notifications.services import notify
from kenes.notifications.tasks import send_daily_digests
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
GROUPS = ("assignments", "deadlines", "status", "answers")


def unsubscribe_path(user, group: str = "status", lang: str = "en") -> str:
    with translation.override(lang):
        return reverse("notifications:unsubscribe", kwargs={"token": tokens.make_token(user, group)})


def email_of(user, group: str) -> str:
    pref = Preference.objects.filter(user=user, group=group).first()
    return pref.email if pref else "default"


def ping(user, key: str, group: str):
    return notify(recipients=[user], kind="notifications.ping", group=group, key=key, params={"title": "T"}, path="/x/")


def link_path(link: str, settings) -> str:
    assert link.startswith(settings.KENES_SITE_URL + "/")
    return link[len(settings.KENES_SITE_URL) :]


def test_get_asks_for_confirmation_and_changes_nothing():
    user = UserFactory()
    path = unsubscribe_path(user, "status", "ru")
    response = Client().get(path)
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="ru">' in html
    assert f'<form method="post" action="{path}">' in html
    assert "Status changes" in html or "Изменения статуса" in html
    assert not Preference.objects.exists()


def test_post_from_the_page_sets_email_to_never_for_that_group_only():
    user = UserFactory()
    Preference.objects.create(user=user, group="status", email="immediate", in_app=False)
    client = Client(enforce_csrf_checks=True)  # no cookie, no CSRF token: the link is the authority
    response = client.post(unsubscribe_path(user, "status"), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    pref = Preference.objects.get(user=user, group="status")
    assert (pref.email, pref.in_app) == ("off", False)  # the in-app choice is kept
    assert [email_of(user, g) for g in ("assignments", "deadlines", "answers")] == ["default"] * 3


def test_one_click_post_from_a_mail_client_unsubscribes_from_all():
    user = UserFactory()
    other = UserFactory()
    response = Client(enforce_csrf_checks=True).post(
        unsubscribe_path(user, "all", "kk"),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert [email_of(user, g) for g in GROUPS] == ["off"] * 4
    assert not Preference.objects.filter(user=other).exists()
    # Repeating it is harmless.
    assert Client().post(unsubscribe_path(user, "all")).status_code == 200
    assert Preference.objects.filter(user=user).count() == 4


def test_unsubscribing_drops_waiting_mail():
    user = UserFactory(email="u@example.kz")
    ping(user, "waiting", "status")
    Client().post(unsubscribe_path(user, "status"))
    assert Notification.objects.get(key="waiting").email_status == "skipped"
    send_daily_digests.enqueue()
    assert mail.outbox == []


@pytest.mark.parametrize("method", ["get", "post"])
def test_tampered_token_is_refused_with_a_clear_message(method):
    user = UserFactory()
    victim = UserFactory()
    token = tokens.make_token(user, "status")
    payload, _sep, rest = token.partition(":")
    # Someone swaps in another user's id but keeps the signature.
    forged = signing.b64_encode(f'{{"u":{victim.pk},"g":"all"}}'.encode()).decode() + ":" + rest
    for bad in (forged, token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "nonsense"):
        with translation.override("en"):
            path = reverse("notifications:unsubscribe", kwargs={"token": bad})
        response = getattr(Client(), method)(path)
        assert response.status_code == 400
        html = response.content.decode()
        assert "This unsubscribe link is not valid" in html
        assert 'role="alert"' in html
    assert not Preference.objects.exists()


def test_token_from_another_signer_is_refused():
    user = UserFactory()
    other_salt = signing.dumps({"u": user.pk, "g": "all"}, salt="something.else")
    with translation.override("en"):
        path = reverse("notifications:unsubscribe", kwargs={"token": other_salt})
    assert Client().post(path).status_code == 400
    assert not Preference.objects.exists()


def test_expired_token_says_so(monkeypatch):
    user = UserFactory()
    path = unsubscribe_path(user, "status")
    later = datetime.datetime.now(tz=datetime.UTC) + tokens.UNSUBSCRIBE_MAX_AGE + datetime.timedelta(days=1)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())
    response = Client().post(path)
    assert response.status_code == 400
    assert "This unsubscribe link has expired" in response.content.decode()
    assert not Preference.objects.exists()


def test_token_of_an_inactive_user_is_refused():
    user = UserFactory(is_active=False)
    response = Client().post(unsubscribe_path(user, "status"))
    assert response.status_code == 400
    assert "no active account" in response.content.decode()


def test_single_email_has_headers_footer_and_a_working_link(settings, django_capture_on_commit_callbacks):
    user = UserFactory(email="one@example.kz", language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        ping(user, "now", "assignments")
    [message] = mail.outbox
    link = message.extra_headers["List-Unsubscribe"]
    assert link.startswith("<") and link.endswith(">")
    link = link[1:-1]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link_path(link, settings).startswith("/ru/notifications/unsubscribe/")
    # The same link is in the body, after the signature separator, with the settings page.
    assert "-- \n" in message.body and link in message.body
    assert f"{settings.KENES_SITE_URL}/ru/notifications/settings/" in message.body
    # The headers really go out with the message.
    raw = message.message().as_string()
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in raw
    assert re.search(r"List-Unsubscribe:\s+<http", raw)
    # A mail client's one-click POST to that link switches off this group only.
    response = Client(enforce_csrf_checks=True).post(
        link_path(link, settings), data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert email_of(user, "assignments") == "off"
    assert email_of(user, "answers") == "default"


def test_digest_email_has_headers_and_per_group_links(settings):
    user = UserFactory(email="dig@example.kz", language="kk")
    ping(user, "1", "status")
    ping(user, "2", "deadlines")
    send_daily_digests.enqueue()
    [message] = mail.outbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    all_link = message.extra_headers["List-Unsubscribe"][1:-1]
    assert link_path(all_link, settings).startswith("/kk/notifications/unsubscribe/")
    links = re.findall(re.escape(settings.KENES_SITE_URL) + r"/kk/notifications/unsubscribe/[^/\s]+/", message.body)
    assert len(links) == 3 and all_link in links  # one per group in the digest, and one for all
    assert tokens.read_token(link_path(all_link, settings).split("/")[-2]) == (user, "all")
    groups = sorted(tokens.read_token(link.split("/")[-2])[1] for link in links if link != all_link)
    assert groups == ["deadlines", "status"]
    Client().post(link_path(all_link, settings))
    assert [email_of(user, g) for g in GROUPS] == ["off"] * 4
