"""Reads of a user's own notifications and preferences. Nothing here looks at another user's."""

from __future__ import annotations

from django.db.models import QuerySet

from kenes.notifications.models import Group, Notification, Preference, default_email


def inbox(user, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notices shown in the app, newest first (hidden ones excluded)."""
    qs = Notification.objects.filter(recipient=user, in_app=True).order_by("-created_at", "-id")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True).count()


def preferences_of(user) -> dict[str, dict]:
    """{group: {"email": mode, "in_app": bool}} for every group, defaults filled in."""
    stored = {p.group: p for p in Preference.objects.filter(user=user)}
    result = {}
    for group in Group.values:
        pref = stored.get(group)
        result[group] = (
            {"email": pref.email, "in_app": pref.in_app}
            if pref
            else {"email": str(default_email(group)), "in_app": True}
        )
    return result
