"""What every council service shares: the session states and the row lock for transitions."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from kenes.councils.models import Session

S = Session.Status
EDITABLE_BEFORE_HELD = (S.DRAFT, S.ANNOUNCED)
RECORDABLE = (S.HELD,)


def _lock(session: Session) -> Session:
    """Re-read the session under a row lock so that two clerks cannot race a transition."""
    return Session.objects.select_for_update().get(pk=session.pk)


def _require(session: Session, allowed: Iterable[str], message: str) -> None:
    if session.status not in allowed:
        raise ValidationError(message, code="invalid_state")
