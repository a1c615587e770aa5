"""Who may do what with appeals. Staff of a maslikhat see and process only their own maslikhat's
appeals; the secretariat sees all (and reviews held ones); only the head extends a term; only the
maslikhat's own staff open attachments. The applicant acts through the tracking code, not a role."""

import rules

from kenes.accounts.rules import is_admin, is_council_staff, is_maslikhat_head, is_maslikhat_staff, is_staff_member


@rules.predicate
def is_own_appeal(user, appeal) -> bool:
    return bool(appeal is not None and is_maslikhat_staff(user) and user.maslikhat_id == appeal.maslikhat_id)


@rules.predicate
def is_own_head(user, appeal) -> bool:
    return bool(is_own_appeal(user, appeal) and is_maslikhat_head(user))


rules.add_perm("appeals.view_queue", is_staff_member)
rules.add_perm("appeals.view_appeal", is_council_staff | is_own_appeal)
rules.add_perm("appeals.view_applicant", is_council_staff | is_own_appeal)
rules.add_perm("appeals.process_appeal", is_admin | is_own_appeal)
rules.add_perm("appeals.extend_appeal", is_admin | is_own_head)
rules.add_perm("appeals.review_appeal", is_council_staff | is_own_appeal)
rules.add_perm("appeals.view_attachment", is_admin | is_own_appeal)
rules.add_perm("appeals.manage_bans", is_council_staff)
