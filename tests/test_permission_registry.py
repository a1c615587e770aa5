"""Every permission in the rules registry has a row in a role × action matrix.

The matrices live next to their capability (they also drive the real views); this test is driven
by the registry itself, so a permission added to a rules.py without a row anywhere fails here.
Permissions that no capability matrix exercises are checked below, role by role."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import rules
from django.conf import settings

from tests.conftest import ROLES

TESTS = Path(__file__).parent
# The capability matrices: each names the permissions it checks, by their full name.
MATRICES = [
    TESTS / "test_permissions.py",
    TESTS / "plans" / "test_permissions.py",
    TESTS / "recommendations" / "test_permissions.py",
    TESTS / "appeals" / "test_rules.py",
    TESTS / "outreach" / "test_rules.py",
    TESTS / "channel" / "test_views.py",
    TESTS / "notifications" / "test_views.py",
]
STAFF = {"maslikhat_staff", "maslikhat_head", "secretariat", "admin"}
COUNCIL = {"secretariat", "admin"}
SIGNED_IN = {"citizen", "maslikhat_staff", "maslikhat_head", "secretariat", "admin"}


def _public_item(is_public: bool):
    return SimpleNamespace(is_public=is_public)


def _session(record_is_public: bool):
    return SimpleNamespace(record_is_public=record_is_public)


# permission → (the object it is asked about, the roles that hold it)
ROWS = {
    "channel.view_workspace": (None, STAFF),
    "councils.view_workspace": (None, STAFF),
    "outreach.view_workspace": (None, STAFF),
    "notifications.change_preference": (None, SIGNED_IN),
    "recommendations.change_package": (None, COUNCIL),
    "registry.change_person": (None, COUNCIL),
    "registry.change_organization": (None, COUNCIL),
    "channel.view_public_item": (lambda: _public_item(True), set(ROLES)),
    "councils.view_session_record": (lambda: _session(False), COUNCIL),
}
# Object-level rows the matrices above cannot reach without a whole world of records.
EXTRA = {
    "channel.view_public_item (unpublished)": (
        "channel.view_public_item",
        lambda: _public_item(False),
        {"admin"},
    ),  # a superuser holds every permission
    "councils.view_session_record (published)": ("councils.view_session_record", lambda: _session(True), set(ROLES)),
    "channel.view_request (no request)": ("channel.view_request", lambda: None, COUNCIL),
}


def _kenes_permissions() -> set[str]:
    labels = {app.rsplit(".", 1)[-1] for app in settings.INSTALLED_APPS if app.startswith("kenes.")}
    return {name for name in rules.permissions.permissions if name.split(".", 1)[0] in labels}


def test_every_registered_permission_has_a_matrix_row():
    sources = "\n".join(path.read_text(encoding="utf-8") for path in MATRICES)
    covered = {name for name in _kenes_permissions() if f'"{name}"' in sources} | set(ROWS)
    covered |= {perm for perm, _obj, _roles in EXTRA.values()}
    assert _kenes_permissions() - covered == set(), "add a row to a permission matrix"
    assert set(ROWS) <= _kenes_permissions(), "a row names a permission that no longer exists"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", [*ROWS, *EXTRA])
def test_rows_of_this_matrix(make_user, role, row):
    if row in ROWS:
        perm, (build, allowed) = row, ROWS[row]
    else:
        perm, build, allowed = EXTRA[row]
    obj = build() if build else None
    assert make_user(role).has_perm(perm, obj) is (role in allowed), (perm, role)
