"""The coordinator's finance settings through the API: exchange rates from the rate file's text or JSON rows (every
bad line named, nothing saved), Cesena's budget lines (22,732.15 EUR: 21,245.00 direct + 7 % indirect) guarded
against two coordinators saving at once on the page and in the API alike, and the subsistence rates."""

import json
from decimal import Decimal

import pytest

from values.finance.models import ExchangeRate, SubsistenceRate
from values.finance.queries import budget_for_lines, budget_lines_of
from values.finance.services import save_budget_lines
from values.programme.models import BudgetLine, PartnerBudget, Programme

from .conftest import token_client

pytestmark = pytest.mark.django_db

BASE = "/api/v1/programmes/820885"
LINES = f"{BASE}/budgets/cesena/lines/"
PAGE = "/en/p/820885/finance/budgets/cesena/"
# 21,245.00 of direct costs and 7 % indirect (1,487.15) give Cesena's total of 22,732.15.
CESENA_LINES = {"staff": "10000.00", "travel": "5000.00", "equipment": "1245.00", "external": "4000", "other": "1000"}
RATES_CSV = "currency,month,rate\nNOK,2020-03,11.7235\nNOK,2020-04,11.9000\n"


@pytest.fixture
def api(coordinator):
    return token_client(coordinator)


def cesena_lines() -> dict[str, Decimal]:
    return dict(
        BudgetLine.objects.filter(budget__partner__organisation__key="cesena").values_list("category", "amount")
    )


def errors(response) -> list[tuple[str, str]]:
    return [(error.get("pointer") or error.get("parameter"), error["detail"]) for error in response.json()["errors"]]


# -- exchange rates ---------------------------------------------------------------------------
def test_rates_from_the_files_text_and_rows_are_saved_and_listed_by_currency(api):
    saved = api.post(f"{BASE}/exchange-rates/", {
        "csv": RATES_CSV, "rows": [{"currency": "sek", "month": "2020-03", "rate": "10.9475"}]})  # fmt: skip
    listed = api.get(f"{BASE}/exchange-rates/?currency=nok")

    assert saved.status_code == 200, saved.content
    assert saved.json() == {"saved": 3}
    assert listed.json()["count"] == 2
    assert listed.json()["results"] == [
        {"currency": "NOK", "month": "2020-04", "rate": "11.900000"},
        {"currency": "NOK", "month": "2020-03", "rate": "11.723500"},
    ]
    assert ExchangeRate.objects.get(currency="SEK").rate == Decimal("10.9475")


def test_every_bad_line_and_row_is_named_and_nothing_is_saved(api):
    csv = "currency,month,rate\nNOK,2020-3x,11.7\nABC,2020-03,1\nSEK,2020-03,10.9\n"
    rows = [{"currency": "DKK", "month": "2020-03", "rate": "7.47"}, {"currency": "SEK", "month": "2020-03",
            "rate": "0"}, {"currency": "CHF", "month": "2020-03", "rate": "1.0000001"}]  # fmt: skip

    refused = api.post(f"{BASE}/exchange-rates/", {"csv": csv, "rows": rows})

    assert refused.status_code == 422
    assert errors(refused) == [
        ("#/csv", "line 2: month: “2020-3x” is not a month like 2020-03."),
        ("#/csv", "line 3: currency: “ABC” is not an ISO 4217 code."),
        ("#/rows/1", "rate: “0” is not a positive number of units per euro."),
        ("#/rows/2", "rate: “1.0000001” has more than 6 decimals."),
    ]
    assert ExchangeRate.objects.count() == 0


def test_a_month_given_in_the_file_is_not_given_again_in_the_rows(api):
    refused = api.post(f"{BASE}/exchange-rates/", {
        "csv": RATES_CSV, "rows": [{"currency": "NOK", "month": "2020-04", "rate": "12"}]})  # fmt: skip

    assert refused.status_code == 422
    assert errors(refused) == [("#/rows/0", "month: NOK 2020-04 is given twice.")]
    assert ExchangeRate.objects.count() == 0


def test_rates_need_the_files_text_or_rows_and_a_file_over_the_limit_is_refused_before_it_is_read(api):
    nothing = api.post(f"{BASE}/exchange-rates/", {})
    # 600,000 characters, but 1.2 MB of UTF-8 as a file (sent unescaped: the body stays under Django's limit)
    text = json.dumps({"csv": "currency,month,rate\n" + "é" * 600_000}, ensure_ascii=False)
    large = api.client.post(f"{BASE}/exchange-rates/", text, content_type="application/json", headers=api.headers)
    numbers = api.post(f"{BASE}/exchange-rates/", {"rows": [{"currency": "NOK", "month": "2020-03", "rate": 11.7}]})

    assert nothing.status_code == 422
    assert errors(nothing) == [("#/csv", "Give the rates as the CSV file's text, as rows, or both.")]
    assert errors(large) == [("#/csv", "The file is 1.1 MB; the limit is 1 MB.")]
    assert numbers.status_code == 422
    assert errors(numbers)[0][0] == "#/rows/0/rate"
    assert ExchangeRate.objects.count() == 0


