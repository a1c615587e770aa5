"""Maslikhats' reports on plan items and their review by the secretariat."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.accounts.models import Role
from kenes.accounts.rules import is_council_staff
from kenes.accounts.selectors import maslikhat_staff, secretariat_staff
from kenes.core.audit import audit_record, snapshot
from kenes.core.http import site_path
from kenes.core.i18n import LANGS, in_languages, pick
from kenes.core.services import lock, model_create, model_update
from kenes.notifications.services import notify
from kenes.plans.models import PlanItem, PlanReport
from kenes.plans.services._common import (
    EXECUTOR,
    REPORT_ATTACHMENTS,
    R,
    S,
    item_params,
    plan_path,
)
from kenes.plans.services.items import (
    _item_event,
)
from kenes.publications.services import public_event_record
from kenes.registry.models import Maslikhat


@transaction.atomic
def report_submit(*, item: PlanItem, maslikhat: Maslikhat, actor: Any, text: str, attachment=None) -> PlanReport:
    """Only the staff or head of a maslikhat assigned to the item report on it, while the item is
    planned or in progress, and only when the maslikhat has no report waiting or accepted.
    The secretariat is notified."""
    item = lock(item)
    if actor is not None and not (
        getattr(actor, "is_authenticated", False)
        and actor.role in (Role.MASLIKHAT_STAFF, Role.MASLIKHAT_HEAD)
        and actor.maslikhat_id == maslikhat.pk
    ):
        raise ValidationError(_("Only the staff of the maslikhat itself can report on its items."))
    if not item.assignees.filter(maslikhat=maslikhat).exists():
        raise ValidationError(_("This item is not assigned to your maslikhat."))
    if item.status in PlanItem.CLOSED:
        raise ValidationError(_("The item is “%(s)s”; reports are no longer taken.") % {"s": item.get_status_display()})
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write what was done.")})
    open_report = item.reports.filter(maslikhat=maslikhat, status__in=[R.SUBMITTED, R.ACCEPTED]).first()
    if open_report is not None:
        if open_report.status == R.ACCEPTED:
            raise ValidationError(_("Your maslikhat's report on this item is already accepted."))
        raise ValidationError(_("Your maslikhat's previous report is still waiting for review."))
    if attachment:
        REPORT_ATTACHMENTS.check([attachment], field="attachment")
    report = model_create(
        model=PlanReport,
        actor=actor,
        action="plans.report.submitted",
        data={
            "item": item,
            "maslikhat": maslikhat,
            "text": text,
            "attachment": attachment or "",
            "submitted_by": actor if getattr(actor, "is_authenticated", False) else None,
            "submitted_at": timezone.now(),
            "status": R.SUBMITTED,
        },
    )
    if item.status == S.PLANNED:
        before = snapshot(item)
        item.status = S.IN_PROGRESS
        item.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action="plans.item.in_progress", obj=item, before=before)
        _item_event(item)
    notify(
        recipients=secretariat_staff(),
        kind="plans.report_submitted",
        group="assignments",
        key=f"plans.report_submitted:{report.pk}",
        params=item_params(item, maslikhat=maslikhat.name),
        path=site_path("plans-staff:item-edit", item.pk),
    )
    return report


def _check_reviewer(actor: Any) -> None:
    if actor is not None and not is_council_staff(actor):
        raise ValidationError(_("Only the council's secretariat reviews reports."))


@transaction.atomic
def report_accept(*, report: PlanReport, actor: Any) -> PlanReport:
    """Accept a submitted report. Final: it cannot be returned afterwards. The maslikhat's staff
    are notified and the acceptance is published in the changes feed."""
    report = lock(report)
    _check_reviewer(actor)
    if report.status != R.SUBMITTED:
        raise ValidationError(
            _("Only a report waiting for review can be accepted; this one is “%(s)s”.")
            % {"s": report.get_status_display()}
        )
    before = snapshot(report)
    report.status = R.ACCEPTED
    report.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    report.reviewed_at = timezone.now()
    report.save()
    audit_record(actor=actor, action="plans.report.accepted", obj=report, before=before)
    item = lock(report.item)
    executors = set(
        item.assignees.filter(role=EXECUTOR, maslikhat__isnull=False).values_list("maslikhat_id", flat=True)
    )
    if executors:
        accepted = set(
            item.reports.filter(status=R.ACCEPTED, maslikhat_id__in=executors).values_list("maslikhat_id", flat=True)
        )
        share = round(100 * len(accepted) / len(executors))
        if share > item.progress:
            model_update(instance=item, actor=actor, action="plans.item.progress", data={"progress": share})
    notify(
        recipients=maslikhat_staff([report.maslikhat_id]),
        kind="plans.report_accepted",
        group="status",
        key=f"plans.report_accepted:{report.pk}",
        params=item_params(item),
        path=site_path("plans-staff:my-item", item.pk),
    )
    public_event_record(
        kind="plans.report.accepted",
        obj=report,
        title=in_languages(
            lambda: (
                _("Report of %(maslikhat)s accepted on plan item № %(n)d")
                % {"maslikhat": pick(report.maslikhat.name), "n": item.number}
            )
        ),
        summary={lang: f"{pick(report.maslikhat.name, lang)}: {pick(item.title, lang)}" for lang in LANGS},
        path=plan_path(item),
        region=report.maslikhat.region,
        maslikhat=report.maslikhat,
    )
    return report


@transaction.atomic
def report_return(*, report: PlanReport, actor: Any, comment: str) -> PlanReport:
    """Return a submitted report with a comment saying what is missing; the maslikhat submits a
    new one. An accepted report cannot be returned."""
    report = lock(report)
    _check_reviewer(actor)
    comment = (comment or "").strip()
    if report.status == R.ACCEPTED:
        raise ValidationError(_("An accepted report cannot be returned."))
    if report.status != R.SUBMITTED:
        raise ValidationError(_("This report has already been returned."))
    if not comment:
        raise ValidationError({"review_comment": _("Say what the maslikhat should add or correct.")})
    before = snapshot(report)
    report.status = R.RETURNED
    report.review_comment = comment
    report.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    report.reviewed_at = timezone.now()
    report.save()
    audit_record(actor=actor, action="plans.report.returned", obj=report, before=before)
    notify(
        recipients=maslikhat_staff([report.maslikhat_id]),
        kind="plans.report_returned",
        group="answers",
        key=f"plans.report_returned:{report.pk}",
        params=item_params(report.item, comment=comment),
        path=site_path("plans-staff:my-item", report.item_id),
    )
    return report
