"""The amendments' pages as the coordinator uses them: record one with the form, see a refusal on its field, approve
it and read the programme file before and after, side by side and as YAML."""

import pytest
from django.utils import timezone

from tests.amendments.world import give_budgets
from values.amendments.models import Amendment
from values.programme.models import Programme

pytestmark = pytest.mark.django_db

BASE = "/en/p/820885/amendments/"


def a_year_from_now() -> str:
    """A duration of VALUES (from February 2019) that ends a year after today's month: an end in the future."""
    today = timezone.localdate()
    return str((today.year - 2019) * 12 + today.month - 1 + 12)


def form(**changes) -> dict:
    data = {"requested_on": "2020-05-04", "reason": "COVID-19 moved the visits of 2020.", "funder_reference": "A-17"}
    return data | changes


def test_the_coordinator_records_and_approves_an_amendment(client, coordinator, programme):
    client.force_login(coordinator)
    today, months = timezone.localdate(), int(a_year_from_now())

    recorded = client.post(f"{BASE}new/", form(months=str(months)))
    amendment = Amendment.objects.get()
    approved = client.post(f"{BASE}1/", {"decided_on": today.isoformat(), "note": "Agreed", "decision": "approve"})
    page = client.get(f"{BASE}1/")
    after = client.get(f"{BASE}1/after.yaml")

    assert (recorded.status_code, recorded["Location"]) == (302, f"{BASE}1/")
    assert (amendment.number, amendment.funder_reference) == (1, "A-17")
    assert approved.status_code == 302
    assert Programme.objects.get(pk=programme.pk).duration_months == months
    html = page.content.decode()
    assert "<del>  duration_months: 24</del>" in html
    assert f"<ins>  duration_months: {months}</ins>" in html
    assert "unchanged lines" in html  # the rest of the file is folded
    assert after["Content-Disposition"] == 'attachment; filename="820885-amendment-1-after.yaml"'
    assert f"duration_months: {months}\n" in after.content.decode()


def test_a_refused_move_is_shown_on_its_field_and_nothing_is_recorded(client, coordinator, programme):
    give_budgets(programme)
    client.force_login(coordinator)

    refused = client.post(f"{BASE}new/", form(move2_from="cesena", move2_from_category="travel", move2_to="riga",
                                              move2_to_category="staff", move2_amount="10000.01"))  # fmt: skip

    assert refused.status_code == 400
    # 10,000.00 of travel planned, nothing spent: at most that moves.
    assert refused.context["form"].errors == {"move2_amount": [
        "City of Cesena has €10,000.00 left in this category to move (€10,000.00 planned, €0.00 spent: spent "
        "money stays with who spent it)."]}  # fmt: skip
    assert Amendment.objects.count() == 0


def test_a_rejected_amendment_changes_nothing_and_shows_no_comparison(client, coordinator, programme):
    client.force_login(coordinator)
    client.post(f"{BASE}new/", form(months=a_year_from_now()))

    client.post(f"{BASE}1/", {"decided_on": timezone.localdate().isoformat(), "decision": "reject"})
    page = client.get(f"{BASE}1/")

    assert Programme.objects.get(pk=programme.pk).duration_months == 24
    assert "<dd>rejected</dd>" in page.content.decode()
    assert page.context["rows"] is None
    assert client.get(f"{BASE}1/before.yaml").status_code == 404


def test_the_coordinators_start_page_asks_for_the_funders_answer_until_it_is_recorded(client, coordinator, programme):
    client.force_login(coordinator)
    client.post(f"{BASE}new/", form(months=a_year_from_now()))

    waiting = client.get("/en/p/820885/start/").content.decode()
    client.post(f"{BASE}1/", {"decided_on": timezone.localdate().isoformat(), "decision": "reject"})
    answered = client.get("/en/p/820885/start/").content.decode()

    # Requested on 4 May 2020 (the form's date).
    assert "Record the funder&#x27;s answer to amendment 1, asked on May 4, 2020." in waiting
    assert f'href="{BASE}1/"' in waiting
    assert "amendment 1" not in answered
