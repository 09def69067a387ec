"""Funder-report exports for Cesena: the workbook's sheets and figures, and the PDF summary."""

import io
import re
import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from values.finance.exports import budget_summary_pdf, budget_workbook
from values.finance.queries import PartnerActuals, budget_against_actual
from values.finance.services import approve_expense, save_budget_lines, submit_expense
from values.network.models import Organisation
from values.programme.models import Partner, PartnerBudget, Programme

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"
# As in test_budget_actual: 21,245.00 of direct costs and 7 % indirect (1,487.15) give 22,732.15.
CESENA_LINES = {"staff": "10000.00", "travel": "5000.00", "equipment": "1245.00", "external": "4000", "other": "1000"}
TODAY = date(2020, 1, 31)


@pytest.fixture
def actuals(programme, cesena_staff, coordinator, settings, tmp_path) -> list[PartnerActuals]:
    """Cesena's plan and one approved travel expense of 6,000.00 EUR on 5 November 2019."""
    settings.MEDIA_ROOT = tmp_path
    save_budget_lines(PartnerBudget.objects.get(partner__organisation__key="cesena"), amounts=CESENA_LINES,
                      indirect_rate="0.07", by=coordinator)  # fmt: skip
    partner = Partner.objects.get(organisation__key="cesena")
    expense = submit_expense(partner, by=cesena_staff, spent_on=date(2019, 11, 5), category="travel",
                             amount="6000.00", currency="EUR", description="Study visit",
                             receipt=SimpleUploadedFile("r.pdf", PDF, "application/pdf"))  # fmt: skip
    approve_expense(expense, by=coordinator)
    return budget_against_actual(programme, today=TODAY)


@pytest.fixture
def workbook(actuals) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(budget_workbook(Programme.objects.get(), actuals)))


def row_of(sheet, label: str) -> list:
    """The cells after the label in the first row whose first cell is `label`."""
    return next(list(row[1:]) for row in sheet.iter_rows() if row[0].value == label)


def figures(cells) -> list[Decimal | None]:
    # openpyxl reads numbers back as floats; through str they compare exactly with the expected Decimals.
    return [None if cell.value is None else Decimal(str(cell.value)) for cell in cells]


