"""Council business rules: the session lifecycle (draft → announced → held → minutes published),
the agenda, participation, statements and numbered decisions. Every write is audited."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.core.audit import audit_record, snapshot
from kenes.core.services import model_create, model_delete, model_update
from kenes.councils.models import (
    AgendaDocument,
    AgendaItem,
    Council,
    CouncilMember,
    Decision,
    Participation,
    Session,
    Statement,
)
from kenes.registry.models import Maslikhat, Organization, Person

S = Session.Status
EDITABLE_BEFORE_HELD = (S.DRAFT, S.ANNOUNCED)
RECORDABLE = (S.HELD,)


def _lock(session: Session) -> Session:
    """Re-read the session under a row lock so that two clerks cannot race a transition."""
    return Session.objects.select_for_update().get(pk=session.pk)


def _require(session: Session, allowed: Iterable[str], message: str) -> None:
    if session.status not in allowed:
        raise ValidationError(message, code="invalid_state")


# --- sessions -------------------------------------------------------------------------------


def session_create(*, actor: Any, council: Council, data: dict[str, Any]) -> Session:
    """A new session always starts as a draft, visible only to the secretariat."""
    data = {**data, "council": council, "status": S.DRAFT}
    return model_create(model=Session, actor=actor, action="councils.session.created", data=data)


@transaction.atomic
def session_update(*, session: Session, actor: Any, data: dict[str, Any]) -> Session:
    """Details can be corrected until the minutes are published; the status changes only by transitions."""
    session = _lock(session)
    if "status" in data:
        raise ValidationError(_("The status changes only by announcing, holding or publishing."))
    _require(
        session, (S.DRAFT, S.ANNOUNCED, S.HELD), _("The minutes are published; the session can no longer be changed.")
    )
    return model_update(instance=session, actor=actor, action="councils.session.updated", data=data)


@transaction.atomic
def session_announce(*, session: Session, actor: Any) -> Session:
    """Announcing makes the session public. It needs an agenda with a main question."""
    session = _lock(session)
    _require(session, (S.DRAFT,), _("Only a draft session can be announced."))
    items = list(session.agenda_items.all())
    if not items:
        raise ValidationError(_("Add at least one agenda item before announcing the session."))
    if not any(item.is_main for item in items):
        raise ValidationError(_("Mark one agenda item as the main question before announcing the session."))
    session = _transition(session, actor, S.ANNOUNCED, "councils.session.announced", announced_at=timezone.now())
    from kenes.councils.tasks import notify_session_announced

    session_id = session.pk
    transaction.on_commit(lambda: notify_session_announced.enqueue(session_id))
    return session


@transaction.atomic
def session_mark_held(*, session: Session, actor: Any) -> Session:
    """A session is held once it has started; only then can attendance, statements and decisions be recorded."""
    session = _lock(session)
    _require(session, (S.ANNOUNCED,), _("Only an announced session can be marked as held."))
    if session.starts_at > timezone.now():
        raise ValidationError(_("The session has not started yet."))
    return _transition(session, actor, S.HELD, "councils.session.held")


@transaction.atomic
def session_publish_minutes(*, session: Session, actor: Any) -> Session:
    """Publishing the minutes makes statements and decisions public and freezes the record.
    Attendance must be marked for every participant first."""
    session = _lock(session)
    _require(session, (S.HELD,), _("Minutes can be published only for a held session."))
    unmarked = session.participations.filter(attended__isnull=True).count()
    if unmarked:
        raise ValidationError(_("Mark attendance for every participant first (%(n)d not marked).") % {"n": unmarked})
    session = _transition(
        session, actor, S.MINUTES_PUBLISHED, "councils.session.minutes_published", minutes_published_at=timezone.now()
    )
    from kenes.councils.tasks import render_minutes_pdfs

    session_id = session.pk
    transaction.on_commit(lambda: render_minutes_pdfs.enqueue(session_id))
    return session


def _transition(session: Session, actor: Any, status: str, action: str, **extra: Any) -> Session:
    before = snapshot(session)
    session.status = status
    for name, value in extra.items():
        setattr(session, name, value)
    session.save()
    audit_record(actor=actor, action=action, obj=session, before=before)
    return session


# --- agenda ---------------------------------------------------------------------------------


@transaction.atomic
def agenda_item_add(*, session: Session, actor: Any, data: dict[str, Any]) -> AgendaItem:
    """Items are appended at the end. Marking an item as the main question unmarks the previous one."""
    session = _lock(session)
    _require(session, EDITABLE_BEFORE_HELD, _("The agenda is fixed once the session is held."))
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
    session = _lock(item.session)
    _require(session, EDITABLE_BEFORE_HELD, _("The agenda is fixed once the session is held."))
    if data.get("is_main"):
        session.agenda_items.exclude(pk=item.pk).filter(is_main=True).update(is_main=False)
    return model_update(instance=item, actor=actor, action="councils.agenda_item.updated", data=data)


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, actor: Any) -> None:
    session = _lock(item.session)
    _require(session, EDITABLE_BEFORE_HELD, _("The agenda is fixed once the session is held."))
    model_delete(instance=item, actor=actor, action="councils.agenda_item.deleted")
    _renumber(session, [i.pk for i in session.agenda_items.order_by("position")])


@transaction.atomic
def agenda_reorder(*, session: Session, actor: Any, order: Sequence[int]) -> list[AgendaItem]:
    """Put the agenda in the given order of item ids; the ids must be exactly the session's items."""
    session = _lock(session)
    _require(session, EDITABLE_BEFORE_HELD, _("The agenda is fixed once the session is held."))
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
    _require(
        item.session,
        (S.DRAFT, S.ANNOUNCED, S.HELD),
        _("The minutes are published; the session can no longer be changed."),
    )
    return model_create(
        model=AgendaDocument, actor=actor, action="councils.document.created", data={**data, "agenda_item": item}
    )


