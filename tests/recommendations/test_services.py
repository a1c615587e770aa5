import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kenes.core.models import AuditEntry
from kenes.councils import services as councils
from kenes.councils.models import Decision
from kenes.publications.models import PublicEvent
from kenes.recommendations import services
from kenes.recommendations.models import OutcomeEvent, Recommendation, Status
from tests.factories import CouncilFactory, OrganizationFactory, UserFactory
from tests.recommendations.helpers import (
    PATHS,
    START,
    government,
    make_package,
    make_recommendation,
    step_data,
    walk_to,
)

pytestmark = pytest.mark.django_db

VALID = [(a, b) for a, targets in services.TRANSITIONS.items() for b in targets]
REFUSED = [(a, b) for a in Status.values for b in Status.values if b not in services.TRANSITIONS[a]]


def test_the_transition_table_is_the_one_documented():
    assert set(VALID) == {
        ("adopted", "sent"),
        ("adopted", "closed"),
        ("sent", "response_received"),
        ("sent", "closed"),
        ("response_received", "accepted"),
        ("response_received", "partially_accepted"),
        ("response_received", "rejected"),
        ("response_received", "closed"),
        ("accepted", "implemented"),
        ("accepted", "closed"),
        ("partially_accepted", "implemented"),
        ("partially_accepted", "closed"),
        ("rejected", "closed"),
    }
    assert len(REFUSED) == 64 - 13
    assert services.TRANSITIONS[Status.IMPLEMENTED] == () and services.TRANSITIONS[Status.CLOSED] == ()
    for status in Status.values:
        if status not in (Status.IMPLEMENTED, Status.CLOSED):
            assert Status.CLOSED in services.TRANSITIONS[status]


@pytest.mark.parametrize(("current", "target"), VALID)
def test_every_valid_transition_records_an_event(current, target):
    clerk = UserFactory(role="secretariat")
    rec = walk_to(make_recommendation(actor=clerk), current, actor=clerk)
    day = START + datetime.timedelta(days=100)
    event = services.recommendation_transition(
        recommendation=rec, actor=clerk, to_status=target, data=step_data(target, day)
    )
    rec.refresh_from_db()
    assert rec.status == target
    assert event.status == target and event.from_status == current and event.date == day
    assert event.recorded_by == clerk
    assert list(rec.events.values_list("status", flat=True)) == [Status.ADOPTED, *PATHS[current], target]
    assert AuditEntry.objects.filter(action=f"recommendations.recommendation.{target}", object_id=str(rec.pk)).exists()


@pytest.mark.parametrize(("current", "target"), REFUSED)
def test_every_refused_transition_is_refused_with_a_clear_message(current, target):
    rec = walk_to(make_recommendation(), current)
    events = rec.events.count()
    with pytest.raises(ValidationError) as caught:
        services.recommendation_transition(
            recommendation=rec, actor=None, to_status=target, data=step_data(target, START + datetime.timedelta(100))
        )
    message = " ".join(caught.value.messages)
    if current in (Status.IMPLEMENTED, Status.CLOSED):
        assert "final" in message
    else:
        assert "cannot become" in message and str(Status(target).label) in message
        assert all(str(Status(s).label) in message for s in services.TRANSITIONS[current])
    rec.refresh_from_db()
    assert rec.status == current and rec.events.count() == events


def test_unknown_status_is_refused():
    rec = make_recommendation()
    with pytest.raises(ValidationError, match="not a status"):
        services.recommendation_transition(recommendation=rec, actor=None, to_status="done", data={})


@pytest.mark.parametrize(
    ("missing", "field"),
    [("text", "text"), ("body", "body"), ("date", "date")],
)
def test_a_response_needs_text_date_and_body(missing, field):
    rec = walk_to(make_recommendation(), Status.SENT)
    data = step_data(Status.RESPONSE_RECEIVED, START + datetime.timedelta(days=30))
    data[missing] = {"kk": "", "ru": " ", "en": ""} if missing == "text" else None
    with pytest.raises(ValidationError) as caught:
        services.recommendation_transition(
            recommendation=rec, actor=None, to_status=Status.RESPONSE_RECEIVED, data=data
        )
    assert field in caught.value.message_dict
    assert Recommendation.objects.get(pk=rec.pk).status == Status.SENT


