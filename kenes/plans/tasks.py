"""Daily deadline reminders for plan items. Safe to run any number of times a day: each reminder
has its own key, so every user is reminded once per item for "soon" and once for "passed"."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task

from kenes.accounts.selectors import maslikhat_staff
from kenes.core.http import site_path
from kenes.notifications.services import notify
from kenes.plans.models import PlanItem, PlanReport
from kenes.plans.services import item_params

REMIND_DAYS_BEFORE = 7


def remind_deadlines(on: datetime.date | None = None) -> int:
    """Notify the staff of each assigned maslikhat without an accepted report: once when the
    deadline is 7 days away or nearer, once when it has passed. Returns notifications created."""
    on = on or timezone.localdate()
    items = (
        PlanItem.objects.exclude(status__in=PlanItem.CLOSED)
        .filter(deadline__lte=on + datetime.timedelta(days=REMIND_DAYS_BEFORE))
        .select_related("plan")
        .prefetch_related("assignees")
    )
    accepted = set(
        PlanReport.objects.filter(status=PlanReport.Status.ACCEPTED, item__in=items).values_list(
            "item_id", "maslikhat_id"
        )
    )
    created = 0
    for item in items:
        passed = item.deadline < on
        kind = "deadline_passed" if passed else "deadline_soon"
        for assignee in item.assignees.all():
            if not assignee.maslikhat_id or (item.pk, assignee.maslikhat_id) in accepted:
                continue
            created += len(
                notify(
                    recipients=maslikhat_staff([assignee.maslikhat_id]),
                    kind=f"plans.{kind}",
                    group="deadlines",
                    key=f"plans.{kind}:{item.pk}",
                    params=item_params(item),
                    path=site_path("plans-staff:my-item", item.pk),
                )
            )
    return created


@task()
def plan_deadline_reminders() -> int:
    return remind_deadlines()
