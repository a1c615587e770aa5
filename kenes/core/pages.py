"""Pieces that public pages share.

Sections: the registry's pages (region, maslikhat, person, organisation) show what other
capabilities know of that record (sessions attended, statements, and later appeals or plan
reports). The registry must not import the capabilities above it, so each capability registers a
section provider in its AppConfig.ready(); the registry's view asks for the sections of a page.
Providers are code registered at start-up, the same in every process, not state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

PAGES = ("region", "maslikhat", "person", "organization")


@dataclass
class Section:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    is_demo: bool = False


Provider = Callable[[Any], Section | None]
_providers: dict[str, list[Provider]] = {page: [] for page in PAGES}


def register_section(page: str, provider: Provider) -> None:
    if page not in _providers:
        raise ValueError(f"unknown page {page!r}; one of {PAGES}")
    if provider not in _providers[page]:
        _providers[page].append(provider)


def sections_for(page: str, obj: Any) -> list[Section]:
    """The sections other capabilities add to `page` for `obj`, in registration order."""
    return [section for provider in _providers[page] if (section := provider(obj)) is not None]


def any_demo(*groups: Iterable[Any]) -> bool:
    """Whether any record shown on a page is a hand-written demo record."""
    return any(getattr(obj, "is_demo", False) for group in groups for obj in group)
