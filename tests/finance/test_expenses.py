"""Expenses in any currency: the month's rate, who submits and who decides, corrections that keep the history."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from tests.conftest import make_member
from values.finance.models import ExchangeRate, Expense
from values.finance.services import (
    approve_expense,
    read_exchange_rates,
    reject_expense,
    reverse_expense,
    save_exchange_rates,
    submit_expense,
)
from values.network.enums import AuditAction, Role
from values.network.models import AuditEntry
from values.programme.models import Partner

pytestmark = pytest.mark.django_db

RATES_CSV = "currency,month,rate\nNOK,2020-03,11.7235\nCZK,2020-03,26.781\nNOK,2020-04,12.0000\n"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
TODAY = date(2021, 6, 15)  # rates are kept up to the month after the current one: 2021-07


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def rates(programme):
    rows, problems = read_exchange_rates(RATES_CSV, today=TODAY)
    assert problems == []
    save_exchange_rates(rows)


def _partner(key: str) -> Partner:
    return Partner.objects.select_related("programme").get(organisation__key=key)


def _submit(key: str, by, **changes) -> Expense:
    values = {
        "spent_on": date(2020, 3, 12), "category": "travel", "amount": "5000.00", "currency": "NOK",
        "description": "Train tickets to Riga", "receipt": SimpleUploadedFile("ticket.pdf", PDF, "application/pdf"),
    }  # fmt: skip
    values.update(changes)
    return submit_expense(_partner(key), by=by, **values)


def test_expenses_in_three_currencies_add_up_in_euro_at_the_months_rates(rates, coordinator):
    oslo = make_member("oslo-staff", "oslo", Role.CITY_STAFF)
    brno = make_member("brno-staff", "brno", Role.CITY_STAFF)
    cesena = make_member("cesena-staff", "cesena", Role.CITY_STAFF)

    nok = _submit("oslo", oslo)  # 5,000.00 / 11.7235 = 426.4938… → 426.49
    czk = _submit("brno", brno, amount="12345.67", currency="CZK")  # 12,345.67 / 26.781 = 460.9861… → 460.99
    eur = _submit("cesena", cesena, amount="1000.00", currency="EUR")
    april = _submit("oslo", oslo, spent_on=date(2020, 4, 2), amount="600.00")  # 600 / 12 = 50.00

    assert (nok.rate, nok.amount_eur) == (Decimal("11.723500"), Decimal("426.49"))
    assert (czk.rate, czk.amount_eur) == (Decimal("26.781000"), Decimal("460.99"))
    assert (eur.rate, eur.amount_eur) == (Decimal("1"), Decimal("1000.00"))
    assert april.amount_eur == Decimal("50.00")
    assert sum(e.amount_eur for e in Expense.objects.all()) == Decimal("1937.48")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"amount": "12.345"}, "amount", '"12.345" has more than two decimals.'),
        ({"amount": "-5.00"}, "amount", '"-5.00" is negative.'),
        ({"amount": "0"}, "amount", "An expense is more than zero."),
        ({"currency": "SEK"}, "currency", "There is no SEK rate for 2020-03: the coordinator imports it first."),
        ({"currency": "XYZ"}, "currency", "Not an ISO 4217 currency code."),
        ({"spent_on": date(2019, 1, 31)}, "spent_on", "The date is outside the programme (2019-02-01 to 2021-01-31)."),
        ({"spent_on": date(2021, 2, 1)}, "spent_on", "The date is outside the programme (2019-02-01 to 2021-01-31)."),
        ({"spent_on": None}, "spent_on", "Give the date the money was spent on."),
        ({"receipt": None}, "receipt", "Attach the receipt (PDF or image)."),
        (
            {"receipt": SimpleUploadedFile("receipt.pdf", b"MZ\x90\x00 not a pdf")},
            "receipt", "A receipt must be PDF, JPEG, PNG, WebP; this file is an unknown format.",
        ),
        ({"category": "indirect"}, "category", "Choose one of the funder's direct cost categories."),
    ],
)  # fmt: skip
def test_bad_expenses_name_the_field_and_save_nothing(rates, media_root, changes, field, message):
    oslo = make_member("oslo-staff", "oslo", Role.CITY_STAFF)

    with pytest.raises(ValidationError) as refused:
        _submit("oslo", oslo, **changes)

    assert message in refused.value.message_dict[field]
    assert Expense.objects.count() == 0
    assert list(media_root.rglob("*.*")) == []


def test_only_the_partners_staff_submit_and_only_the_coordinator_decides(rates, coordinator, riga_staff):
    oslo = make_member("oslo-staff", "oslo", Role.CITY_STAFF)
    with pytest.raises(PermissionDenied):
        _submit("oslo", riga_staff)
    expense = _submit("oslo", oslo)

    with pytest.raises(PermissionDenied):
        approve_expense(expense, by=oslo)
    with pytest.raises(ValidationError, match="Say why the expense is rejected"):
        reject_expense(expense, by=coordinator, reason=" ")
    approve_expense(expense, by=coordinator)

    assert Expense.objects.get().status == "approved"


def test_an_approved_expense_is_never_edited_only_reversed_and_the_history_stays(rates, coordinator):
    oslo = make_member("oslo-staff", "oslo", Role.CITY_STAFF)
    expense = approve_expense(_submit("oslo", oslo), by=coordinator)

    with pytest.raises(ValidationError, match="A decided expense cannot be changed"):
        _submit("oslo", oslo, amount="4000.00", expense=expense)
    correction = reverse_expense(expense, by=coordinator, reason="Paid twice")
    with pytest.raises(ValidationError, match="reversed already"):
        reverse_expense(expense, by=coordinator, reason="Again")

    expense.refresh_from_db()
    assert (expense.amount, expense.amount_eur, expense.status) == (Decimal("5000.00"), Decimal("426.49"), "approved")
    assert (correction.amount, correction.amount_eur, correction.rate) == (
        Decimal("-5000.00"), Decimal("-426.49"), expense.rate,
    )  # fmt: skip
    assert sum(e.amount_eur for e in Expense.objects.filter(status="approved")) == 0
    assert Expense.objects.count() == 2


def test_a_rate_table_with_problems_names_each_line_and_saves_nothing(programme):
    text = "currency,month,rate\nNOK,2020-13,11.7\nEUX,2020-03,1\nCZK,2020-03,-2\nCZK,2020-04,26.5\nCZK,2020-04,26.6\n"

    rows, problems = read_exchange_rates(text, today=TODAY)

    assert rows == []
    assert problems == [
        "line 2: month: “2020-13” is not a month like 2020-03.",
        "line 3: currency: “EUX” is not an ISO 4217 code.",
        "line 4: rate: “-2” is not a positive number of units per euro.",
        "line 6: month: CZK 2020-04 is given twice.",
    ]
    assert ExchangeRate.objects.count() == 0
    assert read_exchange_rates("code,when,value\nNOK,2020-03,11\n", today=TODAY)[1] == [
        "line 1: the columns must be currency, month, rate."
    ]


def test_the_import_rates_command_imports_a_good_file_and_nothing_from_a_bad_one(programme, tmp_path, capsys):
    good, bad = tmp_path / "rates.csv", tmp_path / "bad.csv"
    good.write_text(RATES_CSV)
    bad.write_text("currency,month,rate\nNOK,2020-05,eleven\n")

    call_command("import_rates", str(good))
    with pytest.raises(CommandError) as refused:
        call_command("import_rates", str(bad))

    printed = capsys.readouterr().out
    assert "3 rate(s) imported" in printed
    assert f"{bad}: line 2: rate: “eleven” is not a positive number of units per euro." in printed
    assert refused.value.returncode == 2
    assert ExchangeRate.objects.count() == 3


def test_a_submitted_expense_is_corrected_before_the_decision_and_keeps_its_receipt(rates, media_root):
    oslo = make_member("oslo-staff", "oslo", Role.CITY_STAFF)
    expense = _submit("oslo", oslo)
    receipt = expense.receipt.name

    corrected = _submit("oslo", oslo, amount="4689.40", receipt=None, expense=expense)

    corrected.refresh_from_db()
    # 4,689.40 / 11.7235 = 400.0000… → 400.00
    assert (corrected.pk, corrected.amount, corrected.amount_eur) == (expense.pk, Decimal("4689.40"), Decimal("400.00"))
    assert corrected.receipt.name == receipt
    assert Expense.objects.count() == 1


def test_a_receipt_over_the_limit_is_refused_with_its_size(rates, settings, media_root):
    settings.MAX_RECEIPT_MB = 1
    oslo = make_member("oslo-staff", "oslo", Role.CITY_STAFF)
    big = SimpleUploadedFile("receipt.pdf", PDF + b"0" * (1024 * 1024), "application/pdf")

    with pytest.raises(ValidationError) as refused:
        _submit("oslo", oslo, receipt=big)

    assert refused.value.message_dict == {"receipt": ["The receipt is 1.0 MB; the limit is 1 MB."]}
    assert Expense.objects.count() == 0


def test_rates_imported_again_replace_the_month_and_a_month_given_twice_keeps_the_last(programme):
    save_exchange_rates([("NOK", date(2020, 3, 1), Decimal("11.5000"))])

    save_exchange_rates([("NOK", date(2020, 3, 1), Decimal("11.6000")), ("NOK", date(2020, 3, 1), Decimal("11.7235"))])

    assert [(r.currency, r.month, r.rate) for r in ExchangeRate.objects.all()] == [
        ("NOK", date(2020, 3, 1), Decimal("11.7235"))
    ]


# -- rates and amounts bounded to what the database keeps -----------------------------------------
NOT_A_RATE = "is not a positive number of units per euro."


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("NOK,2020-03,1e400", f"line 2: rate: “1e400” {NOT_A_RATE}"),
        ("NOK,2020-03,NaN", f"line 2: rate: “NaN” {NOT_A_RATE}"),
        ("NOK,2020-03,Infinity", f"line 2: rate: “Infinity” {NOT_A_RATE}"),
        ("NOK,2020-03,0", f"line 2: rate: “0” {NOT_A_RATE}"),
        ("NOK,2020-03,0.000000", f"line 2: rate: “0.000000” {NOT_A_RATE}"),
        ("NOK,2020-03,-1", f"line 2: rate: “-1” {NOT_A_RATE}"),
        ("NOK,2020-03,", f"line 2: rate: “” {NOT_A_RATE}"),
        ("NOK,2020-03,1_000", f"line 2: rate: “1_000” {NOT_A_RATE}"),
        ("NOK,2020-03,11.7235001", "line 2: rate: “11.7235001” has more than 6 decimals."),
        (
            "NOK,2020-03,1000000000",
            "line 2: rate: “1000000000” is larger than the largest rate kept, 999999999.999999.",
        ),
        (
            "NOK,2020-03,99999999999999999999",
            "line 2: rate: “99999999999999999999” is larger than the largest rate kept, 999999999.999999.",
        ),
        ("NOK,0001-01,11", "line 2: month: “0001-01” is not between 1999-01 (the euro's first month) and 2021-07."),
        ("NOK,9999-12,11", "line 2: month: “9999-12” is not between 1999-01 (the euro's first month) and 2021-07."),
        ("NOK,1998-12,11", "line 2: month: “1998-12” is not between 1999-01 (the euro's first month) and 2021-07."),
        ("NOK,2021-08,11", "line 2: month: “2021-08” is not between 1999-01 (the euro's first month) and 2021-07."),
        ("NOK,0000-01,11", "line 2: month: “0000-01” is not between 1999-01 (the euro's first month) and 2021-07."),
        ("NOK,99999999999999999999-01,11", "line 2: month: “99999999999999999999-01” is not a month like 2020-03."),
        ("NOK,2020-03-01,11", "line 2: month: “2020-03-01” is not a month like 2020-03."),
        ("NOK,2020-00,11", "line 2: month: “2020-00” is not a month like 2020-03."),
    ],
)
def test_a_rate_or_month_the_database_cannot_keep_is_refused_naming_line_and_column(programme, line, problem):
    rows, problems = read_exchange_rates(f"currency,month,rate\n{line}\n", today=TODAY)

    assert (rows, problems) == ([], [problem])


def test_the_largest_and_smallest_rates_and_the_months_at_the_bounds_are_kept(programme):
    text = "currency,month,rate\nNOK,1999-01,999999999.999999\nNOK,2021-07,0.000001\nNOK,2020-3,11\n"

    rows, problems = read_exchange_rates(text, today=TODAY)
    save_exchange_rates(rows)

    assert problems == []
    assert [(r.month, r.rate) for r in ExchangeRate.objects.order_by("month")] == [
        (date(1999, 1, 1), Decimal("999999999.999999")),
        (date(2020, 3, 1), Decimal("11.000000")),
        (date(2021, 7, 1), Decimal("0.000001")),
    ]


def test_a_value_longer_than_csv_allows_is_a_problem_of_its_line_not_a_server_error(programme):
    text = "currency,month,rate\nNOK,2020-03,11\nNOK,2020-04," + "9" * 200_000 + "\n"

    rows, problems = read_exchange_rates(text, today=TODAY)

    assert (rows, problems) == ([], ["line 3: not CSV: field larger than field limit (131072)."])


def test_a_table_of_problems_lists_the_first_hundred(programme):
    text = "currency,month,rate\n" + "NOK,2020-03,x\n" * 150

    rows, problems = read_exchange_rates(text, today=TODAY)

    assert (rows, len(problems)) == ([], 101)
    assert problems[-1] == "… and 50 more problems."


def test_an_amount_larger_in_euro_than_the_database_keeps_is_refused(programme):
    save_exchange_rates([("KWD", date(2020, 3, 1), Decimal("0.330000"))])
    oslo = make_member("oslo-staff", "oslo", Role.CITY_STAFF)

    with pytest.raises(ValidationError) as refused:
        _submit("oslo", oslo, amount="999999999999.99", currency="KWD")

    assert refused.value.message_dict == {
        "amount": ["In euro this is more than the largest amount kept, 999999999999.99."]
    }
    assert Expense.objects.count() == 0


def test_a_description_beyond_its_length_is_refused_by_the_service(rates):
    oslo = make_member("oslo-staff", "oslo", Role.CITY_STAFF)

    with pytest.raises(ValidationError) as refused:
        _submit("oslo", oslo, description="x" * 2_001)

    assert refused.value.message_dict == {"description": ["At most 2000 characters; this text has 2001."]}
    assert Expense.objects.count() == 0


def test_every_decision_on_money_is_in_the_audit_log(rates, coordinator):
    oslo = make_member("oslo-staff", "oslo", Role.CITY_STAFF)
    approved = approve_expense(_submit("oslo", oslo), by=coordinator)
    rejected = reject_expense(_submit("oslo", oslo), by=coordinator, reason="No receipt for the taxi")

    reverse_expense(approved, by=coordinator, reason="Paid twice")

    entries = AuditEntry.objects.filter(action=AuditAction.EXPENSE_DECIDED).order_by("id")
    assert [(e.actor_name, e.target, e.detail["decision"]) for e in entries] == [
        ("coordinator", f"expense {approved.pk}", "approved"),
        ("coordinator", f"expense {rejected.pk}", "rejected"),
        ("coordinator", f"expense {approved.pk}", "reversed"),
    ]
    assert entries[0].detail["partner"] == "oslo"
