"""The appeal's transition table: which statuses each action may start from and who may take it.
Services check it (`TRANSITIONS.check`), the staff views guard their POSTs and choose the forms to
show with it (`TRANSITIONS.perm`, `TRANSITIONS.available`), and the template tests the action names
it returns. The applicant's own actions (rate, complain) go through the tracking code, not a role."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kenes.appeals.models import Appeal
from kenes.core.transitions import Action, Transitions

S = Appeal.Status
OPEN = (S.REGISTERED, S.IN_PROGRESS, S.REOPENED)


def _extension_untold(appeal: Appeal) -> bool:
    return bool(appeal.extended_until and not appeal.extension_notice_on)


TRANSITIONS = Transitions(
    {
        "release": Action((S.HELD,), _("register"), "appeals.review_appeal"),
        "reject": Action((S.HELD,), _("reject"), "appeals.review_appeal"),
        "assign": Action(OPEN, _("assign"), "appeals.process_appeal"),
        "forward": Action((S.REGISTERED, S.IN_PROGRESS), _("forward"), "appeals.process_appeal"),
        "extend": Action(OPEN, _("extend the term of"), "appeals.extend_appeal"),
        # Telling the applicant of an extension may be recorded after the answer too.
        "notice": Action(
            (*OPEN, S.ANSWERED, S.CLOSED),
            _("record the extension notice of"),
            "appeals.process_appeal",
            when=_extension_untold,
        ),
        "answer": Action(OPEN, _("answer"), "appeals.process_appeal"),
        "close": Action((S.ANSWERED,), _("close"), "appeals.process_appeal"),
        "rate": Action((S.ANSWERED, S.CLOSED), _("rate the answer to")),
        "complain": Action((S.ANSWERED, S.CLOSED), _("complain about")),
    },
    refusal=_("You cannot %(action)s an appeal that is “%(status)s”."),
)
