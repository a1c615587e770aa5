import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from kenes.core.models import AuditEntry
from kenes.notifications import selectors
from kenes.notifications.models import Notification, Preference
from kenes.notifications.services import notify, preferences_update
from kenes.notifications.tasks import send_daily_digests
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
GROUPS = ("assignments", "deadlines", "status", "answers")


def settings_url(lang: str = "en") -> str:
    with translation.override(lang):
        return reverse("notifications:settings")


def form_data(**choices) -> dict:
    """Defaults for every group, overridden by group=("email", in_app)."""
    data = {}
    for group in GROUPS:
        email, in_app = choices.get(group, ("digest", True))
        data[f"{group}-email"] = email
        if in_app:
            data[f"{group}-in_app"] = "on"
    return data


def ping(users, key: str, group: str):
    return notify(recipients=users, kind="notifications.ping", group=group, key=key, params={"title": "T"}, path="/x/")


def test_page_shows_defaults_for_every_group(client):
    user = UserFactory()
    client.force_login(user)
    response = client.get(settings_url("ru"))
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="ru">' in html
    for group in GROUPS:
        assert f'<fieldset id="group-{group}">' in html
        assert f'name="{group}-in_app" id="id_{group}-in_app" checked' in html
    # Defaults: assignments and answers at once, the rest in the digest.
    assert 'name="assignments-email" value="immediate" id="id_assignments-email_0" checked' in html
    assert 'name="status-email" value="digest" id="id_status-email_1" checked' in html
    # Every radio and checkbox is labelled.
    assert html.count("<label for=") == len(GROUPS) * 4


def test_saving_changes_what_notify_does(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="me@example.kz")
    client.force_login(user)
    response = client.post(
        settings_url(),
        form_data(
            assignments=("digest", True),
            deadlines=("immediate", True),
            status=("off", False),
            answers=("off", True),
        ),
    )
    assert response.status_code == 302 and response["Location"] == settings_url()
    assert selectors.preferences_of(user) == {
        "assignments": {"email": "digest", "in_app": True},
        "deadlines": {"email": "immediate", "in_app": True},
        "status": {"email": "off", "in_app": False},
        "answers": {"email": "off", "in_app": True},
    }
    # The user's own choice is not a staff change: no audit entry.
    assert not AuditEntry.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assigned = ping([user], "a", "assignments")[0]
        deadline = ping([user], "d", "deadlines")[0]
        status = ping([user], "s", "status")[0]
        answer = ping([user], "n", "answers")[0]
    assert (assigned.email_status, assigned.in_app) == ("digest", True)
    assert (status.email_status, status.in_app) == ("skipped", False)
    assert (answer.email_status, answer.in_app) == ("skipped", True)
    deadline.refresh_from_db()
    assert (deadline.email_status, deadline.in_app) == ("sent", True)
    assert len(mail.outbox) == 1  # only the deadline, at once
    # The page shows what was saved.
    html = client.get(settings_url()).content.decode()
    assert 'name="status-email" value="off" id="id_status-email_2" checked' in html
    assert 'name="status-in_app" id="id_status-in_app">' in html
    # The inbox hides the status notice but keeps the others.
    inbox = list(selectors.inbox(user))
    assert status not in inbox and {assigned, deadline, answer} <= set(inbox)
    assert selectors.unread_count(user) == 3


def test_in_app_off_and_email_on_still_emails(django_capture_on_commit_callbacks):
    user = UserFactory(email="mailonly@example.kz")
    preferences_update(user=user, preferences={"assignments": {"email": "immediate", "in_app": False}})
    with django_capture_on_commit_callbacks(execute=True):
        n = ping([user], "a", "assignments")[0]
    assert n.in_app is False
    assert [m.to for m in mail.outbox] == [["mailonly@example.kz"]]
    assert selectors.unread_count(user) == 0
    # And the same key later, with in-app back on, still notifies nobody twice.
    preferences_update(user=user, preferences={"assignments": {"email": "immediate", "in_app": True}})
    assert ping([user], "a", "assignments") == []
    assert Notification.objects.filter(recipient=user).count() == 1


def test_switching_to_never_drops_waiting_digest_items():
    user = UserFactory(email="d@example.kz")
    ping([user], "1", "status")
    ping([user], "2", "deadlines")
    preferences_update(user=user, preferences={"status": {"email": "off", "in_app": True}})
    send_daily_digests.enqueue()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].body.count("•") == 1
    assert Notification.objects.get(key="1").email_status == "skipped"


def test_invalid_choice_is_a_form_error_not_a_500(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(settings_url(), form_data(status=("sometimes", True)))
    assert response.status_code == 200
    assert 'class="field-error"' in response.content.decode()
    assert not Preference.objects.exists()


def test_service_refuses_unknown_values():
    user = UserFactory()
    with pytest.raises(ValidationError):
        preferences_update(user=user, preferences={"gossip": {"email": "off"}})
    with pytest.raises(ValidationError):
        preferences_update(user=user, preferences={"status": {"email": "hourly"}})
    assert not Preference.objects.exists()


def test_a_user_changes_only_their_own_preferences(client):
    me, other = UserFactory(), UserFactory()
    preferences_update(user=other, preferences={"status": {"email": "immediate", "in_app": True}})
    client.force_login(me)
    client.post(settings_url(), form_data(status=("off", False)) | {"user": other.pk})
    assert Preference.objects.get(user=other, group="status").email == "immediate"
    assert Preference.objects.get(user=me, group="status").email == "off"
