"""Demo organisations, people and posts (kenes/registry/data/demo.json), loaded through the
registry services with actor=None, so the same rules apply as for staff. Idempotent: organisations
and people are found by their Russian name, memberships by person, post and start date."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kenes.registry import services
from kenes.registry.models import Maslikhat, Membership, Organization, Person, Post

DATA = Path(__file__).parent / "data" / "demo.json"


@dataclass
class RegistryDemo:
    """What was found or created, by the keys of the data file, and how many records were created."""

    senate: Organization
    organizations: dict[str, Organization] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    created: dict[str, int] = field(default_factory=dict)

    def count(self, what: str) -> None:
        self.created[what] = self.created.get(what, 0) + 1


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _organizations(demo: RegistryDemo, specs: dict[str, dict[str, Any]]) -> None:
    for key, spec in specs.items():
        spec = dict(spec)
        parent = spec.pop("parent", None)
        found = Organization.objects.filter(kind=spec["kind"], name__ru=spec["name"]["ru"]).first()
        if found is None:
            data = {**spec, "is_demo": True}
            if parent:
                data["parent"] = demo.organizations[parent]
            found = services.organization_create(actor=None, data=data)
            demo.count("organizations")
        demo.organizations[key] = found


def _people(demo: RegistryDemo, specs: dict[str, dict[str, Any]]) -> None:
    for key, spec in specs.items():
        found = Person.objects.filter(name__ru=spec["name"]["ru"]).first()
        if found is None:
            found = services.person_create(actor=None, data={**spec, "is_demo": True})
            demo.count("people")
        demo.people[key] = found


def _post(demo: RegistryDemo, spec: dict[str, str]) -> Post:
    if "maslikhat_kato" in spec:
        maslikhat = Maslikhat.objects.get(region__kato=spec["maslikhat_kato"], level=Maslikhat.Level.REGIONAL)
        return services.post_for(maslikhat=maslikhat, role=spec["role"])
    key = spec["organization"]
    organization = demo.senate if key == "senate" else demo.organizations[key]
    post, _created = Post.objects.get_or_create(organization=organization, role=spec["role"], defaults={"label": {}})
    return post


def _memberships(demo: RegistryDemo, specs: list[dict[str, Any]]) -> None:
    for spec in specs:
        person, post, start = demo.people[spec["person"]], _post(demo, spec["post"]), _date(spec["start_date"])
        if Membership.objects.filter(person=person, post=post, start_date=start).exists():
            continue
        services.membership_create(
            actor=None,
            person=person,
            post=post,
            data={"start_date": start, "end_date": _date(spec["end_date"]), "note": spec["note"], "is_demo": True},
        )
        demo.count("memberships")


def load_demo(*, senate: Organization, path: Path = DATA) -> RegistryDemo:
    data = json.loads(path.read_text(encoding="utf-8"))
    demo = RegistryDemo(senate=senate)
    _organizations(demo, data["organizations"])
    _people(demo, data["people"])
    _memberships(demo, data["memberships"])
    return demo