def test_implemented_needs_act_title_and_date_but_not_a_link():
    rec = walk_to(make_recommendation(), Status.ACCEPTED)
    with pytest.raises(ValidationError) as caught:
        services.recommendation_transition(
            recommendation=rec, actor=None, to_status=Status.IMPLEMENTED, data={"date": START + datetime.timedelta(60)}
        )
    assert set(caught.value.message_dict) == {"act_title", "act_date"}
    day = START + datetime.timedelta(days=60)
    event = services.recommendation_transition(
        recommendation=rec,
        actor=None,
        to_status=Status.IMPLEMENTED,
        data={"act_title": {"ru": "Закон № 157-VII"}, "act_date": day},
    )
    assert event.date == day and event.act_url == "" and event.act_title["ru"] == "Закон № 157-VII"


def test_closing_needs_a_reason():
    rec = make_recommendation()
    with pytest.raises(ValidationError) as caught:
        services.recommendation_transition(
            recommendation=rec, actor=None, to_status=Status.CLOSED, data={"date": START, "reason": {"en": ""}}
        )
    assert "reason" in caught.value.message_dict


def test_dates_do_not_run_backwards_or_into_the_future():
    rec = walk_to(make_recommendation(), Status.SENT)  # sent on START + 10
    with pytest.raises(ValidationError, match="before the previous step"):
        services.recommendation_transition(
            recommendation=rec,
            actor=None,
            to_status=Status.RESPONSE_RECEIVED,
            data=step_data("response_received", START),
        )
    future = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="future"):
        services.recommendation_transition(
            recommendation=rec,
            actor=None,
            to_status=Status.RESPONSE_RECEIVED,
            data=step_data("response_received", future),
        )
    assert rec.events.count() == 2


def test_only_the_fields_of_a_step_are_kept():
    rec = make_recommendation()
    event = services.recommendation_transition(
        recommendation=rec,
        actor=None,
        to_status=Status.SENT,
        data={"date": START, "reason": {"en": "ignored"}, "act_number": "1"},
    )
    event.refresh_from_db()
    assert event.reason == {} and event.act_number == ""


def test_recommendations_are_numbered_and_start_adopted_with_all_addressees():
    package = make_package()
    gov = government()
    ministry = OrganizationFactory(kind="government")
    first = services.recommendation_create(
        package=package, actor=None, data={"text": {"en": "One"}}, addressees=[gov, ministry, gov]
    )
    second = make_recommendation(package=package, addressee=ministry, text="Two")
    assert (first.number, second.number) == (1, 2)
    assert first.addressee == gov and list(first.addressees.order_by("id")) == [gov, ministry]
    assert list(second.addressees.all()) == [ministry]
    event = first.events.get()
    assert event.status == Status.ADOPTED and event.date == package.adopted_on
    assert AuditEntry.objects.filter(action="recommendations.recommendation.created").count() == 2


def test_a_recommendation_needs_an_addressee():
    with pytest.raises(ValidationError) as caught:
        services.recommendation_create(package=make_package(), actor=None, data={"text": {"en": "x"}})
    assert "addressee" in caught.value.message_dict


def test_recommendation_update_keeps_status_and_audits_addressees():
    rec = make_recommendation()
    other = OrganizationFactory()
    services.recommendation_update(
        recommendation=rec, actor=None, data={"text": {"en": "New"}, "status": "implemented"}, addressees=[other]
    )
    rec.refresh_from_db()
    assert rec.text == {"en": "New"} and rec.status == Status.ADOPTED and rec.addressee == other
    assert AuditEntry.objects.filter(action="recommendations.recommendation.addressees_changed").exists()


def _held_session(council, clerk):
    session = councils.session_create(
        actor=clerk,
        council=council,
        data={"title": {"kk": "Отырыс"}, "starts_at": timezone.now() - datetime.timedelta(days=3)},
    )
    councils.agenda_item_add(session=session, actor=clerk, data={"title": {"kk": "Мәселе"}, "is_main": True})
    councils.session_announce(session=session, actor=clerk)
    return councils.session_mark_held(session=session, actor=clerk)


