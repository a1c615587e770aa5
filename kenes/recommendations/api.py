"""Public, read-only API of the council's recommendations and their outcome timelines.

A package is public once the decision that adopted it is public (with the session's minutes);
the council's staff see every package."""

import datetime

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kenes.core.api.schemas import ERRORS, NOT_FOUND, Pagination, Ref, Translated, one_of
from kenes.core.http import portal_links
from kenes.recommendations import selectors
from kenes.recommendations.models import OutcomeEvent, Package, Recommendation, Status

router = Router(tags=["recommendations"])


# --- schemas --------------------------------------------------------------------------------


class PackageAdoptedBy(Schema):
    decision_id: int
    number: int
    session_id: int


class RecommendationPackageOut(Schema):
    id: int
    title: Translated
    summary: Translated
    council: Ref
    adopted_on: datetime.date
    adopted_by: PackageAdoptedBy | None = Field(description="The session decision that adopted the package")
    recommendation_count: int
    implemented_count: int
    url: Translated = Field(description="The package's page on the portal, in each language")
    updated_at: datetime.datetime
    is_demo: bool

    @staticmethod
    def resolve_council(obj: Package) -> dict:
        return {"id": obj.council_id, "name": obj.council.organization.name}

    @staticmethod
    def resolve_adopted_by(obj: Package) -> dict | None:
        decision = obj.adopted_by
        if decision is None:
            return None
        return {"decision_id": decision.pk, "number": decision.number, "session_id": decision.session_id}

    @staticmethod
    def resolve_url(obj: Package, context: dict) -> dict:
        return portal_links(context["request"], "recommendations:package-detail", obj.pk)


class RecommendationOut(Schema):
    id: int
    package_id: int
    number: int
    text: Translated
    addressee: Ref = Field(description="The body the recommendation is addressed to first")
    addressees: list[Ref] = Field(description="Every body it is addressed to, the first included")
    status: one_of(Status)
    last_event_on: datetime.date | None = Field(description="Date of the latest step of the timeline")
    updated_at: datetime.datetime
    is_demo: bool

    @staticmethod
    def resolve_addressees(obj: Recommendation) -> list:
        return list(obj.addressees.all())


class RecommendationActOut(Schema):
    title: Translated
    number: str
    date: datetime.date | None
    url: str


class RecommendationEventOut(Schema):
    id: int
    status: one_of(Status)
    from_status: one_of(Status) | None = Field(description="The status before this step; empty for the first")
    date: datetime.date
    text: Translated = Field(description="The response, or a note on the step")
    body: Ref | None = Field(description="The body that answered or acted")
    act: RecommendationActOut | None = Field(description="The act that implemented the recommendation")
    reason: Translated = Field(description="Why the recommendation was closed")
    created_at: datetime.datetime

    @staticmethod
    def resolve_from_status(obj: OutcomeEvent) -> str | None:
        return obj.from_status or None

    @staticmethod
    def resolve_act(obj: OutcomeEvent) -> dict | None:
        if not obj.act_date and not any((obj.act_title or {}).values()):
            return None
        return {"title": obj.act_title, "number": obj.act_number, "date": obj.act_date, "url": obj.act_url}


class RecommendationStatusCountOut(Schema):
    status: one_of(Status)
    count: int


class RecommendationFiguresOut(Schema):
    total: int
    implemented: int
    implemented_share: float | None = Field(description="Percent of the recommendations that are implemented")
    responses: int = Field(description="Recommendations with both a sending and a response")
    median_days_to_response: float | None = Field(description="Calendar days from sending to the response")
    median_working_days_to_response: float | None = Field(description="Working days from sending to the response")
    by_status: list[RecommendationStatusCountOut]


class RecommendationPackageDetailOut(RecommendationPackageOut):
    recommendations: list[RecommendationOut] = Field(description="In order of their numbers")
    figures: RecommendationFiguresOut

    @staticmethod
    def resolve_recommendations(obj: Package) -> list:
        return list(obj.recommendations.all())

    @staticmethod
    def resolve_figures(obj: Package):
        return obj.figures


class RecommendationDetailOut(RecommendationOut):
    package: Ref
    timeline: list[RecommendationEventOut] = Field(description="Every step, oldest first, from adoption on")
    url: Translated = Field(description="The recommendation's page on the portal, in each language")

    @staticmethod
    def resolve_package(obj: Recommendation) -> dict:
        return {"id": obj.package_id, "name": obj.package.title}

    @staticmethod
    def resolve_timeline(obj: Recommendation) -> list:
        return list(obj.events.all())

    @staticmethod
    def resolve_url(obj: Recommendation, context: dict) -> dict:
        return portal_links(context["request"], "recommendations:recommendation-detail", obj.pk)


class RecommendationFilters(Schema):
    status: one_of(Status) | None = None
    addressee: int | None = Field(None, ge=1, description="Organisation id: recommendations addressed to it")
    package: int | None = Field(None, ge=1, description="Package id")


# --- endpoints ------------------------------------------------------------------------------


@router.get(
    "/recommendation-packages",
    response={200: list[RecommendationPackageOut], **ERRORS},
    summary="Packages of recommendations",
    description="Packages adopted by the council, newest first, with how many recommendations each holds "
    "and how many are implemented.",
)
@paginate(Pagination)
def package_list(request: HttpRequest) -> QuerySet[Package]:
    return selectors.package_list(request.user).order_by("-adopted_on", "-id")


@router.get(
    "/recommendation-packages/{package_id}",
    response={200: RecommendationPackageDetailOut, **NOT_FOUND},
    summary="A package of recommendations with its figures",
    description="Its recommendations in order, and figures: share implemented, median days from sending to "
    "a response (calendar and working days), counts by status.",
)
def package_detail(request: HttpRequest, package_id: int) -> Package:
    package = get_object_or_404(selectors.package_list(request.user), pk=package_id)
    package = selectors.package_detail_queryset().get(pk=package.pk)
    package.recommendation_count = len(package.recommendations.all())
    package.implemented_count = sum(1 for r in package.recommendations.all() if r.status == Status.IMPLEMENTED)
    figures = selectors.recommendation_figures(package.recommendations.all())
    package.figures = {
        **figures.__dict__,
        "by_status": [{"status": row.status, "count": row.count} for row in figures.by_status],
    }
    return package


@router.get(
    "/recommendations",
    response={200: list[RecommendationOut], **ERRORS},
    summary="Recommendations",
    description="Every public recommendation, newest package first; filter by status, addressee or package.",
)
@paginate(Pagination)
def recommendation_list(request: HttpRequest, filters: Query[RecommendationFilters]) -> QuerySet[Recommendation]:
    qs = selectors.recommendations_visible_to(request.user)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.addressee:
        qs = qs.filter(addressees=filters.addressee)
    if filters.package:
        qs = qs.filter(package_id=filters.package)
    return qs.order_by("-package__adopted_on", "package_id", "number")


@router.get(
    "/recommendations/{recommendation_id}",
    response={200: RecommendationDetailOut, **NOT_FOUND},
    summary="A recommendation with its outcome timeline",
    description="Sent, response received (text, date, body), accepted / partially accepted / rejected, "
    "implemented (act, date, link) or closed (reason).",
)
def recommendation_detail(request: HttpRequest, recommendation_id: int) -> Recommendation:
    recommendation = selectors.recommendation_detail_queryset().filter(pk=recommendation_id).first()
    if recommendation is None or not request.user.has_perm("recommendations.view_recommendation", recommendation):
        raise Http404
    return recommendation
