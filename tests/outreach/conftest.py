import datetime

import pytest
from django.utils import timezone

from kenes.outreach import services
from kenes.outreach.models import VoterMandate, VoterMeeting
from kenes.registry.models import Organization
from tests import factories
from tests.factories import MaslikhatFactory, OrganizationFactory

PAST = datetime.timedelta(days=2)


def deputy_of(maslikhat, **name):
    return factories.deputy_of(maslikhat, start_date=datetime.date(2023, 3, 29), **({"name": name} if name else {}))


@pytest.fixture
def maslikhat(db):
    return MaslikhatFactory()


@pytest.fixture
def other_maslikhat(db):
    return MaslikhatFactory()


@pytest.fixture
def deputy(maslikhat):
    return deputy_of(maslikhat)


@pytest.fixture
def staff(make_user, maslikhat):
    return make_user("maslikhat_staff", maslikhat=maslikhat)


@pytest.fixture
def akimat(db):
    return OrganizationFactory(kind=Organization.Kind.AKIMAT)


def meeting_data(**extra):
    return {
        "kind": VoterMeeting.Kind.MEETING,
        "topic": {"kk": "Сайлаушылармен кездесу", "ru": "Встреча с избирателями", "en": "Meeting with voters"},
        "starts_at": timezone.now() - PAST,
        "place": {"ru": "Дом культуры, село Каргалы"},
        **extra,
    }


@pytest.fixture
def make_meeting(staff, maslikhat, deputy):
    def make(held=False, actor=None, **extra):
        meeting = services.meeting_create(
            actor=actor or staff, maslikhat=maslikhat, data=meeting_data(**extra), deputies=[deputy]
        )
        if held:
            meeting = services.meeting_mark_held(
                meeting=meeting, actor=actor or staff, data={"attendees_count": 40, "summary": {"ru": "Итоги"}}
            )
        return meeting

    return make


@pytest.fixture
def make_mandate(staff, maslikhat, akimat):
    def make(actor=None, **extra):
        data = {
            "title": {"ru": "Ремонт дороги по улице Есет батыра"},
            "source": VoterMandate.Source.ELECTION,
            "received_on": timezone.localdate() - datetime.timedelta(days=30),
            "responsible_body": akimat,
            **extra,
        }
        return services.mandate_create(actor=actor or staff, maslikhat=maslikhat, data=data)

    return make