def pdf_text(content: bytes) -> str:
    """The PDF's text on one line, whitespace collapsed (as in tests/reports)."""
    pages = PdfReader(io.BytesIO(content)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


# -- workbook --------------------------------------------------------------------------------------
def test_the_workbook_has_the_summary_first_and_a_sheet_per_partner(workbook):
    names = workbook.sheetnames

    assert names[0] == "Summary"
    assert "cesena" in names
    assert len(names) == 1 + 18  # the 18 organisations of data/values.yaml
    assert workbook["Summary"]["A1"].value == "VALUES (820885): budget against actual, in EUR"


def test_the_summary_row_of_cesena_gives_its_total_spending_and_forecast(workbook):
    cells = row_of(workbook["Summary"], "City of Cesena")

    # budget total, spent (6,000.00 travel + 7 % indirect 420.00), remaining, forecast, pending.
    # Forecast: 6,000.00 × 731/365 days = 12,016.44, plus 7 % of it (841.15) = 12,857.59.
    assert figures(cells) == [Decimal("22732.15"), Decimal("6420.00"), Decimal("16312.15"), Decimal("12857.59"), 0]
    assert [cell.number_format for cell in cells] == ["#,##0.00"] * 5


def test_the_summary_total_sums_the_budgets_given(workbook):
    cells = row_of(workbook["Summary"], "Total")

    # Only Cesena has a budget in data/values.yaml and only Cesena has spent.
    assert figures(cells) == [Decimal("22732.15"), Decimal("6420.00"), Decimal("16312.15"), Decimal("12857.59"), 0]
    assert cells[0].font.bold


def test_the_cesena_sheet_shows_travel_over_budget_and_the_forecast(workbook):
    sheet = workbook["cesena"]

    travel = row_of(sheet, "travel and subsistence")

    assert figures(travel) == [Decimal("5000"), Decimal("6000"), Decimal("-1000"), Decimal("12016.44")]
    assert [cell.number_format for cell in travel] == ["#,##0.00"] * 4
    assert figures(row_of(sheet, "indirect costs")) == [
        Decimal("1487.15"), Decimal("420.00"), Decimal("1067.15"), Decimal("841.15"),
    ]  # fmt: skip
    assert figures(row_of(sheet, "Total")) == [
        Decimal("22732.15"), Decimal("6420.00"), Decimal("16312.15"), Decimal("12857.59"),
    ]  # fmt: skip


def test_the_cesena_sheet_lists_the_categories_in_the_funders_order_and_the_quarters(workbook):
    sheet = workbook["cesena"]

    labels = [row[0].value for row in sheet.iter_rows(min_row=2)]

    assert labels == [
        "Category", "staff", "travel and subsistence", "equipment", "external services", "other direct costs",
        "indirect costs", "Total", None, "Quarter", "2019-Q4",
    ]  # fmt: skip
    assert figures(row_of(sheet, "2019-Q4")[:1]) == [Decimal("6000.00")]
    assert sheet.freeze_panes == "A3"
    assert [cell.font.bold for cell in sheet[2]] == [True] * 5


def test_a_partner_without_budget_lines_has_empty_planned_cells(workbook):
    staff = row_of(workbook["riga"], "staff")

    assert figures(staff) == [None, Decimal("0"), None, Decimal("0")]


# Organisation names a spreadsheet would run as formulas, given to the first partners by key.
HOSTILE_NAMES = {
    "amsterdam": '=HYPERLINK("http://evil.example","x")',
    "bristol": "+1+1",
    "brno": "-2+3",
    "cesena": "@SUM(A1)",
    "dusseldorf": "=cmd|' /C calc'!A0",
    "eurocities": "'quoted",
    "madrid": "#N/A",
    "riga": "City of Riga",
}


@pytest.fixture
def hostile_workbook(programme) -> bytes:
    for key, name in HOSTILE_NAMES.items():
        Organisation.objects.filter(key=key).update(name={"en": name})
    return budget_workbook(programme, budget_against_actual(programme, today=TODAY))


def test_organisation_names_are_written_as_their_exact_text_never_as_formulas(hostile_workbook):
    workbook = openpyxl.load_workbook(io.BytesIO(hostile_workbook))

    labels = {row[0].value: row[0] for row in workbook["Summary"].iter_rows(min_row=3)}
    titles = {key: workbook[key]["A1"] for key in HOSTILE_NAMES}

    assert {name: labels[name].data_type for name in HOSTILE_NAMES.values()} == dict.fromkeys(
        HOSTILE_NAMES.values(), "s"
    )
    assert {key: (cell.value, cell.data_type) for key, cell in titles.items()} == {
        "amsterdam": ('=HYPERLINK("http://evil.example","x"), in EUR', "s"),
        "bristol": ("+1+1, in EUR", "s"),
        "brno": ("-2+3, in EUR", "s"),
        "cesena": ("@SUM(A1), in EUR", "s"),
        "dusseldorf": ("=cmd|' /C calc'!A0, in EUR", "s"),
        "eurocities": ("'quoted, in EUR", "s"),
        "madrid": ("#N/A, in EUR", "s"),
        "riga": ("City of Riga, in EUR", "s"),
    }
    assert labels["-2+3"].quotePrefix is True
    assert labels["City of Riga"].quotePrefix is False


def test_the_workbook_holds_no_formula_at_all(hostile_workbook):
    archive = zipfile.ZipFile(io.BytesIO(hostile_workbook))
    sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]

    assert len(sheets) == 1 + 18
    assert [name for name in sheets if b"<f>" in archive.read(name) or b"<f " in archive.read(name)] == []
    assert b'<is><t>=HYPERLINK("http://evil.example","x")</t></is>' in archive.read("xl/worksheets/sheet1.xml")


# -- PDF -------------------------------------------------------------------------------------------
def test_the_pdf_summary_shows_the_date_the_totals_and_cesenas_categories(actuals):
    content = budget_summary_pdf(Programme.objects.get(), actuals, today=TODAY)

    assert content[:4] == b"%PDF"
    assert len(PdfReader(io.BytesIO(content)).pages) <= 2
    text = pdf_text(content)
    assert "Figures as of 31 January 2020" in text
    assert "22,732.15" in text
    assert "6,420.00" in text
    assert "travel and subsistence (over budget) 5,000.00 6,000.00 -1,000.00 12,016.44" in text
