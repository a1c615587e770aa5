"""Channel business rules. Every write is audited; every step of an item is a ChannelEvent the
sender sees; notifications go through notify(), public status changes through the public feed.

Item states and the allowed transitions:

    sent ──assign──▶ assigned ──answer──▶ answered ──close──▶ closed
    sent/assigned/converted ──convert──▶ converted      (an agenda item, a plan item or a recommendation)
    converted ──answer──▶ answered                     (a converted item stays open for an answer)
    any state but closed ──close (with a reason)──▶ closed

A conversion counts as the council's first response (the deadline is met); converting again adds
another link. "Overdue" is never a state: it is derived from the due date while the item is sent
or assigned.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.accounts.models import Role, User
from kenes.accounts.selectors import maslikhat_staff, secretariat_staff
from kenes.channel.transitions import TRANSITIONS
from kenes.core.audit import audit_record
from kenes.core.calendar import add_working_days, working_days_between
from kenes.core.files import UploadRules
from kenes.core.http import site_path
from kenes.core.i18n import LANGS, in_languages, pick
from kenes.core.services import lock, model_create, model_update
from kenes.notifications.services import notify
from kenes.publications.services import public_event_record
from kenes.registry.models import Maslikhat

from .models import ChannelAttachment, ChannelEvent, ChannelItem, ChannelLink, CouncilRequest, RequestResponse

S = ChannelItem.Status
A = ChannelEvent.Action

ATTACHMENTS = UploadRules(("pdf", "docx", "xlsx", "odt", "doc", "xls", "jpg", "jpeg", "png", "txt"), max_files=10)


def response_days() -> int:
    return int(getattr(settings, "KENES_CHANNEL_RESPONSE_DAYS", 15))


def due_date_for(sent_at) -> Any:
    """The response deadline: KENES_CHANNEL_RESPONSE_DAYS (default 15) working days after the day sent."""
    return add_working_days(timezone.localtime(sent_at).date(), response_days())


# --- recipients ------------------------------------------------------------------------------


def secretariat_users() -> list[User]:
    return list(secretariat_staff())


def maslikhat_users(maslikhat_ids: Iterable[int]) -> list[User]:
    return list(maslikhat_staff(maslikhat_ids))


def _item_path(item: ChannelItem) -> str:
    return site_path("channel-staff:item-detail", item.pk)


def _public_path(item: ChannelItem) -> str:
    return site_path("channel:item-detail", item.pk)


def _params(item: ChannelItem, **extra: Any) -> dict[str, Any]:
    return {"id": item.pk, "subject": item.subject, "maslikhat": item.maslikhat.name, "status": item.status, **extra}


# --- attachments -----------------------------------------------------------------------------


def _attach(item: ChannelItem, actor: Any, uploads: Sequence[UploadedFile]) -> None:
    ATTACHMENTS.check(uploads)
    for upload in uploads:
        ChannelAttachment.objects.create(
            item=item, file=upload, name=(upload.name or "file")[:200], size=upload.size, uploaded_by=actor
        )


# --- items -----------------------------------------------------------------------------------


def _event(item: ChannelItem, actor: Any, action: str, note: dict | None = None) -> ChannelEvent:
    return ChannelEvent.objects.create(item=item, action=action, status=item.status, actor=actor, note=note or {})


def _public_event(item: ChannelItem, status_label: str | None = None) -> None:
    """A public feed entry for an item the sender published (no names of people)."""
    if not item.is_public:
        return
    public_event_record(
        kind=f"channel.item.{item.status}",
        obj=item,
        title=item.subject,
        path=_public_path(item),
        summary=item.maslikhat.name,
        region=item.maslikhat.region,
        maslikhat=item.maslikhat,
    )


def _notify_sender_side(item: ChannelItem, event: ChannelEvent, *, group: str = "status") -> None:
    notify(
        recipients=maslikhat_users([item.maslikhat_id]),
        kind="channel.item_answered" if event.action == A.ANSWERED else "channel.item_status",
        group=group,
        key=f"channel.item_event:{event.pk}",
        params=_params(item, action=event.action, note=event.note),
        path=_item_path(item),
    )


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
        recipients=secretariat_users(),
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


def _first_response(item: ChannelItem, now) -> dict[str, Any]:
    if item.responded_at is not None:
        return {}
    sent_day = timezone.localtime(item.sent_at).date()
    return {
        "responded_at": now,
        "response_working_days": working_days_between(sent_day, timezone.localtime(now).date()),
    }


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


@transaction.atomic
def _convert(*, item: ChannelItem, actor: Any, target: models.Model, note: dict[str, str]) -> ChannelItem:
    """Keep the link both ways and record the step. The caller created `target` through its own
    app's service inside this transaction, so a refusal there undoes everything."""
    now = timezone.now()
    ChannelLink.objects.create(
        item=item,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        created_by=actor,
    )
    item = model_update(
        instance=item,
        actor=actor,
        action="channel.item.converted",
        data={"status": S.CONVERTED, **_first_response(item, now)},
    )
    event = _event(item, actor, A.CONVERTED, note)
    _notify_sender_side(item, event)  # every conversion (a second one too) is news to the sender
    _public_event(item)
    return item


