import pytest
from django.core import mail

from kenes.notifications.models import Notification, Preference
from kenes.notifications.services import notify
from kenes.notifications.tasks import send_daily_digests
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _notify(users, key="ping:1", group="assignments"):
    return notify(
        recipients=users, kind="notifications.ping", group=group, key=key, params={"title": "Т"}, path="/council/"
    )


def test_each_notification_is_emailed_exactly_once(django_capture_on_commit_callbacks):
    kk = UserFactory(email="kk@example.kz", language="kk")
    ru = UserFactory(email="ru@example.kz", language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        _notify([kk, ru])
        _notify([kk, ru])  # the same event again: nothing new
    assert Notification.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["kk@example.kz", "ru@example.kz"]
    assert "/kk/council/" in next(m for m in mail.outbox if m.to == ["kk@example.kz"]).body
    # A task that runs again (a retry) finds nothing left to send.
    from kenes.notifications.delivery import deliver

    assert deliver(list(Notification.objects.values_list("pk", flat=True))) == 0
    assert len(mail.outbox) == 2
    assert set(Notification.objects.values_list("email_status", flat=True)) == {"sent"}


def test_digest_collects_and_sends_once(django_capture_on_commit_callbacks):
    user = UserFactory(email="digest@example.kz", language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        _notify([user], key="a", group="status")
        _notify([user], key="b", group="status")
    assert mail.outbox == []
    send_daily_digests.enqueue()
    send_daily_digests.enqueue()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].body.count("•") == 2


def test_preferences_off_and_no_email():
    quiet = UserFactory(email="quiet@example.kz")
    Preference.objects.create(user=quiet, group="assignments", email="off")
    no_mail = UserFactory(email="")
    _notify([quiet, no_mail])
    assert set(Notification.objects.values_list("email_status", flat=True)) == {"skipped"}
