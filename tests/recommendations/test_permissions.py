"""Role × action: the rule (has_perm) and the real view's answer; a refused POST changes nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from kenes.recommendations.models import Package, Recommendation, Status
from tests.conftest import ROLES
from tests.factories import CouncilFactory, UserFactory
from tests.recommendations.helpers import government, make_package, make_recommendation, private_package

pytestmark = pytest.mark.django_db
WRITERS = {"secretariat", "admin"}


def u(name: str, *args: Any) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


@dataclass
class Case:
    perm: str
    obj: Any
    method: str
    url: str
    data: dict | None = None
    state: Any = None
    public: bool = False  # a public page: refused visitors get 404, not 403


class World:
    def __init__(self) -> None:
        self.council = CouncilFactory()
        self.clerk = UserFactory(role="secretariat")
        self.gov = government()
        self.package = make_package(actor=self.clerk, council=self.council)
        self.rec = make_recommendation(package=self.package, actor=self.clerk, addressee=self.gov)
        self.hidden = private_package(self.council, self.clerk)
        self.hidden_rec = make_recommendation(package=self.hidden, actor=self.clerk, addressee=self.gov, text="Hidden")


def cases(w: World) -> dict[str, Case]:
    return {
        "view public package": Case(
            "recommendations.view_package",
            w.package,
            "get",
            u("recommendations:package-detail", w.package.pk),
            public=True,
        ),
        "view public recommendation": Case(
            "recommendations.view_recommendation",
            w.rec,
            "get",
            u("recommendations:recommendation-detail", w.rec.pk),
            public=True,
        ),
        "view unpublished package": Case(
            "recommendations.view_package",
            w.hidden,
            "get",
            u("recommendations:package-detail", w.hidden.pk),
            public=True,
        ),
        "view unpublished recommendation": Case(
            "recommendations.view_recommendation",
            w.hidden_rec,
            "get",
            u("recommendations:recommendation-detail", w.hidden_rec.pk),
            public=True,
        ),
        "staff package list": Case(
            "recommendations.view_workspace", None, "get", u("recommendations-staff:package-list")
        ),
        "staff recommendation page": Case(
            "recommendations.transition_recommendation",
            w.rec,
            "get",
            u("recommendations-staff:recommendation", w.rec.pk),
        ),
        "create package": Case(
            "recommendations.add_package",
            None,
            "post",
            u("recommendations-staff:package-create"),
            {"title_0": "Жаңа топтама", "adopted_on": "2021-05-05"},
            lambda: Package.objects.count(),
        ),
        "add recommendation": Case(
            "recommendations.add_recommendation",
            w.package,
            "post",
            u("recommendations-staff:recommendation-add", w.package.pk),
            {"rec-text_0": "Жаңа ұсыным", "rec-addressee": str(w.gov.pk)},
            lambda: Recommendation.objects.count(),
        ),
        "record a step": Case(
            "recommendations.transition_recommendation",
            w.rec,
            "post",
            u("recommendations-staff:transition", w.rec.pk, "sent"),
            {"sent-date": "2021-04-01"},
            lambda: Recommendation.objects.get(pk=w.rec.pk).status,
        ),
    }


ACTIONS = [
    "view public package",
    "view public recommendation",
    "view unpublished package",
    "view unpublished recommendation",
    "staff package list",
    "staff recommendation page",
    "create package",
    "add recommendation",
    "record a step",
]


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, make_user, role, action):
    world = World()
    case = cases(world)[action]
    user = make_user(role)
    allowed = role in WRITERS or action.startswith("view public")
    assert user.has_perm(case.perm, case.obj) is allowed, (role, action)
    if role != "anonymous":
        client.force_login(user)
    before = case.state() if case.state else None
    response = getattr(client, case.method)(case.url, case.data or {})
    if allowed:
        assert response.status_code in (200, 302), (role, action, response.status_code)
        if case.method == "post":
            assert response.status_code == 302, response.content.decode()[:2000]
            assert case.state() != before
        else:
            assert response.status_code == 200
    else:
        if case.public:
            assert response.status_code == 404
        elif role == "anonymous":
            assert response.status_code == 302 and "/login" in response["Location"]
        else:
            assert response.status_code == 403
        if case.state:
            assert case.state() == before


def test_a_writer_sees_the_step_recorded(client):
    world = World()
    client.force_login(world.clerk)
    client.post(u("recommendations-staff:transition", world.rec.pk, "sent"), {"sent-date": "2021-04-01"})
    world.rec.refresh_from_db()
    assert world.rec.status == Status.SENT
    assert world.rec.events.get(status="sent").date == datetime.date(2021, 4, 1)
