"""The midway scenario's figures, its removal, its determinism, and the command that makes it."""

import hashlib
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, models
from django.template.loader import render_to_string
from django.test import RequestFactory

from values.activities.models import Activity, Exchange, Visit
from values.amendments.models import Amendment
from values.demo.context_processors import sample_data
from values.demo.models import SampleData
from values.demo.services import generate_sample, moved_start, remove_sample
from values.finance.enums import ExpenseStatus
from values.finance.models import Expense
from values.programme.models import Programme
from values.programme.programme_file import read_programme_file
from values.reports.enums import ReportStatus
from values.reports.models import Question, Report

from ..conftest import VALUES_FILE, once_per_module

pytestmark = [pytest.mark.django_db(transaction=False), pytest.mark.xdist_group("demo_scenario")]

TODAY = date(2026, 12, 1)


def _document():
    return read_programme_file(VALUES_FILE.read_bytes()).document


def _midway(seed: int = 1):
    return generate_sample(_document(), scenario_name="midway", seed=seed, today=TODAY)


@pytest.fixture(scope="module")
def midway(django_db_setup, django_db_blocker, module_media):
    """The sample made once for the module (tests/demo/conftest.py): each test's changes are rolled back."""
    with once_per_module(django_db_blocker, module_media, _midway) as made:
        yield made


def test_the_start_moves_so_that_today_is_month_16():
    # Month 16 begins 15 months after month 1: December 2026 − 15 months = September 2025.
    assert moved_start(date(2026, 12, 1)) == date(2025, 9, 1)
    assert moved_start(date(2026, 1, 31)) == date(2024, 10, 1)


def test_the_programme_runs_from_september_2025_to_august_2027(midway):
    programme = midway.programme

    assert (programme.start, programme.end) == (date(2025, 9, 1), date(2027, 8, 31))
    assert midway.sample.file_start == date(2019, 2, 1)
    assert midway.sample.month == 16


def test_one_visit_per_city_and_one_exchange_each_way_per_pair(midway):
    # The file's 16 cities, in communities of 4: 16 visits, 8 pairs exchanging both ways.
    assert Visit.objects.filter(programme=midway.programme).count() == 16
    assert Exchange.objects.filter(programme=midway.programme).count() == 16
    assert midway.counts["visits"] == 16


def test_no_activity_outside_the_programme(midway):
    programme = midway.programme

    outside = Activity.objects.filter(programme=programme).exclude(start__gte=programme.start, end__lte=programme.end)

    assert list(outside) == []


def test_every_held_visit_has_its_agenda_attendance_minutes_and_outcome(midway):
    held = Visit.objects.filter(programme=midway.programme, end__lt=TODAY)

    assert held.exists()
    for visit in held:
        kinds = set(visit.sessions.values_list("kind", flat=True))
        assert kinds == {"presentation", "site_visit", "workshop", "peer_discussion"}
        assert visit.participants.exists()
        assert not visit.participants.filter(attended=None).exists()
        assert visit.participants.filter(attended=True).exists()
        assert visit.minutes
        assert visit.outcomes
    moved = held.exclude(mode="in_person")
    assert sorted(moved.values_list("mode", flat=True)) == ["hybrid", "online", "online"]
    assert all(visit.video_link for visit in moved)


def test_coming_visits_have_open_nominations(midway):
    coming = Visit.objects.filter(programme=midway.programme, start__gt=TODAY)

    assert coming.exists()
    assert all(visit.nomination_deadline >= TODAY for visit in coming)
    assert coming.filter(sessions__isnull=False).exists()


def test_every_report_belongs_to_a_participant_of_its_activity(midway):
    reports = Report.objects.filter(request__activity__programme=midway.programme).select_related(
        "participant", "request"
    )

    assert reports.exists()
    for report in reports:
        assert report.participant.activity_id == report.request.activity_id
        # the guests travel and report
        assert report.participant.organisation_id == report.request.activity.exchange.guest_id
    statuses = set(reports.values_list("status", flat=True))
    assert statuses == {ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.RETURNED, ReportStatus.ACCEPTED}
    returned = reports.filter(status=ReportStatus.RETURNED)
    assert all(report.review_comment for report in returned)


def test_expenses_in_four_currencies_converted_at_the_recorded_rates_within_budget(midway):
    from values.finance.models import ExchangeRate

    expenses = Expense.objects.filter(partner__programme=midway.programme)

    assert set(expenses.values_list("currency", flat=True)) == {"EUR", "CZK", "NOK", "GBP"}
    assert set(expenses.values_list("status", flat=True)) == {ExpenseStatus.APPROVED, ExpenseStatus.SUBMITTED}
    for expense in expenses:
        rate = (
            Decimal(1)
            if expense.currency == "EUR"
            else ExchangeRate.objects.get(currency=expense.currency, month=expense.spent_on.replace(day=1)).rate
        )
        assert expense.rate == rate
        assert expense.amount_eur == (expense.amount / rate).quantize(Decimal("0.01"))
        assert expense.activity.programme_id == midway.programme.pk
        assert Activity.objects.filter(pk=expense.activity_id).taken_part_in_by([expense.partner.organisation_id])
    for partner in midway.programme.partners.filter(budget__isnull=False).select_related("budget"):
        spent = sum(e.amount_eur for e in expenses.filter(partner=partner)) or Decimal(0)
        assert spent <= partner.budget.total


