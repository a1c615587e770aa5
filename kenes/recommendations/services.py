"""Recommendation business rules: packages, recommendations and their outcome transitions.

Every recommendation starts "adopted" and moves only along TRANSITIONS; each move is recorded as
an OutcomeEvent (the public timeline), audited, announced in the public feed when the package is
public, and — for a response or an implementation — notified to the secretariat."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.accounts.models import User
from kenes.accounts.selectors import secretariat_staff
from kenes.core.audit import audit_record, snapshot
from kenes.core.http import site_path
from kenes.core.i18n import in_languages, pick
from kenes.core.services import model_create, model_update
from kenes.councils.models import Council, Decision
from kenes.notifications.services import notify
from kenes.publications.services import public_event_record
from kenes.recommendations.models import FINAL_STATUSES, OutcomeEvent, Package, Recommendation, Status
from kenes.registry.models import Organization

# The only allowed moves. implemented and closed are final.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.ADOPTED: (Status.SENT, Status.CLOSED),
    Status.SENT: (Status.RESPONSE_RECEIVED, Status.CLOSED),
    Status.RESPONSE_RECEIVED: (Status.ACCEPTED, Status.PARTIALLY_ACCEPTED, Status.REJECTED, Status.CLOSED),
    Status.ACCEPTED: (Status.IMPLEMENTED, Status.CLOSED),
    Status.PARTIALLY_ACCEPTED: (Status.IMPLEMENTED, Status.CLOSED),
    Status.REJECTED: (Status.CLOSED,),
    Status.IMPLEMENTED: (),
    Status.CLOSED: (),
}

# What each step records besides its date.
EVENT_FIELDS: dict[str, tuple[str, ...]] = {
    Status.SENT: ("text", "body"),
    Status.RESPONSE_RECEIVED: ("text", "body"),
    Status.ACCEPTED: ("text", "body"),
    Status.PARTIALLY_ACCEPTED: ("text", "body"),
    Status.REJECTED: ("text", "body"),
    Status.IMPLEMENTED: ("text", "body", "act_title", "act_number", "act_date", "act_url"),
    Status.CLOSED: ("text", "reason"),
}

# Steps the secretariat is told about (group "status").
NOTIFIED = (Status.RESPONSE_RECEIVED, Status.IMPLEMENTED)


def allowed_next(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def _filled(value: Any) -> bool:
    if isinstance(value, dict):
        return any(str(v).strip() for v in value.values())
    return value not in (None, "", [], ())


def _label(status: str) -> str:
    return str(Status(status).label)


# --- packages -------------------------------------------------------------------------------


@transaction.atomic
def package_create(
    *, council: Council, actor: Any, data: dict[str, Any], adopted_by: Decision | None = None
) -> Package:
    """A package belongs to a council; when a decision adopted it, the decision must be a
    recommendation decision of that council's session, and the package dates from the session
    unless another adoption date is given."""
    data = dict(data)
    data.pop("council", None)
    data.pop("adopted_by", None)
    if adopted_by is not None:
        if adopted_by.kind != Decision.Kind.RECOMMENDATION:
            raise ValidationError(
                {"adopted_by": _("A package of recommendations is adopted by a decision of the kind “Recommendation”.")}
            )
        if adopted_by.session.council_id != council.pk:
            raise ValidationError({"adopted_by": _("This decision was taken by another council.")})
        if not data.get("adopted_on"):
            data["adopted_on"] = adopted_by.session.date
    if not data.get("adopted_on"):
        raise ValidationError({"adopted_on": _("Enter the date the package was adopted.")})
    if data["adopted_on"] > timezone.localdate():
        raise ValidationError({"adopted_on": _("The adoption date cannot be in the future.")})
    return model_create(
        model=Package,
        actor=actor,
        action="recommendations.package.created",
        data={**data, "council": council, "adopted_by": adopted_by},
    )


@transaction.atomic
def package_update(*, package: Package, actor: Any, data: dict[str, Any]) -> Package:
    """Title, summary and adoption date may be corrected; the council and the decision may not."""
    allowed = {k: v for k, v in data.items() if k in ("title", "summary", "adopted_on")}
    if allowed.get("adopted_on") and allowed["adopted_on"] > timezone.localdate():
        raise ValidationError({"adopted_on": _("The adoption date cannot be in the future.")})
    return model_update(instance=package, actor=actor, action="recommendations.package.updated", data=allowed)


# --- recommendations ------------------------------------------------------------------------


def _unique(orgs: Iterable[Organization]) -> list[Organization]:
    seen: dict[int, Organization] = {}
    for org in orgs:
        if org is not None and org.pk not in seen:
            seen[org.pk] = org
    return list(seen.values())


@transaction.atomic
def recommendation_create(
    *, package: Package, actor: Any, data: dict[str, Any], addressees: Sequence[Organization] = ()
) -> Recommendation:
    """Recommendations are numbered 1, 2, … within their package and start "adopted" on the
    package's adoption date. The first addressee is data["addressee"] or the first of `addressees`;
    at least one is required."""
    package = Package.objects.select_for_update().get(pk=package.pk)
    data = dict(data)
    data.pop("package", None)
    data.pop("status", None)
    data.pop("addressees", None)
    every = _unique([data.get("addressee"), *addressees])
    if not every:
        raise ValidationError({"addressee": _("Name at least one body the recommendation is addressed to.")})
    data["addressee"] = every[0]
    if not data.get("number"):
        data["number"] = (package.recommendations.aggregate(m=Max("number"))["m"] or 0) + 1
    data.setdefault("is_demo", package.is_demo)
    recommendation = Recommendation(**data, package=package, status=Status.ADOPTED)
    recommendation.full_clean()
    recommendation.save()
    recommendation.addressees.set(every)
    audit_record(
        actor=actor,
        action="recommendations.recommendation.created",
        obj=recommendation,
        before=None,
        after={**snapshot(recommendation), "addressees": [org.pk for org in every]},
    )
    model_create(
        model=OutcomeEvent,
        actor=actor,
        action="recommendations.event.created",
        data={
            "recommendation": recommendation,
            "status": Status.ADOPTED,
            "date": package.adopted_on,
            "recorded_by": _user(actor),
        },
    )
    return recommendation


@transaction.atomic
def recommendation_update(
    *,
    recommendation: Recommendation,
    actor: Any,
    data: dict[str, Any],
    addressees: Sequence[Organization] | None = None,
) -> Recommendation:
    """The wording and the addressees may be corrected; the status moves only by transitions."""
    allowed = {k: v for k, v in data.items() if k in ("text", "addressee")}
    if addressees is not None:
        every = _unique([allowed.get("addressee"), *addressees])
        if not every:
            raise ValidationError({"addressee": _("Name at least one body the recommendation is addressed to.")})
        allowed["addressee"] = every[0]
    recommendation = model_update(
        instance=recommendation, actor=actor, action="recommendations.recommendation.updated", data=allowed
    )
    if addressees is not None:
        before = sorted(recommendation.addressees.values_list("pk", flat=True))
        recommendation.addressees.set(every)
        after = sorted(org.pk for org in every)
        if before != after:
            audit_record(
                actor=actor,
                action="recommendations.recommendation.addressees_changed",
                obj=recommendation,
                before={"addressees": before},
                after={"addressees": after},
            )
    return recommendation


# --- transitions ----------------------------------------------------------------------------


def _user(actor: Any) -> User | None:
    return actor if getattr(actor, "is_authenticated", False) else None


def _refuse_transition(current: str, target: str) -> ValidationError:
    if current in FINAL_STATUSES:
        return ValidationError(
            _("This recommendation is “%(current)s”: its outcome is final and cannot change.")
            % {"current": _label(current)},
            code="invalid_transition",
        )
    allowed = ", ".join(f"“{_label(s)}”" for s in allowed_next(current))
    return ValidationError(
        _("A recommendation that is “%(current)s” cannot become “%(target)s”. Possible next steps: %(allowed)s.")
        % {"current": _label(current), "target": _label(target), "allowed": allowed},
        code="invalid_transition",
    )


def _check_event(
    recommendation: Recommendation, target: str, fields: dict[str, Any], last_date: datetime.date | None
) -> None:
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if target == Status.IMPLEMENTED:
        if not _filled(fields.get("act_title")):
            errors.setdefault("act_title", []).append(_("Name the act that implemented the recommendation."))
        if not fields.get("act_date"):
            errors.setdefault("act_date", []).append(_("Enter the date of the act."))
        elif fields["act_date"] > today:
            errors.setdefault("act_date", []).append(_("The date of the act cannot be in the future."))
    if target == Status.RESPONSE_RECEIVED:
        if not _filled(fields.get("text")):
            errors.setdefault("text", []).append(_("Enter the text of the response."))
        if not fields.get("body"):
            errors.setdefault("body", []).append(_("Choose the body that responded."))
    if target == Status.CLOSED and not _filled(fields.get("reason")):
        errors.setdefault("reason", []).append(_("Give the reason for closing the recommendation."))
    day = fields.get("date")
    if not day:
        errors.setdefault("date", []).append(_("Enter the date of this step."))
    elif day > today:
        errors.setdefault("date", []).append(_("The date cannot be in the future."))
    elif last_date and day < last_date:
        errors.setdefault("date", []).append(
            _("The date cannot be before the previous step (%(date)s).") % {"date": last_date.isoformat()}
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def recommendation_transition(
    *, recommendation: Recommendation, actor: Any, to_status: str, data: dict[str, Any]
) -> OutcomeEvent:
    """Move a recommendation one step along TRANSITIONS, recording the step as an OutcomeEvent.
    A response needs its text, date and body; an implementation its act's title and date (the
    link is optional); closing needs a reason. Dates may not run backwards or into the future."""
    recommendation = (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("package__adopted_by__session")
        .get(pk=recommendation.pk)
    )
    if to_status not in Status.values:
        raise ValidationError(_("“%(status)s” is not a status of a recommendation.") % {"status": to_status})
    current = recommendation.status
    if to_status not in allowed_next(current):
        raise _refuse_transition(current, to_status)
    fields = {name: data[name] for name in EVENT_FIELDS[to_status] if name in data and data[name] is not None}
    fields["date"] = data.get("date") or (fields.get("act_date") if to_status == Status.IMPLEMENTED else None)
    last_date = recommendation.events.aggregate(m=Max("date"))["m"]
    _check_event(recommendation, to_status, fields, last_date)
    event = model_create(
        model=OutcomeEvent,
        actor=actor,
        action="recommendations.event.created",
        data={
            **fields,
            "recommendation": recommendation,
            "status": to_status,
            "from_status": current,
            "recorded_by": _user(actor),
        },
    )
    model_update(
        instance=recommendation,
        actor=actor,
        action=f"recommendations.recommendation.{to_status}",
        data={"status": to_status},
    )
    _announce(recommendation, event)
    return event


def _announce(recommendation: Recommendation, event: OutcomeEvent) -> None:
    package = recommendation.package
    if package.is_public:
        title = in_languages(
            lambda: (
                f"{_label(event.status)}: {_('Recommendation')} № {recommendation.number} — "
                f"{pick(recommendation.text)[:120]}"
            )
        )
        summary = in_languages(lambda: pick(package.title))
        public_event_record(
            kind=f"recommendations.recommendation.{event.status}",
            obj=recommendation,
            title=title,
            summary=summary,
            path=site_path("recommendations:recommendation-detail", recommendation.pk),
        )
    if event.status in NOTIFIED:
        secretariat = secretariat_staff()
        notify(
            recipients=list(secretariat),
            kind=f"recommendations.{event.status}",
            group="status",
            key=f"recommendations.{event.status}:{event.pk}",
            params={
                "number": recommendation.number,
                "text": recommendation.text,
                "package": package.title,
                "body": event.body.name if event.body_id else {},
                "date": event.date.isoformat(),
                "act_title": event.act_title,
                "act_number": event.act_number,
            },
            path=site_path("recommendations-staff:recommendation", recommendation.pk),
        )
