"""Helpers shared by the appeal services: transitions, audited saves, timeline events."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.conf import settings
from django.utils import timezone

from kenes.appeals.models import Appeal, AppealEvent
from kenes.core.audit import _plain, audit_record
from kenes.core.tasks import enqueue

S = Appeal.Status


def today() -> datetime.date:
    return timezone.localdate()


def event_add(appeal: Appeal, status: str, note: str = "", at: datetime.datetime | None = None) -> AppealEvent:
    """A step of the public timeline. `note` is shown on the tracking page: never personal data."""
    return AppealEvent.objects.create(appeal=appeal, status=status, note=note[:500], at=at or timezone.now())


def save_audited(*, appeal: Appeal, actor: Any, action: str, data: dict[str, Any]) -> Appeal:
    """Set `data` on the appeal, validate, save and audit only the changed fields: the audit log
    must not copy the citizen's text (it may hold personal data that retention erases)."""
    columns = [appeal._meta.get_field(name).attname for name in data]
    before = {column: _plain(getattr(appeal, column)) for column in columns}
    for name, value in data.items():
        setattr(appeal, name, value)
    appeal.full_clean(exclude=["tracking_code", "idempotency_key"], validate_unique=False)
    appeal.save()
    after = {column: _plain(getattr(appeal, column)) for column in columns}
    audit_record(actor=actor, action=action, obj=appeal, before=before, after=after)
    return appeal


def secret_hash(value: str) -> str:
    """A keyed hash (the site's secret): lets us match senders and bans without storing the value."""
    if not value:
        return ""
    return hashlib.blake2b(
        value.strip().lower().encode(), key=settings.SECRET_KEY.encode()[:64], digest_size=20
    ).hexdigest()


def normalize_phone(raw: str) -> str:
    """+7XXXXXXXXXX from the +7 / 8 forms; '' when it is not a Kazakhstan phone number."""
    digits = "".join(ch for ch in raw or "" if ch.isdigit())
    if len(digits) == 11 and digits[0] in "78":
        return "+7" + digits[1:]
    if len(digits) == 10 and digits[0] == "7":
        return "+7" + digits
    return ""


def _mail(appeal: Appeal, template: str) -> None:
    enqueue("kenes.appeals.tasks.send_applicant_mail", appeal.pk, template)
