"""Budgets and expenses through the API, on the permission matrix's world (Cesena's budget of 22,732.15 EUR and
its expense of 120.00 EUR, submitted by its staff): figures as decimal strings worked out by hand, each partner's
spending hidden from the others, an expense submitted with its receipt checked as on the pages, and decided by
the coordinator, never by who submitted it."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.permission_world import CESENA, COORDINATOR, EXPENSE_DESCRIPTION, PDF, RIGA, VOLUNTEER
from values.finance.models import Expense
from values.finance.services import submit_expense
from values.programme.models import Partner

from .conftest import ApiClient, token_client

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("api_finance")]

BASE = "/api/v1/programmes/820885"


def api_of(world, identity: str) -> ApiClient:
    return token_client(world.people[identity])


def receipt(name: str = "ticket.pdf", content: bytes = PDF, kind: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, kind)


def submit(api: ApiClient, **fields):
    """A multipart form, as a system sends the expense form with its receipt."""
    form = {"spent_on": "2020-04-02", "category": "equipment", "amount": "45.50", "currency": "EUR",
            "description": "A projector for the language café", "receipt": receipt()} | fields  # fmt: skip
    form = {name: value for name, value in form.items() if value is not None}
    return api.client.post(f"{BASE}/expenses/", data=form, headers=api.headers)


def stored_receipts() -> set[Path]:
    return set((Path(settings.MEDIA_ROOT) / "receipts").rglob("*"))


def test_cesenas_staff_read_its_budget_against_its_spending_as_decimal_strings(module_world):
    page = api_of(module_world, CESENA).get(f"{BASE}/budgets/")

    assert page.status_code == 200, page.content
    body = page.json()
    assert body["count"] == 1
    cesena = body["results"][0]
    assert (cesena["key"], cesena["total"], cesena["eu_contribution"], cesena["cofinancing"]) == (
        "cesena", "22732.15", "20458.94", "2273.21")  # fmt: skip
    # The expense of 120.00 waits for approval: nothing is spent yet, nothing is taken from the total.
    assert (cesena["spent"], cesena["pending"], cesena["remaining"]) == ("0.00", "120.00", "22732.15")
    assert body["summary"]["budget"] == "22732.15"
    assert body["summary"]["pending"] == "120.00"


def test_an_approved_expense_is_spent_in_its_category_with_the_indirect_flat_rate(module_world):
    coordinator = api_of(module_world, COORDINATOR)

    decided = coordinator.post(f"{BASE}/expenses/{module_world.expense.pk}/decision/", {"decision": "approve"})
    budget = coordinator.get(f"{BASE}/budgets/cesena/")

    assert decided.status_code == 200, decided.content
    assert decided.json()["status"] == "approved"
    body = budget.json()
    categories = {line["category"]: line for line in body["categories"]}
    assert categories["travel"]["spent"] == "120.00"
    assert categories["indirect"]["spent"] == "8.40"  # 7 % of the direct costs, half-up to the cent
    # 22,732.15 − (120.00 + 8.40) = 22,603.75; 128.40 / 22,732.15 = 0.56 %
    assert (body["spent"], body["pending"], body["remaining"], body["spent_rate"]) == (
        "128.40", "0.00", "22603.75", "0.0056")  # fmt: skip
    assert body["by_quarter"] == {"2020-Q1": "120.00"}


def test_the_coordinator_reads_every_partners_budget(module_world):
    body = api_of(module_world, COORDINATOR).get(f"{BASE}/budgets/?limit=100").json()

    assert body["count"] == 18  # every organisation of data/values.yaml; only Cesena states a budget
    assert [row["key"] for row in body["results"] if row["total"] is not None] == ["cesena"]
    assert body["summary"]["budget"] == "22732.15"
    assert {finding["subject"] for finding in body["findings"]} == {"cesena", "programme"}


def test_riga_does_not_learn_of_cesenas_expense_nor_read_its_spending(module_world):
    riga = api_of(module_world, RIGA)
    expense = f"{BASE}/expenses/{module_world.expense.pk}/"

    assert riga.get(expense).status_code == 404  # as the expense page: whether it exists is Cesena's to know
    assert riga.post(f"{expense}decision/", {"decision": "approve"}).status_code == 404
    assert riga.get(f"{BASE}/budgets/cesena/").status_code == 404
    assert riga.get(f"{BASE}/expenses/").json()["count"] == 0
    assert EXPENSE_DESCRIPTION not in riga.get(f"{BASE}/expenses/?partner=cesena").content.decode()
    assert [row["key"] for row in riga.get(f"{BASE}/budgets/").json()["results"]] == ["riga"]


def test_budgets_are_for_budget_readers_and_nobody_is_asked_to_sign_in(module_world):
    refused = api_of(module_world, VOLUNTEER).get(f"{BASE}/budgets/")
    nobody = ApiClient().get(f"{BASE}/expenses/")

    assert refused.status_code == 403
    assert refused.json()["detail"] == "The budgets are for the coordinator, experts and the partners' staff."
    assert nobody.status_code == 401
    assert nobody["WWW-Authenticate"] == "Bearer"


def test_expenses_are_filtered_by_partner_and_status(module_world):
    coordinator = api_of(module_world, COORDINATOR)

    cesenas = coordinator.get(f"{BASE}/expenses/?partner=cesena&status=submitted").json()

    assert cesenas["count"] == 1
    expense = cesenas["results"][0]
    assert (expense["amount"], expense["currency"], expense["amount_eur"], expense["rate"]) == (
        "120.00", "EUR", "120.00", "1.000000")  # fmt: skip
    assert (expense["description"], expense["receipt_type"], expense["spent_on"]) == (
        EXPENSE_DESCRIPTION, "application/pdf", "2020-03-12")  # fmt: skip
    assert coordinator.get(f"{BASE}/expenses/?status=approved").json()["count"] == 0
    assert coordinator.get(f"{BASE}/expenses/?partner=riga").json()["count"] == 0


def test_an_expense_is_submitted_with_its_receipt_for_ones_own_partner(module_world):
    made = submit(api_of(module_world, CESENA))

    assert made.status_code == 201, made.content
    body = made.json()
    expense = Expense.objects.get(pk=body["id"])
    assert made["Location"].endswith(f"{BASE}/expenses/{expense.pk}/")
    assert (body["partner"]["key"], body["amount_eur"], body["status"], body["receipt_type"]) == (
        "cesena", "45.50", "submitted", "application/pdf")  # fmt: skip
    assert (expense.spent_on, expense.receipt.read()) == (date(2020, 4, 2), PDF)


def test_a_receipt_that_is_not_what_it_claims_is_refused_naming_the_field_and_nothing_is_stored(module_world):
    before, files = Expense.objects.count(), stored_receipts()

    refused = submit(api_of(module_world, CESENA), receipt=receipt("ticket.pdf", b"GIF89a not a receipt", "image/gif"))

    assert refused.status_code == 422
    assert refused["Content-Type"] == "application/problem+json"
    errors = refused.json()["errors"]
    assert [error["pointer"] for error in errors] == ["#/receipt"]
    assert errors[0]["detail"] == "A receipt must be PDF, JPEG, PNG, WebP; this file is an unknown format."
    assert (Expense.objects.count(), stored_receipts()) == (before, files)


def test_each_missing_field_is_named(module_world):
    before = Expense.objects.count()

    refused = api_of(module_world, CESENA).client.post(f"{BASE}/expenses/", data={},
                                                       headers=api_of(module_world, CESENA).headers)  # fmt: skip

    assert refused.status_code == 422
    pointers = {error["pointer"] for error in refused.json()["errors"]}
    assert pointers == {"#/spent_on", "#/category", "#/amount", "#/currency", "#/description", "#/receipt"}
    assert Expense.objects.count() == before


def test_only_a_partners_own_staff_submit_its_expenses(module_world):
    before = Expense.objects.count()

    volunteer = submit(api_of(module_world, VOLUNTEER))
    for_riga = submit(api_of(module_world, CESENA), partner="riga")
    unknown = submit(api_of(module_world, CESENA), partner="atlantis")

    assert volunteer.status_code == 403
    assert for_riga.status_code == 403
    assert for_riga.json()["detail"] == "Only the partner's own staff submit its expenses."
    assert unknown.status_code == 422
    assert [error["pointer"] for error in unknown.json()["errors"]] == ["#/partner"]
    assert Expense.objects.count() == before


def test_the_coordinator_never_decides_their_own_expense(module_world):
    coordinator = api_of(module_world, COORDINATOR)
    own = submit(coordinator, description="The network's own train tickets")
    assert own.status_code == 201, own.content
    assert own.json()["partner"]["key"] == "eurocities"

    refused = coordinator.post(f"{BASE}/expenses/{own.json()['id']}/decision/", {"decision": "approve"})

    assert refused.status_code == 422
    assert refused.json()["detail"] == "An expense is approved or rejected by someone other than who submitted it."
    assert Expense.objects.get(pk=own.json()["id"]).status == "submitted"


def test_a_rejection_says_why_and_only_the_coordinator_decides(module_world):
    address = f"{BASE}/expenses/{module_world.expense.pk}/decision/"
    coordinator = api_of(module_world, COORDINATOR)

    by_owner = api_of(module_world, CESENA).post(address, {"decision": "reject", "reason": "Mine"})
    silent = coordinator.post(address, {"decision": "reject"})
    rejected = coordinator.post(address, {"decision": "reject", "reason": "No ticket number on the receipt"})
    again = coordinator.post(address, {"decision": "approve"})

    assert by_owner.status_code == 403
    assert silent.status_code == 422
    assert [error["pointer"] for error in silent.json()["errors"]] == ["#/reason"]
    assert rejected.status_code == 200
    assert (rejected.json()["status"], rejected.json()["reason"]) == ("rejected", "No ticket number on the receipt")
    assert again.status_code == 422
    assert again.json()["detail"] == "This expense was decided already."


def queries_of(api: ApiClient, address: str) -> int:
    api.get(address)  # the token's last use is noted once a minute: not by the request counted
    with CaptureQueriesContext(connection) as queries:
        assert api.get(address).status_code == 200
    return len(queries)


def test_the_expense_list_costs_the_same_queries_whatever_its_length(module_world):
    coordinator = api_of(module_world, COORDINATOR)
    one = queries_of(coordinator, f"{BASE}/expenses/")
    cesena = Partner.objects.get(programme=module_world.programme, organisation__key="cesena")
    for day in (3, 4):
        submit_expense(cesena, by=module_world.people[CESENA], spent_on=date(2020, 3, day), category="staff",
                       amount="10.00", currency="EUR", description="Coffee", receipt=receipt())  # fmt: skip

    three = queries_of(coordinator, f"{BASE}/expenses/")

    assert coordinator.get(f"{BASE}/expenses/").json()["count"] == 3
    assert three == one
