from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from kenes.publications.models import PublicEvent


def public_event_record(
    *,
    kind: str,
    obj: models.Model,
    title: dict[str, str],
    path: str,
    summary: dict[str, str] | None = None,
    region: Any = None,
    maslikhat: Any = None,
) -> PublicEvent:
    """Record a public status change (kind like "plans.item.done"). Callers pass only public text."""
    return PublicEvent.objects.create(
        at=timezone.now(),
        kind=kind,
        title=title,
        summary=summary or {},
        path=path,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        region=region,
        maslikhat=maslikhat,
        is_demo=bool(getattr(obj, "is_demo", False)),
    )
