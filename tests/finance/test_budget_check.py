"""The budget check on the VALUES file: Cesena's "80 %" against its amounts, and the programme total."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from values.programme.models import PartnerBudget

pytestmark = pytest.mark.django_db


def test_check_budget_reproduces_the_seed_figures_and_flags_the_80_percent_label(programme, capsys):
    call_command("check_budget")
    printed = capsys.readouterr().out

    assert "VALUES (820885): total cost EUR 899,973.58; partner budgets 22,732.15" in printed
    assert "cesena: 22,732.15 = 20,458.94 + 2,273.21 (EU 90.0%, stated 80.0%)" in printed
    assert "all partners: 22,732.15 = 20,458.94 + 2,273.21 (EU 90.0%)" in printed
    assert (
        "warning: City of Cesena: the stated EU rate 80.0% disagrees with the amounts: "
        "20,458.94 of 22,732.15 is 90.0%. The amounts stand."
    ) in printed
    assert "partner budgets add up to 22,732.15, not the programme's total cost 899,973.58 (1 of 18" in printed.lower()


def test_check_budget_writes_numbers_the_italian_way(programme, capsys):
    call_command("check_budget", lang="it")

    assert "cesena: 22.732,15 = 20.458,94 + 2.273,21 (EU 90,0%, stated 80,0%)" in capsys.readouterr().out


def test_amounts_that_do_not_add_up_are_an_error_and_exit_2(programme, capsys):
    PartnerBudget.objects.filter(partner__organisation__key="cesena").update(cofinancing=Decimal("2273.20"))

    with pytest.raises(CommandError) as failed:
        call_command("check_budget")

    assert failed.value.returncode == 2
    assert (
        "error: City of Cesena: EU contribution 20,458.94 + co-financing 2,273.20 = 22,732.14, not the total 22,732.15."
    ) in capsys.readouterr().out


def test_the_page_shows_the_findings_to_staff_only(client, programme, coordinator, cesena_staff, volunteer):
    client.force_login(cesena_staff)
    staff_page = client.get("/en/p/820885/budgets/")
    client.force_login(volunteer)
    volunteer_page = client.get("/en/p/820885/budgets/")
    client.logout()
    anonymous = client.get("/en/p/820885/budgets/")

    assert staff_page.status_code == 200
    assert "the stated EU rate 80.0% disagrees with the amounts: 20,458.94 of 22,732.15 is 90.0%" in staff_page.text
    assert '<td class="number">22,732.15</td>' in staff_page.text
    assert volunteer_page.status_code == 403
    assert anonymous.status_code == 302
