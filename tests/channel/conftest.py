import datetime

import pytest
from django.utils import timezone

from kenes.channel import services
from kenes.registry.models import Maslikhat
from tests.factories import MaslikhatFactory, UserFactory


@pytest.fixture(autouse=True)
def _static_autorefresh(settings):
    settings.WHITENOISE_AUTOREFRESH = True


class World:
    """Two maslikhats with their staff and heads, and two clerks of the secretariat."""

    def __init__(self) -> None:
        self.own = MaslikhatFactory()
        self.other = MaslikhatFactory()
        self.staff = UserFactory(role="maslikhat_staff", maslikhat=self.own)
        self.head = UserFactory(role="maslikhat_head", maslikhat=self.own)
        self.other_staff = UserFactory(role="maslikhat_staff", maslikhat=self.other)
        self.clerk = UserFactory(role="secretariat")
        self.clerk2 = UserFactory(role="secretariat")

    def item(self, *, sender=None, is_public=False, sent_at=None, **data):
        payload = {
            "kind": "question",
            "subject": {"kk": "Сұрақ", "ru": "Вопрос", "en": "A question"},
            "text": {"en": "What is the procedure?"},
            "is_public": is_public,
            **data,
        }
        if sent_at:
            payload["sent_at"] = sent_at
        return services.item_send(actor=sender or self.staff, data=payload)

    def assigned(self, **kwargs):
        return services.item_assign(item=self.item(**kwargs), actor=self.clerk, assignee=self.clerk)

    def answered(self, **kwargs):
        return services.item_answer(item=self.assigned(**kwargs), actor=self.clerk, answer={"en": "Here it is."})


@pytest.fixture
def world(db):
    return World()


def aware(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


__all__ = ["Maslikhat", "aware"]
