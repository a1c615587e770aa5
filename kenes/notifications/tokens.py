"""Signed one-click unsubscribe links: no sign-in needed, the signature is the authority.

A token names one user and one group (or "all") and is valid for UNSUBSCRIBE_MAX_AGE; it is
signed with SECRET_KEY under its own salt, so no other signed value of the site can pass for one.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kenes.notifications.models import Group

SALT = "kenes.notifications.unsubscribe"
UNSUBSCRIBE_MAX_AGE = datetime.timedelta(days=180)
ALL = "all"


class BadToken(Exception):
    """The link was altered, belongs to no active user, or has expired; `message` says which."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


def make_token(user, group: str = ALL) -> str:
    return signing.dumps({"u": user.pk, "g": group}, salt=SALT)


def read_token(token: str):
    """(user, group) named by a valid token, else BadToken."""
    try:
        data = signing.loads(token, salt=SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.SignatureExpired as error:
        raise BadToken(
            _("This unsubscribe link has expired. Sign in and change your notification settings.")
        ) from error
    except signing.BadSignature as error:
        raise BadToken(_("This unsubscribe link is not valid. Check that it was copied whole.")) from error
    group = data.get("g") if isinstance(data, dict) else None
    if group != ALL and group not in Group.values:
        raise BadToken(_("This unsubscribe link is not valid. Check that it was copied whole."))
    user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None:
        raise BadToken(_("This unsubscribe link belongs to no active account."))
    return user, group


def unsubscribe_url(user, group: str, lang: str) -> str:
    """The absolute link for e-mails (and the List-Unsubscribe header), in `lang`."""
    with translation.override(lang):
        path = reverse("notifications:unsubscribe", kwargs={"token": make_token(user, group)})
    return f"{settings.KENES_SITE_URL}{path}"


def settings_url(lang: str) -> str:
    with translation.override(lang):
        return f"{settings.KENES_SITE_URL}{reverse('notifications:settings')}"
