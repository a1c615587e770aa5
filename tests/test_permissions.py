"""The permission matrix: every role × every staff action, checked twice — the rule
(`user.has_perm`) and the real view's HTTP answer — and a refused POST must change nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
import rules
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone, translation

from kenes.councils import services
from kenes.councils.models import Decision, Session
from kenes.registry.models import Membership
from tests.conftest import ROLES
from tests.factories import CouncilFactory, MaslikhatFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

COUNCIL_STAFF = {"secretariat", "admin"}


MASLIKHAT_SIDE = {"maslikhat_staff", "maslikhat_head"}


@dataclass
class Case:
    perm: str
    obj: Any
    method: str
    url: str
    data: dict | None = None
    state: Any = None  # a callable reading what the action would change


class World:
    """What the actions act on: a council, two maslikhats (the user's own and another) and a clerk
    who prepares sessions through the services."""

    def __init__(self) -> None:
        self.council = CouncilFactory()
        self.own = MaslikhatFactory(seats=40)
        self.other = MaslikhatFactory(seats=50)
        self.clerk = UserFactory(role="secretariat")

    def draft(self, *, main_item: bool = False) -> Session:
        session = services.session_create(
            actor=self.clerk,
            council=self.council,
            data={"title": {"kk": "Отырыс"}, "starts_at": timezone.now() - datetime.timedelta(days=1)},
        )
        if main_item:
            services.agenda_item_add(
                session=session, actor=self.clerk, data={"title": {"kk": "Мәселе"}, "is_main": True}
            )
        return session

    def held(self) -> Session:
        session = services.session_announce(session=self.draft(main_item=True), actor=self.clerk)
        return services.session_mark_held(session=session, actor=self.clerk)


def u(name: str, *args: Any) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def _status(session: Session):
    return lambda: Session.objects.get(pk=session.pk).status


def view_draft_session(w: World) -> Case:
    session = w.draft()
    return Case("councils.view_session", session, "get", u("councils-staff:session-edit", session.pk))


def create_session(w: World) -> Case:
    data = {"title_0": "Жаңа", "kind": "regular", "starts_at": "2025-05-05T10:00", "format": "hybrid"}
    return Case("councils.add_session", None, "post", u("councils-staff:session-create"), data, Session.objects.count)


def edit_session(w: World) -> Case:
    session = w.draft()
    data = {"details-title_0": "Өзгерді", "details-kind": "regular", "details-starts_at": "2025-05-05T10:00"}
    data["details-format"] = "hybrid"
    return Case(
        "councils.change_session",
        session,
        "post",
        u("councils-staff:session-edit", session.pk),
        data,
        lambda: Session.objects.get(pk=session.pk).title,
    )


def announce(w: World) -> Case:
    session = w.draft(main_item=True)
    return Case(
        "councils.publish_session",
        session,
        "post",
        u("councils-staff:session-announce", session.pk),
        {},
        _status(session),
    )


def record_attendance(w: World) -> Case:
    session = w.held()
    data = {f"mode_{w.own.pk}": "remote", f"attended_{w.own.pk}": "yes"}
    return Case(
        "councils.record_session",
        session,
        "post",
        u("councils-staff:participation", session.pk),
        data,
        lambda: list(session.participations.values_list("maslikhat_id", "mode", "attended")),
    )


def add_decision(w: World) -> Case:
    session = w.held()
    data = {"decision-kind": "other", "decision-title_0": "Шешім"}
    return Case(
        "councils.record_session",
        session,
        "post",
        u("councils-staff:decision-add", session.pk),
        data,
        lambda: Decision.objects.filter(session=session).count(),
    )


def publish_minutes(w: World) -> Case:
    session = w.held()
    return Case(
        "councils.publish_session",
        session,
        "post",
        u("councils-staff:session-publish-minutes", session.pk),
        {},
        _status(session),
    )


def _details(seats: int) -> dict:
    return {"name_0": "Мәслихат", "convocation": "8", "seats": str(seats)}


def edit_own_maslikhat(w: World) -> Case:
    return Case(
        "registry.change_maslikhat",
        w.own,
        "post",
        u("registry-staff:maslikhat-edit", w.own.pk),
        _details(33),
        lambda: type(w.own).objects.get(pk=w.own.pk).seats,
    )


def edit_other_maslikhat(w: World) -> Case:
    return Case(
        "registry.change_maslikhat",
        w.other,
        "post",
        u("registry-staff:maslikhat-edit", w.other.pk),
        _details(33),
        lambda: type(w.other).objects.get(pk=w.other.pk).seats,
    )


def manage_own_memberships(w: World) -> Case:
    data = {"member-role": "deputy", "member-person": PersonFactory().pk, "member-start_date": "2023-03-29"}
    return Case(
        "registry.manage_memberships",
        w.own,
        "post",
        u("registry-staff:membership-add", w.own.pk),
        data,
        lambda: Membership.objects.filter(post__maslikhat=w.own).count(),
    )


def view_audit_log(w: World) -> Case:
    return Case("core.view_audit", None, "get", u("core-staff:audit-log"))


ACTIONS = {
    "view draft session page": (view_draft_session, COUNCIL_STAFF),
    "create session": (create_session, COUNCIL_STAFF),
    "edit session": (edit_session, COUNCIL_STAFF),
    "announce": (announce, COUNCIL_STAFF),
    "record attendance": (record_attendance, COUNCIL_STAFF),
    "add decision": (add_decision, COUNCIL_STAFF),
    "publish minutes": (publish_minutes, COUNCIL_STAFF),
    "edit own maslikhat": (edit_own_maslikhat, COUNCIL_STAFF | MASLIKHAT_SIDE),
    "edit other maslikhat": (edit_other_maslikhat, COUNCIL_STAFF),
    "manage own memberships": (manage_own_memberships, COUNCIL_STAFF | MASLIKHAT_SIDE),
    "view audit log": (view_audit_log, COUNCIL_STAFF),
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, make_user, role, action):
    world = World()
    build, allowed_roles = ACTIONS[action]
    case = build(world)
    user = make_user(role, maslikhat=world.own) if role in MASLIKHAT_SIDE else make_user(role)
    allowed = role in allowed_roles

    assert user.has_perm(case.perm, case.obj) is allowed

    if role != "anonymous":
        client.force_login(user)
    before = case.state() if case.state else None
    response = getattr(client, case.method)(case.url, case.data or {})
    after = case.state() if case.state else None

    if allowed:
        expected = 200 if case.method == "get" else 302
        assert response.status_code == expected, response.content[:500]
        if case.method == "post":
            assert not response["Location"].startswith(resolve_url(settings.LOGIN_URL))
            messages = [m.message for m in response.wsgi_request._messages]
            assert not any(m.level_tag == "error" for m in response.wsgi_request._messages), messages
            assert after != before, "an allowed action must take effect"
    elif role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?next=")
        assert after == before
    else:
        assert response.status_code == 403
        assert after == before, "a refused POST must change nothing"


def test_matrix_covers_every_permission_of_its_capabilities():
    """Driven by the rules registry: a new councils, registry or core permission needs a row here
    (or, if no view exercises it, in tests/test_permission_registry.py)."""
    from tests.test_permission_registry import ROWS

    world = World()
    covered = {build(world).perm for build, _roles in ACTIONS.values()} | set(ROWS)
    registered = {
        name for name in rules.permissions.permissions if name.split(".")[0] in {"councils", "registry", "core"}
    }
    assert registered - covered == set()


@pytest.mark.parametrize("role", ["citizen", "maslikhat_staff"])
def test_hidden_fields_are_not_trusted(client, make_user, role):
    """Posting another maslikhat's id to one's own membership form adds nothing there."""
    world = World()
    user = make_user(role, maslikhat=world.own) if role in MASLIKHAT_SIDE else make_user(role)
    client.force_login(user)
    response = client.post(
        u("registry-staff:membership-add", world.other.pk),
        {"member-role": "deputy", "member-person": PersonFactory().pk, "maslikhat": world.own.pk},
    )
    assert response.status_code == 403
    assert not Membership.objects.exists()
