"""The terms of an appeal beyond the first answer term: extension by the head's reasoned decision
(up to two months in total) and the notice to the applicant."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kenes.appeals.models import Appeal
from kenes.appeals.services._common import _mail, event_add, save_audited, today
from kenes.appeals.transitions import TRANSITIONS
from kenes.core.calendar import add_working_days
from kenes.core.services import lock

# APC art. 92: the term may be extended up to two months in total; the applicant is told within
# 3 working days.
EXTENSION_MONTHS = 2
EXTENSION_NOTICE_WORKING_DAYS = 3


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def term_start(appeal: Appeal) -> datetime.date | None:
    """The day the current term runs from: registration, or the reopening after a complaint."""
    if appeal.reopened_at:
        return timezone.localdate(appeal.reopened_at)
    return appeal.registered_on


def extension_limit(appeal: Appeal) -> datetime.date | None:
    start = term_start(appeal)
    return add_months(start, EXTENSION_MONTHS) if start else None


@transaction.atomic
def appeal_extend(
    *, appeal: Appeal, actor: Any, until: datetime.date, reason: str, on: datetime.date | None = None
) -> Appeal:
    """The head extends the term by a reasoned decision, up to two months in total from
    registration; the applicant must be told within 3 working days (by e-mail when there is one,
    otherwise staff record how they told them)."""
    lock(appeal)
    TRANSITIONS.check(appeal, "extend")
    on = on or today()
    if not reason.strip():
        raise ValidationError({"extension_reason": _("An extension needs a reasoned decision: give the reason.")})
    limit = extension_limit(appeal)
    current = appeal.deadline
    if current and until <= current:
        raise ValidationError(
            {"extended_until": _("The new date must be after the current deadline (%(date)s).")},
            params={"date": current.isoformat()},
        )
    if limit and until > limit:
        raise ValidationError(
            {
                "extended_until": _(
                    "The term can be extended up to two months in total from registration: no later than %(date)s."
                )
                % {"date": limit.isoformat()}
            },
            code="extension_limit",
        )
    if current and on > current:
        raise ValidationError(_("The deadline has passed; a term cannot be extended after it expired."))
    save_audited(
        appeal=appeal,
        actor=actor,
        action="appeals.appeal.extended",
        data={"extended_until": until, "extension_reason": reason.strip(), "extension_notice_on": None},
    )
    event_add(appeal, "extended", note=until.isoformat())
    if appeal.applicant.email and not appeal.applicant.erased_at:
        _mail(appeal, "extended")
    return appeal


@transaction.atomic
def extension_notice_record(*, appeal: Appeal, actor: Any = None, on: datetime.date | None = None) -> Appeal:
    """Record that the applicant was told of the extension (by e-mail task or by staff)."""
    if not appeal.extended_until:
        raise ValidationError(_("The term of this appeal was not extended."))
    if actor is not None:
        lock(appeal)
        TRANSITIONS.check(appeal, "notice")
    on = on or today()
    if actor is None:
        Appeal.objects.filter(pk=appeal.pk).update(extension_notice_on=on)
        appeal.extension_notice_on = on
    else:
        save_audited(
            appeal=appeal, actor=actor, action="appeals.appeal.extension_notice", data={"extension_notice_on": on}
        )
    event_add(appeal, "extension_notice")
    return appeal


def extension_notice_due(appeal: Appeal) -> datetime.date | None:
    """The last day to tell the applicant of the extension: 3 working days after the decision."""
    decided = [event.at for event in appeal.events.all() if event.status == "extended"]
    if not decided:
        return None
    return add_working_days(timezone.localdate(max(decided)), EXTENSION_NOTICE_WORKING_DAYS)