def test_the_page_and_the_api_refuse_the_same_file_with_the_same_words(api, client, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    csv = "currency,month,rate\nNOK,2020-3x,11.7\n"
    client.force_login(coordinator)

    page = client.post("/en/p/820885/finance/rates/", {"rates-file": SimpleUploadedFile("r.csv", csv.encode())})
    refused = api.post(f"{BASE}/exchange-rates/", {"csv": csv})

    assert page.status_code == 400
    assert page.context["form"].errors["file"] == [detail for _pointer, detail in errors(refused)]


def test_only_the_coordinator_keeps_the_rate_tables(cesena_staff):
    staff = token_client(cesena_staff)

    assert staff.get(f"{BASE}/exchange-rates/").status_code == 403
    assert staff.post(f"{BASE}/exchange-rates/", {"csv": RATES_CSV}).status_code == 403
    assert ExchangeRate.objects.count() == 0


# -- budget lines -----------------------------------------------------------------------------
def test_budget_lines_are_read_with_their_etag_and_saved_with_it(api):
    before = api.get(LINES)

    saved = api.put(LINES, {"lines": CESENA_LINES, "indirect_rate": "0.07"}, headers={"If-Match": before["ETag"]})

    assert before.status_code == 200
    assert before.json()["lines"] == dict.fromkeys(CESENA_LINES)
    assert (before.json()["total"], before.json()["indirect_rate"], before.json()["planned"]) == (
        "22732.15", "0.0700", None)  # fmt: skip
    assert saved.status_code == 200, saved.content
    body = saved.json()
    assert body["lines"] == {"staff": "10000.00", "travel": "5000.00", "equipment": "1245.00", "external": "4000.00",
                             "other": "1000.00"}  # fmt: skip
    assert (body["indirect"], body["planned"]) == ("1487.15", "22732.15")
    assert [f["message"] for f in body["findings"] if "categories plan" in f["message"]] == []
    assert saved["ETag"] == body["version"] != before["ETag"]
    assert cesena_lines()["equipment"] == Decimal("1245.00")


def test_lines_that_miss_the_total_are_saved_and_the_budget_check_says_so(api):
    version = api.get(LINES)["ETag"]

    saved = api.put(LINES, {"lines": {**CESENA_LINES, "other": "1100.00"}, "indirect_rate": "0.07"},
                    headers={"If-Match": version})  # fmt: skip

    # 21,345.00 + 7 % (1,494.15) = 22,839.15, as the finance page's budget check reports it.
    assert saved.status_code == 200
    assert saved.json()["planned"] == "22839.15"
    assert "City of Cesena: the categories plan 22,839.15 (indirect costs included), not the total 22,732.15." in [
        finding["message"] for finding in saved.json()["findings"]
    ]


def test_a_save_without_a_version_is_428_and_one_from_an_old_version_412_with_the_lines_now(api, coordinator):
    old = api.get(LINES)["ETag"]
    first = api.put(LINES, {"lines": CESENA_LINES, "indirect_rate": "0.07"}, headers={"If-Match": old})

    unguarded = api.put(LINES, {"lines": {**CESENA_LINES, "staff": "1.00"}, "indirect_rate": "0.07"})
    stale = api.put(LINES, {"lines": {**CESENA_LINES, "staff": "2.00"}, "indirect_rate": "0.05"},
                    headers={"If-Match": old})  # fmt: skip

    assert first.status_code == 200
    assert unguarded.status_code == 428
    assert stale.status_code == 412
    assert stale["ETag"] == first["ETag"]
    assert stale.json()["current"]["lines"]["staff"] == "10000.00"
    assert stale.json()["current"]["version"] == first["ETag"]
    assert cesena_lines()["staff"] == Decimal("10000.00")
    assert PartnerBudget.objects.get(partner__organisation__key="cesena").indirect_rate == Decimal("0.0700")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"lines": {**CESENA_LINES, "staff": "10.001", "travel": "-1"}, "indirect_rate": "2"}, [
            ("#/lines/staff", '"10.001" has more than two decimals.'),
            ("#/lines/travel", '"-1" is negative.'),
            ("#/indirect_rate", "A rate between 0 and 1 with at most four decimals, e.g. 0.07 for 7 %."),
        ]),
        ({"lines": {**CESENA_LINES, "other": "NaN"}, "indirect_rate": "0.07"}, [
            ("#/lines/other", '"NaN" is not an amount like "1234.50".'),
        ]),
    ],
)  # fmt: skip
def test_bad_lines_are_refused_naming_the_field_and_nothing_is_saved(api, body, expected):
    refused = api.put(LINES, body, headers={"If-Match": api.get(LINES)["ETag"]})

    assert refused.status_code == 422
    assert errors(refused) == expected
    assert cesena_lines() == {}


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"lines": {"food": "10.00"}, "indirect_rate": "0.07"}, "#/lines/food/[key]"),
        ({"lines": {"staff": 10}, "indirect_rate": "0.07"}, "#/lines/staff"),
        ({"lines": {"staff": "1" * 21}, "indirect_rate": "0.07"}, "#/lines/staff"),
        ({"lines": CESENA_LINES}, "#/indirect_rate"),
    ],
)
def test_a_body_that_is_not_the_lines_is_refused_naming_the_field(api, body, pointer):
    refused = api.put(LINES, body, headers={"If-Match": api.get(LINES)["ETag"]})

    assert refused.status_code == 422
    assert [where for where, _detail in errors(refused)] == [pointer]
    assert cesena_lines() == {}


