from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from kenes.notifications.selectors import unread_count


def notifications(request: HttpRequest) -> dict:
    """{{ unread_notifications }} for signed-in users: one COUNT query, run only when a template
    uses the value."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
