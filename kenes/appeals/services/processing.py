"""Processing an appeal: registration after review, assignment, forwarding, answer, closing; and
what the applicant may do with the tracking code: rate the answer, complain. Terms and their
extension are in extension.py."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kenes.appeals import codes
from kenes.appeals.models import Appeal, AppealApplicant
from kenes.appeals.services._common import S, _mail, event_add, save_audited, today
from kenes.appeals.services.extension import add_months
from kenes.appeals.services.intake import ANSWER_WORKING_DAYS, deputy_of
from kenes.appeals.transitions import TRANSITIONS
from kenes.core.audit import audit_record
from kenes.core.calendar import add_working_days, next_working_day, working_days_between
from kenes.core.http import site_path
from kenes.core.i18n import in_languages, pick
from kenes.core.services import lock
from kenes.registry.models import Maslikhat, Organization, Person

# APC art. 76: an appeal outside the body's competence is forwarded within 3 working days.
FORWARD_WORKING_DAYS = 3
# A complaint about the decision may be filed within 3 months.
COMPLAINT_MONTHS = 3


def _staff_notify(appeal: Appeal, name: str, key: str, group: str, users: list | None = None) -> None:
    from kenes.appeals.notifications import notify_staff

    notify_staff(appeal=appeal, name=name, key=key, group=group, users=users)


@transaction.atomic
def appeal_release(*, appeal: Appeal, actor: Any, on: datetime.date | None = None) -> Appeal:
    """A held appeal found genuine is registered now; its 15 working days run from today."""
    lock(appeal)  # two clerks acting at once: the second sees the first one's change
    TRANSITIONS.check(appeal, "release")
    registered_on = next_working_day(on or today())
    save_audited(
        appeal=appeal,
        actor=actor,
        action="appeals.appeal.released",
        data={
            "status": S.REGISTERED,
            "registered_on": registered_on,
            "due_date": add_working_days(registered_on, ANSWER_WORKING_DAYS),
            "hold_reason": "",
        },
    )
    event_add(appeal, S.REGISTERED)
    _mail(appeal, "registered")
    _staff_notify(appeal, "received", f"appeals.received:{appeal.pk}", "assignments")
    return appeal


@transaction.atomic
def appeal_reject(*, appeal: Appeal, actor: Any, reason: str) -> Appeal:
    """A held appeal that is abuse (a mass copy, spam) is not considered; the reason is recorded."""
    lock(appeal)
    TRANSITIONS.check(appeal, "reject")
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason the appeal is not considered.")}, code="required")
    save_audited(
        appeal=appeal,
        actor=actor,
        action="appeals.appeal.rejected",
        data={"status": S.REJECTED, "hold_reason": reason.strip()[:200]},
    )
    event_add(appeal, S.REJECTED)
    return appeal


@transaction.atomic
def appeal_assign(*, appeal: Appeal, actor: Any, user: Any = None, person: Person | None = None) -> Appeal:
    """Give the appeal to a staff member or a deputy of the same maslikhat."""
    lock(appeal)
    TRANSITIONS.check(appeal, "assign")
    if user is None and person is None:
        raise ValidationError(_("Choose a staff member or a deputy."), code="required")
    if user is not None and user.maslikhat_id != appeal.maslikhat_id:
        raise ValidationError(
            {"assignee_user": _("Only staff of this maslikhat can be given its appeals.")}, code="other_maslikhat"
        )
    if person is not None and not deputy_of(person, appeal.maslikhat):
        raise ValidationError(
            {"assignee_person": _("This person is not a deputy of this maslikhat.")}, code="other_maslikhat"
        )
    save_audited(
        appeal=appeal,
        actor=actor,
        action="appeals.appeal.assigned",
        data={
            "assignee_user": user,
            "assignee_person": person,
            "status": S.IN_PROGRESS if appeal.status == S.REGISTERED else appeal.status,
        },
    )
    event_add(appeal, "assigned")
    if user is not None:
        _staff_notify(
            appeal,
            "assigned",
            f"appeals.assigned:{appeal.pk}:{user.pk}:{timezone.now():%Y%m%d%H%M%S}",
            "assignments",
            users=[user],
        )
    return appeal


@transaction.atomic
def appeal_forward(
    *,
    appeal: Appeal,
    actor: Any,
    organization: Organization | None = None,
    maslikhat: Maslikhat | None = None,
    on: datetime.date | None = None,
) -> Appeal:
    """An appeal outside the maslikhat's competence goes to the competent body within 3 working
    days of registration, and the applicant is told. Forwarded to another maslikhat, it becomes a
    new appeal there (with its own tracking code and term)."""
    lock(appeal)
    TRANSITIONS.check(appeal, "forward")
    if (organization is None) == (maslikhat is None):
        raise ValidationError(_("Choose one body to forward the appeal to."), code="required")
    if maslikhat is not None and maslikhat.pk == appeal.maslikhat_id:
        raise ValidationError(_("The appeal is already with this maslikhat."), code="same_maslikhat")
    on = on or today()
    if working_days_between(appeal.registered_on, on) > FORWARD_WORKING_DAYS:
        raise ValidationError(
            _(
                "An appeal can be forwarded only within %(n)d working days of registration (registered on "
                "%(date)s, the last day was %(last)s). Answer it instead, explaining where to turn."
            ),
            code="forward_window",
            params={
                "n": FORWARD_WORKING_DAYS,
                "date": appeal.registered_on.isoformat(),
                "last": add_working_days(appeal.registered_on, FORWARD_WORKING_DAYS).isoformat(),
            },
        )
    copy = None
    if maslikhat is not None:
        copy = _copy_to(appeal, maslikhat, on)
    save_audited(
        appeal=appeal,
        actor=actor,
        action="appeals.appeal.forwarded",
        data={
            "status": S.FORWARDED,
            "forwarded_to": organization,
            "forwarded_to_maslikhat": maslikhat,
            "forwarded_as": copy,
            "forwarded_on": on,
        },
    )
    event_add(appeal, S.FORWARDED, note=str(organization or maslikhat)[:300])
    _mail(appeal, "forwarded")
    return appeal


def _copy_to(appeal: Appeal, maslikhat: Maslikhat, on: datetime.date) -> Appeal:
    registered_on = next_working_day(on)
    copy = Appeal.objects.create(
        tracking_code=codes.new_code(),
        maslikhat=maslikhat,
        kind=appeal.kind,
        topic=appeal.topic,
        text=appeal.text,
        language=appeal.language,
        status=S.REGISTERED,
        submitted_at=appeal.submitted_at,
        registered_on=registered_on,
        due_date=add_working_days(registered_on, ANSWER_WORKING_DAYS),
        source=appeal.source,
        is_demo=appeal.is_demo,
    )
    old = appeal.applicant
    AppealApplicant.objects.create(
        appeal=copy,
        name=old.name,
        email=old.email,
        phone=old.phone,
        iin=old.iin,
        address=old.address,
        sender_hash=old.sender_hash,
        ip_hash=old.ip_hash,
    )
    event_add(copy, "submitted", at=appeal.submitted_at)
    event_add(copy, S.REGISTERED, note=str(appeal.maslikhat)[:300])
    _staff_notify(copy, "received", f"appeals.received:{copy.pk}", "assignments")
    return copy


def guess_language(text: str) -> str:
    """kk / ru / en by letters: Kazakh-only Cyrillic letters mark Kazakh."""
    kazakh = sum(text.count(ch) for ch in "әғқңөұүһіӘҒҚҢӨҰҮҺІ")
    cyrillic = sum(1 for ch in text if "а" <= ch.lower() <= "я" or ch in "ёЁ")
    latin = sum(1 for ch in text if "a" <= ch.lower() <= "z")
    if kazakh and kazakh * 40 >= cyrillic:
        return "kk"
    if cyrillic >= latin:
        return "ru" if cyrillic else ""
    return "en"


@transaction.atomic
def appeal_answer(
    *,
    appeal: Appeal,
    actor: Any,
    text: str,
    outcome: str,
    file: Any = None,
    on: datetime.date | None = None,
) -> Appeal:
    """Answer the appeal with an outcome, in the appeal's language (or the state language)."""
    lock(appeal)
    TRANSITIONS.check(appeal, "answer")
    on = on or today()
    errors: dict[str, Any] = {}
    if outcome not in Appeal.Outcome.values:
        errors["outcome"] = _("Choose the outcome: satisfied, partially satisfied, refused or explained.")
    if len(text.strip()) < 20:
        errors["answer_text"] = _("Write the answer: it must answer the appeal on substance.")
    else:
        lang = guess_language(text)
        if lang and lang not in (appeal.language, "kk"):
            errors["answer_text"] = _(
                "Answer in the language of the appeal (%(lang)s) or in the state language (Kazakh)."
            ) % {"lang": appeal.get_language_display()}
    if errors:
        raise ValidationError(errors)
    if file is not None:
        from kenes.appeals.services.intake import check_attachments

        check_attachments([file], field="answer_file")
    deadline = appeal.deadline
    data = {
        "status": S.ANSWERED,
        "answer_text": text.strip(),
        "answer_language": guess_language(text) or appeal.language,
        "outcome": outcome,
        "answered_on": on,
        "answered_on_time": bool(deadline and on <= deadline),
    }
    if file is not None:
        appeal.answer_file.save(f"{appeal.tracking_code}-answer{_ext(file.name)}", file, save=False)
        data["answer_file"] = appeal.answer_file
    save_audited(appeal=appeal, actor=actor, action="appeals.appeal.answered", data=data)
    event_add(appeal, S.ANSWERED)
    _mail(appeal, "answered")
    _public_event(appeal)
    return appeal


