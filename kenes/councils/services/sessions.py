"""The session lifecycle: draft → announced → held → minutes published."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.core.audit import audit_record, snapshot
from kenes.core.services import lock, model_create, model_update
from kenes.councils.models import Council, Session
from kenes.councils.services._common import S
from kenes.councils.transitions import TRANSITIONS


def session_create(*, actor: Any, council: Council, data: dict[str, Any]) -> Session:
    """A new session always starts as a draft, visible only to the secretariat."""
    data = {**data, "council": council, "status": S.DRAFT}
    return model_create(model=Session, actor=actor, action="councils.session.created", data=data)


@transaction.atomic
def session_update(*, session: Session, actor: Any, data: dict[str, Any]) -> Session:
    """Details can be corrected until the minutes are published; the status changes only by transitions."""
    session = lock(session)
    if "status" in data:
        raise ValidationError(_("The status changes only by announcing, holding or publishing."))
    TRANSITIONS.check(session, "change")
    return model_update(instance=session, actor=actor, action="councils.session.updated", data=data)


@transaction.atomic
def session_announce(*, session: Session, actor: Any) -> Session:
    """Announcing makes the session public. It needs an agenda with a main question."""
    session = lock(session)
    TRANSITIONS.check(session, "announce")
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
    session = lock(session)
    TRANSITIONS.check(session, "mark_held")
    if session.starts_at > timezone.now():
        raise ValidationError(_("The session has not started yet."))
    return _transition(session, actor, S.HELD, "councils.session.held")


@transaction.atomic
def session_publish_minutes(*, session: Session, actor: Any) -> Session:
    """Publishing the minutes makes statements and decisions public and freezes the record.
    Attendance must be marked for every participant first."""
    session = lock(session)
    TRANSITIONS.check(session, "publish_minutes")
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
