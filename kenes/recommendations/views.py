"""Public pages: packages of recommendations, a package, a recommendation with its outcome timeline."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kenes.core.cache import public_page
from kenes.core.pages import any_demo
from kenes.recommendations import selectors
from kenes.recommendations.models import Status


@public_page
def package_list(request: HttpRequest) -> HttpResponse:
    packages = list(selectors.package_list(request.user))
    figures = selectors.recommendation_figures(selectors.recommendations_visible_to(request.user))
    return render(
        request,
        "recommendations/package_list.html",
        {"packages": packages, "figures": figures, "is_demo": any_demo(packages)},
    )


@public_page
def package_detail(request: HttpRequest, pk: int) -> HttpResponse:
    package = selectors.package_detail_queryset().filter(pk=pk).first()
    if package is None or not request.user.has_perm("recommendations.view_package", package):
        raise Http404(_("No such package of recommendations."))
    recommendations = list(package.recommendations.all())
    figures = selectors.recommendation_figures(package.recommendations.all())
    return render(
        request,
        "recommendations/package_detail.html",
        {
            "package": package,
            "recommendations": recommendations,
            "figures": figures,
            "is_demo": package.is_demo or any_demo(recommendations),
        },
    )


@public_page
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = selectors.recommendation_detail_queryset().filter(pk=pk).first()
    if recommendation is None or not request.user.has_perm("recommendations.view_recommendation", recommendation):
        raise Http404(_("No such recommendation."))
    return render(
        request,
        "recommendations/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "package": recommendation.package,
            "events": list(recommendation.events.all()),
            "final": recommendation.status in (Status.IMPLEMENTED, Status.CLOSED),
            "is_demo": recommendation.is_demo or recommendation.package.is_demo,
        },
    )