def _agenda_note(session, agenda_item) -> dict[str, str]:
    day = timezone.localtime(session.starts_at).date().isoformat()
    return in_languages(
        lambda: (
            _("Put on the agenda of the council session of %(day)s: %(title)s")
            % {"day": day, "title": pick(agenda_item.title)}
        )
    )


@transaction.atomic
def item_convert_to_agenda_item(
    *, item: ChannelItem, actor: Any, session: Any, data: dict[str, Any] | None = None
) -> ChannelItem:
    """Put the item on the agenda of a session in draft or announced (the councils service decides)."""
    from kenes.councils import services as council_services
    from kenes.councils.models import Session

    item = lock(item)
    TRANSITIONS.check(item, "convert")
    if session is None:
        raise ValidationError({"session": _("Choose a session.")}, code="required")
    if session.status not in (Session.Status.DRAFT, Session.Status.ANNOUNCED):
        raise ValidationError(
            {"session": _("Only a session in draft or announced can take new agenda items.")}, code="invalid_state"
        )
    agenda_data = {"title": item.subject, "description": item.text, **(data or {})}
    agenda_item = council_services.agenda_item_add(session=session, actor=actor, data=agenda_data)
    return _convert(item=item, actor=actor, target=agenda_item, note=_agenda_note(session, agenda_item))


def _plan_note(plan_item) -> dict[str, str]:
    return in_languages(
        lambda: (
            _("Included in the work plan “%(plan)s” as item No. %(number)s: %(title)s")
            % {"plan": pick(plan_item.plan.title), "number": plan_item.number, "title": pick(plan_item.title)}
        )
    )


@transaction.atomic
def item_convert_to_plan_item(
    *,
    item: ChannelItem,
    actor: Any,
    plan: Any,
    data: dict[str, Any],
    assignee_maslikhats: Sequence[Maslikhat] = (),
) -> ChannelItem:
    """Include the item in a work plan as a new plan item (the plans service checks the rest);
    `data` carries at least the deadline."""
    from kenes.plans import services as plan_services

    item = lock(item)
    TRANSITIONS.check(item, "convert")
    if plan is None:
        raise ValidationError({"plan": _("Choose a work plan.")}, code="required")
    plan_item = plan_services.plan_item_create(
        plan=plan,
        actor=actor,
        data={"title": item.subject, "description": item.text, **data},
        assignee_maslikhats=assignee_maslikhats,
    )
    return _convert(item=item, actor=actor, target=plan_item, note=_plan_note(plan_item))


def _recommendation_note(recommendation) -> dict[str, str]:
    return in_languages(
        lambda: (
            _("Included in the package of recommendations “%(package)s” as recommendation No. %(number)s")
            % {"package": pick(recommendation.package.title), "number": recommendation.number}
        )
    )


