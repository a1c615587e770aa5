from django.conf import settings
from django.http import HttpRequest

from kenes.accounts.rules import is_staff_member


def kenes(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {
        "LANGUAGE_CHOICES": [(code, name) for code, name in settings.LANGUAGES],
        "is_staff_member": bool(user and is_staff_member(user)),
        "HTMX": settings.KENES_HTMX,
    }
