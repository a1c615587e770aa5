"""Who may do what with meetings with voters and voter mandates.

Meetings, their record and mandates are public (without the names of citizens who asked questions).
The staff and the head of a maslikhat manage their own maslikhat's meetings, questions and mandates;
the council's secretariat sees every maslikhat's records in the workspace but does not edit them;
admins may do everything."""

import rules

from kenes.accounts.rules import is_admin, is_council_staff, is_maslikhat_staff


def _maslikhat_id(obj) -> int | None:
    if obj is None:
        return None
    from kenes.outreach.models import MeetingQuestion
    from kenes.registry.models import Maslikhat

    if isinstance(obj, Maslikhat):
        return obj.pk
    if isinstance(obj, MeetingQuestion):
        return obj.meeting.maslikhat_id
    return getattr(obj, "maslikhat_id", None)


@rules.predicate
def is_own_maslikhat(user, obj) -> bool:
    """The record (a maslikhat, meeting, question or mandate) belongs to the user's own maslikhat."""
    maslikhat_id = _maslikhat_id(obj)
    return bool(maslikhat_id and is_maslikhat_staff(user) and user.maslikhat_id == maslikhat_id)


@rules.predicate
def no_object(user, obj) -> bool:
    return obj is None


rules.add_perm("outreach.view_workspace", is_council_staff | is_maslikhat_staff)
# The staff view of a record, with the names of citizens who asked questions.
rules.add_perm("outreach.view_records", is_council_staff | is_own_maslikhat)
# Announce and record meetings, record questions, record and move mandates. Without an object:
# whether the user may manage some maslikhat's records at all (to offer the "new" buttons).
rules.add_perm("outreach.manage", is_admin | is_own_maslikhat | (no_object & is_maslikhat_staff))
