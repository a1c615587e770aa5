"""The agenda of a session: items, their order, the main question, and their documents."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kenes.core.audit import audit_record
from kenes.core.services import lock, model_create, model_delete, model_update
from kenes.councils.models import AgendaDocument, AgendaItem, Session
from kenes.councils.transitions import TRANSITIONS


@transaction.atomic
def agenda_item_add(*, session: Session, actor: Any, data: dict[str, Any]) -> AgendaItem:
    """Items are appended at the end. Marking an item as the main question unmarks the previous one."""
    session = lock(session)
    TRANSITIONS.check(session, "edit_agenda")
    position = (session.agenda_items.aggregate(m=Max("position"))["m"] or 0) + 1
    if data.get("is_main"):
        session.agenda_items.filter(is_main=True).update(is_main=False)
    return model_create(
        model=AgendaItem,
        actor=actor,
        action="councils.agenda_item.created",
        data={**data, "session": session, "position": position},
    )


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, actor: Any, data: dict[str, Any]) -> AgendaItem:
    session = lock(item.session)
    TRANSITIONS.check(session, "edit_agenda")
    if data.get("is_main"):
        session.agenda_items.exclude(pk=item.pk).filter(is_main=True).update(is_main=False)
    return model_update(instance=item, actor=actor, action="councils.agenda_item.updated", data=data)


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, actor: Any) -> None:
    session = lock(item.session)
    TRANSITIONS.check(session, "edit_agenda")
    model_delete(instance=item, actor=actor, action="councils.agenda_item.deleted")
    _renumber(session, [i.pk for i in session.agenda_items.order_by("position")])


@transaction.atomic
def agenda_reorder(*, session: Session, actor: Any, order: Sequence[int]) -> list[AgendaItem]:
    """Put the agenda in the given order of item ids; the ids must be exactly the session's items."""
    session = lock(session)
    TRANSITIONS.check(session, "edit_agenda")
    current = list(session.agenda_items.order_by("position").values_list("pk", flat=True))
    if sorted(current) != sorted(order) or len(set(order)) != len(order):
        raise ValidationError(_("The new order must list every agenda item of this session exactly once."))
    _renumber(session, list(order))
    audit_record(
        actor=actor,
        action="councils.agenda.reordered",
        obj=session,
        before={"order": current},
        after={"order": list(order)},
    )
    return list(session.agenda_items.order_by("position"))


def agenda_item_move(*, item: AgendaItem, actor: Any, offset: int) -> list[AgendaItem]:
    """Move an item up (offset -1) or down (+1), for the buttons that work without JavaScript."""
    order = list(item.session.agenda_items.order_by("position").values_list("pk", flat=True))
    index = order.index(item.pk)
    target = max(0, min(len(order) - 1, index + offset))
    order.insert(target, order.pop(index))
    return agenda_reorder(session=item.session, actor=actor, order=order)


def _renumber(session: Session, order: list[int]) -> None:
    items = {i.pk: i for i in session.agenda_items.all()}
    # Two passes keep positions unique-free of collisions should a unique index be added later.
    for position, pk in enumerate(order, start=1):
        items[pk].position = position
    AgendaItem.objects.bulk_update(items.values(), ["position"])


def agenda_document_add(*, item: AgendaItem, actor: Any, data: dict[str, Any]) -> AgendaDocument:
    TRANSITIONS.check(item.session, "change")
    return model_create(
        model=AgendaDocument, actor=actor, action="councils.document.created", data={**data, "agenda_item": item}
    )


def agenda_document_delete(*, document: AgendaDocument, actor: Any) -> None:
    """A document can be removed until the minutes are published; the stored file goes with it."""
    TRANSITIONS.check(document.agenda_item.session, "change")
    stored = document.file.name if document.file else ""
    storage = document.file.storage if document.file else None
    model_delete(instance=document, actor=actor, action="councils.document.deleted")
    if stored and storage is not None:
        transaction.on_commit(lambda: storage.delete(stored))
