"""Public API of the responsiveness index: the same pre-aggregated figures as the dashboard."""

import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from kenes.core.api.schemas import NOT_FOUND, RegionRef, Translated
from kenes.insights import selectors
from kenes.insights.figures import Figures
from kenes.registry.models import Maslikhat, Region

router = Router(tags=["insights"])


class PeriodOut(Schema):
    first_month: datetime.date = Field(description="First day of the first month counted")
    last_month: datetime.date = Field(description="First day of the last month counted (the current one)")


class FiguresOut(Schema):
    """Counts and the index components. A share or median resting on fewer cases than
    `min_sample` is null; its counts are still given."""

    appeals_due: int = Field(description="Appeals answered, or unanswered with the deadline passed")
    answered_on_time: int
    on_time_share: float | None = Field(description="answered_on_time / appeals_due, 0–1")
    answered: int
    median_working_days: float | None = Field(description="Median working days from registration to answer")
    rated: int = Field(description="Answers the applicant rated")
    rated_substance: int = Field(description="Answers rated as answered on substance")
    substance_share: float | None = Field(description="rated_substance / rated, 0–1")
    mandates_total: int
    mandates_executed: int
    mandates_executed_share: float | None = Field(description="mandates_executed / mandates_total, 0–1")
    reports_due: int
    reports_on_time: int
    reports_on_time_share: float | None = Field(description="reports_on_time / reports_due, 0–1")
    min_sample: int = Field(description="Fewest cases for a share or median to be given")


def _figures(figures: Figures) -> dict:
    return {**figures.as_dict(), "min_sample": figures.minimum}


def _period(period: selectors.Period) -> dict:
    return {"first_month": period.first, "last_month": period.last}


class RegionFiguresOut(Schema):
    region: RegionRef
    period: PeriodOut
    figures: FiguresOut


class MaslikhatRef(Schema):
    id: int
    name: Translated
    level: str
    region_kato: str


class MaslikhatFiguresOut(Schema):
    maslikhat: MaslikhatRef
    period: PeriodOut
    figures: FiguresOut


class MonthFiguresOut(Schema):
    month: datetime.date = Field(description="First day of the month")
    figures: FiguresOut


class TrendOut(Schema):
    period: PeriodOut
    total: FiguresOut
    months: list[MonthFiguresOut]
    computed_at: datetime.datetime | None = Field(description="When the figures were last recomputed")


@router.get(
    "/insights/regions",
    response={200: list[RegionFiguresOut]},
    summary="Responsiveness index by region",
    description="The 20 regions valid today, each with the figures of all its maslikhats over the last 12 months.",
)
def insights_regions(request: HttpRequest) -> list[dict]:
    overview = selectors.national_overview()
    period = _period(overview.period)
    return [
        {"region": {"kato": row.obj.kato, "name": row.obj.name}, "period": period, "figures": _figures(row.figures)}
        for row in overview.rows
    ]


@router.get(
    "/insights/maslikhats",
    response={200: list[MaslikhatFiguresOut], **NOT_FOUND},
    summary="Responsiveness index by maslikhat",
    description="Every maslikhat (or those of one region: `region` = KATO code) over the last 12 months.",
)
def insights_maslikhats(
    request: HttpRequest, region: str | None = Query(None, description="KATO code of a region")
) -> list[dict]:
    body = get_object_or_404(Region, kato=region) if region else None
    overview = selectors.maslikhats_overview(body)
    period = _period(overview.period)
    return [
        {
            "maslikhat": {
                "id": row.obj.pk,
                "name": row.obj.name,
                "level": row.obj.level,
                "region_kato": row.obj.region.kato,
            },
            "period": period,
            "figures": _figures(row.figures),
        }
        for row in overview.rows
    ]


@router.get(
    "/insights/trends",
    response={200: TrendOut, **NOT_FOUND},
    summary="Responsiveness index by month",
    description="The last 12 months, nationally, for a region (`region` = KATO code) or a maslikhat (`maslikhat` = id).",
)
def insights_trends(
    request: HttpRequest,
    maslikhat: int | None = Query(None, description="Id of a maslikhat"),
    region: str | None = Query(None, description="KATO code of a region"),
) -> dict:
    body_maslikhat = get_object_or_404(Maslikhat, pk=maslikhat) if maslikhat is not None else None
    body_region = get_object_or_404(Region, kato=region) if region else None
    overview = selectors.trend(maslikhat=body_maslikhat, region=body_region)
    return {
        "period": _period(overview.period),
        "total": _figures(overview.total),
        "months": [{"month": point.month, "figures": _figures(point.figures)} for point in overview.trend],
        "computed_at": overview.updated_at,
    }
