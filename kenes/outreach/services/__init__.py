"""Business rules of work with voters. Every write is audited; public status changes go to the feed.

Parts: meetings (announced → held | cancelled), questions (raised at a held meeting; one action turns
a question into a mandate or an appeal), mandates (received → … → executed). Callers use
`from kenes.outreach import services`.
"""

from kenes.outreach.services.mandates import (
    MANDATE_TRANSITIONS,
    mandate_allowed_next,
    mandate_create,
    mandate_transition,
    mandate_update,
)
from kenes.outreach.services.meetings import meeting_cancel, meeting_create, meeting_mark_held, meeting_update
from kenes.outreach.services.questions import (
    question_add,
    question_delete,
    question_to_appeal,
    question_to_mandate,
    question_update,
)

__all__ = [
    "MANDATE_TRANSITIONS",
    "mandate_allowed_next",
    "mandate_create",
    "mandate_transition",
    "mandate_update",
    "meeting_cancel",
    "meeting_create",
    "meeting_mark_held",
    "meeting_update",
    "question_add",
    "question_delete",
    "question_to_appeal",
    "question_to_mandate",
    "question_update",
]
