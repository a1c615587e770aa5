"""Work plans: created and adopted by a council's decision."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kenes.core.services import model_create, model_update
from kenes.councils.models import Council, Decision
from kenes.plans.models import WorkPlan
from kenes.plans.services._common import (
    _check_adopted_by,
)


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
