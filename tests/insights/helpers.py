"""Hand-made records for the index tests. Appeals are written straight to the table: the tests
check the arithmetic of the index, not the appeal workflow."""

from __future__ import annotations

import datetime

from kenes.appeals.models import Appeal
from tests.factories import AppealFactory


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
    return AppealFactory(
        maslikhat=maslikhat,
        deputy=deputy,
        status=status,
        registered_on=registered_on,
        extended_until=extended_until,
        answered_on=answered_on,
        outcome=Appeal.Outcome.EXPLAINED if answered_on else None,
        rating_substance=substance,
        rating_score=(4 if substance else 2) if substance is not None else None,
        is_demo=is_demo,
    )
