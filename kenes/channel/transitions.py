"""The channel item's transition table: which statuses each secretariat action may start from.
Services check it; the item page asks it which forms to show."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kenes.channel.models import ChannelItem
from kenes.core.transitions import Action, Transitions

S = ChannelItem.Status
MANAGE = "channel.manage_item"

TRANSITIONS = Transitions(
    {
        "assign": Action(
            (S.SENT, S.ASSIGNED),
            _("assign"),
            MANAGE,
            refusal=_("Only an item that is sent or assigned can be assigned; this one is “%(status)s”."),
        ),
        "answer": Action(
            (S.ASSIGNED, S.CONVERTED),
            _("answer"),
            MANAGE,
            refusal=_("Assign the item before answering it; an item that is “%(status)s” cannot be answered."),
        ),
        "convert": Action(
            (S.SENT, S.ASSIGNED, S.CONVERTED),
            _("take up"),
            MANAGE,
            refusal=_(
                "An item that is “%(status)s” can no longer be taken up as an agenda item, a plan item or a "
                "recommendation."
            ),
        ),
        "close": Action(
            (S.SENT, S.ASSIGNED, S.CONVERTED, S.ANSWERED), _("close"), MANAGE, refusal=_("The item is already closed.")
        ),
    }
)
