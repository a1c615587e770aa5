"""Role × action matrix: the rule and the real view answer agree."""

import pytest
from django.urls import reverse

from kenes.outreach.models import VoterMandate
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

# (role, own maslikhat?) → may view the staff record / may manage
EXPECTED = {
    "anonymous": (False, False),
    "citizen": (False, False),
    "maslikhat_staff": (True, True),
    "maslikhat_head": (True, True),
    "secretariat": (True, False),
    "admin": (True, True),
}


def _user(make_user, role, maslikhat):
    return make_user(role, maslikhat=maslikhat) if role.startswith("maslikhat") else make_user(role)


@pytest.mark.parametrize("role", ROLES)
def test_matrix_own_maslikhat(client, make_user, make_meeting, make_mandate, maslikhat, role):
    meeting = make_meeting(held=True)
    mandate = make_mandate()
    user = _user(make_user, role, maslikhat)
    can_view, can_manage = EXPECTED[role]
    assert user.has_perm("outreach.view_records", meeting) is can_view
    assert user.has_perm("outreach.view_records", mandate) is can_view
    assert user.has_perm("outreach.manage", meeting) is can_manage
    assert user.has_perm("outreach.manage", mandate) is can_manage
    if role != "anonymous":
        client.force_login(user)
    page = client.get(reverse("outreach-staff:meeting", args=[meeting.pk]))
    expected_view = 200 if can_view else (302 if role == "anonymous" else 403)
    assert page.status_code == expected_view
    response = client.post(
        reverse("outreach-staff:mandate-transition", args=[mandate.pk]),
        {"step-status": "accepted_for_execution"},
    )
    mandate.refresh_from_db()
    if can_manage:
        assert response.status_code == 302 and mandate.status == VoterMandate.Status.ACCEPTED
    else:
        assert response.status_code in (302, 403) and mandate.status == VoterMandate.Status.RECEIVED
    response = client.post(
        reverse("outreach-staff:question-add", args=[meeting.pk]), {"question-text": "Q", "question-outcome": "noted"}
    )
    assert meeting.questions.exists() is can_manage


@pytest.mark.parametrize("role", ["maslikhat_staff", "maslikhat_head"])
def test_staff_of_another_maslikhat_refused(client, make_user, make_meeting, make_mandate, other_maslikhat, role):
    meeting = make_meeting(held=True)
    mandate = make_mandate()
    user = make_user(role, maslikhat=other_maslikhat)
    assert not user.has_perm("outreach.manage", meeting)
    assert not user.has_perm("outreach.view_records", mandate)
    client.force_login(user)
    assert client.get(reverse("outreach-staff:meeting", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("outreach-staff:mandate", args=[mandate.pk])).status_code == 403
    response = client.post(
        reverse("outreach-staff:mandate-transition", args=[mandate.pk]),
        {"step-status": "rejected", "step-reason_0": "x"},
    )
    assert response.status_code == 403
    mandate.refresh_from_db()
    assert mandate.status == VoterMandate.Status.RECEIVED
    response = client.post(reverse("outreach-staff:meeting-cancel", args=[meeting.pk]), {"cancel-cancel_reason_0": "x"})
    assert response.status_code == 403
    # Their workspace lists only their own maslikhat's records.
    home = client.get(reverse("outreach-staff:home")).content.decode()
    assert reverse("outreach-staff:mandate", args=[mandate.pk]) not in home


def test_secretariat_sees_every_maslikhat(client, secretariat, make_mandate):
    mandate = make_mandate()
    client.force_login(secretariat)
    home = client.get(reverse("outreach-staff:home")).content.decode()
    assert reverse("outreach-staff:mandate", args=[mandate.pk]) in home
    page = client.get(reverse("outreach-staff:mandate", args=[mandate.pk])).content.decode()
    assert "Change the status" not in page
