"""Work plan business rules. Every write is audited (core.services / core.audit).

Item states: planned → in progress → done, with cancellation and reopening:

    planned      → in_progress, done, cancelled
    in_progress  → done, cancelled
    done         → in_progress   (reopen; a reason is required)
    cancelled    → planned       (restore; a reason is required)

"Overdue" is derived (deadline passed, not done or cancelled), never set.

An item is done only when every executor maslikhat has an accepted report. The secretariat may
override this with `override=True` and a written reason, kept in the item's status note and in
the audit log (e.g. when a maslikhat reported on paper, or the item was done by the council itself).

Reports: submitted → accepted | returned. An accepted report is final; a returned one stays in
the history and the maslikhat submits a new report (a new row). A maslikhat has at most one report
waiting for review or accepted per item. A first report starts a planned item (→ in progress).
Accepting reports raises the item's progress to the share of executor maslikhats accepted.
"""

from kenes.plans.services._common import REPORT_ATTACHMENTS, item_params, plan_path
from kenes.plans.services.items import (
    executors_without_accepted_report,
    milestone_add,
    milestone_delete,
    milestone_update,
    plan_item_create,
    plan_item_set_status,
    plan_item_update,
)
from kenes.plans.services.plans import plan_create, plan_update
from kenes.plans.services.reports import report_accept, report_return, report_submit

__all__ = [
    "REPORT_ATTACHMENTS",
    "item_params",
    "executors_without_accepted_report",
    "milestone_add",
    "milestone_delete",
    "milestone_update",
    "plan_create",
    "plan_item_create",
    "plan_item_set_status",
    "plan_item_update",
    "plan_path",
    "plan_update",
    "report_accept",
    "report_return",
    "report_submit",
]
