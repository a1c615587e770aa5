import datetime

import pytest
from django.core import mail
from django.utils import timezone

from kenes.notifications.models import Notification
from kenes.outreach.models import VoterMandate
from kenes.outreach.tasks import mandate_deadline_reminders
from kenes.publications.models import PublicEvent

pytestmark = pytest.mark.django_db


def test_mandate_reminders_once_per_deadline(make_mandate, staff, make_user, other_maslikhat, maslikhat):
    head = make_user("maslikhat_head", maslikhat=maslikhat)
    stranger = make_user("maslikhat_staff", maslikhat=other_maslikhat)
    today = timezone.localdate()
    soon = make_mandate(planned_completion=today + datetime.timedelta(days=3))
    late = make_mandate(planned_completion=today - datetime.timedelta(days=2))
    make_mandate(planned_completion=today + datetime.timedelta(days=60))  # far away: nothing
    done = make_mandate(planned_completion=today - datetime.timedelta(days=2))
    VoterMandate.objects.filter(pk=done.pk).update(status=VoterMandate.Status.EXECUTED)
    mandate_deadline_reminders.enqueue()
    rows = Notification.objects.order_by("kind", "recipient_id")
    assert {(n.kind, n.recipient_id) for n in rows} == {
        ("outreach.mandate_deadline_soon", staff.pk),
        ("outreach.mandate_deadline_soon", head.pk),
        ("outreach.mandate_overdue", staff.pk),
        ("outreach.mandate_overdue", head.pk),
    }
    assert not Notification.objects.filter(recipient=stranger).exists()
    assert {n.key for n in rows} == {
        f"outreach.mandate_deadline_soon:{soon.pk}:{soon.planned_completion}",
        f"outreach.mandate_overdue:{late.pk}:{late.planned_completion}",
    }
    mandate_deadline_reminders.enqueue()
    assert Notification.objects.count() == 4
    # Deadlines are in the "deadlines" group: the daily digest carries them (rendered from our templates).
    from kenes.notifications.delivery import render

    subject, body = render(rows.filter(kind="outreach.mandate_overdue").first(), "en")
    assert subject.startswith("A voter mandate is overdue") and f"/en/staff/outreach/mandates/{late.pk}/" in body
    assert len(mail.outbox) == 0 or all("mandate" in m.subject for m in mail.outbox)


def test_public_events_for_status_changes(make_mandate, make_meeting):
    make_meeting(held=True)
    make_mandate()
    kinds = set(PublicEvent.objects.values_list("kind", flat=True))
    assert {"outreach.meeting.held", "outreach.mandate.received"} <= kinds
