"""Meetings with voters and reception hours: announced → held | cancelled."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.core.audit import audit_record, snapshot
from kenes.core.http import site_path
from kenes.core.i18n import in_languages, pick
from kenes.core.services import lock, model_create, model_update
from kenes.outreach.models import VoterMeeting
from kenes.outreach.services._common import require
from kenes.publications.services import public_event_record
from kenes.registry.models import Maslikhat, Membership, Person

M = VoterMeeting.Status
DETAIL_FIELDS = {"kind", "topic", "starts_at", "ends_at", "place"}
RECORD_FIELDS = {"attendees_count", "topics", "summary"}


def _check_deputies(maslikhat: Maslikhat, deputies: Iterable[Person]) -> list[Person]:
    """Only people who hold (or held) a post in this maslikhat can hold its meetings with voters."""
    deputies = list(deputies)
    if not deputies:
        return deputies
    members = set(
        Membership.objects.filter(post__maslikhat=maslikhat, person__in=deputies).values_list("person_id", flat=True)
    )
    strangers = [pick(p.name) for p in deputies if p.pk not in members]
    if strangers:
        raise ValidationError(
            {
                "deputies": _("Not deputies of this maslikhat: %(names)s.") % {"names": ", ".join(strangers)},
            }
        )
    return deputies


def _only(data: dict[str, Any], allowed: set[str], message: str) -> None:
    extra = set(data) - allowed
    if extra:
        raise ValidationError(message % {"fields": ", ".join(sorted(extra))}, code="invalid_fields")


def _set_deputies(meeting: VoterMeeting, actor: Any, deputies: list[Person], action: str) -> None:
    before = sorted(meeting.deputies.values_list("pk", flat=True))
    after = sorted(p.pk for p in deputies)
    if before != after:
        meeting.deputies.set(deputies)
        audit_record(actor=actor, action=action, obj=meeting, before={"deputies": before}, after={"deputies": after})


@transaction.atomic
def meeting_create(
    *, actor: Any, maslikhat: Maslikhat, data: dict[str, Any], deputies: Iterable[Person] = ()
) -> VoterMeeting:
    """A meeting is announced when it is created: it appears in the public calendar at once.
    Its deputies must belong to the maslikhat."""
    _only(data, DETAIL_FIELDS | {"is_demo"}, _("These fields cannot be set when announcing: %(fields)s."))
    deputies = _check_deputies(maslikhat, deputies)
    meeting = model_create(
        model=VoterMeeting,
        actor=actor,
        action="outreach.meeting.announced",
        data={**data, "maslikhat": maslikhat, "status": M.ANNOUNCED},
    )
    _set_deputies(meeting, actor, deputies, "outreach.meeting.deputies_set")
    return meeting


@transaction.atomic
def meeting_update(
    *, meeting: VoterMeeting, actor: Any, data: dict[str, Any], deputies: Iterable[Person] | None = None
) -> VoterMeeting:
    """Before it is held the announcement can be corrected; after, only the record (attendance,
    topics, summary). A cancelled meeting is closed."""
    meeting = lock(meeting)
    if "status" in data:
        raise ValidationError(_("The status changes only by marking the meeting held or cancelling it."))
    require(meeting.status, (M.ANNOUNCED, M.HELD), _("The meeting was cancelled; it can no longer be changed."))
    if meeting.status == M.ANNOUNCED:
        _only(data, DETAIL_FIELDS, _("These fields can be filled in only after the meeting is held: %(fields)s."))
    else:
        _only(data, RECORD_FIELDS, _("The meeting is held; only its record can be changed, not %(fields)s."))
        if deputies is not None:
            raise ValidationError(_("The meeting is held; its deputies can no longer be changed."))
        _check_record(data, meeting)
    meeting = model_update(instance=meeting, actor=actor, action="outreach.meeting.updated", data=data)
    if deputies is not None:
        _set_deputies(meeting, actor, _check_deputies(meeting.maslikhat, deputies), "outreach.meeting.deputies_set")
    return meeting


def _check_record(data: dict[str, Any], meeting: VoterMeeting) -> None:
    count = data.get("attendees_count", meeting.attendees_count)
    if count is None:
        raise ValidationError({"attendees_count": _("Enter how many people attended.")})


@transaction.atomic
def meeting_mark_held(*, meeting: VoterMeeting, actor: Any, data: dict[str, Any]) -> VoterMeeting:
    """A meeting can be marked held once it has started, with the number of people who attended;
    the topics and a summary make the public record."""
    meeting = lock(meeting)
    require(meeting.status, (M.ANNOUNCED,), _("Only an announced meeting can be marked as held."))
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("The meeting has not started yet."))
    _only(data, RECORD_FIELDS, _("These fields cannot be set when marking the meeting held: %(fields)s."))
    _check_record(data, meeting)
    before = snapshot(meeting)
    for name, value in data.items():
        setattr(meeting, name, value)
    meeting.status = M.HELD
    meeting.full_clean()
    meeting.save()
    audit_record(actor=actor, action="outreach.meeting.held", obj=meeting, before=before)
    _public_event(meeting, "outreach.meeting.held")
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: VoterMeeting, actor: Any, reason: dict[str, str]) -> VoterMeeting:
    """Only an announced meeting can be cancelled, and visitors are told why."""
    meeting = lock(meeting)
    require(meeting.status, (M.ANNOUNCED,), _("Only an announced meeting can be cancelled."))
    if not any((reason or {}).values()):
        raise ValidationError({"cancel_reason": _("Say why the meeting is cancelled.")})
    before = snapshot(meeting)
    meeting.status = M.CANCELLED
    meeting.cancel_reason = reason
    meeting.full_clean()
    meeting.save()
    audit_record(actor=actor, action="outreach.meeting.cancelled", obj=meeting, before=before)
    _public_event(meeting, "outreach.meeting.cancelled")
    return meeting


def _public_event(meeting: VoterMeeting, kind: str) -> None:
    maslikhat = meeting.maslikhat
    title = in_languages(lambda: f"{meeting.get_status_display()}: {pick(meeting.topic)}")
    summary = in_languages(lambda: f"{meeting.get_kind_display()} — {pick(maslikhat.name)}")
    public_event_record(
        kind=kind,
        obj=meeting,
        title=title,
        summary=summary,
        path=site_path("outreach:meeting-detail", meeting.pk),
        region=maslikhat.region,
        maslikhat=maslikhat,
    )
