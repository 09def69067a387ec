"""Issue #17: the coordinator's finance page opens with the totals and one row per partner; details on demand."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from values.finance.services import approve_expense, submit_expense
from values.programme.models import Partner

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"
PAGE = "/en/p/820885/finance/"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _spend(by, category: str, amount: str):
    partner = Partner.objects.get(organisation__key="cesena")
    return submit_expense(partner, by=by, spent_on=date(2019, 11, 5), category=category, amount=amount, currency="EUR",
                          description="x", receipt=SimpleUploadedFile("r.pdf", PDF, "application/pdf"))  # fmt: skip


def _cells(html: str, row_heading: str) -> list[str]:
    """The texts of the summary table's row whose heading names the partner."""
    summary = html[html.index('id="partner-summary"') : html.index("</table>", html.index('id="partner-summary"'))]
    row = next(r for r in summary.split("<tr>") if f">{row_heading}</a></th>" in r)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]


def test_with_no_expenses_the_summary_is_the_first_table_and_no_empty_table_follows(client, coordinator):
    client.force_login(coordinator)
    partners = Partner.objects.filter(programme__code="820885").count()

    page = client.get(PAGE)

    assert page.status_code == 200
    assert partners == 18  # the 16 cities, the European Volunteer Centre and EUROCITIES
    tables = re.findall(r"<table[^>]*>", page.text)
    assert tables == ['<table class="data-table" id="partner-summary">']  # one table: the summary, no empty detail
    assert page.text.count('<details id="partner-') == 18
    assert page.text.count("No expenses yet.") == 18
    assert page.text.index("Summary") < page.text.index('<details id="partner-')


def test_the_summary_row_and_totals_show_the_hand_computed_figures(client, coordinator, cesena_staff):
    approve_expense(_spend(cesena_staff, "travel", "6000.00"), by=coordinator)
    _spend(cesena_staff, "equipment", "300.00")  # waiting for approval
    client.force_login(coordinator)

    page = client.get(PAGE)

    # Cesena: budget 22,732.15; 6,000.00 travel + 7 % indirect = 6,420.00 spent, 6,420 / 22,732.15 = 28.2 %.
    assert _cells(page.text, "City of Cesena") == ["22,732.15", "6,420.00", "28.2%", "300.00"]
    assert _cells(page.text, "City of Riga") == ["—", "0.00", "—", "0.00"]
    summary = page.context["summary"]
    # Only Cesena states a budget: 20,458.94 EU + 2,273.21 co-financing; 20,458.94 / 22,732.15 = 90.0 %.
    assert (summary.budget, summary.eu_contribution, summary.cofinancing, summary.spent, summary.pending) == (
        Decimal("22732.15"), Decimal("20458.94"), Decimal("2273.21"), Decimal("6420.00"), Decimal("300.00"),
    )  # fmt: skip
    assert (str(summary.eu_rate), str(summary.spent_rate)) == ("0.9000", "0.2824")
    assert page.text.count("No expenses yet.") == 17
    assert len(re.findall(r"<table[^>]*>", page.text)) == 3  # the summary, Cesena's categories and its quarters