@transaction.atomic
def item_convert_to_recommendation(
    *,
    item: ChannelItem,
    actor: Any,
    package: Any,
    addressees: Sequence[Any],
    data: dict[str, Any] | None = None,
) -> ChannelItem:
    """Add the item to a package of recommendations, addressed to the given bodies (the
    recommendations service numbers it and requires an addressee)."""
    from kenes.recommendations import services as recommendation_services

    item = lock(item)
    TRANSITIONS.check(item, "convert")
    if package is None:
        raise ValidationError({"package": _("Choose a package of recommendations.")}, code="required")
    recommendation = recommendation_services.recommendation_create(
        package=package, actor=actor, data={"text": item.text, **(data or {})}, addressees=list(addressees)
    )
    return _convert(item=item, actor=actor, target=recommendation, note=_recommendation_note(recommendation))


@transaction.atomic
def item_link_recommendation(*, item: ChannelItem, actor: Any, recommendation: Any) -> ChannelItem:
    """Record that the item was taken up by a recommendation the council already has."""
    item = lock(item)
    TRANSITIONS.check(item, "convert")
    if item.links.filter(
        content_type=ContentType.objects.get_for_model(recommendation), object_id=recommendation.pk
    ).exists():
        raise ValidationError(_("The item is already linked to this recommendation."), code="unchanged")
    return _convert(item=item, actor=actor, target=recommendation, note=_recommendation_note(recommendation))


# --- requests to maslikhats -------------------------------------------------------------------


@transaction.atomic
def request_create(
    *, actor: Any, data: dict[str, Any], targets: Iterable[Maslikhat], is_demo: bool = False
) -> CouncilRequest:
    """The council asks maslikhats for something by a date; each targeted maslikhat's staff is told."""
    targets = list(targets)
    if not targets:
        raise ValidationError({"targets": _("Choose at least one maslikhat.")}, code="required")
    due_date = data.get("due_date")
    if due_date is not None and due_date < timezone.localdate() and not is_demo:
        raise ValidationError({"due_date": _("The answer date cannot be in the past.")}, code="invalid")
    request = model_create(
        model=CouncilRequest,
        actor=actor,
        action="channel.request.created",
        data={**data, "created_by": actor, "is_demo": is_demo},
    )
    request.targets.set(targets)
    audit_record(
        actor=actor,
        action="channel.request.targets_set",
        obj=request,
        before=None,
        after={"targets": sorted(m.pk for m in targets)},
    )
    notify(
        recipients=maslikhat_users([m.pk for m in targets]),
        kind="channel.request_sent",
        group="assignments",
        key=f"channel.request_sent:{request.pk}",
        params={"id": request.pk, "title": request.title, "due_date": request.due_date.isoformat()},
        path=site_path("channel-staff:request-detail", request.pk),
    )
    return request


@transaction.atomic
def response_submit(
    *,
    request: CouncilRequest,
    actor: Any,
    text: dict[str, str],
    attachment: UploadedFile | None = None,
    submitted_at=None,
) -> RequestResponse:
    """A targeted maslikhat answers a request, or changes its answer until the due date. A first
    answer after the due date is still taken (it shows as late); a late change is refused."""
    maslikhat_id = getattr(actor, "maslikhat_id", None)
    if not maslikhat_id or not request.targets.filter(pk=maslikhat_id).exists():
        raise ValidationError(_("This request was not sent to your maslikhat."), code="not_allowed")
    if not any((text or {}).values()):
        raise ValidationError({"text": _("Write the answer in at least one language.")}, code="required")
    if attachment is not None:
        ATTACHMENTS.check([attachment], field="attachment")
    now = submitted_at or timezone.now()
    existing = RequestResponse.objects.select_for_update().filter(request=request, maslikhat_id=maslikhat_id).first()
    data: dict[str, Any] = {"text": text, "submitted_by": actor, "submitted_at": now}
    if attachment is not None:
        data["attachment"] = attachment
    if existing is None:
        return model_create(
            model=RequestResponse,
            actor=actor,
            action="channel.response.submitted",
            data={**data, "request": request, "maslikhat_id": maslikhat_id},
        )
    if timezone.localtime(now).date() > request.due_date:
        raise ValidationError(
            _("The answer can no longer be changed: the due date (%(date)s) has passed.")
            % {"date": request.due_date.isoformat()},
            code="closed",
        )
    return model_update(instance=existing, actor=actor, action="channel.response.updated", data=data)