def _ext(name: str) -> str:
    from pathlib import Path

    return Path(name or "").suffix.lower()[:6]


def _public_event(appeal: Appeal) -> None:
    from kenes.publications.services import public_event_record

    # Only the maslikhat and the fact of an answer: never the citizen, the topic or the text.
    public_event_record(
        kind="appeals.appeal.answered",
        obj=appeal,
        # Which maslikhat and which kind of appeal: entries of different maslikhats read apart.
        title=in_languages(
            lambda: (
                _("%(maslikhat)s answered a citizen's %(kind)s of %(date)s")
                % {
                    "maslikhat": pick(appeal.maslikhat.name),
                    "kind": appeal.get_kind_display().lower(),
                    "date": date_format(appeal.registered_on or appeal.submitted_at, "SHORT_DATE_FORMAT"),
                }
            )
        ),
        summary=appeal.maslikhat.name,
        path=site_path("appeals:maslikhat", appeal.maslikhat_id),
        region=appeal.maslikhat.region,
        maslikhat=appeal.maslikhat,
    )


@transaction.atomic
def appeal_close(*, appeal: Appeal, actor: Any) -> Appeal:
    lock(appeal)
    TRANSITIONS.check(appeal, "close")
    save_audited(appeal=appeal, actor=actor, action="appeals.appeal.closed", data={"status": S.CLOSED})
    event_add(appeal, S.CLOSED)
    return appeal


