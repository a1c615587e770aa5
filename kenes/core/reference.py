"""Calendar reference data: the public holidays and transferred days shipped with Kenes."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.db import transaction

from kenes.core.models import CalendarDay

DATA = Path(__file__).parent / "data" / "calendar.json"


@transaction.atomic
def load_calendar(path: Path = DATA) -> int:
    """Add or update the shipped days; days an admin added by hand are kept."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    for row in rows:
        CalendarDay.objects.update_or_create(
            date=datetime.date.fromisoformat(row["date"]),
            defaults={"kind": row["kind"], "name": row.get("name") or {}, "source": row.get("source", "")},
        )
    return len(rows)
