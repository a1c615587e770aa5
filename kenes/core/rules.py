"""Who may read the audit log: the council's secretariat and admins."""

import rules

from kenes.accounts.rules import is_council_staff

rules.add_perm("core.view_audit", is_council_staff)
