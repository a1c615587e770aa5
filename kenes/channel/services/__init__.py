"""Channel business rules. Every write is audited; every step of an item is a ChannelEvent the
sender sees; notifications go through notify(), public status changes through the public feed.

Item states and the allowed transitions:

    sent ──assign──▶ assigned ──answer──▶ answered ──close──▶ closed
    sent/assigned/converted ──convert──▶ converted      (an agenda item, a plan item or a recommendation)
    converted ──answer──▶ answered                     (a converted item stays open for an answer)
    any state but closed ──close (with a reason)──▶ closed

A conversion counts as the council's first response (the deadline is met); converting again adds
another link. "Overdue" is never a state: it is derived from the due date while the item is sent
or assigned.
"""

from kenes.channel.services._common import (
    ATTACHMENTS,
    A,
    S,
    due_date_for,
    response_days,
)
from kenes.channel.services.conversions import (
    item_convert_to_agenda_item,
    item_convert_to_plan_item,
    item_convert_to_recommendation,
    item_link_recommendation,
)
from kenes.channel.services.items import item_answer, item_assign, item_close, item_send, item_set_public
from kenes.channel.services.requests import request_create, response_submit

__all__ = [
    "A",
    "ATTACHMENTS",
    "S",
    "due_date_for",
    "item_answer",
    "item_assign",
    "item_close",
    "item_convert_to_agenda_item",
    "item_convert_to_plan_item",
    "item_convert_to_recommendation",
    "item_link_recommendation",
    "item_send",
    "item_set_public",
    "request_create",
    "response_days",
    "response_submit",
]
