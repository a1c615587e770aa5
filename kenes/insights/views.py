"""Public pages of the responsiveness index: the dashboard (national, a region, a maslikhat with
its deputies), its CSV export and the methodology. They read only the pre-aggregated figures."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from kenes.core.cache import public_page
from kenes.core.i18n import pick
from kenes.insights import charts, selectors
from kenes.insights.figures import min_sample
from kenes.insights.models import HISTOGRAM_TOP
from kenes.registry.models import Maslikhat, Region


def _context(overview: selectors.Overview, **extra) -> dict:
    return {
        "overview": overview,
        "min_sample": min_sample(),
        "bars": charts.share_bars(overview.rows),
        "trend_chart": charts.trend_svg(overview.trend),
        "is_demo": overview.is_demo,
        **extra,
    }


@public_page
def dashboard(request: HttpRequest) -> HttpResponse:
    overview = selectors.national_overview()
    return render(request, "insights/dashboard.html", _context(overview, level="national"))


@public_page
def region(request: HttpRequest, kato: str) -> HttpResponse:
    region = get_object_or_404(Region, kato=kato)
    overview = selectors.region_overview(region)
    return render(request, "insights/dashboard.html", _context(overview, level="region", region=region))


@public_page
def maslikhat(request: HttpRequest, pk: int) -> HttpResponse:
    maslikhat = get_object_or_404(Maslikhat.objects.select_related("region"), pk=pk)
    overview = selectors.maslikhat_overview(maslikhat)
    return render(
        request,
        "insights/dashboard.html",
        _context(overview, level="maslikhat", maslikhat=maslikhat, region=maslikhat.region),
    )


@public_page
def methodology(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "insights/methodology.html",
        {"min_sample": min_sample(), "histogram_top": HISTOGRAM_TOP, "window": selectors.WINDOW_MONTHS},
    )


CSV_COLUMNS = (
    ("appeals_due", "appeals_due"),
    ("answered_on_time", "answered_on_time"),
    ("on_time_share", "on_time_share"),
    ("answered", "answered"),
    ("median_working_days", "median_working_days"),
    ("rated", "rated"),
    ("rated_substance", "rated_substance"),
    ("substance_share", "substance_share"),
    ("mandates_total", "mandates_total"),
    ("mandates_executed", "mandates_executed"),
    ("mandates_executed_share", "mandates_executed_share"),
    ("reports_due", "reports_due"),
    ("reports_on_time", "reports_on_time"),
    ("reports_on_time_share", "reports_on_time_share"),
)


@public_page
def export_csv(request: HttpRequest) -> HttpResponse:
    """The dashboard's table as CSV: regions, or ?region=<KATO> its maslikhats, or ?maslikhat=<id>
    its deputies. Shares below the minimum sample are empty, as on the page."""
    kato = request.GET.get("region", "").strip()
    maslikhat_id = request.GET.get("maslikhat", "").strip()
    if maslikhat_id:
        body = get_object_or_404(Maslikhat, pk=maslikhat_id) if maslikhat_id.isdigit() else None
        if body is None:
            return HttpResponse(_("Unknown maslikhat."), status=400, content_type="text/plain; charset=utf-8")
        overview = selectors.maslikhat_overview(body)
        kind, filename = "deputy", f"kenes-insights-maslikhat-{body.pk}.csv"
    elif kato:
        body = get_object_or_404(Region, kato=kato)
        overview = selectors.region_overview(body)
        kind, filename = "maslikhat", f"kenes-insights-region-{body.kato}.csv"
    else:
        overview = selectors.national_overview()
        kind, filename = "region", "kenes-insights-regions.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # a BOM, so that spreadsheet programs read Cyrillic and Kazakh letters
    writer = csv.writer(response)
    writer.writerow(
        [kind, "id", "name", "period_from", "period_to", *[name for name, _key in CSV_COLUMNS], "min_sample"]
    )
    for row in overview.rows:
        data = row.figures.as_dict()
        ident = getattr(row.obj, "kato", None) or row.obj.pk
        writer.writerow(
            [
                kind,
                ident,
                pick(row.obj.name),
                overview.period.first.isoformat(),
                overview.period.last.isoformat(),
                *["" if data[key] is None else data[key] for _name, key in CSV_COLUMNS],
                row.figures.minimum,
            ]
        )
    return response
