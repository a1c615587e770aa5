"""An item taken up as an agenda item, a plan item or a recommendation, with links both ways."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.channel.models import (
    ChannelItem,
    ChannelLink,
)
from kenes.channel.services._common import (
    A,
    S,
    _event,
    _first_response,
    _notify_sender_side,
    _public_event,
)
from kenes.channel.transitions import TRANSITIONS
from kenes.core.i18n import in_languages, pick
from kenes.core.services import lock, model_update
from kenes.registry.models import Maslikhat


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
