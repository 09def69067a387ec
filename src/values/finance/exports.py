"""Funder-report exports of budget against actual: an XLSX workbook (openpyxl) and a PDF summary (WeasyPrint).

Both take the `PartnerActuals` of `budget_against_actual` and show the same tables, built once here.
"""

import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from values.core.pdf import html_to_pdf
from values.core.spreadsheets import append_xlsx_row
from values.finance.queries import PartnerActuals

if TYPE_CHECKING:  # programme imports finance; finance names programme's types only for checking
    from values.programme.models import Programme

MONEY_FORMAT = "#,##0.00"
SHEET_TITLE_MAX = 31  # Excel refuses longer sheet names
NOT_IN_SHEET_TITLES = re.compile(r"[\\/?*\[\]:]")  # characters Excel refuses in sheet names
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
OVER_BUDGET = Font(color="A3121F")
WRAPPED = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class Row:
    label: str
    values: list[Decimal | None]  # None: no figure, an empty cell
    over_budget: bool = False


@dataclass(frozen=True)
class Table:
    rows: list[Row]
    total: Row


def summary_table(actuals: list[PartnerActuals]) -> Table:
    """Per partner: budget total, spent, remaining, forecast, pending; the total sums the figures given."""
    rows = [Row(p.name, [p.total, p.actual, p.remaining, p.forecast, p.pending], _overspent(p)) for p in actuals]
    return Table(rows, Row(_("Total"), _column_sums(rows, 5)))


def _overspent(partner: PartnerActuals) -> bool:
    return partner.remaining is not None and partner.remaining < 0


def category_table(partner: PartnerActuals) -> Table:
    """The funder's categories (direct, then indirect): planned, spent, remaining, forecast."""
    rows = [
        Row(str(c.label), [c.planned, c.actual, c.remaining, c.forecast], c.over_budget) for c in partner.categories
    ]
    return Table(rows, Row(_("Total"), _column_sums(rows, 4)))


def _column_sums(rows: list[Row], width: int) -> list[Decimal | None]:
    """Each column's sum of the figures given; None when the column has none (no plan is not a plan of 0)."""
    columns = [[value for row in rows if (value := row.values[i]) is not None] for i in range(width)]
    return [sum(column, Decimal(0)) if column else None for column in columns]


def _summary_headers() -> list[str]:
    return [
        _("Partner"),
        _("Budget total"),
        _("Spent"),
        _("Remaining"),
        _("Forecast"),
        _("Pending (submitted, not decided)"),
    ]


def _category_headers() -> list[str]:
    return [_("Category"), _("Planned"), _("Spent"), _("Remaining"), _("Forecast")]


# -- XLSX ------------------------------------------------------------------------------------------
def budget_workbook(programme: "Programme", actuals: list[PartnerActuals]) -> bytes:
    """A "Summary" sheet, then one sheet per partner with its categories and its spending per quarter."""
    workbook = Workbook()
    _summary_sheet(workbook.active, programme, actuals)
    titles = {"summary"}  # Excel compares sheet names without case
    for partner in actuals:
        _partner_sheet(workbook.create_sheet(_sheet_title(partner.key, titles)), partner)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _summary_sheet(sheet: Worksheet, programme: "Programme", actuals: list[PartnerActuals]) -> None:
    sheet.title = "Summary"  # not translated: a fixed name that readers and scripts can rely on
    title = _("%(acronym)s (%(code)s): budget against actual, in %(currency)s")
    _title(sheet, title % {"acronym": programme.acronym, "code": programme.code, "currency": programme.currency})
    _write_table(sheet, _summary_headers(), summary_table(actuals))
    _set_widths(sheet, first=40, others=16, count=6)


def _partner_sheet(sheet: Worksheet, partner: PartnerActuals) -> None:
    _title(sheet, _("%(partner)s, in %(currency)s") % {"partner": partner.name, "currency": partner.currency})
    _write_table(sheet, _category_headers(), category_table(partner))
    sheet.append([])
    _append(sheet, [_("Quarter"), _("Spent")], bold=True)
    for quarter, spent in partner.by_quarter.items():
        _append(sheet, [quarter, spent])
    _set_widths(sheet, first=32, others=16, count=5)


def _title(sheet: Worksheet, text: str) -> None:
    (cell,) = append_xlsx_row(sheet, [text])
    cell.font = TITLE


def _write_table(sheet: Worksheet, headers: list[str], table: Table) -> None:
    _append(sheet, headers, bold=True)
    sheet.freeze_panes = f"A{sheet.max_row + 1}"  # the header stays in view
    for row in table.rows:
        _append(sheet, [row.label, *row.values], over_budget=row.over_budget)
    _append(sheet, [table.total.label, *table.total.values], bold=True)


def _append(sheet: Worksheet, values: list, *, bold: bool = False, over_budget: bool = False) -> None:
    # Decimals go in as they are: a float would lose cents in the funder's figures. Texts such as
    # an organisation's name go in as text, never as a formula (core.spreadsheets).
    for cell in append_xlsx_row(sheet, values):
        if isinstance(cell.value, Decimal):
            cell.number_format = MONEY_FORMAT
            if over_budget:
                cell.font = OVER_BUDGET
        if bold:
            cell.font = BOLD
            cell.alignment = WRAPPED


def _set_widths(sheet: Worksheet, *, first: int, others: int, count: int) -> None:
    for index in range(1, count + 1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = first if index == 1 else others


def _sheet_title(key: str, taken: set[str]) -> str:
    """The partner's key as Excel allows it: its characters, at most 31 of them, unique in the workbook."""
    base = NOT_IN_SHEET_TITLES.sub("-", key)[:SHEET_TITLE_MAX] or "partner"
    title, number = base, 1
    while title.lower() in taken:
        number += 1
        suffix = f"-{number}"
        title = base[: SHEET_TITLE_MAX - len(suffix)] + suffix
    taken.add(title.lower())
    return title


# -- PDF -------------------------------------------------------------------------------------------
def budget_summary_pdf(programme: "Programme", actuals: list[PartnerActuals], *, today: date) -> bytes:
    """An A4 summary: the partners' table, then the categories of each partner with a plan or spending
    (a table of empty plans and zeros says nothing and would spread the summary over many pages)."""
    partners = [(partner, category_table(partner)) for partner in actuals if _has_figures(partner)]
    html = render_to_string(
        "finance/summary_pdf.html",
        {"programme": programme, "today": today, "summary": summary_table(actuals), "partners": partners},
    )
    return html_to_pdf(html)


def _has_figures(partner: PartnerActuals) -> bool:
    return any(c.planned is not None or c.actual or c.forecast for c in partner.categories)
