"""What the council adds to the registry's public pages: sessions a region, maslikhat, person or
organisation took part in, sessions a person chaired, statements, council membership.
Registered in CouncilsConfig.ready(); only public sessions and public records appear."""

from __future__ import annotations

from kenes.core.pages import Section, any_demo, register_section
from kenes.councils import selectors

LIMIT = 100


def region_section(region) -> Section:
    participations = list(selectors.region_participations(region)[:LIMIT])
    return Section(
        "councils/sections/region.html",
        {"participations": participations},
        any_demo([p.session for p in participations]),
    )


def maslikhat_section(maslikhat) -> Section:
    participations = list(selectors.maslikhat_participations(maslikhat)[:LIMIT])
    return Section(
        "councils/sections/maslikhat.html",
        {"participations": participations},
        any_demo([p.session for p in participations]),
    )


def person_section(person) -> Section:
    context = {
        "council_memberships": list(selectors.council_memberships(person=person)),
        "chaired": list(selectors.sessions_chaired(person)[:LIMIT]),
        "participations": list(selectors.person_participations(person)[:LIMIT]),
        "statements": list(selectors.public_statements(person)[:LIMIT]),
    }
    return Section("councils/sections/person.html", context, any_demo(*context.values()))


def organization_section(organization) -> Section | None:
    context = {
        "council_memberships": list(selectors.council_memberships(organization=organization)),
        "participations": list(selectors.organization_participations(organization)[:LIMIT]),
        "hosted": list(organization.hosted_councils.select_related("organization")),
        "own_council": getattr(organization, "council", None),
    }
    if not any(context.values()):
        return None
    return Section(
        "councils/sections/organization.html",
        context,
        any_demo(context["council_memberships"], [p.session for p in context["participations"]]),
    )


def register() -> None:
    register_section("region", region_section)
    register_section("maslikhat", maslikhat_section)
    register_section("person", person_section)
    register_section("organization", organization_section)