def test_every_partner_has_a_budget_and_the_budgets_add_up_to_the_total_cost(midway):
    budgets = {p.organisation.key: p.budget for p in midway.programme.partners.select_related("organisation", "budget")}

    assert len(budgets) == 18
    assert sum(b.total for b in budgets.values()) == Decimal("899973.58")  # the file's total cost, to the cent
    assert budgets["cesena"].total == Decimal("22732.15")  # the seed's own budget stays as the file gives it
    # (899,973.58 - 22,732.15) shared 8 : 3 : 1 x 15 among the coordinator, the expert and the other cities.
    assert budgets["eurocities"].total == Decimal("269920.44")
    assert budgets["evc"].total == Decimal("101220.17")
    assert all(b.eu_contribution + b.cofinancing == b.total for b in budgets.values())


def _counts() -> dict[str, int]:
    tables = set(connection.introspection.table_names())  # the task backend not in use has no table
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if (
            model._meta.db_table in tables
            and model._meta.app_label not in {"demo", "network", "django_tasks_database", "sessions"}
        )
        or model._meta.model_name in {"user", "membership"}
    }


CLOCK_FIELDS = {"created_at", "updated_at", "submitted_at", "reviewed_at", "decided_at", "accepted_at", "finished_at",
                "nominated_at", "generated_at", "at", "password", "last_login", "date_joined", "receipt"}  # fmt: skip


# A built toolkit's pages link rows by their ids; they are made from the rows compared here.
DERIVED_FIELDS = {("publishing.Toolkit", field) for field in ("html", "pdf", "sources_digest")}


def _canonical() -> list:
    """Every sample row, with its ids replaced by their place in creation order: the same for the same content."""
    sample = SampleData.objects.get()
    records = list(sample.records.select_related("content_type").order_by("pk"))
    rank = {}
    for n, r in enumerate(records):
        model = r.content_type.model_class()
        for kind in (model, *model._meta.get_parent_list()):  # a visit is an activity too
            rank[(kind, r.object_id)] = n
    dump = []
    for record in records:
        model = record.content_type.model_class()
        row = model._base_manager.get(pk=record.object_id)
        values = {}
        for field in model._meta.concrete_fields:
            if field.name in CLOCK_FIELDS or field.primary_key or isinstance(field, models.DateTimeField):
                continue
            if (model._meta.label, field.name) in DERIVED_FIELDS:
                continue
            value = getattr(row, field.attname)
            if isinstance(field, models.ForeignKey) and value is not None:
                value = rank.get((field.related_model, value), value)
            if isinstance(field, models.FileField):  # stored under a random name: its bytes are what count
                value = hashlib.sha256(value.open("rb").read()).hexdigest() if value else ""
            if (model._meta.label, field.name) == ("volunteering.Volunteer", "campaign") and value:
                value = rank[(apps.get_model("publishing", "Campaign"), int(value))]
            values[field.name] = str(value)
        if model._meta.label == "planning.PlanRun":
            values["result"] = str({k: v for k, v in row.result.items() if k != "wall_seconds"})
        if model._meta.label == "reports.Report":  # answers are keyed by their question's id
            values["answers"] = str({rank[(Question, int(k))]: v for k, v in row.answers.items()})
        if model._meta.label == "network.AuditEntry":
            values.pop("target")  # names rows by their ids
        dump.append((model._meta.label, values))
    return dump


def test_the_same_seed_gives_the_same_sample(midway):
    first = _canonical()
    remove_sample(SampleData.objects.get())

    _midway(seed=1)

    second = _canonical()
    assert second == first


def test_running_again_keeps_the_sample(midway):
    again = _midway()

    assert again.kept
    assert again.sample.pk == midway.sample.pk


def test_the_command_on_a_later_day_keeps_the_sample_and_its_dates(midway, capsys):
    # As if the sample had been made in June 2026, when month 16 began in March 2025's programme.
    Programme.objects.filter(pk=midway.programme.pk).update(start=date(2025, 3, 1))

    call_command("demo", "--setup-only")  # loading the file again would move the start to today's month 16

    assert Programme.objects.get().start == date(2025, 3, 1)
    assert "kept" in capsys.readouterr().out.lower()


def test_the_banner_says_sample_data_and_the_month(midway):
    request = RequestFactory().get("/")
    request.programme = midway.programme

    html = render_to_string("demo/sample_banner.html", sample_data(request))

    assert 'role="note"' in html
    assert "Sample data: VALUES as it stood at month 16 of 24." in html


def test_no_banner_without_sample_data():
    request = RequestFactory().get("/")
    request.programme = None

    assert render_to_string("demo/sample_banner.html", sample_data(request)).strip() == ""


def test_an_amendment_for_three_more_months_waits_for_the_funders_answer(midway):
    amendment = Amendment.objects.get(programme=midway.programme)

    # Asked three weeks before the day the sample was made: 1 December 2026 − 21 days.
    assert (amendment.number, amendment.status, amendment.requested_on) == (1, "requested", date(2026, 11, 10))
    assert amendment.changes == [{"kind": "duration", "months": 27}]
    assert midway.programme.duration_months == 24  # nothing changes until the answer is recorded
