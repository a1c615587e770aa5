"""Role × action matrix: the rule (has_perm) and the real page answer agree."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kenes.appeals import services
from kenes.appeals.models import Appeal
from tests.appeals.conftest import TEXT, applicant, close_file, submit
from tests.conftest import ROLES

# role → expected permission, in ROLES order: anonymous, citizen, staff, head, secretariat, admin
MATRIX = {
    "appeals.view_queue": (False, False, True, True, True, True),
    "appeals.view_appeal": (False, False, True, True, True, True),
    "appeals.view_applicant": (False, False, True, True, True, True),
    "appeals.process_appeal": (False, False, True, True, False, True),
    "appeals.extend_appeal": (False, False, False, True, False, True),
    "appeals.review_appeal": (False, False, True, True, True, True),
    "appeals.view_attachment": (False, False, True, True, False, True),
    "appeals.manage_bans": (False, False, False, False, True, True),
}


@pytest.fixture
def users(make_user, masl):
    return {role: make_user(role, maslikhat=masl) for role in ROLES}


@pytest.fixture
def appeal(masl):
    data = services.AppealData(
        maslikhat=masl,
        kind="statement",
        topic="T",
        text=TEXT,
        language="en",
        applicant=applicant(),
        attachments=[SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")],
    )
    return services.appeal_submit(data=data)[0]


@pytest.mark.parametrize("perm", list(MATRIX))
@pytest.mark.parametrize("index", range(len(ROLES)))
def test_rule_matrix(users, appeal, perm, index):
    user = users[ROLES[index]]
    obj = None if perm in ("appeals.view_queue", "appeals.manage_bans") else appeal
    assert user.has_perm(perm, obj) is MATRIX[perm][index]


def test_staff_of_another_maslikhat_get_nothing(make_user, appeal):
    other = make_user("maslikhat_head")
    for perm in MATRIX:
        if perm in ("appeals.view_queue",):
            continue
        assert not other.has_perm(perm, appeal), perm


def _expect(response, allowed):
    if response.streaming:
        close_file(response)
    if allowed:
        assert response.status_code in (200, 302) and not response.get("Location", "").startswith("/en/accounts/login")
    else:
        assert response.status_code in (302, 403, 404)
        if response.status_code == 302:
            assert "/accounts/login" in response["Location"]


@pytest.mark.parametrize("index", range(len(ROLES)))
def test_views_follow_the_rules(client, users, appeal, masl, index):
    role = ROLES[index]
    if role != "anonymous":
        client.force_login(users[role])
    _expect(client.get("/en/staff/appeals/"), MATRIX["appeals.view_queue"][index])
    _expect(client.get(f"/en/staff/appeals/{appeal.pk}/"), MATRIX["appeals.view_appeal"][index])
    _expect(
        client.get(f"/en/staff/appeals/attachments/{appeal.attachments.get().pk}/"),
        MATRIX["appeals.view_attachment"][index],
    )
    held = submit(masl, email=f"other{index}@example.kz")
    assert held.status == Appeal.Status.HELD
    _expect(client.post(f"/en/staff/appeals/{held.pk}/release/"), MATRIX["appeals.review_appeal"][index])
    held.refresh_from_db()
    assert (held.status == Appeal.Status.REGISTERED) is MATRIX["appeals.review_appeal"][index]
    response = client.post(
        f"/en/staff/appeals/{appeal.pk}/extend/",
        {"extend-extended_until": "2000-01-01", "extend-extension_reason": "x"},
    )
    if MATRIX["appeals.extend_appeal"][index]:
        assert response.status_code == 400  # allowed, refused by the service: the date is before the deadline
    else:
        _expect(response, False)
    response = client.post(
        f"/en/staff/appeals/{appeal.pk}/assign/", {"assign-assignee_user": users["maslikhat_staff"].pk}
    )
    _expect(response, MATRIX["appeals.process_appeal"][index])
    appeal.refresh_from_db()
    assert (appeal.assignee_user_id == users["maslikhat_staff"].pk) is MATRIX["appeals.process_appeal"][index]
