"""Daily deadline reminders of the channel. notify() keys make a re-run harmless: each person is
told once that an item or a request is due soon, and once that it is overdue."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task

from kenes.accounts.selectors import maslikhat_staff, secretariat_staff
from kenes.core.calendar import add_working_days
from kenes.core.http import site_path
from kenes.notifications.services import notify

from .models import ChannelItem, CouncilRequest, RequestResponse

# "Soon": the due date is at most this many working days away.
SOON_WORKING_DAYS = 2


def remind(today: datetime.date | None = None) -> int:
    """Notify about items and requests due soon or overdue; returns how many notifications were created."""
    today = today or timezone.localdate()
    soon = add_working_days(today, SOON_WORKING_DAYS)
    created = 0
    secretariat = None
    items = ChannelItem.objects.filter(status__in=ChannelItem.AWAITING, due_date__lte=soon).select_related(
        "maslikhat", "assignee"
    )
    for item in items:
        overdue = item.due_date < today
        if item.assignee_id and item.assignee.is_active:
            recipients = [item.assignee]
        else:
            secretariat = secretariat if secretariat is not None else secretariat_staff()
            recipients = secretariat
        name = "item_overdue" if overdue else "item_deadline_soon"
        created += len(
            notify(
                recipients=recipients,
                kind=f"channel.{name}",
                group="deadlines",
                key=f"channel.{name}:{item.pk}",
                params={
                    "id": item.pk,
                    "subject": item.subject,
                    "maslikhat": item.maslikhat.name,
                    "due_date": item.due_date.isoformat(),
                },
                path=site_path("channel-staff:item-detail", item.pk),
            )
        )
    requests = CouncilRequest.objects.filter(due_date__lte=soon, due_date__gte=today - datetime.timedelta(days=30))
    for council_request in requests:
        answered = RequestResponse.objects.filter(request=council_request).values_list("maslikhat_id", flat=True)
        waiting = council_request.targets.exclude(pk__in=answered).values_list("pk", flat=True)
        overdue = council_request.due_date < today
        name = "request_overdue" if overdue else "request_deadline_soon"
        created += len(
            notify(
                recipients=maslikhat_staff(waiting),
                kind=f"channel.{name}",
                group="deadlines",
                key=f"channel.{name}:{council_request.pk}",
                params={
                    "id": council_request.pk,
                    "title": council_request.title,
                    "due_date": council_request.due_date.isoformat(),
                },
                path=site_path("channel-staff:request-detail", council_request.pk),
            )
        )
    return created


@task()
def channel_deadline_reminders() -> int:
    """Run daily."""
    return remind()
