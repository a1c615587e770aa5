"""Import of plan items from a CSV or XLSX table: all rows or none.

Every row is checked first; if any row is wrong nothing is written and each error names its row
(row 1 is the header, so the first item is row 2). Then all items are created in one transaction
through plan_item_create (audited, assignees notified)."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kenes.core.files import extension
from kenes.core.i18n import LANGS
from kenes.plans import services
from kenes.plans.models import PlanItem, WorkPlan
from kenes.registry.models import Maslikhat, Region

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000

# (column, required, what it holds) — shown on the import page.
COLUMNS: list[tuple[str, bool, Any]] = [
    ("number", True, gettext_lazy("Item number in the plan: a whole number, unique in the plan and in the file.")),
    ("title_kk", False, gettext_lazy("Title in Kazakh.")),
    ("title_ru", False, gettext_lazy("Title in Russian.")),
    ("title_en", False, gettext_lazy("Title in English. At least one of the three titles is required.")),
    ("description_kk", False, gettext_lazy("Description in Kazakh (likewise description_ru, description_en).")),
    (
        "expected_result_kk",
        False,
        gettext_lazy("Expected result in Kazakh (likewise expected_result_ru, expected_result_en)."),
    ),
    ("deadline", True, gettext_lazy("Deadline: YYYY-MM-DD or DD.MM.YYYY (or a date cell in XLSX).")),
    (
        "executors",
        False,
        gettext_lazy(
            "Regions whose regional maslikhat executes the item, separated by “;”: KATO codes or names in any "
            "language; “*” means every region that exists on the deadline."
        ),
    ),
    ("co_executors", False, gettext_lazy("Regions whose regional maslikhat co-executes the item, as above.")),
]
KNOWN = {
    "number",
    "deadline",
    "executors",
    "co_executors",
    *(f"{name}_{lang}" for name in ("title", "description", "expected_result") for lang in LANGS),
}


@dataclass
class ParsedRow:
    row: int
    data: dict[str, Any]
    executors: list[Maslikhat] = field(default_factory=list)
    co_executors: list[Maslikhat] = field(default_factory=list)


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    return value


def read_table(upload) -> list[tuple[int, dict[str, Any]]]:
    """(row number, {column: value}) for each non-empty row of a CSV or XLSX file."""
    if upload.size > MAX_IMPORT_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."))
    ext = extension(upload.name)
    if ext == "xlsx":
        rows = _xlsx_rows(upload)
    elif ext == "csv":
        rows = _csv_rows(upload)
    else:
        raise ValidationError(_("Upload a CSV or XLSX file."))
    if not rows or not any(str(cell or "").strip() for cell in rows[0]):
        raise ValidationError(_("The file is empty."))
    header = [str(h or "").strip().lower() for h in rows[0]]
    missing = [name for name in ("number", "deadline") if name not in header]
    if missing:
        raise ValidationError(_("The header row lacks the column(s): %(cols)s.") % {"cols": ", ".join(missing)})
    if not any(f"title_{lang}" in header for lang in LANGS):
        raise ValidationError(_("The header row needs a title column: title_kk, title_ru or title_en."))
    unknown = [h for h in header if h and h not in KNOWN]
    if unknown:
        raise ValidationError(_("Unknown column(s): %(cols)s.") % {"cols": ", ".join(unknown)})
    out = []
    for number, values in enumerate(rows[1:], start=2):
        record = {name: _cell(value) for name, value in zip(header, values, strict=False) if name}
        if any(v not in (None, "") for v in record.values()):
            out.append((number, record))
    if not out:
        raise ValidationError(_("The file has a header but no items."))
    if len(out) > MAX_ROWS:
        raise ValidationError(_("At most %(n)d items can be imported at once.") % {"n": MAX_ROWS})
    return out


def _xlsx_rows(upload) -> list[list[Any]]:
    from openpyxl import load_workbook

    head = upload.read(4)
    upload.seek(0)
    if head != b"PK\x03\x04":
        raise ValidationError(_("This is not an XLSX file."))
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any unreadable workbook is the user's error to fix
        raise ValidationError(_("The XLSX file cannot be read.")) from error
    sheet = book.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _csv_rows(upload) -> list[list[str]]:
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("Save the CSV file in UTF-8.")) from error
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def parse_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    return None


class RegionIndex:
    """Finds a region by KATO code or by a name in any language, and its regional maslikhat."""

    def __init__(self) -> None:
        self.regions = list(Region.objects.all())
        self.by_key: dict[str, Region] = {}
        for region in self.regions:
            self.by_key[region.kato] = region
            names = [region.name] + [o.get("name", {}) for o in region.other_names or []]
            for name in names:
                for text in (name or {}).values():
                    if text:
                        self.by_key.setdefault(text.strip().lower(), region)
        self.maslikhats = {
            m.region_id: m for m in Maslikhat.objects.filter(level=Maslikhat.Level.REGIONAL).order_by("id")
        }

    def resolve(self, text: str, deadline: datetime.date | None) -> tuple[list[Maslikhat], list[str]]:
        found: list[Maslikhat] = []
        errors: list[str] = []
        for part in [p.strip() for p in str(text or "").split(";") if p.strip()]:
            if part == "*":
                day = deadline or datetime.date.today()  # noqa: DTZ011 - only a fallback when the date is wrong
                regions = [r for r in self.regions if r.valid_from <= day and (not r.valid_to or r.valid_to >= day)]
            else:
                region = self.by_key.get(part) or self.by_key.get(part.lower())
                if region is None:
                    errors.append(_("unknown region “%(name)s”") % {"name": part[:100]})
                    continue
                regions = [region]
            for region in regions:
                maslikhat = self.maslikhats.get(region.pk)
                if maslikhat is None:
                    errors.append(_("region “%(name)s” has no regional maslikhat") % {"name": part[:100]})
                elif maslikhat not in found:
                    found.append(maslikhat)
        return found, errors


def parse_rows(plan: WorkPlan, rows: list[tuple[int, dict[str, Any]]]) -> tuple[list[ParsedRow], list[str]]:
    """Check every row; returns the parsed rows and a list of "Row N: …" errors."""
    index = RegionIndex()
    existing = set(plan.items.values_list("number", flat=True))
    seen: dict[int, int] = {}
    parsed: list[ParsedRow] = []
    errors: list[str] = []
    for row_number, record in rows:
        problems: list[str] = []
        raw_number = record.get("number")
        number: int | None = None
        try:
            number = int(str(raw_number).strip().removesuffix(".0"))
            if number < 1:
                raise ValueError
        except (TypeError, ValueError):
            problems.append(_("the number “%(v)s” is not a positive whole number") % {"v": raw_number or ""})
        if number is not None:
            if number in existing:
                problems.append(_("item № %(n)d already exists in this plan") % {"n": number})
            elif number in seen:
                problems.append(
                    _("number %(n)d is repeated (also in row %(row)d)") % {"n": number, "row": seen[number]}
                )
            else:
                seen[number] = row_number
        title = {lang: str(record.get(f"title_{lang}") or "") for lang in LANGS}
        if not any(title.values()):
            problems.append(_("the title is missing"))
        deadline = parse_date(record.get("deadline"))
        if deadline is None:
            problems.append(
                _("the deadline “%(v)s” is not a date (use YYYY-MM-DD or DD.MM.YYYY)")
                % {"v": str(record.get("deadline") or "")[:30]}
            )
        executors, executor_errors = index.resolve(record.get("executors"), deadline)
        co_executors, co_errors = index.resolve(record.get("co_executors"), deadline)
        problems += executor_errors + co_errors
        if set(executors) & set(co_executors):
            problems.append(_("a region is both executor and co-executor"))
        data = {
            "number": number,
            "title": title,
            "description": {lang: str(record.get(f"description_{lang}") or "") for lang in LANGS},
            "expected_result": {lang: str(record.get(f"expected_result_{lang}") or "") for lang in LANGS},
            "deadline": deadline,
        }
        if not problems:
            candidate = PlanItem(plan=plan, **data)
            try:
                candidate.full_clean(exclude=["plan"], validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                problems += error.messages
        if problems:
            errors.append(_("Row %(row)d: %(problems)s.") % {"row": row_number, "problems": "; ".join(problems)})
        else:
            parsed.append(ParsedRow(row_number, data, executors, co_executors))
    return parsed, errors


@transaction.atomic
def plan_items_import(*, plan: WorkPlan, actor: Any, upload) -> list[PlanItem]:
    """Create every item of the table, or none: any bad row raises a ValidationError listing each
    bad row by its number, and nothing is written."""
    rows = read_table(upload)
    parsed, errors = parse_rows(plan, rows)
    if errors:
        raise ValidationError(errors)
    created = []
    for row in parsed:
        try:
            created.append(
                services.plan_item_create(
                    plan=plan,
                    actor=actor,
                    data=row.data,
                    assignee_maslikhats=row.executors,
                    co_executor_maslikhats=row.co_executors,
                )
            )
        except ValidationError as error:
            raise ValidationError(
                _("Row %(row)d: %(problems)s.") % {"row": row.row, "problems": "; ".join(error.messages)}
            ) from error
    return created
