"""What the plan services share: states, recipients, notification parameters."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kenes.core.files import UploadRules
from kenes.core.http import site_path
from kenes.councils.models import Council, Decision
from kenes.plans.models import PlanItem, PlanItemAssignee, PlanReport

S = PlanItem.Status
R = PlanReport.Status
EXECUTOR = PlanItemAssignee.Role.EXECUTOR
CO_EXECUTOR = PlanItemAssignee.Role.CO_EXECUTOR


# A report may carry one supporting document.
REPORT_ATTACHMENTS = UploadRules(("pdf", "doc", "docx", "odt", "xlsx", "txt", "jpg", "jpeg", "png"))


def plan_path(item: PlanItem) -> str:
    return site_path("plans:plan-detail", item.plan_id, anchor=f"#item-{item.pk}")


def item_params(item: PlanItem, **extra: Any) -> dict[str, Any]:
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
