"""Turning an item into a plan item through the plans service; the link is kept both ways and the
public pages show it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from kenes.channel import selectors, services
from kenes.channel.models import ChannelItem
from kenes.plans import services as plan_services
from kenes.plans.models import PlanItem
from tests.factories import CouncilFactory

pytestmark = pytest.mark.django_db


def _plan(world):
    return plan_services.plan_create(
        council=CouncilFactory(),
        actor=world.clerk,
        data={
            "title": {"en": "Forward plan"},
            "period_start": datetime.date(2030, 1, 1),
            "period_end": datetime.date(2030, 12, 31),
        },
    )


def test_convert_to_plan_item_links_both_ways(world, client):
    plan = _plan(world)
    item = world.assigned(is_public=True, subject={"en": "Train deputies"})
    item = services.item_convert_to_plan_item(
        item=item,
        actor=world.clerk,
        plan=plan,
        data={"deadline": datetime.date(2030, 6, 30)},
        assignee_maslikhats=[world.own],
    )
    assert item.status == ChannelItem.Status.CONVERTED
    plan_item = PlanItem.objects.get(plan=plan)
    assert plan_item.title == {"en": "Train deputies"} and plan_item.description == item.text
    assert item.links.get().target == plan_item
    assert list(selectors.links_to(plan_item)) == [item]
    assert "Forward plan" in item.events.get(action="converted").note["en"]
    with translation.override("en"):
        page = client.get(reverse("channel:item-detail", args=[item.pk])).content.decode()
        plan_url = reverse("plans:plan-detail", args=[plan.pk])
    assert "Plan item" in page and f"{plan_url}#item-{plan_item.pk}" in page


def test_plan_service_refusal_undoes_the_conversion(world):
    plan = _plan(world)
    item = world.assigned()
    with pytest.raises(ValidationError):
        services.item_convert_to_plan_item(item=item, actor=world.clerk, plan=plan, data={})  # no deadline
    assert ChannelItem.objects.get(pk=item.pk).status == ChannelItem.Status.ASSIGNED
    assert not PlanItem.objects.exists() and not item.links.exists()


def test_convert_to_plan_from_the_page(world, client):
    plan = _plan(world)
    item = world.item()
    client.force_login(world.clerk)
    with translation.override("en"):
        url = reverse("channel-staff:item-convert-plan", args=[item.pk])
    response = client.post(url, {"plan": plan.pk, "deadline": "2030-05-01", "sender_responsible": "on"})
    assert response.status_code == 302
    plan_item = PlanItem.objects.get()
    assert list(selectors.links_to(plan_item)) == [item]
    assert [a.maslikhat for a in plan_item.assignees.all()] == [world.own]


def _package(world):
    from kenes.recommendations import services as recommendation_services

    return recommendation_services.package_create(
        council=CouncilFactory(),
        actor=world.clerk,
        data={"title": {"en": "On strengthening the role of maslikhats"}, "adopted_on": datetime.date(2020, 10, 21)},
    )


def test_convert_to_recommendation_links_both_ways(world, client):
    from kenes.recommendations.models import Recommendation
    from tests.factories import OrganizationFactory

    package = _package(world)
    government = OrganizationFactory(kind="government")
    item = world.item(is_public=True)
    item = services.item_convert_to_recommendation(
        item=item, actor=world.clerk, package=package, addressees=[government]
    )
    recommendation = Recommendation.objects.get(package=package)
    assert recommendation.text == item.text and recommendation.addressee == government
    assert item.status == ChannelItem.Status.CONVERTED and item.links.get().target == recommendation
    assert list(selectors.links_to(recommendation)) == [item]
    assert "On strengthening" in item.events.get(action="converted").note["en"]
    with translation.override("en"):
        page = client.get(reverse("channel:item-detail", args=[item.pk])).content.decode()
        url = reverse("recommendations:recommendation-detail", args=[recommendation.pk])
    assert "Recommendation" in page and url in page


def test_recommendation_without_addressee_refused_and_nothing_changes(world, client):
    from kenes.recommendations.models import Recommendation
    from tests.factories import OrganizationFactory

    package = _package(world)
    item = world.assigned()
    with pytest.raises(ValidationError):
        services.item_convert_to_recommendation(item=item, actor=world.clerk, package=package, addressees=[])
    assert ChannelItem.objects.get(pk=item.pk).status == ChannelItem.Status.ASSIGNED
    assert not Recommendation.objects.exists() and not item.links.exists()
    # From the page: the form asks for an addressee.
    government = OrganizationFactory(kind="government")
    client.force_login(world.clerk)
    with translation.override("en"):
        url = reverse("channel-staff:item-convert-recommendation", args=[item.pk])
    response = client.post(url, {"package": package.pk, "addressees": [government.pk]})
    assert response.status_code == 302 and Recommendation.objects.get().addressee == government
