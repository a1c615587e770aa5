"""What the outreach services share: row locks, state checks, paths for links without a language."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from kenes.core.i18n import LANGS


def require(current: str, allowed: Iterable[str], message: str) -> None:
    if current not in allowed:
        raise ValidationError(message, code="invalid_state")


def translated(texts: dict[str, str]) -> dict[str, str]:
    return {code: str(texts.get(code, "")) for code in LANGS}
