"""notify(): the one way any capability tells users about something."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from kenes.notifications.models import EmailMode, Notification, Preference

# Without a preference row: assignments and answers by e-mail at once, the rest in the digest.
DEFAULT_EMAIL = {"assignments": EmailMode.IMMEDIATE, "answers": EmailMode.IMMEDIATE}


def email_mode(user, group: str, preferences: dict | None = None) -> str:
    pref = (preferences or {}).get((user.pk, group))
    if pref is not None:
        return pref.email
    return DEFAULT_EMAIL.get(group, EmailMode.DIGEST)


@transaction.atomic
def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    group: str,
    key: str,
    params: dict[str, Any] | None = None,
    path: str = "",
) -> list[Notification]:
    """Notify each recipient once per `key` (e.g. "plans.report_returned:report-17"): calling again
    with the same key creates nothing. Immediate e-mails are sent by a background task after the
    transaction commits; digest e-mails by the daily digest task."""
    users = [u for u in recipients if u is not None and getattr(u, "is_active", False)]
    if not users:
        return []
    existing = set(Notification.objects.filter(key=key, recipient__in=users).values_list("recipient_id", flat=True))
    preferences = {(p.user_id, p.group): p for p in Preference.objects.filter(user__in=users, group=group)}
    created = []
    for user in users:
        if user.pk in existing:
            continue
        mode = email_mode(user, group, preferences)
        if mode == EmailMode.OFF or not user.email:
            status = Notification.EmailStatus.SKIPPED
        elif mode == EmailMode.DIGEST:
            status = Notification.EmailStatus.DIGEST
        else:
            status = Notification.EmailStatus.PENDING
        created.append(
            Notification(
                recipient=user, kind=kind, group=group, key=key, params=params or {}, path=path, email_status=status
            )
        )
    # ignore_conflicts: a concurrent caller with the same key wins, and nobody is notified twice.
    Notification.objects.bulk_create(created, ignore_conflicts=True)
    fresh = list(Notification.objects.filter(key=key, recipient__in=[n.recipient for n in created]))
    pending = [n.pk for n in fresh if n.email_status == Notification.EmailStatus.PENDING]
    if pending:
        from kenes.notifications.tasks import deliver_emails

        transaction.on_commit(lambda: deliver_emails.enqueue(pending))
    return fresh
