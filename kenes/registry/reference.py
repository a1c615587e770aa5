"""Reference data that ships with Kenes: the regions (17 in 2020, 20 since 2022-06-08) and their
regional maslikhats. Loading is idempotent: records are matched by KATO code and updated."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.db import transaction

from kenes.registry.models import Maslikhat, Post, Region

DATA = Path(__file__).parent / "data" / "regions.json"


@transaction.atomic
def load_regions(path: Path = DATA) -> tuple[int, int]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    by_kato: dict[str, Region] = {}
    for row in rows:
        region, _created = Region.objects.update_or_create(
            kato=row["kato"],
            defaults={
                "kind": row["kind"],
                "name": row["name"],
                "other_names": row.get("other_names") or [],
                "center": row.get("center") or {},
                "valid_from": datetime.date.fromisoformat(row["valid_from"]),
                "valid_to": datetime.date.fromisoformat(row["valid_to"]) if row.get("valid_to") else None,
            },
        )
        by_kato[row["kato"]] = region
    maslikhats = 0
    for row in rows:
        region = by_kato[row["kato"]]
        if row.get("split_from"):
            region.split_from = by_kato[row["split_from"]]
            region.save(update_fields=["split_from"])
        info = row.get("maslikhat")
        if info:
            maslikhat, _created = Maslikhat.objects.update_or_create(
                region=region,
                level=Maslikhat.Level.REGIONAL,
                defaults={"name": info["name"], "seats": info.get("seats")},
            )
            for role in (Post.Role.HEAD, Post.Role.DEPUTY, Post.Role.STAFF):
                Post.objects.get_or_create(maslikhat=maslikhat, role=role)
            maslikhats += 1
    return len(rows), maslikhats
