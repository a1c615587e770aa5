"""notify(): the one way any capability tells users about something; and the user's own changes to
their notifications (read marks, preferences, unsubscribing).

Preferences are the user's own choices, not staff changes, so they are not written to the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.notifications.models import DEFAULT_EMAIL, EmailMode, Group, Notification, Preference, default_email

__all__ = [
    "DEFAULT_EMAIL",
    "email_mode",
    "notification_mark_read",
    "notifications_mark_all_read",
    "notify",
    "preferences_update",
    "unsubscribe",
]

ALL_GROUPS = "all"


def email_mode(user, group: str, preferences: dict | None = None) -> str:
    pref = (preferences or {}).get((user.pk, group))
    if pref is not None:
        return pref.email
    return default_email(group)


def _in_app(user, group: str, preferences: dict) -> bool:
    pref = preferences.get((user.pk, group))
    return True if pref is None else pref.in_app


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
    transaction commits; digest e-mails by the daily digest task.

    Each recipient's preference for the group decides: e-mail at once, in the digest or never; and
    whether the notice shows in their inbox (when it does not, the row is still kept, hidden, so
    that the key stays used and the e-mail choice still applies)."""
    users = [u for u in recipients if u is not None and getattr(u, "is_active", False)]
    if not users:
        return []
    existing = set(Notification.objects.filter(key=key, recipient__in=users).values_list("recipient_id", flat=True))
    preferences = {(p.user_id, p.group): p for p in Preference.objects.filter(user__in=users, group=group)}
    created = []
    seen = set()
    for user in users:
        if user.pk in existing or user.pk in seen:
            continue
        seen.add(user.pk)
        mode = email_mode(user, group, preferences)
        if mode == EmailMode.OFF or not user.email:
            status = Notification.EmailStatus.SKIPPED
        elif mode == EmailMode.DIGEST:
            status = Notification.EmailStatus.DIGEST
        else:
            status = Notification.EmailStatus.PENDING
        created.append(
            Notification(
                recipient=user,
                kind=kind,
                group=group,
                key=key,
                params=params or {},
                path=path,
                email_status=status,
                digest=status == Notification.EmailStatus.DIGEST,
                in_app=_in_app(user, group, preferences),
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


def notification_mark_read(*, user, notification: Notification) -> Notification:
    """Only the recipient marks their notice read; marking twice keeps the first time."""
    if notification.recipient_id != user.pk:
        raise ValidationError(_("This notification is not yours."), code="not_yours")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def notifications_mark_all_read(*, user) -> int:
    """Mark every unread notice in the user's inbox read; returns how many were."""
    return Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True).update(read_at=timezone.now())


def _clean_group(group: str) -> str:
    if group not in Group.values:
        raise ValidationError(_("Unknown group of notifications: %(group)s.") % {"group": group}, code="group")
    return group


@transaction.atomic
def preferences_update(*, user, preferences: Mapping[str, Mapping[str, Any]]) -> list[Preference]:
    """Store the user's choice per group: {"status": {"email": "digest", "in_app": True}, ...}.
    A group switched to "never" drops the e-mails still waiting for it (at once or in the digest),
    so the next digest does not carry them."""
    saved = []
    for group, choice in preferences.items():
        _clean_group(group)
        email = choice.get("email", default_email(group))
        if email not in EmailMode.values:
            raise ValidationError(
                _("Choose how to receive e-mails: at once, in a daily digest, or never."), code="email"
            )
        pref, _created = Preference.objects.update_or_create(
            user=user, group=group, defaults={"email": email, "in_app": bool(choice.get("in_app", True))}
        )
        saved.append(pref)
    off = [p.group for p in saved if p.email == EmailMode.OFF]
    if off:
        _drop_waiting_emails(user, off)
    return saved


def _drop_waiting_emails(user, groups: list[str]) -> int:
    return Notification.objects.filter(
        recipient=user,
        group__in=groups,
        email_status__in=[Notification.EmailStatus.PENDING, Notification.EmailStatus.DIGEST],
    ).update(email_status=Notification.EmailStatus.SKIPPED)


@transaction.atomic
def unsubscribe(*, user, group: str = ALL_GROUPS) -> list[str]:
    """Stop e-mails for one group or for all ("all"); in-app notices stay as they were.
    Returns the groups now switched off."""
    groups = list(Group.values) if group == ALL_GROUPS else [_clean_group(group)]
    for name in groups:
        Preference.objects.update_or_create(user=user, group=name, defaults={"email": EmailMode.OFF})
    _drop_waiting_emails(user, groups)
    return groups
