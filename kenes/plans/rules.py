"""Who may do what with work plans. Plans are public; the secretariat (and admins) create plans
and items and review reports; the staff and head of a maslikhat report on the items assigned to it."""

import rules

from kenes.accounts.rules import is_council_staff, is_maslikhat_staff


@rules.predicate
def is_assigned_maslikhat(user, item) -> bool:
    """The user works for a maslikhat responsible for the item (as executor or co-executor)."""
    if item is None or not is_maslikhat_staff(user):
        return False
    assignees = getattr(item, "_prefetched_objects_cache", {}).get("assignees")
    if assignees is not None:
        return any(a.maslikhat_id == user.maslikhat_id for a in assignees)
    return item.assignees.filter(maslikhat_id=user.maslikhat_id).exists()


@rules.predicate
def is_reporting_maslikhat(user, report) -> bool:
    return bool(report is not None and is_maslikhat_staff(user) and user.maslikhat_id == report.maslikhat_id)


rules.add_perm("plans.view_plan", rules.always_allow)
rules.add_perm("plans.add_plan", is_council_staff)
rules.add_perm("plans.change_plan", is_council_staff)
rules.add_perm("plans.change_item", is_council_staff)
rules.add_perm("plans.import_items", is_council_staff)
rules.add_perm("plans.view_matrix", is_council_staff)
rules.add_perm("plans.review_report", is_council_staff)
rules.add_perm("plans.view_my_items", is_maslikhat_staff)
rules.add_perm("plans.report_on_item", is_assigned_maslikhat)
rules.add_perm("plans.view_report", is_council_staff | is_reporting_maslikhat)
