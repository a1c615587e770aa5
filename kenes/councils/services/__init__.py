"""Council business rules: the session lifecycle (draft → announced → held → minutes published),
the agenda, participation, statements and numbered decisions. Every write is audited.

Parts: sessions (lifecycle), agenda, participation, record (statements, decisions, council members),
_common (state constants and the row lock). Callers use `from kenes.councils import services`.
"""

from kenes.councils.services._common import S
from kenes.councils.services.agenda import (
    agenda_document_add,
    agenda_document_delete,
    agenda_item_add,
    agenda_item_delete,
    agenda_item_move,
    agenda_item_update,
    agenda_reorder,
)
from kenes.councils.services.participation import (
    MaslikhatAttendance,
    participation_add,
    participation_remove,
    participation_set_maslikhats,
    participation_update,
)
from kenes.councils.services.record import (
    council_member_end,
    decision_add,
    decision_delete,
    decision_update,
    statement_add,
    statement_delete,
    statement_update,
)
from kenes.councils.services.sessions import (
    session_announce,
    session_create,
    session_mark_held,
    session_publish_minutes,
    session_update,
)

__all__ = [
    "S",
    "MaslikhatAttendance",
    "agenda_document_add",
    "agenda_document_delete",
    "agenda_item_add",
    "agenda_item_delete",
    "agenda_item_move",
    "agenda_item_update",
    "agenda_reorder",
    "council_member_end",
    "decision_add",
    "decision_delete",
    "decision_update",
    "participation_add",
    "participation_remove",
    "participation_set_maslikhats",
    "participation_update",
    "session_announce",
    "session_create",
    "session_mark_held",
    "session_publish_minutes",
    "session_update",
    "statement_add",
    "statement_delete",
    "statement_update",
]
