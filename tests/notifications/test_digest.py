import datetime
import threading
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from kenes.notifications import delivery
from kenes.notifications.models import Notification
from kenes.notifications.services import notify
from kenes.notifications.tasks import reset_stale_sending, send_daily_digests
from tests.factories import UserFactory

S = Notification.EmailStatus


@pytest.fixture
def second_kind(settings, tmp_path):
    """A second notification kind, "demo.reminder", with its own template."""
    folder = tmp_path / "templates" / "demo" / "notifications"
    folder.mkdir(parents=True)
    (folder / "reminder.txt").write_text(
        "{% load i18n %}{% if LANGUAGE_CODE %}{% endif %}Reminder [{{ params.n }}] {{ params.title|tr }}\nBody {{ url }}\n",
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path / "templates"]}]


def ping(users, key: str, group: str = "status", kind: str = "notifications.ping", **params):
    return notify(
        recipients=users,
        kind=kind,
        group=group,
        key=key,
        params={"title": {"kk": "Қазақша", "ru": "По-русски", "en": "In English"}, **params},
        path=f"/p/{key}/",
    )


@pytest.mark.django_db
def test_digest_groups_by_group_then_kind_in_the_users_language(second_kind, settings):
    ru = UserFactory(email="ru@example.kz", language="ru")
    kk = UserFactory(email="kk@example.kz", language="kk")
    ping([ru, kk], "r2", kind="demo.reminder", n=2)
    ping([ru, kk], "p1")
    ping([ru, kk], "r1", kind="demo.reminder", n=1)
    ping([ru], "d1", group="deadlines")
    assert delivery.send_digests() == 2
    by_user = {m.to[0]: m for m in mail.outbox}
    assert set(by_user) == {"ru@example.kz", "kk@example.kz"}
    body = by_user["ru@example.kz"].body
    assert "Қазақша" not in body and "In English" not in body
    assert body.count("•") == 4
    # Sections in the fixed order of groups; inside one, the items of one kind together.
    deadlines, status = body.index("== "), body.rindex("== ")
    assert deadlines < body.index(f"{settings.KENES_SITE_URL}/ru/p/d1/") < status
    # demo.reminder before notifications.ping; r2 was notified before r1: oldest first.
    positions = [body.index(f"{settings.KENES_SITE_URL}/ru/p/{key}/") for key in ("r2", "r1")]
    assert status < positions[0] < positions[1] < body.index(f"{settings.KENES_SITE_URL}/ru/p/p1/")
    assert "Reminder [1]" in body and "Reminder [2]" in body
    assert "4" in by_user["ru@example.kz"].subject
    kk_body = by_user["kk@example.kz"].body
    assert "Қазақша" in kk_body and f"{settings.KENES_SITE_URL}/kk/p/p1/" in kk_body and kk_body.count("•") == 3
    assert set(Notification.objects.values_list("email_status", flat=True)) == {S.SENT}


@pytest.mark.django_db
def test_one_email_per_user_per_run_and_later_items_wait_for_the_next():
    user = UserFactory(email="u@example.kz")
    ping([user], "a")
    ping([user], "b")
    assert delivery.send_digests() == 1
    assert delivery.send_digests() == 0
    ping([user], "c")
    assert delivery.send_digests() == 1
    assert [m.body.count("•") for m in mail.outbox] == [2, 1]


@pytest.mark.django_db
def test_digest_of_a_user_without_address_is_skipped():
    user = UserFactory(email="gone@example.kz")
    ping([user], "a")
    user.email = ""
    user.save()
    assert delivery.send_digests() == 0
    assert mail.outbox == []
    assert Notification.objects.get().email_status == S.SKIPPED


@pytest.mark.django_db
def test_a_refused_digest_waits_for_the_next_run(monkeypatch):
    user = UserFactory(email="u@example.kz")
    ping([user], "a")

    def refuse(self, fail_silently=False):
        raise OSError("mail server down")

    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.EmailMessage.send", refuse)
        assert delivery.send_digests() == 0
    assert Notification.objects.get().email_status == S.DIGEST
    assert delivery.send_digests() == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_each_digest_exactly_once(monkeypatch):
    users = [UserFactory(email=f"c{i}@example.kz") for i in range(6)]
    for user in users:
        ping([user], f"a{user.pk}")
        ping([user], f"b{user.pk}")
    # Widen the window between claiming and sending so that the runs really overlap.
    real_render = delivery.render

    def slow_render(notification, lang):
        threading.Event().wait(0.02)
        return real_render(notification, lang)

    monkeypatch.setattr(delivery, "render", slow_render)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(delivery.send_digests())
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert sum(results) == len(users)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)
    assert all(m.body.count("•") == 2 for m in mail.outbox)
    assert set(Notification.objects.values_list("email_status", flat=True)) == {S.SENT}


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_immediate_deliveries_send_once(settings):
    users = [UserFactory(email=f"i{i}@example.kz") for i in range(5)]
    # Tasks are queued, not run: the two "workers" below deliver by hand.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ids = [n.pk for n in ping(users, "now", group="assignments")]
    barrier = threading.Barrier(2)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(delivery.deliver(ids))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sum(results) == 5
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)


