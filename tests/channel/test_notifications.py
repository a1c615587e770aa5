"""Who is told what, once."""

import datetime

import pytest
import time_machine
from django.core import mail

from kenes.channel import services, tasks
from kenes.notifications.models import Notification
from tests.channel.conftest import aware
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _kinds(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_item_lifecycle_notifies_the_right_people_once(world, django_capture_on_commit_callbacks):
    citizen = UserFactory(role="citizen")
    with django_capture_on_commit_callbacks(execute=True):
        item = world.item()
    assert _kinds(world.clerk) == _kinds(world.clerk2) == ["channel.item_sent"]
    assert _kinds(world.staff) == [] and _kinds(world.other_staff) == [] and _kinds(citizen) == []
    sent_mail = [m for m in mail.outbox if m.to == [world.clerk.email]]
    assert len(sent_mail) == 1 and f"/staff/channel/items/{item.pk}/" in sent_mail[0].body

    with django_capture_on_commit_callbacks(execute=True):
        item = services.item_assign(item=item, actor=world.clerk, assignee=world.clerk2)
    assert _kinds(world.clerk2) == ["channel.item_assigned", "channel.item_sent"]
    assert _kinds(world.staff) == _kinds(world.head) == ["channel.item_status"]  # sender's staff and head
    assert _kinds(world.other_staff) == []

    with django_capture_on_commit_callbacks(execute=True):
        services.item_answer(item=item, actor=world.clerk2, answer={"en": "The answer"})
    assert _kinds(world.head) == ["channel.item_answered", "channel.item_status"]
    answered = Notification.objects.get(recipient=world.head, kind="channel.item_answered")
    assert answered.group == "answers" and answered.email_status == "sent"
    # E-mails speak the recipient's language (Kazakh by default).
    assert any("мәселеңізге жауап берді" in m.subject for m in mail.outbox if m.to == [world.head.email])


def test_request_notifies_targeted_staff_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_create(
            actor=world.clerk,
            data={"title": {"en": "Proposals please"}, "text": {"en": "x"}, "due_date": datetime.date(2031, 1, 10)},
            targets=[world.own],
        )
    assert _kinds(world.staff) == _kinds(world.head) == ["channel.request_sent"]
    assert _kinds(world.other_staff) == []
    assert Notification.objects.get(recipient=world.staff).path == f"/staff/channel/requests/{request.pk}/"


def test_deadline_task_reminds_once_soon_then_once_overdue(world):
    item = world.item(sent_at=aware(datetime.date(2030, 3, 1)))  # due 2030-03-22 (no holidays loaded)
    assert item.due_date == datetime.date(2030, 3, 22)
    assigned = world.assigned(sent_at=aware(datetime.date(2030, 3, 1)))
    request = services.request_create(
        actor=world.clerk,
        data={"title": {"en": "R"}, "text": {"en": "x"}, "due_date": datetime.date(2030, 3, 22)},
        targets=[world.own, world.other],
    )
    services.response_submit(request=request, actor=world.other_staff, text={"en": "done"})
    Notification.objects.all().delete()

    assert tasks.remind(datetime.date(2030, 3, 1)) == 0  # far from the date
    created = tasks.remind(datetime.date(2030, 3, 20))  # two working days before
    assert created > 0 and tasks.remind(datetime.date(2030, 3, 20)) == 0  # a re-run tells nobody again
    assert _kinds(world.clerk) == ["channel.item_deadline_soon", "channel.item_deadline_soon"]  # unassigned: all clerks
    assert _kinds(world.clerk2) == ["channel.item_deadline_soon"]  # only the unassigned one
    assert _kinds(world.staff) == _kinds(world.head) == ["channel.request_deadline_soon"]
    assert _kinds(world.other_staff) == []  # answered already

    tasks.remind(datetime.date(2030, 3, 25))
    assert Notification.objects.filter(recipient=world.clerk, kind="channel.item_overdue").count() == 2
    assert Notification.objects.filter(kind="channel.request_overdue", recipient=world.staff).count() == 1
    assert (
        not Notification.objects.filter(kind="channel.item_overdue", recipient=world.clerk2)
        .exclude(key=f"channel.item_overdue:{item.pk}")
        .exists()
    )
    services.item_answer(item=assigned, actor=world.clerk, answer={"en": "x"})
    with time_machine.travel(aware(datetime.date(2030, 3, 26)), tick=False):
        assert tasks.channel_deadline_reminders.call() == 0
