"""A maslikhat's items to the council: sent, assigned, answered, closed, published."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.accounts.models import Role
from kenes.accounts.selectors import secretariat_staff
from kenes.channel.models import (
    ChannelItem,
)
from kenes.channel.services._common import (
    A,
    S,
    _attach,
    _event,
    _first_response,
    _item_path,
    _notify_sender_side,
    _params,
    _public_event,
    due_date_for,
)
from kenes.channel.transitions import TRANSITIONS
from kenes.core.i18n import LANGS
from kenes.core.services import lock, model_create, model_update
from kenes.notifications.services import notify


@transaction.atomic
def item_send(
    *, actor: Any, data: dict[str, Any], attachments: Sequence[UploadedFile] = (), is_demo: bool = False
) -> ChannelItem:
    """A maslikhat's staff member or head sends an item for their own maslikhat. The response is due
    KENES_CHANNEL_RESPONSE_DAYS working days after the day it is sent."""
    maslikhat = getattr(actor, "maslikhat", None)
    if maslikhat is None or getattr(actor, "role", None) not in (Role.MASLIKHAT_STAFF, Role.MASLIKHAT_HEAD):
        raise ValidationError(_("Only the staff of a maslikhat can send items to the council."), code="not_allowed")
    data = dict(data)
    sent_at = data.pop("sent_at", None) or timezone.now()
    item = model_create(
        model=ChannelItem,
        actor=actor,
        action="channel.item.sent",
        data={
            **data,
            "maslikhat": maslikhat,
            "sent_by": actor,
            "sent_at": sent_at,
            "status": S.SENT,
            "due_date": due_date_for(sent_at),
            "is_demo": is_demo,
        },
    )
    _attach(item, actor, attachments)
    _event(item, actor, A.SENT)
    notify(
        recipients=secretariat_staff(),
        kind="channel.item_sent",
        group="assignments",
        key=f"channel.item_sent:{item.pk}",
        params=_params(item, due_date=item.due_date.isoformat(), kind=item.kind),
        path=_item_path(item),
    )
    _public_event(item)
    return item


@transaction.atomic
def item_assign(*, item: ChannelItem, actor: Any, assignee: Any) -> ChannelItem:
    """The secretariat gives the item to one of its members (again, to reassign)."""
    item = lock(item)
    TRANSITIONS.check(item, "assign")
    if assignee is None or not (getattr(assignee, "role", None) == Role.SECRETARIAT or assignee.is_superuser):
        raise ValidationError({"assignee": _("Choose a member of the council's secretariat.")}, code="invalid")
    if not assignee.is_active:
        raise ValidationError({"assignee": _("This account is not active.")}, code="invalid")
    if item.assignee_id == assignee.pk and item.status == S.ASSIGNED:
        raise ValidationError({"assignee": _("The item is already assigned to this person.")}, code="unchanged")
    was = item.status
    item = model_update(
        instance=item, actor=actor, action="channel.item.assigned", data={"assignee": assignee, "status": S.ASSIGNED}
    )
    event = _event(item, actor, A.ASSIGNED)
    notify(
        recipients=[assignee],
        kind="channel.item_assigned",
        group="assignments",
        key=f"channel.item_assigned:{event.pk}",
        params=_params(item, due_date=item.due_date.isoformat()),
        path=_item_path(item),
    )
    if was != S.ASSIGNED:
        _notify_sender_side(item, event)
        _public_event(item)
    return item


@transaction.atomic
def item_answer(*, item: ChannelItem, actor: Any, answer: dict[str, str]) -> ChannelItem:
    """The council answers an assigned (or taken-up) item; the sender's maslikhat is told."""
    item = lock(item)
    TRANSITIONS.check(item, "answer")
    if not any((answer or {}).values()):
        raise ValidationError({"answer": _("Write the answer in at least one language.")}, code="required")
    now = timezone.now()
    item = model_update(
        instance=item,
        actor=actor,
        action="channel.item.answered",
        data={
            "answer": answer,
            "answered_at": now,
            "answered_by": actor,
            "status": S.ANSWERED,
            **_first_response(item, now),
        },
    )
    event = _event(item, actor, A.ANSWERED)
    _notify_sender_side(item, event, group="answers")
    _public_event(item)
    return item


@transaction.atomic
def item_close(*, item: ChannelItem, actor: Any, reason: str = "") -> ChannelItem:
    """Close an item. A reason is required unless the item was answered."""
    item = lock(item)
    TRANSITIONS.check(item, "close")
    reason = (reason or "").strip()
    if not reason and item.status != S.ANSWERED:
        raise ValidationError({"reason": _("Say why the item is closed without an answer.")}, code="required")
    item = model_update(
        instance=item, actor=actor, action="channel.item.closed", data={"status": S.CLOSED, "close_reason": reason}
    )
    event = _event(item, actor, A.CLOSED, dict.fromkeys(LANGS, reason) if reason else None)
    _notify_sender_side(item, event)
    _public_event(item)
    return item


@transaction.atomic
def item_set_public(*, item: ChannelItem, actor: Any, is_public: bool) -> ChannelItem:
    """The sender's maslikhat publishes the item with its answer, or withdraws it."""
    item = lock(item)
    if getattr(actor, "maslikhat_id", None) != item.maslikhat_id:
        raise ValidationError(_("Only the maslikhat that sent the item can publish it."), code="not_allowed")
    if item.is_public == is_public:
        return item
    item = model_update(
        instance=item,
        actor=actor,
        action="channel.item.published" if is_public else "channel.item.unpublished",
        data={"is_public": is_public},
    )
    _event(item, actor, A.PUBLISHED if is_public else A.UNPUBLISHED)
    _public_event(item)
    return item
