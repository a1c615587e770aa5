"""State-aware rules: each capability writes one transition table — for every action, the states it
may start from, the permission (kenes rules) a user needs for it, and any further condition on the
record — and everything else asks that table:

- services call `table.check(obj, "answer")` before a write (a refusal is a ValidationError with
  code "invalid_transition" and a translated message naming the action and the state);
- views call `table.perm("answer")` to guard the POST and `table.available(user, obj)` to know which
  forms to show; templates test `{% if "answer" in actions %}`, never a status string;
- the API exposes the same `available(...)` set.

A new capability copies one table (see kenes/appeals/transitions.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

REFUSAL = _("You cannot %(action)s a record that is “%(status)s”.")


@dataclass(frozen=True)
class Action:
    sources: tuple[str, ...]  # the states the action may start from
    label: Any  # the action as a verb phrase, for the refusal: "You cannot <label> ..."
    perm: str | None = None  # the permission a staff user needs on the record (None: not a staff action)
    when: Callable[[Any], bool] | None = None  # a further condition on the record
    refusal: Any = None  # this action's own refusal message (else the table's), with %(status)s


class Transitions:
    def __init__(
        self,
        actions: Mapping[str, Action],
        *,
        refusal: Any = REFUSAL,
        state: str = "status",
    ) -> None:
        self.actions = dict(actions)
        self.refusal = refusal
        self.state = state

    def __contains__(self, name: str) -> bool:
        return name in self.actions

    def sources(self, name: str) -> tuple[str, ...]:
        return self.actions[name].sources

    def perm(self, name: str) -> str:
        action = self.actions[name]
        if action.perm is None:
            raise KeyError(f"{name!r} is not a staff action")
        return action.perm

    def allows(self, obj: Any, name: str) -> bool:
        """Whether the record's state (and the action's condition) allows the action now."""
        action = self.actions[name]
        return getattr(obj, self.state) in action.sources and (action.when is None or action.when(obj))

    def check(self, obj: Any, name: str) -> None:
        if not self.allows(obj, name):
            display = getattr(obj, f"get_{self.state}_display", None)
            raise ValidationError(
                self.actions[name].refusal or self.refusal,
                code="invalid_transition",
                params={
                    "action": self.actions[name].label,
                    "status": display() if display else getattr(obj, self.state),
                },
            )

    def available(self, user: Any, obj: Any, names: Iterable[str] | None = None) -> frozenset[str]:
        """The staff actions `user` may take on `obj` now: allowed by its state and by their permission."""
        return frozenset(
            name
            for name in (names if names is not None else self.actions)
            if self.actions[name].perm is not None
            and self.allows(obj, name)
            and user.has_perm(self.actions[name].perm, obj)
        )
