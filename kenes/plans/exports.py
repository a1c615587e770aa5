"""The matrix (items × regions) as CSV or XLSX, in the active language."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from kenes.core.i18n import pick
from kenes.plans.selectors import PlanView


def matrix_table(view: PlanView) -> list[list]:
    header = [
        _("No."),
        _("Item"),
        _("Deadline"),
        _("Status"),
        _("Overdue"),
        _("Progress, %"),
        *[pick(region.name_on(view.plan.period_end)) for region in view.regions],
    ]
    rows: list[list] = [header]
    for item, cells in view.rows():
        rows.append(
            [
                item.number,
                pick(item.title),
                item.deadline,
                item.get_status_display(),
                _("yes") if item.is_late else _("no"),
                item.progress,
                *[cell.text for cell in cells],
            ]
        )
    return rows


def _safe(value):
    """Spreadsheets run text that starts with = + - @ as a formula; quote it."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def matrix_csv(view: PlanView) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in matrix_table(view):
        writer.writerow([_safe(v.isoformat() if hasattr(v, "isoformat") else v) for v in row])
    # A byte-order mark lets spreadsheet programs read the file as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def matrix_xlsx(view: PlanView) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Matrix")[:31]
    for row in matrix_table(view):
        sheet.append([_safe(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2, min_col=3, max_col=3):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "C2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
