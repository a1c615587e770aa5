"""Voter mandates: received → accepted_for_execution → in_progress → executed | partially_executed |
not_executable; received → rejected. Each step is kept in the mandate's public history."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.core.audit import audit_record, snapshot
from kenes.core.http import site_path
from kenes.core.i18n import in_languages, pick
from kenes.core.privacy import public_text
from kenes.core.services import lock, model_create, model_update
from kenes.outreach.models import MandateEvent, VoterMandate, VoterMeeting
from kenes.publications.services import public_event_record
from kenes.registry.models import Maslikhat, Membership

S = VoterMandate.Status

MANDATE_TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.RECEIVED: (S.ACCEPTED, S.REJECTED),
    S.ACCEPTED: (S.IN_PROGRESS, S.EXECUTED, S.PARTIALLY_EXECUTED, S.NOT_EXECUTABLE),
    S.IN_PROGRESS: (S.EXECUTED, S.PARTIALLY_EXECUTED, S.NOT_EXECUTABLE),
    S.EXECUTED: (),
    S.PARTIALLY_EXECUTED: (),
    S.NOT_EXECUTABLE: (),
    S.REJECTED: (),
}
FINAL = tuple(status for status, nexts in MANDATE_TRANSITIONS.items() if not nexts)
NEEDS_REASON = (S.NOT_EXECUTABLE, S.REJECTED)
DONE = (S.EXECUTED, S.PARTIALLY_EXECUTED)
EDITABLE_FIELDS = {
    "deputy",
    "source",
    "meeting",
    "received_on",
    "title",
    "text",
    "responsible_body",
    "responsible_text",
    "planned_completion",
}


def mandate_allowed_next(status: str) -> tuple[str, ...]:
    """The statuses a mandate in `status` may move to (forms offer only these)."""
    return MANDATE_TRANSITIONS.get(status, ())


def _check(maslikhat: Maslikhat, data: dict[str, Any]) -> None:
    extra = set(data) - EDITABLE_FIELDS - {"is_demo"}
    if extra:
        raise ValidationError(
            _("These fields change only by a status step: %(fields)s.") % {"fields": ", ".join(sorted(extra))},
            code="invalid_fields",
        )
    deputy = data.get("deputy")
    if deputy is not None and not Membership.objects.filter(post__maslikhat=maslikhat, person=deputy).exists():
        raise ValidationError(
            {"deputy": _("%(name)s is not a deputy of this maslikhat.") % {"name": pick(deputy.name)}}
        )
    meeting: VoterMeeting | None = data.get("meeting")
    if meeting is not None and meeting.maslikhat_id != maslikhat.pk:
        raise ValidationError({"meeting": _("The meeting belongs to another maslikhat.")})
    source = data.get("source")
    if source == VoterMandate.Source.MEETING and meeting is None:
        raise ValidationError({"meeting": _("Choose the meeting where the mandate was given.")})
    if meeting is not None and source not in (None, VoterMandate.Source.MEETING):
        raise ValidationError({"source": _("A mandate given at a meeting has the source “meeting”.")})
    received_on = data.get("received_on")
    if received_on and received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date received cannot be in the future.")})
    planned = data.get("planned_completion")
    if planned and received_on and planned < received_on:
        raise ValidationError({"planned_completion": _("The planned completion cannot be before the date received.")})


@transaction.atomic
def mandate_create(*, actor: Any, maslikhat: Maslikhat, data: dict[str, Any]) -> VoterMandate:
    """A mandate starts as received. A mandate from a meeting names that meeting of the same
    maslikhat; the deputy who took it must belong to the maslikhat."""
    data = dict(data)
    if data.get("meeting") is not None:
        data.setdefault("source", VoterMandate.Source.MEETING)
    _check(maslikhat, data)
    mandate = model_create(
        model=VoterMandate,
        actor=actor,
        action="outreach.mandate.received",
        data={**data, "maslikhat": maslikhat, "status": S.RECEIVED},
    )
    MandateEvent.objects.create(mandate=mandate, status=S.RECEIVED, date=mandate.received_on)
    _public_event(mandate)
    return mandate


@transaction.atomic
def mandate_update(*, mandate: VoterMandate, actor: Any, data: dict[str, Any]) -> VoterMandate:
    """Details can be corrected until the mandate reaches a final status; the status changes only by steps."""
    mandate = lock(mandate)
    if mandate.status in FINAL:
        raise ValidationError(
            _("The mandate is closed (%(status)s); it can no longer be changed.")
            % {"status": mandate.get_status_display()}
        )
    merged = {
        "received_on": mandate.received_on,
        "meeting": mandate.meeting,
        "source": mandate.source,
        "planned_completion": mandate.planned_completion,
        **data,
    }
    merged.pop("is_demo", None)
    _check(mandate.maslikhat, merged)
    return model_update(instance=mandate, actor=actor, action="outreach.mandate.updated", data=data)


@transaction.atomic
def mandate_transition(
    *,
    mandate: VoterMandate,
    actor: Any,
    status: str,
    date: datetime.date | None = None,
    note: dict[str, str] | None = None,
    reason: dict[str, str] | None = None,
) -> VoterMandate:
    """Move a mandate one step along MANDATE_TRANSITIONS. Accepting for execution needs a responsible
    body; rejecting or declaring it not executable needs a reason; executed and partially executed
    set the date of execution. The date of a step is not in the future nor before the last step."""
    mandate = lock(mandate)
    allowed = mandate_allowed_next(mandate.status)
    if status not in allowed:
        current = mandate.get_status_display()
        target = dict(S.choices).get(status, status)
        if not allowed:
            raise ValidationError(
                _("The mandate is closed (%(current)s); its status can no longer change.") % {"current": current},
                code="invalid_transition",
            )
        raise ValidationError(
            _("A mandate that is “%(current)s” cannot become “%(target)s”.") % {"current": current, "target": target},
            code="invalid_transition",
        )
    day = date or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"date": _("The date cannot be in the future.")})
    last = mandate.events.order_by("-date", "-id").values_list("date", flat=True).first() or mandate.received_on
    if day < last:
        raise ValidationError({"date": _("The date cannot be before the previous step (%(day)s).") % {"day": last}})
    if status == S.ACCEPTED and not mandate.responsible_body_id and not any(mandate.responsible_text.values()):
        raise ValidationError(_("Name the responsible body before accepting the mandate for execution."))
    if status in NEEDS_REASON and not any((reason or {}).values()):
        raise ValidationError({"reason": _("Give the reason.")})
    before = snapshot(mandate)
    mandate.status = status
    if status in NEEDS_REASON:
        mandate.status_reason = reason
    if status in DONE:
        mandate.executed_on = day
    mandate.full_clean()
    mandate.save()
    MandateEvent.objects.create(mandate=mandate, status=status, date=day, note=note or {})
    audit_record(actor=actor, action=f"outreach.mandate.{status}", obj=mandate, before=before)
    _public_event(mandate)
    return mandate


def _public_event(mandate: VoterMandate) -> None:
    maslikhat = mandate.maslikhat
    title = in_languages(lambda: f"{mandate.get_status_display()}: {public_text(pick(mandate.title))}")
    summary = in_languages(lambda: _("Voter mandate — %(maslikhat)s") % {"maslikhat": pick(maslikhat.name)})
    public_event_record(
        kind=f"outreach.mandate.{mandate.status}",
        obj=mandate,
        title=title,
        summary=summary,
        path=site_path("outreach:mandate-detail", mandate.pk),
        region=maslikhat.region,
        maslikhat=maslikhat,
    )
