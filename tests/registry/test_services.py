import datetime

import pytest
from django.core.exceptions import ValidationError

from kenes.registry import services
from kenes.registry.models import Membership, Post, Region
from tests.factories import MaslikhatFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_regions_on_dates(reference):
    assert Region.objects.filter(Region.q_valid_on(datetime.date(2020, 10, 21))).count() == 17
    assert Region.objects.filter(Region.q_valid_on(datetime.date(2022, 6, 8))).count() == 20
    assert Region.objects.filter(Region.q_valid_on(datetime.date(2022, 6, 7))).count() == 17


def test_head_title_depends_on_date():
    post = Post(role=Post.Role.HEAD)
    assert post.title_on(datetime.date(2022, 12, 31))["ru"] == "Секретарь маслихата"
    assert post.title_on(datetime.date(2023, 1, 1))["ru"] == "Председатель маслихата"


def test_two_heads_on_overlapping_dates_refused(secretariat):
    maslikhat = MaslikhatFactory()
    post = services.post_for(maslikhat=maslikhat, role=Post.Role.HEAD)
    first = services.membership_create(
        actor=secretariat,
        person=PersonFactory(),
        post=post,
        data={"start_date": datetime.date(2019, 1, 1), "end_date": datetime.date(2023, 3, 31)},
    )
    assert first.is_released
    with pytest.raises(ValidationError, match="already has a head"):
        services.membership_create(
            actor=secretariat, person=PersonFactory(), post=post, data={"start_date": datetime.date(2023, 3, 1)}
        )
    services.membership_create(
        actor=secretariat, person=PersonFactory(), post=post, data={"start_date": datetime.date(2023, 4, 1)}
    )
    assert Membership.objects.filter(post=post).count() == 2


def test_single_member_deputy_needs_constituency(secretariat):
    post = services.post_for(maslikhat=MaslikhatFactory(), role=Post.Role.DEPUTY)
    with pytest.raises(ValidationError):
        services.membership_create(
            actor=secretariat, person=PersonFactory(), post=post, data={"mandate_type": "single_member"}
        )
