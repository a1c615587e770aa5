"""What work with voters adds to the registry's public pages: upcoming meetings with voters and the
progress of voter mandates, on the maslikhat's page and on a deputy's page. Registered in
OutreachConfig.ready()."""

from __future__ import annotations

from kenes.core.pages import Section, any_demo, register_section
from kenes.outreach import selectors
from kenes.outreach.models import VoterMandate

LIMIT = 10


def maslikhat_section(maslikhat) -> Section | None:
    meetings = selectors.upcoming_for_maslikhat(maslikhat, LIMIT)
    summary = selectors.maslikhat_mandate_summary(maslikhat)
    if not meetings and not summary["total"]:
        return None
    recent = list(selectors.mandates().filter(maslikhat=maslikhat).order_by("-received_on", "-id")[:5])
    return Section(
        "outreach/sections/maslikhat.html",
        {"meetings": meetings, "summary": summary, "recent": recent, "maslikhat": maslikhat},
        any_demo(meetings, recent),
    )


def person_section(person) -> Section | None:
    meetings = selectors.upcoming_for_person(person, LIMIT)
    mandates = list(selectors.mandates().filter(deputy=person).order_by("-received_on", "-id")[:50])
    if not meetings and not mandates:
        return None
    executed = sum(1 for m in mandates if m.status in selectors.DONE_STATUSES)
    return Section(
        "outreach/sections/person.html",
        {
            "meetings": meetings,
            "mandates": mandates,
            "executed": executed,
            "statuses": VoterMandate.Status,
            "person": person,
        },
        any_demo(meetings, mandates),
    )


def register() -> None:
    register_section("maslikhat", maslikhat_section)
    register_section("person", person_section)
