"""The plan item's transition table. An action is named by the status it leads to:

    planned      → in_progress, done, cancelled
    in_progress  → done, cancelled
    done         → in_progress   (reopen; a reason is required)
    cancelled    → planned       (restore; a reason is required)

The service checks it (`TRANSITIONS.check(item, "done")`); the item page offers the statuses
`TRANSITIONS.available(user, item)` returns."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kenes.core.transitions import Action, Transitions
from kenes.plans.models import PlanItem

S = PlanItem.Status
CHANGE = "plans.change_item"

TRANSITIONS = Transitions(
    {
        S.IN_PROGRESS: Action((S.PLANNED, S.DONE), S.IN_PROGRESS.label, CHANGE),
        S.DONE: Action((S.PLANNED, S.IN_PROGRESS), S.DONE.label, CHANGE),
        S.CANCELLED: Action((S.PLANNED, S.IN_PROGRESS), S.CANCELLED.label, CHANGE),
        S.PLANNED: Action((S.CANCELLED,), S.PLANNED.label, CHANGE),
    },
    refusal=_("An item that is “%(status)s” cannot become “%(action)s”."),
)
# Changing back needs a written reason.
NEEDS_REASON = {(S.DONE, S.IN_PROGRESS), (S.CANCELLED, S.PLANNED)}