# --- participation --------------------------------------------------------------------------


@dataclass(frozen=True)
class MaslikhatAttendance:
    maslikhat_id: int
    mode: str | None  # None = not taking part
    attended: bool | None = None


@transaction.atomic
def participation_set_maslikhats(
    *, session: Session, actor: Any, rows: Sequence[MaslikhatAttendance]
) -> list[Participation]:
    """Set, for many maslikhats at once, whether they take part, how (in person / remote) and,
    once the session is held, whether they attended. The whole screen is saved or nothing is."""
    session = _lock(session)
    _require(
        session, (S.DRAFT, S.ANNOUNCED, S.HELD), _("The minutes are published; the session can no longer be changed.")
    )
    valid_modes = set(Participation.Mode.values)
    existing = {p.maslikhat_id: p for p in session.participations.filter(maslikhat__isnull=False)}
    known = set(Maslikhat.objects.filter(pk__in=[r.maslikhat_id for r in rows]).values_list("pk", flat=True))
    errors = []
    for row in rows:
        if row.maslikhat_id not in known:
            errors.append(_("Unknown maslikhat %(id)s.") % {"id": row.maslikhat_id})
        if row.mode is not None and row.mode not in valid_modes:
            errors.append(_("Unknown mode “%(mode)s”.") % {"mode": row.mode})
        if row.attended is not None and session.status != S.HELD:
            errors.append(_("Attendance can be marked only after the session is held."))
        if row.mode is None and row.attended:
            errors.append(_("A maslikhat that does not take part cannot be marked as attended."))
    if errors:
        raise ValidationError(sorted(set(errors)))
    before = {str(k): [p.mode, p.attended] for k, p in existing.items()}
    to_create, to_update, to_delete = [], [], []
    for row in rows:
        current = existing.get(row.maslikhat_id)
        if row.mode is None:
            if current:
                to_delete.append(current.pk)
        elif current is None:
            to_create.append(
                Participation(session=session, maslikhat_id=row.maslikhat_id, mode=row.mode, attended=row.attended)
            )
        elif (current.mode, current.attended) != (row.mode, row.attended):
            current.mode, current.attended = row.mode, row.attended
            to_update.append(current)
    Participation.objects.filter(pk__in=to_delete).delete()
    Participation.objects.bulk_create(to_create)
    Participation.objects.bulk_update(to_update, ["mode", "attended", "updated_at"]) if to_update else None
    after = {str(p.maslikhat_id): [p.mode, p.attended] for p in session.participations.filter(maslikhat__isnull=False)}
    if after != before:
        session.save(update_fields=["updated_at"])
        audit_record(actor=actor, action="councils.participation.updated", obj=session, before=before, after=after)
    return list(session.participations.all())


