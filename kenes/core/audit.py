"""The audit log: every staff change is recorded with a namespaced action code."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.fields.files import FieldFile

from kenes.core.models import AuditEntry

_encoder = DjangoJSONEncoder()


def _plain(value: Any) -> Any:
    if isinstance(value, dict | list | str | int | float | bool) or value is None:
        return value
    if isinstance(value, FieldFile):  # checked before anything touches .url, which fails on an empty file
        return value.name or None
    return _encoder.default(value)


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The concrete field values of a record, JSON-ready (foreign keys as ids)."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        data[field.attname] = _plain(getattr(obj, field.attname))
    return data


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    """Write one audit entry (the public page cache sees the write itself: kenes.core.cache)."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        before=before,
        after=after if after is not None else (snapshot(obj) if obj is not None else None),
    )
