"""Shared builders for the recommendation tests."""

from __future__ import annotations

import datetime

from kenes.recommendations import services
from kenes.recommendations.models import Package, Recommendation, Status
from kenes.registry.models import Organization
from tests.factories import CouncilFactory, OrganizationFactory

START = datetime.date(2021, 3, 1)

# The shortest walk from "adopted" to each status.
PATHS: dict[str, list[str]] = {
    Status.ADOPTED: [],
    Status.SENT: [Status.SENT],
    Status.RESPONSE_RECEIVED: [Status.SENT, Status.RESPONSE_RECEIVED],
    Status.ACCEPTED: [Status.SENT, Status.RESPONSE_RECEIVED, Status.ACCEPTED],
    Status.PARTIALLY_ACCEPTED: [Status.SENT, Status.RESPONSE_RECEIVED, Status.PARTIALLY_ACCEPTED],
    Status.REJECTED: [Status.SENT, Status.RESPONSE_RECEIVED, Status.REJECTED],
    Status.IMPLEMENTED: [Status.SENT, Status.RESPONSE_RECEIVED, Status.ACCEPTED, Status.IMPLEMENTED],
    Status.CLOSED: [Status.CLOSED],
}


def government() -> Organization:
    return OrganizationFactory(
        kind=Organization.Kind.GOVERNMENT,
        name={"kk": "Үкімет", "ru": "Правительство", "en": "Government of Testland"},
    )


def step_data(status: str, day: datetime.date, body: Organization | None = None) -> dict:
    """Valid data for a step to `status` on `day`."""
    if status == Status.RESPONSE_RECEIVED:
        return {"date": day, "text": {"en": f"Response text {day}"}, "body": body or government()}
    if status == Status.IMPLEMENTED:
        return {
            "act_title": {"en": "Law No. 157-VII"},
            "act_number": "157-VII",
            "act_date": day,
            "act_url": "https://adilet.zan.kz/rus/docs/Z010000148_",
        }
    if status == Status.CLOSED:
        return {"date": day, "reason": {"en": "No longer relevant"}}
    return {"date": day, "text": {"en": f"Step {status}"}}


def make_package(actor=None, council=None, **data) -> Package:
    council = council or CouncilFactory()
    data = {"title": {"en": "On strengthening the role of maslikhats"}, "adopted_on": START, **data}
    adopted_by = data.pop("adopted_by", None)
    return services.package_create(council=council, actor=actor, data=data, adopted_by=adopted_by)


def make_recommendation(package=None, actor=None, addressee=None, text="Raise the status", **kw) -> Recommendation:
    package = package or make_package(actor=actor)
    return services.recommendation_create(
        package=package,
        actor=actor,
        data={"text": {"en": text}, "addressee": addressee or government(), **kw},
    )


def walk_to(recommendation: Recommendation, status: str, actor=None, start: datetime.date = START) -> Recommendation:
    day = start
    for step in PATHS[status]:
        day += datetime.timedelta(days=10)
        services.recommendation_transition(
            recommendation=recommendation, actor=actor, to_status=step, data=step_data(step, day)
        )
    recommendation.refresh_from_db()
    return recommendation


def held_session(council, clerk):
    from django.utils import timezone

    from kenes.councils import services as councils

    session = councils.session_create(
        actor=clerk,
        council=council,
        data={"title": {"kk": "Отырыс"}, "starts_at": timezone.now() - datetime.timedelta(days=3)},
    )
    councils.agenda_item_add(session=session, actor=clerk, data={"title": {"kk": "Мәселе"}, "is_main": True})
    councils.session_announce(session=session, actor=clerk)
    return councils.session_mark_held(session=session, actor=clerk)


def private_package(council, clerk) -> Package:
    """A package adopted by a decision of a held session whose minutes are not yet published."""
    from kenes.councils import services as councils
    from kenes.councils.models import Decision

    session = held_session(council, clerk)
    decision = councils.decision_add(
        session=session, actor=clerk, data={"kind": Decision.Kind.RECOMMENDATION, "title": {"en": "Recommend"}}
    )
    return services.package_create(
        council=council, actor=clerk, data={"title": {"en": "Unpublished package"}}, adopted_by=decision
    )