@transaction.atomic
def appeal_rate(*, appeal: Appeal, substance: bool, score: int) -> Appeal:
    """The applicant rates the answer once: answered on substance (yes/no) and 1–5."""
    appeal = lock(appeal)
    TRANSITIONS.check(appeal, "rate")
    if appeal.rated_at is not None:
        raise ValidationError(_("This answer has already been rated. Thank you!"), code="already_rated")
    if score not in (1, 2, 3, 4, 5):
        raise ValidationError({"rating_score": _("Choose a rating from 1 to 5.")})
    Appeal.objects.filter(pk=appeal.pk).update(
        rating_substance=bool(substance), rating_score=score, rated_at=timezone.now()
    )
    appeal.refresh_from_db()
    audit_record(
        actor=None,
        action="appeals.appeal.rated",
        obj=appeal,
        before=None,
        after={"rating_substance": appeal.rating_substance, "rating_score": score},
    )
    event_add(appeal, "rated")
    return appeal


@transaction.atomic
def appeal_complain(*, appeal: Appeal, text: str, on: datetime.date | None = None) -> Appeal:
    """A complaint about the answer within 3 months reopens the appeal with a new 15-working-day term."""
    appeal = lock(appeal)
    TRANSITIONS.check(appeal, "complain")
    on = on or today()
    if not text.strip() or len(text.strip()) < 10:
        raise ValidationError({"complaint_text": _("Say what is wrong with the answer.")})
    if appeal.answered_on and on > add_months(appeal.answered_on, COMPLAINT_MONTHS):
        raise ValidationError(
            _("A complaint can be filed within three months of the answer (until %(date)s).")
            % {"date": add_months(appeal.answered_on, COMPLAINT_MONTHS).isoformat()},
            code="complaint_late",
        )
    if appeal.complaint_text:
        raise ValidationError(_("A complaint about this answer was already filed."), code="already_complained")
    start = next_working_day(on)
    now = timezone.now()
    if on != timezone.localdate(now):
        now = timezone.make_aware(datetime.datetime.combine(on, datetime.time(12)))
    Appeal.objects.filter(pk=appeal.pk).update(
        status=S.REOPENED,
        complaint_text=text.strip()[:5000],
        reopened_at=now,
        due_date=add_working_days(start, ANSWER_WORKING_DAYS),
        extended_until=None,
        extension_reason="",
        extension_notice_on=None,
        answered_on=None,
        answered_on_time=None,
        outcome=None,
        updated_at=now,
    )
    appeal.refresh_from_db()
    audit_record(actor=None, action="appeals.appeal.reopened", obj=appeal, before=None, after={"status": S.REOPENED})
    event_add(appeal, S.REOPENED)
    _staff_notify(appeal, "reopened", f"appeals.reopened:{appeal.pk}", "assignments")
    return appeal
