"""The index on the registry's region and maslikhat pages: that body's figures for the last 12
months, with a link to the dashboard. Registered in InsightsConfig.ready()."""

from __future__ import annotations

from kenes.core.pages import Section, register_section
from kenes.insights import selectors


def _section(**body) -> Section:
    figures, period = selectors.body_figures(**body)
    return Section(
        "insights/sections/body.html",
        {"figures": figures, "period": period, **body},
        figures.demo_records > 0,
    )


def region_section(region) -> Section:
    return _section(region=region)


def maslikhat_section(maslikhat) -> Section:
    return _section(maslikhat=maslikhat)


def register() -> None:
    register_section("region", region_section)
    register_section("maslikhat", maslikhat_section)
