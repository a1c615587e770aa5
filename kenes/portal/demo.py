"""The demo content of `make run`: the organisations, people and posts of the registry, the two
council sessions of the Senate press releases in the seeds, and three demo staff accounts. The
content is data in each capability's `data/demo.json`; each capability's demo.py loads its part
through its services. Every record is marked is_demo; loading is idempotent."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from kenes.accounts import demo as accounts_demo
from kenes.councils import demo as councils_demo
from kenes.councils.models import Council
from kenes.councils.reference import COUNCIL_SLUG, SENATE, load_council
from kenes.registry import demo as registry_demo
from kenes.registry.models import Organization, Region
from kenes.registry.reference import load_regions

DEMO_PASSWORD = accounts_demo.DEMO_PASSWORD


@dataclass
class Demo:
    """What load_demo created (by kind) and the demo accounts to print."""

    created: dict[str, int] = field(default_factory=dict)
    accounts: list[str] = field(default_factory=list)


@transaction.atomic
def load_demo(*, accounts: bool = True) -> Demo:
    """Load the demo content (idempotent). Reference data is loaded first if it is missing."""
    if not Council.objects.filter(slug=COUNCIL_SLUG).exists() or not Region.objects.exists():
        load_regions()
        load_council()
    council = Council.objects.select_related("host").get(slug=COUNCIL_SLUG)
    senate = Organization.objects.filter(kind=Organization.Kind.CHAMBER, name__ru=SENATE["ru"]).first() or council.host
    registry = registry_demo.load_demo(senate=senate)
    demo = Demo(created=dict(registry.created))
    sessions = councils_demo.load_demo(council=council, people=registry.people, organizations=registry.organizations)
    if sessions:
        demo.created["sessions"] = sessions
    if accounts:
        created, demo.accounts = accounts_demo.load_demo()
        if created:
            demo.created["accounts"] = created
    return demo
