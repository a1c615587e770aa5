"""The record of a held session: statements, numbered decisions, and the council members they admit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kenes.core.services import lock, model_create, model_delete, model_update
from kenes.councils.models import AgendaItem, CouncilMember, Decision, Session, Statement
from kenes.councils.transitions import TRANSITIONS
from kenes.registry.models import Organization, Person


def _check_item_belongs(session: Session, item: AgendaItem | None) -> None:
    if item is not None and item.session_id != session.pk:
        raise ValidationError({"agenda_item": _("This agenda item belongs to another session.")})


@transaction.atomic
def statement_add(*, session: Session, actor: Any, data: dict[str, Any]) -> Statement:
    """Statements are recorded for a held session, in speaking order."""
    session = lock(session)
    TRANSITIONS.check(session, "record_statements")
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
    session = lock(statement.session)
    TRANSITIONS.check(session, "record_statements")
    _check_item_belongs(session, data.get("agenda_item", statement.agenda_item))
    return model_update(instance=statement, actor=actor, action="councils.statement.updated", data=data)


def statement_delete(*, statement: Statement, actor: Any) -> None:
    TRANSITIONS.check(statement.session, "record_statements")
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
    session = lock(session)
    TRANSITIONS.check(session, "record_decisions")
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
    session = lock(decision.session)
    TRANSITIONS.check(session, "record_decisions")
    if "kind" in data and data["kind"] != decision.kind and decision.admitted_members.exists():
        raise ValidationError(_("This decision admitted members; its kind cannot change."))
    _check_item_belongs(session, data.get("agenda_item", decision.agenda_item))
    return model_update(instance=decision, actor=actor, action="councils.decision.updated", data=data)


def decision_delete(*, decision: Decision, actor: Any) -> None:
    """A decision recorded by mistake can be removed before the minutes are published, unless it
    admitted members (end their membership instead). Later decisions keep their numbers."""
    TRANSITIONS.check(decision.session, "record_decisions")
    if decision.admitted_members.exists():
        raise ValidationError(_("This decision admitted members; it cannot be deleted."))
    model_delete(instance=decision, actor=actor, action="councils.decision.deleted")


@transaction.atomic
def council_member_end(*, member: CouncilMember, actor: Any, end_date) -> CouncilMember:
    if end_date < member.start_date:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
    return model_update(instance=member, actor=actor, action="councils.member.ended", data={"end_date": end_date})
