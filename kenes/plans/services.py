"""Work plan business rules. Every write is audited (core.services / core.audit).

Item states: planned → in progress → done, with cancellation and reopening:

    planned      → in_progress, done, cancelled
    in_progress  → done, cancelled
    done         → in_progress   (reopen; a reason is required)
    cancelled    → planned       (restore; a reason is required)

"Overdue" is derived (deadline passed, not done or cancelled), never set.

An item is done only when every executor maslikhat has an accepted report. The secretariat may
override this with `override=True` and a written reason, kept in the item's status note and in
the audit log (e.g. when a maslikhat reported on paper, or the item was done by the council itself).

Reports: submitted → accepted | returned. An accepted report is final; a returned one stays in
the history and the maslikhat submits a new report (a new row). A maslikhat has at most one report
waiting for review or accepted per item. A first report starts a planned item (→ in progress).
Accepting reports raises the item's progress to the share of executor maslikhats accepted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.accounts.models import Role, User
from kenes.accounts.rules import is_council_staff
from kenes.accounts.selectors import maslikhat_staff, secretariat_staff
from kenes.core.audit import audit_record, snapshot
from kenes.core.files import UploadRules
from kenes.core.http import site_path
from kenes.core.i18n import LANGS, in_languages, pick
from kenes.core.services import lock, model_create, model_delete, model_update
from kenes.councils.models import Council, Decision
from kenes.notifications.services import notify
from kenes.plans.models import Milestone, PlanItem, PlanItemAssignee, PlanReport, WorkPlan
from kenes.plans.transitions import NEEDS_REASON, TRANSITIONS
from kenes.publications.services import public_event_record
from kenes.registry.models import Maslikhat, Organization

S = PlanItem.Status
R = PlanReport.Status
EXECUTOR = PlanItemAssignee.Role.EXECUTOR
CO_EXECUTOR = PlanItemAssignee.Role.CO_EXECUTOR


# A report may carry one supporting document.
REPORT_ATTACHMENTS = UploadRules(("pdf", "doc", "docx", "odt", "xlsx", "txt", "jpg", "jpeg", "png"))


# --- helpers ---------------------------------------------------------------------------------


def plan_path(item: PlanItem) -> str:
    return site_path("plans:plan-detail", item.plan_id, anchor=f"#item-{item.pk}")


def maslikhat_users(maslikhat_ids: Iterable[int]) -> list[User]:
    return list(maslikhat_staff(maslikhat_ids))


def secretariat_users() -> list[User]:
    return list(secretariat_staff())


def _item_params(item: PlanItem, **extra: Any) -> dict[str, Any]:
    return {
        "plan": item.plan.title,
        "item": item.title,
        "number": item.number,
        "deadline": item.deadline.isoformat(),
        **extra,
    }


def _check_adopted_by(council: Council, decision: Decision | None) -> None:
    if decision is None:
        return
    if decision.kind != Decision.Kind.ADOPT_PLAN:
        raise ValidationError(
            {"adopted_by": _("A plan is adopted by a decision of the kind “adoption of a work plan”.")}
        )
    if decision.session.council_id != council.pk:
        raise ValidationError({"adopted_by": _("This decision was taken by another council.")})


# --- plans -----------------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, council: Council, actor: Any, data: dict[str, Any], adopted_by: Decision | None = None) -> WorkPlan:
    """A plan belongs to a council and, once adopted, to the session decision that adopted it."""
    _check_adopted_by(council, adopted_by)
    data = {**data, "council": council, "adopted_by": adopted_by}
    return model_create(model=WorkPlan, actor=actor, action="plans.plan.created", data=data)


@transaction.atomic
def plan_update(*, plan: WorkPlan, actor: Any, data: dict[str, Any]) -> WorkPlan:
    if "adopted_by" in data:
        _check_adopted_by(plan.council, data["adopted_by"])
    data.pop("council", None)
    return model_update(instance=plan, actor=actor, action="plans.plan.updated", data=data)


# --- items -----------------------------------------------------------------------------------


def _check_number(plan: WorkPlan, number: Any, exclude_pk: int | None = None) -> None:
    clash = PlanItem.objects.filter(plan=plan, number=number)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"number": _("Item № %(n)s already exists in this plan.") % {"n": number}})


def _check_assignees(
    maslikhats: Sequence[Maslikhat],
    organizations: Sequence[Organization],
    co_maslikhats: Sequence[Maslikhat],
    co_organizations: Sequence[Organization],
) -> None:
    both = {m.pk for m in maslikhats} & {m.pk for m in co_maslikhats}
    both |= {o.pk for o in organizations} & {o.pk for o in co_organizations}
    if both:
        raise ValidationError(_("A body is either an executor or a co-executor of an item, not both."))


def _sync_assignees(
    item: PlanItem,
    actor: Any,
    wanted: dict[tuple[str, int], str],
    bodies: dict[tuple[str, int], Any],
) -> list[Maslikhat]:
    """Make the item's assignees exactly `wanted` ({(field, pk): role}); returns newly assigned maslikhats."""
    current = {
        (("maslikhat", a.maslikhat_id) if a.maslikhat_id else ("organization", a.organization_id)): a
        for a in item.assignees.all()
    }
    added: list[Maslikhat] = []
    for key, assignee in current.items():
        if key not in wanted:
            if key[0] == "maslikhat" and item.reports.filter(maslikhat_id=key[1]).exists():
                raise ValidationError(
                    _("%(body)s has already reported on this item and cannot be removed from it.")
                    % {"body": assignee.body}
                )
            model_delete(instance=assignee, actor=actor, action="plans.assignee.removed")
        elif assignee.role != wanted[key]:
            model_update(instance=assignee, actor=actor, action="plans.assignee.updated", data={"role": wanted[key]})
    for key, role in wanted.items():
        if key in current:
            continue
        body = bodies[key]
        model_create(
            model=PlanItemAssignee,
            actor=actor,
            action="plans.assignee.added",
            data={"item": item, key[0]: body, "role": role},
        )
        if key[0] == "maslikhat":
            added.append(body)
    return added