@pytest.mark.django_db
def test_crash_after_claim_sends_nothing_until_the_stale_claim_is_reset(monkeypatch):
    user = UserFactory(email="crash@example.kz")
    ping([user], "a")
    ping([user], "b")

    def killed(notification, lang):
        raise RuntimeError("worker killed")

    with monkeypatch.context() as patch:
        patch.setattr(delivery, "render", killed)
        with pytest.raises(RuntimeError):
            delivery.send_digests()
    assert set(Notification.objects.values_list("email_status", flat=True)) == {S.SENDING}
    # At most once: a second run does not send what another run claimed.
    assert delivery.send_digests() == 0
    # A fresh claim is not stale yet.
    assert reset_stale_sending.enqueue().return_value == 0
    assert set(Notification.objects.values_list("email_status", flat=True)) == {S.SENDING}
    # After an hour it goes back to the digest, and the next run sends it once.
    Notification.objects.update(claimed_at=timezone.now() - datetime.timedelta(hours=1, minutes=1))
    assert reset_stale_sending.enqueue().return_value == 2
    assert set(Notification.objects.values_list("email_status", flat=True)) == {S.DIGEST}
    assert delivery.send_digests() == 1
    assert delivery.send_digests() == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].body.count("•") == 2


@pytest.mark.django_db
def test_stale_immediate_email_is_delivered_again_once(monkeypatch, django_capture_on_commit_callbacks):
    user = UserFactory(email="imm@example.kz")
    other = UserFactory(email="fine@example.kz")

    def killed(notification, lang):
        raise RuntimeError("worker killed")

    with monkeypatch.context() as patch, django_capture_on_commit_callbacks(execute=True):
        patch.setattr(delivery, "render", killed)
        ping([user], "now", group="assignments")  # the task fails after its claim
    # The notification exists, claimed, never sent.
    n = Notification.objects.get(recipient=user)
    assert n.email_status == S.SENDING and n.claimed_at is not None
    sent_ok = ping([other], "sent", group="assignments")[0]
    Notification.objects.filter(pk=sent_ok.pk).update(
        email_status=S.SENT, claimed_at=timezone.now() - datetime.timedelta(hours=3)
    )
    Notification.objects.filter(pk=n.pk).update(claimed_at=timezone.now() - datetime.timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert reset_stale_sending.enqueue().return_value == 1
    assert [m.to for m in mail.outbox] == [["imm@example.kz"]]
    n.refresh_from_db()
    assert n.email_status == S.SENT
    with django_capture_on_commit_callbacks(execute=True):
        assert reset_stale_sending.enqueue().return_value == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_send_digests_command(monkeypatch):
    user = UserFactory(email="cmd@example.kz")
    ping([user], "a")
    out = StringIO()
    call_command("send_digests", stdout=out)
    assert "sent 1 digest(s)" in out.getvalue()
    assert len(mail.outbox) == 1
    # A crashed run's claim is reset by --reset-stale (after an hour) and sent by the same call.
    ping([user], "b")

    def killed(notification, lang):
        raise RuntimeError("worker killed")

    with monkeypatch.context() as patch:
        patch.setattr(delivery, "render", killed)
        with pytest.raises(RuntimeError):
            call_command("send_digests", stdout=StringIO())
    Notification.objects.filter(email_status=S.SENDING).update(claimed_at=timezone.now() - datetime.timedelta(hours=2))
    out = StringIO()
    call_command("send_digests", "--no-send", stdout=out)
    assert "reset 1 digest item(s)" in out.getvalue() and "sent" not in out.getvalue().replace("re-queued", "")
    assert len(mail.outbox) == 1
    out = StringIO()
    call_command("send_digests", "--reset-stale", stdout=out)
    assert "sent 1 digest(s)" in out.getvalue()
    assert len(mail.outbox) == 2
    # The task the scheduler may use instead of the command does the same.
    ping([user], "c")
    assert send_daily_digests.enqueue().return_value == 1
    assert len(mail.outbox) == 3
