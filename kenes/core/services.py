"""Shared write helpers: validate, save and audit in one step, so no write skips the audit log."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models, transaction

from kenes.core.audit import audit_record, snapshot

M = TypeVar("M", bound=models.Model)


def lock(instance: M) -> M:
    """Re-read `instance` in place under a row lock (SELECT ... FOR UPDATE) held to the end of the
    transaction, so two requests cannot both act on the state they read: the second waits, then
    sees the first one's change and is refused by the transition table. Call it inside
    transaction.atomic, before checking the state."""
    instance.refresh_from_db(from_queryset=type(instance)._default_manager.select_for_update())
    return instance


@transaction.atomic
def model_create(*, model: type[M], actor: Any, action: str, data: dict[str, Any]) -> M:
    instance = model(**data)
    instance.full_clean()
    instance.save()
    audit_record(actor=actor, action=action, obj=instance, before=None)
    return instance


@transaction.atomic
def model_update(*, instance: M, actor: Any, action: str, data: dict[str, Any]) -> M:
    before = snapshot(instance)
    for name, value in data.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    after = snapshot(instance)
    if after != before:
        audit_record(actor=actor, action=action, obj=instance, before=before, after=after)
    return instance


@transaction.atomic
def model_delete(*, instance: models.Model, actor: Any, action: str) -> None:
    before = snapshot(instance)
    audit_record(actor=actor, action=action, obj=instance, before=before, after={})
    instance.delete()
