"""A small world for plan tests: a council, a plan, two maslikhats with their staff, a clerk."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kenes.plans import services
from tests.factories import CouncilFactory, MaslikhatFactory, OrganizationFactory, UserFactory

TODAY = timezone.localdate


class PlanWorld:
    def __init__(self) -> None:
        self.council = CouncilFactory()
        self.clerk = UserFactory(role="secretariat", email="clerk@example.kz")
        self.own = MaslikhatFactory()
        self.other = MaslikhatFactory()
        self.organization = OrganizationFactory()
        self.staff = UserFactory(role="maslikhat_staff", maslikhat=self.own)
        self.head = UserFactory(role="maslikhat_head", maslikhat=self.own)
        self.other_staff = UserFactory(role="maslikhat_staff", maslikhat=self.other)
        today = TODAY()
        self.plan = services.plan_create(
            council=self.council,
            actor=self.clerk,
            data={
                "title": {"kk": "Жұмыс жоспары", "ru": "План работы", "en": "Work plan"},
                "period_start": today - datetime.timedelta(days=200),
                "period_end": today + datetime.timedelta(days=200),
            },
        )

    def item(self, *, days: int = 30, executors=None, co=(), organizations=(), number=None, title="Item"):
        executors = [self.own] if executors is None else executors
        return services.plan_item_create(
            plan=self.plan,
            actor=self.clerk,
            data={
                "number": number,
                "title": {"kk": f"{title} kk", "ru": f"{title} ru", "en": title},
                "deadline": TODAY() + datetime.timedelta(days=days),
            },
            assignee_maslikhats=executors,
            co_executor_maslikhats=co,
            assignee_organizations=organizations,
        )

    def report(self, item, maslikhat=None, user=None, text="Done: two lectures held."):
        maslikhat = maslikhat or self.own
        user = user or (self.staff if maslikhat == self.own else self.other_staff)
        return services.report_submit(item=item, maslikhat=maslikhat, actor=user, text=text)


@pytest.fixture
def world(db) -> PlanWorld:
    return PlanWorld()