def _wanted(
    maslikhats: Sequence[Maslikhat],
    organizations: Sequence[Organization],
    co_maslikhats: Sequence[Maslikhat],
    co_organizations: Sequence[Organization],
) -> tuple[dict, dict]:
    wanted: dict[tuple[str, int], str] = {}
    bodies: dict[tuple[str, int], Any] = {}
    for group, field, role in (
        (maslikhats, "maslikhat", EXECUTOR),
        (organizations, "organization", EXECUTOR),
        (co_maslikhats, "maslikhat", CO_EXECUTOR),
        (co_organizations, "organization", CO_EXECUTOR),
    ):
        for body in group:
            wanted[(field, body.pk)] = role
            bodies[(field, body.pk)] = body
    return wanted, bodies


def _notify_assigned(item: PlanItem, maslikhats: Sequence[Maslikhat]) -> None:
    for maslikhat in maslikhats:
        notify(
            recipients=maslikhat_users([maslikhat.pk]),
            kind="plans.item_assigned",
            group="assignments",
            key=f"plans.item_assigned:{item.pk}:{maslikhat.pk}",
            params=_item_params(item),
            path=site_path("plans-staff:my-item", item.pk),
        )


@transaction.atomic
def plan_item_create(
    *,
    plan: WorkPlan,
    actor: Any,
    data: dict[str, Any],
    assignee_maslikhats: Sequence[Maslikhat] = (),
    assignee_organizations: Sequence[Organization] = (),
    co_executor_maslikhats: Sequence[Maslikhat] = (),
    co_executor_organizations: Sequence[Organization] = (),
) -> PlanItem:
    """A new item starts as planned. Without a number it takes the next one in the plan; numbers
    are unique within a plan. The assigned maslikhats are notified."""
    data = dict(data)
    if data.get("status", S.PLANNED) != S.PLANNED or data.get("completed_on"):
        raise ValidationError(_("A new item starts as planned; change its status afterwards."))
    data.pop("status", None)
    if data.get("number") in (None, ""):
        data["number"] = (plan.items.aggregate(m=Max("number"))["m"] or 0) + 1
    else:
        _check_number(plan, data["number"])
    _check_assignees(assignee_maslikhats, assignee_organizations, co_executor_maslikhats, co_executor_organizations)
    item = model_create(model=PlanItem, actor=actor, action="plans.item.created", data={**data, "plan": plan})
    wanted, bodies = _wanted(
        assignee_maslikhats, assignee_organizations, co_executor_maslikhats, co_executor_organizations
    )
    added = _sync_assignees(item, actor, wanted, bodies)
    _notify_assigned(item, added)
    return item


@transaction.atomic
def plan_item_update(
    *,
    item: PlanItem,
    actor: Any,
    data: dict[str, Any],
    assignee_maslikhats: Sequence[Maslikhat] | None = None,
    assignee_organizations: Sequence[Organization] | None = None,
    co_executor_maslikhats: Sequence[Maslikhat] | None = None,
    co_executor_organizations: Sequence[Organization] | None = None,
) -> PlanItem:
    """Details and responsible bodies can be corrected at any time; the status changes only through
    plan_item_set_status. Passing any assignee list replaces all four (None = leave them as they are).
    A maslikhat that has reported on the item cannot be removed from it."""
    item = lock(item)
    data = dict(data)
    if "status" in data or "completed_on" in data:
        raise ValidationError(_("The status changes only through a status change, with its checks."))
    data.pop("plan", None)
    if "number" in data and data["number"] != item.number:
        _check_number(item.plan, data["number"], exclude_pk=item.pk)
    item = model_update(instance=item, actor=actor, action="plans.item.updated", data=data)
    lists = (assignee_maslikhats, assignee_organizations, co_executor_maslikhats, co_executor_organizations)
    if any(group is not None for group in lists):
        groups = [list(group or ()) for group in lists]
        _check_assignees(*groups)
        wanted, bodies = _wanted(*groups)
        added = _sync_assignees(item, actor, wanted, bodies)
        _notify_assigned(item, added)
    return item


