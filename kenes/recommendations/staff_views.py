"""Staff pages: packages, recommendations, and recording each step of a recommendation's outcome.
Only the steps allowed from the current status are offered; the service has the last word."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kenes.core.http import allow, apply_service_error, error_messages, form_action
from kenes.councils.selectors import default_council
from kenes.recommendations import selectors, services
from kenes.recommendations.forms import PackageForm, RecommendationForm, TransitionForm
from kenes.recommendations.models import Package, Recommendation, Status


@login_required
@require_GET
def package_list(request: HttpRequest) -> HttpResponse:
    allow(request, "recommendations.view_workspace")
    packages = list(selectors.package_list(request.user))
    figures = selectors.recommendation_figures(selectors.recommendations_visible_to(request.user))
    return render(request, "recommendations/staff/package_list.html", {"packages": packages, "figures": figures})


@login_required
@require_http_methods(["GET", "POST"])
def package_create(request: HttpRequest) -> HttpResponse:
    allow(request, "recommendations.add_package")
    council = default_council()
    if council is None:
        raise Http404(_("No council has been set up yet."))
    form = PackageForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        adopted_by = data.pop("adopted_by", None)
        try:
            package = services.package_create(council=council, actor=request.user, data=data, adopted_by=adopted_by)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The package was created. Now add its recommendations."))
            return redirect("recommendations-staff:package", pk=package.pk)
    return render(request, "recommendations/staff/package_form.html", {"form": form})


def _package_page(request: HttpRequest, package: Package, form: RecommendationForm | None = None) -> HttpResponse:
    package = selectors.package_detail_queryset().get(pk=package.pk)
    return render(
        request,
        "recommendations/staff/package.html",
        {
            "package": package,
            "recommendations": list(package.recommendations.all()),
            "form": form or RecommendationForm(prefix="rec"),
        },
    )


@login_required
@require_GET
def package_page(request: HttpRequest, pk: int) -> HttpResponse:
    package = get_object_or_404(Package, pk=pk)
    allow(request, "recommendations.change_package", package)
    return _package_page(request, package)


@login_required
@require_POST
def recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    package = get_object_or_404(Package, pk=pk)
    allow(request, "recommendations.add_recommendation", package)

    def add(data: dict) -> Recommendation:
        data = dict(data)
        others = list(data.pop("other_addressees", []))
        return services.recommendation_create(package=package, actor=request.user, data=data, addressees=others)

    return form_action(
        request,
        add,
        form=RecommendationForm(request.POST, prefix="rec"),
        success=lambda rec: _("Recommendation № %(n)d was added.") % {"n": rec.number},
        done=lambda: redirect("recommendations-staff:package", pk=package.pk),
        page=lambda form: _package_page(request, package, form),
    )


def _recommendation_page(
    request: HttpRequest, recommendation: Recommendation, bound: TransitionForm | None = None
) -> HttpResponse:
    recommendation = selectors.recommendation_detail_queryset().get(pk=recommendation.pk)
    forms = [
        bound if bound is not None and bound.status == status else TransitionForm(status=status)
        for status in services.allowed_next(recommendation.status)
    ]
    return render(
        request,
        "recommendations/staff/recommendation.html",
        {
            "recommendation": recommendation,
            "package": recommendation.package,
            "events": list(recommendation.events.all()),
            "forms": forms,
        },
        status=400 if bound is not None else 200,
    )


@login_required
@require_GET
def recommendation_page(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_object_or_404(Recommendation, pk=pk)
    allow(request, "recommendations.transition_recommendation", recommendation)
    return _recommendation_page(request, recommendation)


@login_required
@require_POST
def recommendation_transition(request: HttpRequest, pk: int, status: str) -> HttpResponse:
    recommendation = get_object_or_404(Recommendation, pk=pk)
    allow(request, "recommendations.transition_recommendation", recommendation)
    if status not in Status.values:
        raise Http404(_("No such step."))
    if status not in services.allowed_next(recommendation.status):
        # A stale page (someone else moved it on): explain, do not fail.
        try:
            services.recommendation_transition(
                recommendation=recommendation, actor=request.user, to_status=status, data={}
            )
        except ValidationError as error:
            error_messages(request, error)
        return redirect("recommendations-staff:recommendation", pk=recommendation.pk)
    form = TransitionForm(request.POST, status=status)
    if form.is_valid():
        try:
            services.recommendation_transition(
                recommendation=recommendation, actor=request.user, to_status=status, data=form.cleaned_data
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request, _("Recorded: the recommendation is now “%(status)s”.") % {"status": Status(status).label}
            )
            return redirect("recommendations-staff:recommendation", pk=recommendation.pk)
    return _recommendation_page(request, recommendation, form)
