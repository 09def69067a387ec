"""The spreadsheet-cell rule: texts a spreadsheet would evaluate are written as text, and read back exactly."""

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from values.core.spreadsheets import append_xlsx_row, from_csv_cell, to_csv_cell, to_csv_row

pytestmark = pytest.mark.unit

few_examples = settings(max_examples=300, database=None, deadline=None)
HYPERLINK = '=HYPERLINK("http://evil.example","x")'
CMD = "=cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        (HYPERLINK, '\'=HYPERLINK("http://evil.example","x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        (CMD, "'=cmd|' /C calc'!A0"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("＝1+1", "'＝1+1"),
        ("＋1", "'＋1"),
        ("－1", "'－1"),
        ("＠SUM(A1)", "'＠SUM(A1)"),
        ("'quoted", "''quoted"),
        ("Normal text", "Normal text"),
        ("a=1", "a=1"),
        (" =1", " =1"),
        ("", ""),
    ],
)
def test_a_text_that_a_spreadsheet_would_evaluate_gets_a_leading_quote(text, cell):
    assert to_csv_cell(text) == cell
    assert from_csv_cell(cell) == text


def test_numbers_dates_and_none_are_not_texts_and_stay_as_they_are():
    row = [Decimal("-12.00"), -3, date(2020, 1, 31), None, "-12.00"]

    assert to_csv_row(row) == [Decimal("-12.00"), -3, date(2020, 1, 31), None, "'-12.00"]


def test_reading_removes_exactly_one_quote():
    assert from_csv_cell("''quoted") == "'quoted"
    assert from_csv_cell("'") == ""
    assert from_csv_cell("plain") == "plain"


@few_examples
@given(st.text())
def test_every_text_comes_back_exactly_and_is_never_written_as_a_formula(text):
    cell = to_csv_cell(text)

    assert from_csv_cell(cell) == text
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"))


@few_examples
@given(st.lists(st.lists(st.text(), min_size=1, max_size=4), min_size=1, max_size=4))
def test_a_csv_file_written_and_read_by_the_rule_gives_back_every_text(rows):
    stream = io.StringIO()
    csv.writer(stream).writerows(to_csv_row(row) for row in rows)

    read = [[from_csv_cell(cell) for cell in row] for row in csv.reader(io.StringIO(stream.getvalue()))]

    assert read == rows


# -- XLSX ------------------------------------------------------------------------------------------
def workbook_of(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        append_xlsx_row(workbook.active, row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def test_xlsx_texts_are_string_cells_with_their_exact_characters():
    texts = [HYPERLINK, "+1+1", "-2+3", "@SUM(A1)", CMD, "'quoted", "#N/A", "Normal text"]

    content = workbook_of([[text, Decimal("-12.50")] for text in texts])

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert [row[0].value for row in sheet.iter_rows()] == texts
    assert [row[0].data_type for row in sheet.iter_rows()] == ["s"] * 8
    assert [row[0].quotePrefix for row in sheet.iter_rows()] == [True, True, True, True, True, False, False, False]
    assert [row[1].value for row in sheet.iter_rows()] == [-12.5] * 8
    assert [row[1].data_type for row in sheet.iter_rows()] == ["n"] * 8
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")


def test_a_control_character_xlsx_cannot_hold_becomes_a_replacement_character():
    content = workbook_of([["Bell\x07 city"]])

    assert openpyxl.load_workbook(io.BytesIO(content)).active["A1"].value == "Bell\ufffd city"


def test_an_empty_row_appends_nothing():
    workbook = openpyxl.Workbook()

    cells = append_xlsx_row(workbook.active, [])

    assert cells == ()