def executors_without_accepted_report(item: PlanItem) -> list[Maslikhat]:
    accepted = set(item.reports.filter(status=R.ACCEPTED).values_list("maslikhat_id", flat=True))
    executors = item.assignees.filter(role=EXECUTOR, maslikhat__isnull=False).select_related("maslikhat")
    return [a.maslikhat for a in executors if a.maslikhat_id not in accepted]


@transaction.atomic
def plan_item_set_status(
    *,
    item: PlanItem,
    actor: Any,
    status: str,
    reason: str = "",
    completed_on=None,
    override: bool = False,
) -> PlanItem:
    """Move an item along its transition table (kenes/plans/transitions.py). Cancelling, reopening and restoring need a reason. Done
    needs an accepted report from every executor maslikhat, unless overridden with a reason;
    done sets progress to 100 % and the completion date (today unless given, never in the future)."""
    item = lock(item)
    reason = (reason or "").strip()
    if status not in S.values:
        raise ValidationError({"status": _("Unknown status “%(s)s”.") % {"s": status}})
    if status == item.status:
        raise ValidationError(_("The item is already “%(s)s”.") % {"s": item.get_status_display()})
    TRANSITIONS.check(item, status)
    if status == S.CANCELLED and not reason:
        raise ValidationError({"reason": _("Say why the item is cancelled.")})
    if (item.status, status) in NEEDS_REASON and not reason:
        raise ValidationError({"reason": _("Say why the item's status is changed back.")})
    before = snapshot(item)
    today = timezone.localdate()
    if status == S.DONE:
        missing = executors_without_accepted_report(item)
        if missing and not override:
            names = ", ".join(pick(m.name) for m in missing)
            raise ValidationError(
                _(
                    "The item can be marked done once every executor maslikhat's report is accepted. "
                    "Not yet accepted: %(names)s. To mark it done anyway, confirm the override and give a reason."
                )
                % {"names": names}
            )
        if missing and not reason:
            raise ValidationError({"reason": _("Give the reason for marking the item done without every report.")})
        completed_on = completed_on or today
        if completed_on > today:
            raise ValidationError({"completed_on": _("The completion date cannot be in the future.")})
        item.completed_on = completed_on
        item.progress = 100
        if missing:
            reason = _("Marked done without accepted reports from: %(names)s. Reason: %(reason)s") % {
                "names": ", ".join(pick(m.name) for m in missing),
                "reason": reason,
            }
    else:
        item.completed_on = None
    item.status = status
    item.status_note = reason
    item.save()
    audit_record(actor=actor, action=f"plans.item.{status}", obj=item, before=before)
    _item_event(item)
    return item


def _item_event(item: PlanItem) -> None:
    status_label = S(item.status).label
    public_event_record(
        kind=f"plans.item.{item.status}",
        obj=item,
        title=in_languages(lambda: _("Plan item № %(n)d: %(status)s") % {"n": item.number, "status": status_label}),
        summary=item.title,
        path=plan_path(item),
    )


# --- milestones ------------------------------------------------------------------------------


def milestone_add(*, item: PlanItem, actor: Any, data: dict[str, Any]) -> Milestone:
    return model_create(model=Milestone, actor=actor, action="plans.milestone.created", data={**data, "item": item})


def milestone_update(*, milestone: Milestone, actor: Any, data: dict[str, Any]) -> Milestone:
    data.pop("item", None)
    return model_update(instance=milestone, actor=actor, action="plans.milestone.updated", data=data)


def milestone_delete(*, milestone: Milestone, actor: Any) -> None:
    model_delete(instance=milestone, actor=actor, action="plans.milestone.deleted")


# --- reports ---------------------------------------------------------------------------------


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
        recipients=secretariat_users(),
        kind="plans.report_submitted",
        group="assignments",
        key=f"plans.report_submitted:{report.pk}",
        params=_item_params(item, maslikhat=maslikhat.name),
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
        recipients=maslikhat_users([report.maslikhat_id]),
        kind="plans.report_accepted",
        group="status",
        key=f"plans.report_accepted:{report.pk}",
        params=_item_params(item),
        path=site_path("plans-staff:my-item", item.pk),
    )
    public_event_record(
        kind="plans.report.accepted",
        obj=report,
        title=in_languages(lambda: _("Report accepted on plan item № %(n)d") % {"n": item.number}),
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
        recipients=maslikhat_users([report.maslikhat_id]),
        kind="plans.report_returned",
        group="answers",
        key=f"plans.report_returned:{report.pk}",
        params=_item_params(report.item, comment=comment),
        path=site_path("plans-staff:my-item", report.item_id),
    )
    return report
