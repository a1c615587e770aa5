"""Plan items, their responsible bodies, status and milestones."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.accounts.selectors import maslikhat_staff
from kenes.core.audit import audit_record, snapshot
from kenes.core.http import site_path
from kenes.core.i18n import in_languages, pick
from kenes.core.services import lock, model_create, model_delete, model_update
from kenes.notifications.services import notify
from kenes.plans.models import Milestone, PlanItem, PlanItemAssignee, WorkPlan
from kenes.plans.services._common import (
    CO_EXECUTOR,
    EXECUTOR,
    R,
    S,
    item_params,
    plan_path,
)
from kenes.plans.transitions import NEEDS_REASON, TRANSITIONS
from kenes.publications.services import public_event_record
from kenes.registry.models import Maslikhat, Organization


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
            recipients=maslikhat_staff([maslikhat.pk]),
            kind="plans.item_assigned",
            group="assignments",
            key=f"plans.item_assigned:{item.pk}:{maslikhat.pk}",
            params=item_params(item),
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


def milestone_add(*, item: PlanItem, actor: Any, data: dict[str, Any]) -> Milestone:
    return model_create(model=Milestone, actor=actor, action="plans.milestone.created", data={**data, "item": item})


def milestone_update(*, milestone: Milestone, actor: Any, data: dict[str, Any]) -> Milestone:
    data.pop("item", None)
    return model_update(instance=milestone, actor=actor, action="plans.milestone.updated", data=data)


def milestone_delete(*, milestone: Milestone, actor: Any) -> None:
    model_delete(instance=milestone, actor=actor, action="plans.milestone.deleted")
