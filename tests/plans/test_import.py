"""Import of plan items from CSV and XLSX: all rows or none, with an error per bad row."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from kenes.core.models import AuditEntry
from kenes.plans.importing import plan_items_import
from kenes.plans.models import PlanItem
from kenes.registry.models import Maslikhat, Region

pytestmark = pytest.mark.django_db

HEADER = "number;title_kk;title_ru;title_en;deadline;executors;co_executors"


def csv_file(*lines: str, name: str = "items.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\n".join(lines) + "\n").encode("utf-8"), content_type="text/csv")


def xlsx_file(rows: list[list]) -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("items.xlsx", out.getvalue())


def _errors(world, upload) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        plan_items_import(plan=world.plan, actor=world.clerk, upload=upload)
    return caught.value.messages


def test_csv_import_creates_items_with_regions(world, reference):
    upload = csv_file(
        HEADER,
        "1;Дәрістер;Лекции;Lectures;2025-06-30;150000000;Almaty",
        "2;Көшпелі отырыстар;;;30.09.2025;*;",
    )
    created = plan_items_import(plan=world.plan, actor=world.clerk, upload=upload)
    assert [i.number for i in created] == [1, 2]
    first, second = created
    assert first.title == {"kk": "Дәрістер", "ru": "Лекции", "en": "Lectures"}
    assert first.deadline == datetime.date(2025, 6, 30) and second.deadline == datetime.date(2025, 9, 30)
    aktobe = Maslikhat.objects.get(region__kato="150000000", level="regional")
    almaty = Maslikhat.objects.get(region__kato="750000000", level="regional")
    assert set(first.assignees.values_list("maslikhat_id", "role")) == {
        (aktobe.pk, "executor"),
        (almaty.pk, "co_executor"),
    }
    regions_2025 = Region.objects.filter(Region.q_valid_on(datetime.date(2025, 9, 30))).count()
    assert second.assignees.count() == regions_2025  # the 20 regions and the test world's two
    assert AuditEntry.objects.filter(action="plans.item.created").count() == 2


def test_xlsx_import_reads_date_cells_and_names_in_any_language(world, reference):
    upload = xlsx_file(
        [
            ["number", "title_en", "deadline", "executors"],
            [1, "Lectures", datetime.datetime(2025, 6, 30), "Ақтөбе облысы; Almaty"],
            [2, "Sessions", "2025-07-01", "Nur-Sultan"],
        ]
    )
    created = plan_items_import(plan=world.plan, actor=world.clerk, upload=upload)
    assert [i.deadline for i in created] == [datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)]
    assert created[0].assignees.count() == 2
    assert created[1].assignees.get().maslikhat.region.kato == "710000000"  # Astana, once Nur-Sultan


def test_every_bad_row_is_reported_and_nothing_is_imported(world, reference):
    world.item(number=7)
    upload = csv_file(
        HEADER,
        "1;Дұрыс;;;2025-06-30;150000000;",  # a good row: not imported either
        "2;Күн;;;31.02.2025;;",  # bad date
        "3;Өңір;;;2025-06-30;Atlantis;",  # unknown region
        "4;;;;2025-06-30;;",  # missing title
        "1;Қайталау;;;2025-06-30;;",  # duplicate number in the file
        "7;Бар;;;2025-06-30;;",  # number already in the plan
        "x;Нөмір;;;2025-06-30;;",  # not a number
        "8;Екеуі;;;2025-06-30;150000000;150000000",  # executor and co-executor
    )
    errors = _errors(world, upload)
    assert errors == [
        "Row 3: the deadline “31.02.2025” is not a date (use YYYY-MM-DD or DD.MM.YYYY).",
        "Row 4: unknown region “Atlantis”.",
        "Row 5: the title is missing.",
        "Row 6: number 1 is repeated (also in row 2).",
        "Row 7: item № 7 already exists in this plan.",
        "Row 8: the number “x” is not a positive whole number.",
        "Row 9: a region is both executor and co-executor.",
    ]
    assert list(PlanItem.objects.values_list("number", flat=True)) == [7]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (csv_file("number;deadline", "1;2025-01-01"), "needs a title column"),
        (csv_file("title_kk;deadline", "A;2025-01-01"), "lacks the column(s): number"),
        (csv_file("number;title_kk;deadline;colour", "1;A;2025-01-01;red"), "Unknown column(s): colour"),
        (csv_file(HEADER), "no items"),
        (csv_file("", name="x.csv"), "empty"),
        (SimpleUploadedFile("items.txt", b"number"), "CSV or XLSX"),
        (SimpleUploadedFile("items.xlsx", b"not a zip"), "not an XLSX"),
        (SimpleUploadedFile("items.csv", "number;title_ru;deadline\n1;Лекции;2025-01-01".encode("cp1251")), "UTF-8"),
    ],
)
def test_file_level_errors(world, upload, message):
    errors = _errors(world, upload)
    assert any(message in e for e in errors), errors
    assert not PlanItem.objects.exists()


def test_import_page_documents_columns_and_shows_row_errors(client, world, reference):
    client.force_login(world.clerk)
    with translation.override("en"):
        target = reverse("plans-staff:import", args=[world.plan.pk])
        plan_url = reverse("plans-staff:plan-edit", args=[world.plan.pk])
    page = client.get(target).content.decode()
    for column in ("number", "title_kk", "deadline", "executors", "co_executors"):
        assert f"<code>{column}</code>" in page
    response = client.post(target, {"file": csv_file(HEADER, "1;А;;;2025-06-30;;", "2;Б;;;someday;;")})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nothing was imported" in body and "Row 3: the deadline “someday” is not a date" in body
    assert not PlanItem.objects.exists()
    response = client.post(target, {"file": csv_file(HEADER, "1;А;;;2025-06-30;;", "2;Б;;;2025-07-01;;")})
    assert response.status_code == 302 and response["Location"] == plan_url
    assert PlanItem.objects.count() == 2
