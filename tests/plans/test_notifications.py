"""Plan notifications: who is told what, each exactly once, and e-mailed after the commit."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from kenes.notifications.models import Notification
from kenes.plans import services
from kenes.plans.tasks import plan_deadline_reminders, remind_deadlines
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _keys(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("key", flat=True))


def test_assignment_notifies_the_maslikhat_once(world):
    item = world.item(executors=[world.own])
    key = f"plans.item_assigned:{item.pk}:{world.own.pk}"
    assert _keys(world.staff) == _keys(world.head) == [key]
    assert _keys(world.other_staff) == []
    services.plan_item_update(item=item, actor=world.clerk, data={}, assignee_maslikhats=[world.own])
    assert Notification.objects.filter(key=key).count() == 2  # staff and head, not again


def test_report_cycle_notifies_secretariat_and_maslikhat_once_each(world):
    mail.outbox.clear()
    item = world.item()
    Notification.objects.all().delete()
    report = world.report(item)
    assert _keys(world.clerk) == [f"plans.report_submitted:{report.pk}"]
    assert _keys(world.staff) == []
    services.report_return(report=report, actor=world.clerk, comment="Add the dates")
    assert _keys(world.staff) == _keys(world.head) == [f"plans.report_returned:{report.pk}"]
    second = world.report(item)
    services.report_accept(report=second, actor=world.clerk)
    assert _keys(world.staff) == sorted([f"plans.report_returned:{report.pk}", f"plans.report_accepted:{second.pk}"])
    assert _keys(world.other_staff) == []
    # Assignments and answers go out by e-mail at once, each exactly once; status changes wait for the digest.
    returned = [m for m in mail.outbox if "пысықтауға қайтарылды" in m.subject]  # in the recipients' Kazakh
    assert len(returned) == 2 and {m.to[0] for m in returned} == {world.staff.email, world.head.email}
    assert "Add the dates" in returned[0].body
    submitted = [m for m in mail.outbox if "тармағы бойынша жаңа есеп" in m.subject]
    assert len(submitted) == 2 and {m.to[0] for m in submitted} == {world.clerk.email}
    assert not [m for m in mail.outbox if "is accepted" in m.subject]
    assert Notification.objects.get(key=f"plans.report_accepted:{second.pk}", recipient=world.staff).email_status == (
        "digest"
    )


def test_deadline_reminders_soon_and_passed_once(world):
    today = timezone.localdate()
    soon = world.item(days=7, executors=[world.own])
    far = world.item(days=8, executors=[world.own])
    passed = world.item(days=-1, executors=[world.own, world.other])
    done = world.item(days=-1, executors=[world.own])
    services.report_accept(report=world.report(done), actor=world.clerk)
    services.plan_item_set_status(item=done, actor=world.clerk, status="done")
    accepted = world.item(days=3, executors=[world.own, world.other])
    services.report_accept(report=world.report(accepted), actor=world.clerk)
    Notification.objects.all().delete()

    created = remind_deadlines(today)
    assert sorted(_keys(world.staff)) == sorted(
        [f"plans.deadline_soon:{soon.pk}", f"plans.deadline_passed:{passed.pk}"]
    )
    # The other maslikhat has not reported on the item whose deadline is near.
    assert sorted(_keys(world.other_staff)) == sorted(
        [f"plans.deadline_passed:{passed.pk}", f"plans.deadline_soon:{accepted.pk}"]
    )
    assert created == 6  # staff and head of own (2 keys each) + other_staff (2 keys)
    assert far.pk not in [int(k.split(":")[1]) for k in _keys(world.staff)]
    # Running again, and through the task, notifies nobody twice.
    assert remind_deadlines(today) == 0
    plan_deadline_reminders.enqueue()
    assert Notification.objects.count() == 6
    # A day later the "soon" item has passed: one new reminder per user.
    remind_deadlines(today + datetime.timedelta(days=8))
    assert f"plans.deadline_passed:{soon.pk}" in _keys(world.staff)


def test_inactive_users_and_other_roles_are_not_notified(world):
    UserFactory(role="citizen")
    inactive = UserFactory(role="maslikhat_staff", maslikhat=world.own, is_active=False)
    world.item(executors=[world.own])
    assert _keys(inactive) == []
    assert Notification.objects.filter(recipient__role="citizen").count() == 0


def test_notification_texts_render_in_the_recipients_language(world):
    world.staff.language = "ru"
    world.staff.save()
    item = world.item()
    report = world.report(item)
    mail.outbox.clear()
    services.report_return(report=report, actor=world.clerk, comment="Уточните даты")
    message = next(m for m in mail.outbox if m.to == [world.staff.email])
    assert "Item ru" in message.body  # the item's Russian title
    assert "/ru/staff/plans/my/items/" in message.body
