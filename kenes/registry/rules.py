"""Registry permissions: the secretariat edits everything; maslikhat staff only their own maslikhat."""

import rules

from kenes.accounts.rules import is_council_staff, is_maslikhat_staff


@rules.predicate
def is_own_maslikhat(user, maslikhat) -> bool:
    return bool(maslikhat is not None and is_maslikhat_staff(user) and user.maslikhat_id == maslikhat.pk)


rules.add_perm("registry.change_maslikhat", is_council_staff | is_own_maslikhat)
rules.add_perm("registry.manage_memberships", is_council_staff | is_own_maslikhat)
rules.add_perm("registry.change_person", is_council_staff)
rules.add_perm("registry.change_organization", is_council_staff)
