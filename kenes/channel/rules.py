"""Who may do what in the channel. Maslikhat staff (and heads) see and act only for their own
maslikhat; the council's staff (secretariat, admins) see everything and act on items and requests."""

import rules

from kenes.accounts.rules import is_council_staff, is_maslikhat_staff


@rules.predicate
def is_own_item(user, item) -> bool:
    return item is not None and bool(user.maslikhat_id) and item.maslikhat_id == user.maslikhat_id


@rules.predicate
def is_own_attachment(user, attachment) -> bool:
    """For a ChannelAttachment (its item) or a RequestResponse (its maslikhat)."""
    if attachment is None or not user.maslikhat_id:
        return False
    maslikhat_id = attachment.item.maslikhat_id if hasattr(attachment, "item_id") else attachment.maslikhat_id
    return maslikhat_id == user.maslikhat_id


@rules.predicate
def item_is_public(user, item) -> bool:
    return item is not None and item.is_public


@rules.predicate
def is_targeted(user, request) -> bool:
    if request is None or not user.maslikhat_id:
        return False
    return request.targets.filter(pk=user.maslikhat_id).exists()


rules.add_perm("channel.view_workspace", is_council_staff | is_maslikhat_staff)
rules.add_perm("channel.send_item", is_maslikhat_staff)
rules.add_perm("channel.view_item", is_council_staff | (is_maslikhat_staff & is_own_item))
rules.add_perm("channel.publish_item", is_maslikhat_staff & is_own_item)
rules.add_perm("channel.view_public_item", item_is_public)
rules.add_perm("channel.view_inbox", is_council_staff)
rules.add_perm("channel.manage_item", is_council_staff)
rules.add_perm("channel.view_attachment", is_council_staff | (is_maslikhat_staff & is_own_attachment))
rules.add_perm("channel.add_request", is_council_staff)
rules.add_perm("channel.view_request_responses", is_council_staff)
rules.add_perm("channel.view_request", is_council_staff | (is_maslikhat_staff & is_targeted))
rules.add_perm("channel.respond_request", is_maslikhat_staff & is_targeted)
