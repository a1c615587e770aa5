"""What the outreach services share: row locks, state checks, paths for links without a language."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import translation

from kenes.core.i18n import LANGS


def lock(instance: models.Model) -> models.Model:
    """Re-read the record under a row lock so that two clerks cannot race a transition."""
    return type(instance).objects.select_for_update().get(pk=instance.pk)


def require(current: str, allowed: Iterable[str], message: str) -> None:
    if current not in allowed:
        raise ValidationError(message, code="invalid_state")


def path(name: str, *args: object) -> str:
    """A site path without the language prefix (notifications and the feed add the reader's)."""
    with translation.override(LANGS[0]):
        url = reverse(name, args=args)
    prefix = f"/{LANGS[0]}"
    return url[len(prefix) :] if url.startswith(prefix + "/") else url


def translated(texts: dict[str, str]) -> dict[str, str]:
    return {code: str(texts.get(code, "")) for code in LANGS}


def in_each_language(message) -> dict[str, str]:
    """A lazily translated message rendered in kk, ru and en (for public feed titles)."""
    out = {}
    for code in LANGS:
        with translation.override(code):
            out[code] = str(message)
    return out