def test_who_is_not_the_coordinator_does_not_keep_the_lines_and_an_unknown_partner_is_404(api, cesena_staff):
    staff = token_client(cesena_staff)

    assert staff.get(LINES).status_code == 403
    assert staff.put(LINES, {"lines": CESENA_LINES, "indirect_rate": "0.07"}, headers={"If-Match": '"x"'}).status_code \
        == 403  # fmt: skip
    assert api.get(f"{BASE}/budgets/nowhere/lines/").status_code == 404
    assert cesena_lines() == {}


def test_the_page_and_the_api_share_the_version_and_the_lines(api, client, coordinator):
    client.force_login(coordinator)
    opened = client.get(PAGE).context["form"]["version"].value()
    before = api.get(LINES)["ETag"]

    saved = client.post(PAGE, {**CESENA_LINES, "indirect_rate": "0.07", "version": opened})
    read = api.get(LINES)

    assert f'"{opened}"' == before
    assert saved.status_code == 302
    assert read.json()["lines"]["external"] == "4000.00"
    assert client.get(PAGE).context["form"]["version"].value() == read["ETag"].strip('"')


def test_the_pages_stale_save_is_refused_with_the_other_coordinators_figures(api, client, coordinator):
    client.force_login(coordinator)
    opened = client.get(PAGE).context["form"]["version"].value()
    api.put(LINES, {"lines": CESENA_LINES, "indirect_rate": "0.07"}, headers={"If-Match": f'"{opened}"'})

    stale = client.post(PAGE, {**CESENA_LINES, "staff": "9000.00", "indirect_rate": "0.07", "version": opened})
    again = client.post(PAGE, {**CESENA_LINES, "staff": "9000.00", "indirect_rate": "0.07",
                               "version": stale.context["form"]["version"].value()})  # fmt: skip

    assert stale.status_code == 400
    assert stale.context["form"].non_field_errors() == [
        "Someone saved this budget since you opened it, and nothing was saved. It now plans staff: 10,000.00; travel "
        "and subsistence: 5,000.00; equipment: 1,245.00; external services: 4,000.00; other direct costs: 1,000.00, "
        "with indirect costs of 7.0%. Save again to replace their figures with yours."
    ]
    assert again.status_code == 302
    assert cesena_lines()["staff"] == Decimal("9000.00")


def test_the_service_refuses_a_save_from_an_old_version(coordinator):
    budget = budget_for_lines(Programme.objects.get(), "cesena")
    old = budget_lines_of(budget).version
    save_budget_lines(budget, amounts=CESENA_LINES, indirect_rate="0.07", by=coordinator, version=old)

    from values.core.versions import StaleVersion

    with pytest.raises(StaleVersion) as stale:
        save_budget_lines(budget, amounts={**CESENA_LINES, "staff": "1"}, indirect_rate="0.07", by=coordinator,
                          version=old)  # fmt: skip

    assert stale.value.current.lines["staff"] == Decimal("10000.00")
    assert cesena_lines()["staff"] == Decimal("10000.00")


# -- subsistence rates ------------------------------------------------------------------------
def test_a_subsistence_rate_is_set_and_listed_and_bad_ones_are_named(api, client, coordinator):
    saved = api.put(f"{BASE}/subsistence-rates/it/", {"daily_rate": "120"})
    bad_country = api.put(f"{BASE}/subsistence-rates/XX/", {"daily_rate": "1.234"})
    listed = api.get(f"{BASE}/subsistence-rates/")

    assert saved.status_code == 200
    assert saved.json() == {"country": "IT", "daily_rate": "120.00"}
    assert bad_country.status_code == 422
    assert errors(bad_country) == [("country", "Not an ISO 3166-1 country code."),
                                   ("#/daily_rate", '"1.234" has more than two decimals.')]  # fmt: skip
    assert listed.json()["results"] == [{"country": "IT", "daily_rate": "120.00"}]
    assert list(SubsistenceRate.objects.values_list("country", "daily_rate")) == [("IT", Decimal("120.00"))]
    client.force_login(coordinator)
    page = client.get("/en/p/820885/finance/rates/")
    assert list(page.context["subsistence_rates"]) == list(SubsistenceRate.objects.all())


def test_only_the_coordinator_sets_subsistence_rates(cesena_staff):
    refused = token_client(cesena_staff).put(f"{BASE}/subsistence-rates/IT/", {"daily_rate": "120"})

    assert refused.status_code == 403
    assert SubsistenceRate.objects.count() == 0
