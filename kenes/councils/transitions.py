"""The session's transition table (draft → announced → held → minutes published): which statuses
each action may start from and who may take it. Services check it, the staff pages ask it which
buttons and forms to show."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kenes.core.transitions import Action, Transitions
from kenes.councils.models import Session

S = Session.Status
BEFORE_MINUTES = (S.DRAFT, S.ANNOUNCED, S.HELD)

TRANSITIONS = Transitions(
    {
        # Details, participants and documents can be corrected until the minutes are published.
        "change": Action(
            BEFORE_MINUTES,
            _("change"),
            "councils.change_session",
            refusal=_("The minutes are published; the session can no longer be changed."),
        ),
        "edit_agenda": Action(
            (S.DRAFT, S.ANNOUNCED),
            _("edit the agenda of"),
            "councils.change_session",
            refusal=_("The agenda is fixed once the session is held."),
        ),
        "announce": Action(
            (S.DRAFT,), _("announce"), "councils.publish_session", refusal=_("Only a draft session can be announced.")
        ),
        "mark_held": Action(
            (S.ANNOUNCED,),
            _("mark as held"),
            "councils.record_session",
            refusal=_("Only an announced session can be marked as held."),
        ),
        "publish_minutes": Action(
            (S.HELD,),
            _("publish the minutes of"),
            "councils.publish_session",
            refusal=_("Minutes can be published only for a held session."),
        ),
        "record_statements": Action(
            (S.HELD,),
            _("record statements of"),
            "councils.record_session",
            refusal=_("Statements can be recorded only for a held session whose minutes are not yet published."),
        ),
        "record_decisions": Action(
            (S.HELD,),
            _("record decisions of"),
            "councils.record_session",
            refusal=_("Decisions can be recorded only for a held session whose minutes are not yet published."),
        ),
    },
    refusal=_("You cannot %(action)s a session that is “%(status)s”."),
)
