"""A notification is personal: only its recipient may see it or mark it read. Staff roles grant
nothing here (admins use the Django admin)."""

import rules


@rules.predicate
def is_recipient(user, notification) -> bool:
    return bool(user and user.is_authenticated and notification is not None and notification.recipient_id == user.pk)


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


rules.add_perm("notifications.view_notification", is_recipient)
rules.add_perm("notifications.change_notification", is_recipient)
# Everyone signed in has an inbox and their own preferences.
rules.add_perm("notifications.view_inbox", is_signed_in)
rules.add_perm("notifications.change_preference", is_signed_in)
