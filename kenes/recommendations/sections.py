"""What recommendations add to the registry's organisation page: the public recommendations
addressed to it, with where each stands. Registered in RecommendationsConfig.ready()."""

from __future__ import annotations

from kenes.core.pages import Section, any_demo, register_section
from kenes.recommendations import selectors

LIMIT = 100


def organization_section(organization) -> Section | None:
    recommendations = list(selectors.organization_recommendations(organization)[:LIMIT])
    if not recommendations:
        return None
    return Section(
        "recommendations/sections/organization.html",
        {"recommendations": recommendations},
        any_demo(recommendations),
    )


def register() -> None:
    register_section("organization", organization_section)
