"""What the outreach services share: the state check of meetings and questions."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError


def require(current: str, allowed: Iterable[str], message: str) -> None:
    if current not in allowed:
        raise ValidationError(message, code="invalid_state")
