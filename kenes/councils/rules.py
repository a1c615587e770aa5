"""Who may do what with the council's sessions. Checked by every view and API endpoint."""

import rules

from kenes.accounts.rules import is_council_staff, is_maslikhat_staff


@rules.predicate
def session_is_public(user, session) -> bool:
    return session is not None and session.is_public


@rules.predicate
def session_record_is_public(user, session) -> bool:
    return session is not None and session.record_is_public


rules.add_perm("councils.view_session", session_is_public | is_council_staff)
rules.add_perm("councils.view_session_record", session_record_is_public | is_council_staff)
rules.add_perm("councils.view_workspace", is_council_staff | is_maslikhat_staff)
rules.add_perm("councils.add_session", is_council_staff)
rules.add_perm("councils.change_session", is_council_staff)
rules.add_perm("councils.publish_session", is_council_staff)
rules.add_perm("councils.record_session", is_council_staff)
