import datetime

import pytest

from kenes.appeals import services
from kenes.core.models import CalendarDay
from tests.factories import MaslikhatFactory, deputy_of

# A week with no holidays in the shipped calendar: Monday 2025-02-03.
MONDAY = datetime.date(2025, 2, 3)


@pytest.fixture(autouse=True)
def _appeal_settings(settings, tmp_path):
    settings.KENES_APPEAL_FILES_ROOT = tmp_path / "private"
    settings.KENES_APPEAL_RATE_LIMITS = True
    settings.KENES_APPEAL_RATE_PER_IP = 1000
    settings.KENES_APPEAL_RATE_PER_ACCOUNT = 1000


@pytest.fixture
def masl(db):
    return MaslikhatFactory()


@pytest.fixture
def deputy(masl):
    return deputy_of(masl)


def applicant(**overrides):
    data = {"name": "Test Applicant", "email": "applicant@example.kz"}
    data.update(overrides)
    return services.ApplicantData(**data)


TEXT = "The street lights on our street have not worked for three months, please repair them soon."


def submit(maslikhat, *, text=TEXT, now=None, key=None, ip="", language="en", kind="statement", **app):
    data = services.AppealData(
        maslikhat=maslikhat,
        kind=kind,
        topic="Street lights",
        text=text,
        language=language,
        applicant=applicant(**app),
    )
    appeal, _created = services.appeal_submit(data=data, idempotency_key=key, ip=ip, now=now)
    return appeal


def at(day, hour=10):
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def holidays(db):
    """Holidays put into the calendar by the test: the whole week after MONDAY's week is off."""

    def make(*days, kind=CalendarDay.Kind.HOLIDAY):
        for day in days:
            CalendarDay.objects.update_or_create(date=day, defaults={"kind": kind, "name": {"en": "test"}})

    return make


def close_file(response):
    """Close the file a FileResponse streams, without response.close(): that would also signal the
    end of the request, which closes the test's database connection."""
    for closer in response._resource_closers:
        closer()
