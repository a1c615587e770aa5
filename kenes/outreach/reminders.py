"""Reminders about voter mandates whose planned completion is near or has passed. Run daily by
tasks.mandate_deadline_reminders; the notification key makes a re-run harmless."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.utils import timezone

from kenes.accounts.models import User
from kenes.accounts.selectors import maslikhat_staff
from kenes.core.http import site_path
from kenes.core.i18n import LANGS, pick
from kenes.notifications.services import notify
from kenes.outreach import selectors

SOON_DAYS = 14


def send_mandate_reminders(today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    due = list(selectors.mandates_due(today=today, within_days=SOON_DAYS))
    staff: dict[int, list[User]] = defaultdict(list)
    for user in maslikhat_staff({m.maslikhat_id for m in due}):
        staff[user.maslikhat_id].append(user)
    sent = 0
    for mandate in due:
        overdue = mandate.planned_completion < today
        name = "mandate_overdue" if overdue else "mandate_deadline_soon"
        sent += len(
            notify(
                recipients=staff[mandate.maslikhat_id],
                kind=f"outreach.{name}",
                group="deadlines",
                key=f"outreach.{name}:{mandate.pk}:{mandate.planned_completion.isoformat()}",
                params={
                    "title": {code: pick(mandate.title, code) for code in LANGS},
                    "planned_completion": mandate.planned_completion.isoformat(),
                    "status": mandate.status,
                },
                path=site_path("outreach-staff:mandate", mandate.pk),
            )
        )
    return sent
