"""Demo council sessions (kenes/councils/data/demo.json): each is prepared, announced, held and
its minutes published through the council services with actor=None, as the secretariat would.
Idempotent: a session is found by council, kind and start time."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from kenes.councils import services
from kenes.councils.models import Council, Session
from kenes.registry.models import Maslikhat, Organization, Person, Region

DATA = Path(__file__).parent / "data" / "demo.json"


def _maslikhats(spec: dict[str, Any]) -> list[Maslikhat]:
    regional = Maslikhat.objects.filter(level=Maslikhat.Level.REGIONAL)
    if "regional_on" in spec:
        day = datetime.date.fromisoformat(spec["regional_on"])
        return list(regional.filter(region__in=Region.objects.filter(Region.q_valid_on(day))))
    return list(regional.filter(region__kato__in=spec["kato"]))


def _session(
    council: Council, spec: dict[str, Any], people: dict[str, Person], organizations: dict[str, Organization]
) -> Session | None:
    starts_at = datetime.datetime.fromisoformat(spec["session"]["starts_at"])
    if Session.objects.filter(council=council, kind=spec["session"]["kind"], starts_at=starts_at).exists():
        return None
    session = services.session_create(
        actor=None, council=council, data={**spec["session"], "chair": people[spec["chair"]], "is_demo": True}
    )
    items = {}
    for item in spec["agenda"]:
        item = dict(item)
        key = item.pop("key")
        items[key] = services.agenda_item_add(session=session, actor=None, data=item)
    maslikhats, mode = _maslikhats(spec["maslikhats"]), spec["maslikhats"]["mode"]
    services.participation_set_maslikhats(
        session=session, actor=None, rows=[services.MaslikhatAttendance(m.pk, mode) for m in maslikhats]
    )
    session = services.session_announce(session=session, actor=None)
    session = services.session_mark_held(session=session, actor=None)
    services.participation_set_maslikhats(
        session=session, actor=None, rows=[services.MaslikhatAttendance(m.pk, mode, True) for m in maslikhats]
    )
    for participant in spec["people"]:
        services.participation_add(
            session=session, actor=None, mode=participant["mode"], person=people[participant["person"]], attended=True
        )
    for statement in spec["statements"]:
        services.statement_add(
            session=session,
            actor=None,
            data={
                "speaker": people[statement["speaker"]],
                "agenda_item": items.get(statement["item"]),
                "speaker_title": statement["speaker_title"],
                "text": statement["text"],
                "quotation": statement["quotation"],
            },
        )
    for decision in spec["decisions"]:
        services.decision_add(
            session=session,
            actor=None,
            data={
                "kind": decision["kind"],
                "agenda_item": items.get(decision["item"]) if decision["item"] else None,
                "title": decision["title"],
                "text": decision["text"],
                "is_demo": True,
            },
            admit_organizations=[organizations[key] for key in decision.get("admit", ())],
        )
    return services.session_publish_minutes(session=session, actor=None)


def load_demo(
    *, council: Council, people: dict[str, Person], organizations: dict[str, Organization], path: Path = DATA
) -> int:
    """Load the demo sessions; the number created."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return sum(1 for spec in data["sessions"] if _session(council, spec, people, organizations) is not None)