def test_a_package_adopted_by_a_decision_takes_its_date_and_is_public_with_the_minutes():
    clerk = UserFactory(role="secretariat")
    council = CouncilFactory()
    session = _held_session(council, clerk)
    decision = councils.decision_add(
        session=session, actor=clerk, data={"kind": Decision.Kind.RECOMMENDATION, "title": {"kk": "Ұсыным"}}
    )
    package = services.package_create(
        council=council, actor=clerk, data={"title": {"kk": "Топтама"}}, adopted_by=decision
    )
    assert package.adopted_on == session.date and package.adopted_by == decision
    assert not package.is_public
    rec = make_recommendation(package=package)
    services.recommendation_transition(
        recommendation=rec, actor=clerk, to_status=Status.SENT, data={"date": session.date}
    )
    assert not PublicEvent.objects.exists()  # nothing public before the minutes
    councils.session_publish_minutes(session=session, actor=clerk)
    package.refresh_from_db()
    assert package.is_public


def test_a_package_refuses_a_decision_of_another_kind_or_council():
    clerk = UserFactory(role="secretariat")
    council = CouncilFactory()
    session = _held_session(council, clerk)
    other_kind = councils.decision_add(
        session=session, actor=clerk, data={"kind": Decision.Kind.OTHER, "title": {"kk": "Басқа"}}
    )
    with pytest.raises(ValidationError, match="Recommendation"):
        services.package_create(council=council, actor=clerk, data={"title": {"kk": "T"}}, adopted_by=other_kind)
    mine = councils.decision_add(
        session=session, actor=clerk, data={"kind": Decision.Kind.RECOMMENDATION, "title": {"kk": "Ұсыным"}}
    )
    with pytest.raises(ValidationError, match="another council"):
        services.package_create(council=CouncilFactory(), actor=clerk, data={"title": {"kk": "T"}}, adopted_by=mine)


def test_a_package_without_decision_needs_a_past_date():
    with pytest.raises(ValidationError) as caught:
        services.package_create(council=CouncilFactory(), actor=None, data={"title": {"kk": "T"}})
    assert "adopted_on" in caught.value.message_dict
    with pytest.raises(ValidationError, match="future"):
        make_package(adopted_on=timezone.localdate() + datetime.timedelta(days=1))


def test_every_transition_of_a_public_package_is_a_public_event():
    rec = walk_to(make_recommendation(), Status.IMPLEMENTED)
    kinds = list(PublicEvent.objects.order_by("id").values_list("kind", flat=True))
    assert kinds == [f"recommendations.recommendation.{s}" for s in PATHS[Status.IMPLEMENTED]]
    last = PublicEvent.objects.order_by("id").last()
    assert last.path == f"/recommendations/{rec.pk}/"
    assert last.title["en"].startswith("Implemented: Recommendation № 1")
    assert last.summary["en"] == "On strengthening the role of maslikhats"


def test_response_and_implementation_notify_the_secretariat_once(django_capture_on_commit_callbacks):

    from kenes.notifications.models import Notification

    clerk = UserFactory(role="secretariat", email="clerk@senate.kz", language="en")
    UserFactory(role="citizen", email="citizen@example.kz")
    with django_capture_on_commit_callbacks(execute=True):
        rec = walk_to(make_recommendation(), Status.IMPLEMENTED, actor=clerk)
    notes = Notification.objects.filter(recipient=clerk).order_by("id")
    assert [n.kind for n in notes] == ["recommendations.response_received", "recommendations.implemented"]
    assert all(n.group == "status" for n in notes)
    assert notes[0].path == f"/staff/recommendations/{rec.pk}/"
    # group "status" goes to the daily digest by default: render it to check the template
    from kenes.notifications.delivery import render

    subject, body = render(notes[1], "en")
    assert "implemented" in subject.lower() and "157-VII" in body and f"/en/staff/recommendations/{rec.pk}/" in body
    subject, body = render(notes[0], "en")
    assert "response" in subject.lower() and "Government of Testland" in body
    # recording the same event again (a retry of notify) creates nothing new
    services._announce(rec, rec.events.get(status=Status.IMPLEMENTED))
    assert Notification.objects.filter(recipient=clerk).count() == 2


def test_events_keep_the_order_of_the_timeline():
    rec = walk_to(make_recommendation(), Status.REJECTED)
    rec = walk_to(rec, Status.ADOPTED)
    services.recommendation_transition(
        recommendation=rec,
        actor=None,
        to_status=Status.CLOSED,
        data=step_data("closed", START + datetime.timedelta(40)),
    )
    assert list(OutcomeEvent.objects.filter(recommendation=rec).values_list("status", flat=True)) == [
        "adopted",
        "sent",
        "response_received",
        "rejected",
        "closed",
    ]
