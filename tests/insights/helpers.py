"""Hand-made records for the index tests. Appeals are written straight to the table: the tests
check the arithmetic of the index, not the appeal workflow."""

from __future__ import annotations

import datetime
import itertools

from kenes.appeals.models import Appeal
from kenes.core.calendar import add_working_days

_codes = itertools.count(1)


def make_appeal(
    maslikhat,
    registered_on: datetime.date,
    *,
    answered_on: datetime.date | None = None,
    extended_until: datetime.date | None = None,
    substance: bool | None = None,
    deputy=None,
    status: str | None = None,
    is_demo: bool = False,
) -> Appeal:
    if status is None:
        status = Appeal.Status.ANSWERED if answered_on else Appeal.Status.IN_PROGRESS
    return Appeal.objects.create(
        tracking_code=f"T{next(_codes):09d}",
        maslikhat=maslikhat,
        deputy=deputy,
        kind=Appeal.Kind.REQUEST,
        topic="Street lighting",
        text="Fictional test appeal.",
        status=status,
        registered_on=registered_on,
        due_date=add_working_days(registered_on, 15),
        extended_until=extended_until,
        answered_on=answered_on,
        outcome=Appeal.Outcome.EXPLAINED if answered_on else None,
        rating_substance=substance,
        rating_score=(4 if substance else 2) if substance is not None else None,
        is_demo=is_demo,
    )
