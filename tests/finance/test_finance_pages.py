"""The finance pages: submitting with a receipt, deciding, reversing, rates from CSV, who sees what."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import make_member
from tests.core.test_uploads import photo_bytes
from values.activities.models import Exchange, Participant
from values.finance.models import ExchangeRate, Expense
from values.finance.queries import budget_for_lines, budget_lines_of
from values.network.enums import Role
from values.programme.models import BudgetLine, Programme

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _submit(client, **changes):
    from values.programme.models import Partner

    data = {
        "partner": str(Partner.objects.get(organisation__key="cesena").pk), "spent_on": "2020-03-12",
        "category": "travel", "activity": "", "amount": "250.40", "currency": "EUR",
        "description": "Bus tickets for the exchange", "receipt": SimpleUploadedFile("t.pdf", PDF, "application/pdf"),
    }  # fmt: skip
    data.update(changes)
    return client.post("/en/p/820885/finance/expenses/new/", data)


def test_staff_submit_the_coordinator_approves_then_reverses(client, cesena_staff, coordinator):
    client.force_login(cesena_staff)
    submitted = _submit(client)
    expense = Expense.objects.get()
    client.force_login(coordinator)
    approved = client.post(f"/en/p/820885/finance/expenses/{expense.pk}/approve/")
    reversed_ = client.post(f"/en/p/820885/finance/expenses/{expense.pk}/reverse/", {"reason": "Paid by the host"})
    page = client.get(f"/en/p/820885/finance/expenses/{expense.pk}/")
    receipt = client.get(f"/en/p/820885/finance/expenses/{expense.pk}/receipt/")

    assert (submitted.status_code, approved.status_code, reversed_.status_code) == (302, 302, 302)
    assert list(Expense.objects.order_by("pk").values_list("amount_eur", "status")) == [
        (Decimal("250.40"), "approved"), (Decimal("-250.40"), "approved"),
    ]  # fmt: skip
    assert "Reversed by" in page.text
    assert receipt["Content-Type"] == "application/pdf"


def test_a_bad_expense_shows_the_form_again_with_the_field_named(client, cesena_staff):
    client.force_login(cesena_staff)

    response = _submit(client, amount="250.404", currency="NOK")

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["amount"] == ['"250.404" has more than two decimals.']
    assert errors["currency"] == ["There is no NOK rate for 2020-03: the coordinator imports it first."]
    assert Expense.objects.count() == 0


def test_other_cities_and_volunteers_see_no_expense(client, cesena_staff, riga_staff, volunteer):
    client.force_login(cesena_staff)
    _submit(client)
    expense = Expense.objects.get()
    client.force_login(riga_staff)
    other_city = client.get(f"/en/p/820885/finance/expenses/{expense.pk}/")
    other_list = client.get("/en/p/820885/finance/expenses/")
    other_approves = client.post(f"/en/p/820885/finance/expenses/{expense.pk}/approve/")
    client.force_login(volunteer)
    volunteer_page = client.get("/en/p/820885/finance/")

    assert other_city.status_code == 404
    assert "Bus tickets" not in other_list.text
    assert other_approves.status_code == 404
    assert volunteer_page.status_code == 403
    assert Expense.objects.get().status == "submitted"


def test_the_coordinator_imports_rates_and_a_bad_file_names_the_line(client, coordinator):
    client.force_login(coordinator)
    bad = client.post(
        "/en/p/820885/finance/rates/",
        {"rates-file": SimpleUploadedFile("r.csv", b"currency,month,rate\nNOK,2020-3x,11\n")},
    )
    good = client.post(
        "/en/p/820885/finance/rates/",
        {"rates-file": SimpleUploadedFile("r.csv", b"currency,month,rate\nNOK,2020-03,11.7235\n")},
    )

    assert bad.status_code == 400
    assert "line 2: month: “2020-3x” is not a month like 2020-03." in bad.text
    assert good.status_code == 302
    assert list(ExchangeRate.objects.values_list("currency", "rate")) == [("NOK", Decimal("11.723500"))]


def _lines_version() -> str:
    """The version of Cesena's budget lines the page's form carries (the page refuses a save from an older one)."""
    return budget_lines_of(budget_for_lines(Programme.objects.get(code="820885"), "cesena")).version


def test_budget_lines_and_the_overview_with_its_exports(client, coordinator):
    client.force_login(coordinator)
    lines = {"staff": "10000.00", "travel": "5000.00", "equipment": "1245.00", "external": "4000", "other": "1000"}
    saved = client.post("/en/p/820885/finance/budgets/cesena/", {**lines, "indirect_rate": "0.07",
                                                                  "version": _lines_version()})  # fmt: skip
    overview = client.get("/en/p/820885/finance/")
    workbook = client.get("/en/p/820885/finance/budget.xlsx")
    summary = client.get("/en/p/820885/finance/budget.pdf")

    assert saved.status_code == 302
    assert BudgetLine.objects.filter(budget__partner__organisation__key="cesena").count() == 5
    assert '<td class="number">1,487.15</td>' in overview.text  # 7 % of 21,245.00
    assert workbook["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert workbook.content[:2] == b"PK"
    assert summary.content[:5] == b"%PDF-"


def test_an_exchange_shows_its_subsistence_from_the_host_countrys_rate(client, accepted_plan, coordinator):
    exchange = Exchange.objects.get(host__key="cesena")
    guests = [make_member(f"guest{n}", exchange.guest.key, Role.CITY_STAFF) for n in range(3)]
    for guest, status in zip(guests, ("confirmed", "confirmed", "declined"), strict=True):
        Participant.objects.create(activity=exchange, user=guest, organisation=exchange.guest, status=status)
    client.force_login(coordinator)
    bad = client.post(
        "/en/p/820885/finance/rates/subsistence/", {"subsistence-country": "XX", "subsistence-daily_rate": "1.234"}
    )
    saved = client.post(
        "/en/p/820885/finance/rates/subsistence/", {"subsistence-country": "it", "subsistence-daily_rate": "120"}
    )

    page = client.get(f"/en/p/820885/activities/{exchange.pk}/")

    days = (exchange.end - exchange.start).days + 1
    assert days == 5  # the programme's exchange_days
    assert bad.status_code == 400
    assert bad.context["subsistence_form"].errors == {
        "country": ["Not an ISO 3166-1 country code."], "daily_rate": ['"1.234" has more than two decimals.'],
    }  # fmt: skip
    assert saved.status_code == 302
    # 5 days × 2 confirmed guests × €120.00 = €1,200.00
    assert "Subsistence: 5 days × 2 confirmed participants × €120.00 a day = €1,200.00." in page.text


def test_the_admin_shows_expenses_but_never_changes_them(client, cesena_staff, coordinator):
    client.force_login(cesena_staff)
    _submit(client)
    expense = Expense.objects.get()
    client.force_login(coordinator)

    view = client.get(f"/en/admin/finance/expense/{expense.pk}/change/")
    change = client.post(f"/en/admin/finance/expense/{expense.pk}/change/", {"amount": "1.00"})
    delete = client.post(f"/en/admin/finance/expense/{expense.pk}/delete/", {"post": "yes"})

    assert view.status_code == 200
    assert 'name="_save"' not in view.text
    assert (change.status_code, delete.status_code) == (403, 403)
    assert Expense.objects.get().amount == Decimal("250.40")


@pytest.mark.django_db
def test_the_rates_page_has_a_plain_title_and_one_subsistence_section(client, coordinator):
    client.force_login(coordinator)

    page = client.get("/en/p/820885/finance/rates/").text

    assert "<title>Exchange rates · VALUES</title>" in page
    assert page.count('id="subsistence-heading"') == 1


# A PDF that runs a script when it is opened: a receipt is saved to disk, never shown in the site's pages.
SCRIPTED_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n%%EOF\n"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "content_type", "extension"),
    [(SimpleUploadedFile("t.pdf", SCRIPTED_PDF, "application/pdf"), "application/pdf", ".pdf"),
     (SimpleUploadedFile("t.jpg", photo_bytes(), "image/jpeg"), "image/jpeg", ".jpg")],
    ids=["pdf", "jpeg"],
)  # fmt: skip
def test_a_receipt_is_a_sandboxed_download_never_shown_inline(client, cesena_staff, upload, content_type, extension):
    client.force_login(cesena_staff)
    _submit(client, receipt=upload)
    expense = Expense.objects.get()

    receipt = client.get(f"/en/p/820885/finance/expenses/{expense.pk}/receipt/")

    assert receipt["Content-Type"] == content_type
    assert receipt["Content-Disposition"] == f'attachment; filename="receipt-{expense.pk}{extension}"'
    assert receipt["X-Content-Type-Options"] == "nosniff"
    assert receipt["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert receipt["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_a_receipt_whose_file_is_gone_is_not_found_not_a_server_error(client, cesena_staff):
    client.force_login(cesena_staff)
    _submit(client)
    expense = Expense.objects.get()
    Path(expense.receipt.path).unlink()

    assert client.get(f"/en/p/820885/finance/expenses/{expense.pk}/receipt/").status_code == 404


@pytest.mark.django_db
def test_a_coordinator_is_not_offered_to_approve_their_own_expense_nor_an_unknown_decision(client, coordinator):
    from values.programme.models import Partner

    client.force_login(coordinator)
    _submit(client, partner=str(Partner.objects.get(organisation__key="eurocities").pk))
    expense = Expense.objects.get()

    page = client.get(f"/en/p/820885/finance/expenses/{expense.pk}/")
    unknown = client.post(f"/en/p/820885/finance/expenses/{expense.pk}/anything/", {"reason": "Because"})

    assert "Approve" not in page.text
    assert unknown.status_code == 404
    assert Expense.objects.count() == 1
    assert Expense.objects.get().status == "submitted"


@pytest.mark.django_db
def test_a_new_expense_without_a_receipt_is_told_what_to_attach(client, cesena_staff):
    client.force_login(cesena_staff)

    page = _submit(client, receipt="")

    assert "Attach the receipt (PDF or image)." in page.text
    assert not Expense.objects.exists()


# -- an expense names only a visit or exchange its partner takes part in --------------------------
def _choice_labels(response) -> list[str]:
    return [label for value, label in response.context["form"].fields["activity"].choices if value != ""]


def test_city_staff_are_offered_only_their_own_citys_visits_and_exchanges(client, riga_staff, accepted_plan):
    client.force_login(riga_staff)

    page = client.get("/en/p/820885/finance/expenses/new/")

    # Riga's community B1 visits (Riga, Cesena, Toulouse, Düsseldorf) and its two exchanges with Düsseldorf: who
    # travels where, and when (Babel's English interval, with thin spaces around the dash).
    assert _choice_labels(page) == [
        "Mentoring visit in Rīga, Apr 8\u2009–\u20099, 2019",
        "Exchange Rīga → Düsseldorf, May 20\u2009–\u200924, 2019",
        "Mentoring visit in Cesena, Sep 23\u2009–\u200924, 2019",
        "Mentoring visit in Toulouse, Mar 9\u2009–\u200910, 2020",
        "Exchange Düsseldorf → Rīga, Apr 20\u2009–\u200924, 2020",
        "Mentoring visit in Düsseldorf, Sep 14\u2009–\u200915, 2020",
    ]


def test_the_activities_are_named_in_the_pages_language(client, riga_staff, accepted_plan):
    client.force_login(riga_staff)

    page = client.get("/it/p/820885/finance/expenses/new/")

    assert _choice_labels(page)[:2] == [
        "Visita di tutoraggio a Rīga, 08–09 apr 2019",
        "Scambio Rīga → Düsseldorf, 20–24 mag 2019",
    ]


def test_a_forged_post_booking_another_citys_exchange_is_refused(client, riga_staff, accepted_plan):
    from values.programme.models import Partner

    client.force_login(riga_staff)
    cesena_toulouse = Exchange.objects.get(host__key="cesena", guest__key="toulouse")
    riga = Partner.objects.get(organisation__key="riga")

    response = _submit(client, partner=str(riga.pk), activity=str(cesena_toulouse.pk))

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "activity": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert Expense.objects.count() == 0


def test_the_service_refuses_an_activity_the_partner_takes_no_part_in(riga_staff, accepted_plan):
    from values.finance.services import submit_expense
    from values.programme.models import Partner

    cesena_toulouse = Exchange.objects.get(host__key="cesena", guest__key="toulouse")
    riga = Partner.objects.select_related("programme", "organisation").get(organisation__key="riga")

    with pytest.raises(ValidationError) as refused:
        submit_expense(
            riga, by=riga_staff, spent_on=date(2019, 3, 20), category="travel", amount="250.40", currency="EUR",
            description="Train", receipt=SimpleUploadedFile("t.pdf", PDF, "application/pdf"), activity=cesena_toulouse,
        )  # fmt: skip

    assert refused.value.message_dict == {"activity": ["City of Riga takes no part in this visit or exchange."]}
    assert Expense.objects.count() == 0


def test_staff_book_an_expense_against_their_own_exchange(client, riga_staff, accepted_plan):
    from values.programme.models import Partner

    client.force_login(riga_staff)
    own = Exchange.objects.get(host__key="dusseldorf", guest__key="riga")
    riga = Partner.objects.get(organisation__key="riga")

    response = _submit(client, partner=str(riga.pk), activity=str(own.pk))

    assert response.status_code == 302
    assert Expense.objects.get().activity_id == own.pk


# -- hostile input: a 400 that names the field and the reason, and nothing saved ------------------
HUGE = "99999999999999999999"
LONG = "x" * 100_000
NOT_A_CHOICE = "Select a valid choice. That choice is not one of the available choices."
PERIOD = "The date is outside the programme (2019-02-01 to 2021-01-31)."


def _amount(value: str) -> list[str]:
    return [f'"{value}" is not an amount like "1234.50".']


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"amount": HUGE}, {"amount": [f'"{HUGE}" is larger than the largest amount, 999999999999.99.']}),
        ({"amount": "-1"}, {"amount": ['"-1" is negative.']}),
        ({"amount": "0"}, {"amount": ["An expense is more than zero."]}),
        ({"amount": "NaN"}, {"amount": _amount("NaN")}),
        ({"amount": "1e400"}, {"amount": _amount("1e400")}),
        ({"amount": "Infinity"}, {"amount": _amount("Infinity")}),
        ({"amount": LONG}, {"amount": ["Ensure this value has at most 20 characters (it has 100000)."]}),
        ({"amount": ""}, {"amount": ["This field is required."]}),
        ({"spent_on": "0001-01-01"}, {"spent_on": [PERIOD]}),
        ({"spent_on": "9999-12-31"}, {"spent_on": [PERIOD]}),
        ({"spent_on": "NaN"}, {"spent_on": ["Enter a valid date."]}),
        ({"partner": HUGE}, {"partner": [NOT_A_CHOICE]}),
        ({"partner": "-1"}, {"partner": [NOT_A_CHOICE]}),
        ({"activity": HUGE}, {"activity": [NOT_A_CHOICE]}),
        ({"activity": "NaN"}, {"activity": [NOT_A_CHOICE]}),
        ({"category": "NaN"}, {"category": ["Select a valid choice. NaN is not one of the available choices."]}),
        ({"currency": LONG}, {"currency": ["Ensure this value has at most 3 characters (it has 100000)."]}),
        ({"currency": "NaN"}, {"currency": ["Not an ISO 4217 currency code."]}),
        ({"description": LONG}, {"description": ["Ensure this value has at most 2000 characters (it has 100000)."]}),
    ],
)
def test_a_hostile_expense_is_refused_naming_the_field(client, cesena_staff, media_root, changes, errors):
    client.force_login(cesena_staff)

    response = _submit(client, **changes)

    assert response.status_code == 400
    assert response.context["form"].errors == errors
    assert Expense.objects.count() == 0


def _rates_file(text: str) -> dict:
    return {"rates-file": SimpleUploadedFile("rates.csv", text.encode())}


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("NOK,2020-03,1e400", "line 2: rate: “1e400” is not a positive number of units per euro."),
        ("NOK,2020-03,NaN", "line 2: rate: “NaN” is not a positive number of units per euro."),
        ("NOK,2020-03,0", "line 2: rate: “0” is not a positive number of units per euro."),
        (f"NOK,2020-03,{HUGE}", f"line 2: rate: “{HUGE}” is larger than the largest rate kept, 999999999.999999."),
        ("NOK,2020-03,1.23456789", "line 2: rate: “1.23456789” has more than 6 decimals."),
        ("NOK,0001-01,11", "line 2: month: “0001-01” is not between 1999-01 (the euro's first month) and "),
        (f"NOK,{HUGE}-01,11", f"line 2: month: “{HUGE}-01” is not a month like 2020-03."),
        (f"NOK,2020-03,{'9' * 200_000}", "line 2: not CSV: field larger than field limit (131072)."),
    ],
)
def test_a_hostile_rate_table_names_line_and_column_and_the_rates_page_still_works(client, coordinator, line, problem):
    client.force_login(coordinator)

    response = client.post("/en/p/820885/finance/rates/", _rates_file(f"currency,month,rate\n{line}\n"))
    page = client.get("/en/p/820885/finance/rates/")

    assert response.status_code == 400
    [error] = response.context["form"].errors["file"]
    assert error.startswith(problem)
    assert ExchangeRate.objects.count() == 0
    assert page.status_code == 200


def test_a_rate_table_over_the_size_limit_is_refused_with_its_size(client, coordinator):
    client.force_login(coordinator)
    text = "currency,month,rate\n" + "NOK,2020-03,11.7235\n" * 60_000  # 1,200,020 bytes

    response = client.post("/en/p/820885/finance/rates/", _rates_file(text))

    assert response.status_code == 400
    assert response.context["form"].errors == {"file": ["The file is 1.1 MB; the limit is 1 MB."]}
    assert ExchangeRate.objects.count() == 0


def test_a_rate_of_1e400_is_not_stored_so_the_expense_form_still_opens(client, coordinator, cesena_staff):
    """1e400 used to be stored, and then broke every page that read the rates."""
    client.force_login(coordinator)
    client.post("/en/p/820885/finance/rates/", _rates_file("currency,month,rate\nNOK,2020-03,1e400\nNOK,2020-04,11\n"))
    client.force_login(cesena_staff)

    page = client.get("/en/p/820885/finance/expenses/new/")

    assert ExchangeRate.objects.count() == 0
    assert page.status_code == 200


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"daily_rate": "1000000.00"}, {"daily_rate": ["At most 999999.99 euro a day."]}),
        ({"daily_rate": HUGE}, {"daily_rate": ["Ensure this value has at most 12 characters (it has 20)."]}),
        ({"daily_rate": "9" * 12}, {"daily_rate": ["At most 999999.99 euro a day."]}),
        ({"daily_rate": "-1"}, {"daily_rate": ['"-1" is negative.']}),
        ({"daily_rate": "NaN"}, {"daily_rate": _amount("NaN")}),
        ({"daily_rate": "1e400"}, {"daily_rate": _amount("1e400")}),
        ({"daily_rate": LONG}, {"daily_rate": ["Ensure this value has at most 12 characters (it has 100000)."]}),
        ({"country": LONG}, {"country": ["Ensure this value has at most 2 characters (it has 100000)."]}),
        ({"country": ""}, {"country": ["This field is required."]}),
    ],
)
def test_a_hostile_subsistence_rate_is_refused_naming_the_field(client, coordinator, data, errors):
    from values.finance.models import SubsistenceRate

    client.force_login(coordinator)
    fields = {"country": "IT", "daily_rate": "120"} | data

    response = client.post(
        "/en/p/820885/finance/rates/subsistence/", {f"subsistence-{k}": v for k, v in fields.items()}
    )

    assert response.status_code == 400
    assert response.context["subsistence_form"].errors == errors
    assert SubsistenceRate.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"staff": HUGE}, {"staff": [f'"{HUGE}" is larger than the largest amount, 999999999999.99.']}),
        ({"staff": "-1"}, {"staff": ['"-1" is negative.']}),
        ({"travel": "NaN"}, {"travel": _amount("NaN")}),
        ({"travel": "1e400"}, {"travel": _amount("1e400")}),
        ({"other": LONG}, {"other": ["Ensure this value has at most 20 characters (it has 100000)."]}),
        ({"indirect_rate": "0.00001"}, {"indirect_rate": [
            "A rate between 0 and 1 with at most four decimals, e.g. 0.07 for 7 %."]}),
        ({"indirect_rate": "1e400"}, {"indirect_rate": [
            "A rate between 0 and 1 with at most four decimals, e.g. 0.07 for 7 %."]}),
        ({"indirect_rate": "NaN"}, {"indirect_rate": [
            "A rate between 0 and 1 with at most four decimals, e.g. 0.07 for 7 %."]}),
        ({"indirect_rate": LONG}, {"indirect_rate": ["Ensure this value has at most 8 characters (it has 100000)."]}),
    ],
)  # fmt: skip
def test_hostile_budget_lines_are_refused_naming_the_field(client, coordinator, changes, errors):
    client.force_login(coordinator)
    lines = {"staff": "10000.00", "travel": "5000.00", "equipment": "1245.00", "external": "4000", "other": "1000"}

    response = client.post(
        "/en/p/820885/finance/budgets/cesena/",
        {**lines, "indirect_rate": "0.07", "version": _lines_version(), **changes},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == errors
    assert BudgetLine.objects.filter(budget__partner__organisation__key="cesena").count() == 0


@pytest.mark.parametrize(
    ("decision", "reason", "errors"),
    [
        ("reject", "x" * 2_001, {"reason": ["Ensure this value has at most 2000 characters (it has 2001)."]}),
        ("reject", "", {"reason": ["This field is required."]}),
        ("reverse", LONG, {"reason": ["Ensure this value has at most 2000 characters (it has 100000)."]}),
    ],
)
def test_a_hostile_reason_shows_the_expense_again_with_the_field_named(
    client, cesena_staff, coordinator, decision, reason, errors
):
    client.force_login(cesena_staff)
    _submit(client)
    expense = Expense.objects.get()
    client.force_login(coordinator)
    if decision == "reverse":
        client.post(f"/en/p/820885/finance/expenses/{expense.pk}/approve/")

    response = client.post(f"/en/p/820885/finance/expenses/{expense.pk}/{decision}/", {"reason": reason})

    assert response.status_code == 400
    assert response.context["reason_form"].errors == errors
    assert Expense.objects.count() == 1


def test_approving_twice_is_a_400_with_the_reason(client, cesena_staff, coordinator):
    client.force_login(cesena_staff)
    _submit(client)
    expense = Expense.objects.get()
    client.force_login(coordinator)
    client.post(f"/en/p/820885/finance/expenses/{expense.pk}/approve/")

    again = client.post(f"/en/p/820885/finance/expenses/{expense.pk}/approve/")

    assert again.status_code == 400
    assert [str(m) for m in again.context["messages"] if m.level_tag == "error"] == [
        "This expense was decided already."
    ]


@pytest.mark.parametrize(
    "path",
    [
        f"/en/p/820885/finance/expenses/{HUGE}/",
        f"/en/p/820885/finance/expenses/{HUGE}/edit/",
        f"/en/p/820885/finance/expenses/{HUGE}/receipt/",
        f"/en/p/820885/finance/expenses/{HUGE}/approve/",
        f"/en/p/820885/finance/budgets/{LONG[:300]}/",
    ],
)
def test_a_finance_id_beyond_the_database_is_not_found(client, coordinator, path):
    client.force_login(coordinator)

    assert client.post(path).status_code == 404


@pytest.mark.parametrize("table", ["exchangerate", "subsistencerate"])
def test_the_admin_shows_the_rate_tables_and_leaves_changes_to_the_rates_page(client, coordinator, table):
    client.force_login(coordinator)

    listing = client.get(f"/en/admin/finance/{table}/")
    add = client.post(f"/en/admin/finance/{table}/add/", {"currency": "NOK", "month": "0001-01-01", "rate": "1e400"})

    assert (listing.status_code, add.status_code) == (200, 403)
    assert ExchangeRate.objects.count() == 0
