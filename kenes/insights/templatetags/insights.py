"""Cells of the index tables: a share or a median with its n, or "not enough data". A filter
rather than an {% include %}: the dashboard has some 200 cells and includes cost."""

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from kenes.insights.figures import Median, Share

register = template.Library()


def _no_data(n: int) -> str:
    return format_html(
        '<span class="insights-nodata">{} <span class="meta">(n = {})</span></span>', _("not enough data"), _n(n)
    )


def _n(value: int) -> str:
    return number_format(value, force_grouping=True)


@register.filter
def share_cell(share: Share) -> str:
    if not share.shown:
        return _no_data(share.whole)
    return format_html(
        '<strong>{}%</strong> <span class="meta">({}/{})</span>', share.percent, _n(share.part), _n(share.whole)
    )


@register.filter
def median_cell(median: Median) -> str:
    if not median.shown:
        return _no_data(median.n)
    value = median.value
    shown = median.display if median.open_ended else number_format(value, 0 if value == int(value) else 1)
    return format_html('<strong>{}</strong> <span class="meta">(n = {})</span>', shown, _n(median.n))