@transaction.atomic
def participation_add(
    *,
    session: Session,
    actor: Any,
    mode: str,
    person: Person | None = None,
    organization: Organization | None = None,
    attended: bool | None = None,
) -> Participation:
    """Add a person or an organisation (maslikhats go through participation_set_maslikhats)."""
    session = _lock(session)
    _require(
        session, (S.DRAFT, S.ANNOUNCED, S.HELD), _("The minutes are published; the session can no longer be changed.")
    )
    if (person is None) == (organization is None):
        raise ValidationError(_("Choose either a person or an organisation."))
    if attended is not None and session.status != S.HELD:
        raise ValidationError(_("Attendance can be marked only after the session is held."))
    if session.participations.filter(person=person, organization=organization).exists():
        raise ValidationError(_("%(who)s already takes part in this session.") % {"who": person or organization})
    return model_create(
        model=Participation,
        actor=actor,
        action="councils.participation.created",
        data={"session": session, "person": person, "organization": organization, "mode": mode, "attended": attended},
    )


def participation_remove(*, participation: Participation, actor: Any) -> None:
    _require(
        participation.session,
        (S.DRAFT, S.ANNOUNCED, S.HELD),
        _("The minutes are published; the session can no longer be changed."),
    )
    model_delete(instance=participation, actor=actor, action="councils.participation.deleted")


# --- the record: statements and decisions ---------------------------------------------------


def _check_item_belongs(session: Session, item: AgendaItem | None) -> None:
    if item is not None and item.session_id != session.pk:
        raise ValidationError({"agenda_item": _("This agenda item belongs to another session.")})


@transaction.atomic
def statement_add(*, session: Session, actor: Any, data: dict[str, Any]) -> Statement:
    """Statements are recorded for a held session, in speaking order."""
    session = _lock(session)
    _require(
        session,
        RECORDABLE,
        _("Statements can be recorded only for a held session whose minutes are not yet published."),
    )
    _check_item_belongs(session, data.get("agenda_item"))
    position = (session.statements.aggregate(m=Max("position"))["m"] or 0) + 1
    return model_create(
        model=Statement,
        actor=actor,
        action="councils.statement.created",
        data={**data, "session": session, "position": position},
    )


@transaction.atomic
def statement_update(*, statement: Statement, actor: Any, data: dict[str, Any]) -> Statement:
    session = _lock(statement.session)
    _require(
        session,
        RECORDABLE,
        _("Statements can be recorded only for a held session whose minutes are not yet published."),
    )
    _check_item_belongs(session, data.get("agenda_item", statement.agenda_item))
    return model_update(instance=statement, actor=actor, action="councils.statement.updated", data=data)


def statement_delete(*, statement: Statement, actor: Any) -> None:
    _require(
        statement.session,
        RECORDABLE,
        _("Statements can be recorded only for a held session whose minutes are not yet published."),
    )
    model_delete(instance=statement, actor=actor, action="councils.statement.deleted")


