"""Who takes part in a session (maslikhats, people, organisations), how, and who attended."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kenes.core.audit import audit_record
from kenes.core.services import lock, model_create, model_delete, model_update
from kenes.councils.models import Participation, Session
from kenes.councils.services._common import S
from kenes.councils.transitions import TRANSITIONS
from kenes.registry.models import Maslikhat, Organization, Person


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
    session = lock(session)
    TRANSITIONS.check(session, "change")
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
    session = lock(session)
    TRANSITIONS.check(session, "change")
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
    TRANSITIONS.check(participation.session, "change")
    model_delete(instance=participation, actor=actor, action="councils.participation.deleted")


@transaction.atomic
def participation_update(
    *, participation: Participation, actor: Any, mode: str, attended: bool | None = None
) -> Participation:
    """Change how a person or organisation takes part and, once the session is held, whether
    they attended. The record is frozen once the minutes are published."""
    session = lock(participation.session)
    TRANSITIONS.check(session, "change")
    if attended is not None and session.status != S.HELD:
        raise ValidationError(_("Attendance can be marked only after the session is held."))
    return model_update(
        instance=participation,
        actor=actor,
        action="councils.participation.updated",
        data={"mode": mode, "attended": attended},
    )
