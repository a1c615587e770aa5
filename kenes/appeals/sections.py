"""What appeals add to the registry's maslikhat page: how it answers citizens, and a link to write."""

from __future__ import annotations

from kenes.appeals.selectors import stats_by_maslikhat
from kenes.core.pages import Section, register_section


def maslikhat_section(maslikhat) -> Section:
    stats = stats_by_maslikhat([maslikhat.pk]).get(maslikhat.pk, {"total": 0, "answered": 0, "on_time": 0})
    return Section("appeals/sections/maslikhat.html", {"maslikhat": maslikhat, "stats": stats})


def register() -> None:
    register_section("maslikhat", maslikhat_section)