@transaction.atomic
def decision_add(
    *,
    session: Session,
    actor: Any,
    data: dict[str, Any],
    admit_people: Sequence[Person] = (),
    admit_organizations: Sequence[Organization] = (),
) -> Decision:
    """Decisions are numbered 1, 2, … within a session and can be taken only at a held session.
    An admission decision admits its people (individual members) and organisations (collective
    members) to the council from the session's date, and must admit at least one."""
    session = _lock(session)
    _require(
        session, RECORDABLE, _("Decisions can be recorded only for a held session whose minutes are not yet published.")
    )
    _check_item_belongs(session, data.get("agenda_item"))
    kind = data.get("kind")
    admits = list(admit_people) + list(admit_organizations)
    if kind == Decision.Kind.ADMIT_MEMBER and not admits:
        raise ValidationError(_("An admission decision must name at least one new member."))
    if kind != Decision.Kind.ADMIT_MEMBER and admits:
        raise ValidationError(_("Only an admission decision admits members."))
    current = CouncilMember.objects.filter(council=session.council, end_date__isnull=True)
    for member in admits:
        field = "person" if isinstance(member, Person) else "organization"
        if current.filter(**{field: member}).exists():
            raise ValidationError(_("%(who)s is already a member of the council.") % {"who": member})
    number = (session.decisions.aggregate(m=Max("number"))["m"] or 0) + 1
    decision = model_create(
        model=Decision,
        actor=actor,
        action="councils.decision.created",
        data={**data, "session": session, "number": number},
    )
    for member in admits:
        model_create(
            model=CouncilMember,
            actor=actor,
            action="councils.member.admitted",
            data={
                "council": session.council,
                "person": member if isinstance(member, Person) else None,
                "organization": member if isinstance(member, Organization) else None,
                "admitted_by": decision,
                "start_date": session.date,
                "is_demo": session.is_demo,
            },
        )
    return decision


@transaction.atomic
def decision_update(*, decision: Decision, actor: Any, data: dict[str, Any]) -> Decision:
    session = _lock(decision.session)
    _require(
        session, RECORDABLE, _("Decisions can be recorded only for a held session whose minutes are not yet published.")
    )
    if "kind" in data and data["kind"] != decision.kind and decision.admitted_members.exists():
        raise ValidationError(_("This decision admitted members; its kind cannot change."))
    _check_item_belongs(session, data.get("agenda_item", decision.agenda_item))
    return model_update(instance=decision, actor=actor, action="councils.decision.updated", data=data)


@transaction.atomic
def council_member_end(*, member: CouncilMember, actor: Any, end_date) -> CouncilMember:
    if end_date < member.start_date:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
    return model_update(instance=member, actor=actor, action="councils.member.ended", data={"end_date": end_date})


# --- staff workspace additions ----------------------------------------------------------------


@transaction.atomic
def participation_update(
    *, participation: Participation, actor: Any, mode: str, attended: bool | None = None
) -> Participation:
    """Change how a person or organisation takes part and, once the session is held, whether
    they attended. The record is frozen once the minutes are published."""
    session = _lock(participation.session)
    _require(
        session, (S.DRAFT, S.ANNOUNCED, S.HELD), _("The minutes are published; the session can no longer be changed.")
    )
    if attended is not None and session.status != S.HELD:
        raise ValidationError(_("Attendance can be marked only after the session is held."))
    return model_update(
        instance=participation,
        actor=actor,
        action="councils.participation.updated",
        data={"mode": mode, "attended": attended},
    )


def agenda_document_delete(*, document: AgendaDocument, actor: Any) -> None:
    """A document can be removed until the minutes are published; the stored file goes with it."""
    _require(
        document.agenda_item.session,
        (S.DRAFT, S.ANNOUNCED, S.HELD),
        _("The minutes are published; the session can no longer be changed."),
    )
    stored = document.file.name if document.file else ""
    storage = document.file.storage if document.file else None
    model_delete(instance=document, actor=actor, action="councils.document.deleted")
    if stored and storage is not None:
        transaction.on_commit(lambda: storage.delete(stored))


def decision_delete(*, decision: Decision, actor: Any) -> None:
    """A decision recorded by mistake can be removed before the minutes are published, unless it
    admitted members (end their membership instead). Later decisions keep their numbers."""
    _require(
        decision.session,
        RECORDABLE,
        _("Decisions can be recorded only for a held session whose minutes are not yet published."),
    )
    if decision.admitted_members.exists():
        raise ValidationError(_("This decision admitted members; it cannot be deleted."))
    model_delete(instance=decision, actor=actor, action="councils.decision.deleted")
