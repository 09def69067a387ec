"""Each person's start page: what needs them now (from every app's source, core.todo) and what their roles do."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD, make_member
from values.actionplans.models import Action, ActionPlan
from values.activities.enums import ParticipantStatus
from values.activities.models import Activity, Exchange, Participant, Visit
from values.activities.queries import open_nominations
from values.core.languages import long_date
from values.core.todo import todos_for
from values.network.enums import Role
from values.network.models import Organisation
from values.programme.access import Access
from values.programme.addresses import programme_addresses
from values.programme.models import Programme
from values.programme.queries import start_page_asker
from values.programme.services import grant_role
from values.reports.enums import ReportStatus
from values.reports.models import Report, ReportRequest, ReportTemplate

pytestmark = pytest.mark.django_db
START = "/en/p/820885/start/"


@pytest.fixture
def cesena_world(accepted_plan, cesena_staff, riga_staff, coordinator):
    """Cesena hosts a visit next week with no agenda and nominations closed; it hosts an exchange in ten weeks
    whose nominations close in two; one of its actions ended three days ago; its staff's report was returned."""
    today = timezone.localdate()
    cesena = Organisation.objects.get(key="cesena")
    visit = Visit.objects.get(host=cesena)
    Activity.objects.filter(pk=visit.pk).update(
        start=today + timedelta(days=7), end=today + timedelta(days=8), nomination_deadline=today - timedelta(days=1)
    )
    exchange = Exchange.objects.get(host=cesena)
    Activity.objects.filter(pk=exchange.pk).update(
        start=today + timedelta(weeks=10),
        end=today + timedelta(weeks=10, days=4),
        nomination_deadline=today + timedelta(days=14),
        capacity=3,
    )
    Participant.objects.create(activity=exchange, user=cesena_staff, organisation=cesena)
    plan = ActionPlan.objects.create(programme=accepted_plan.programme, organisation=cesena)
    action = Action.objects.create(
        plan=plan,
        owner=cesena,
        title="Open a volunteer desk",
        start=today - timedelta(days=60),
        end=today - timedelta(days=3),
    )
    template = ReportTemplate.objects.create(programme=accepted_plan.programme, title="After the visit")
    request = ReportRequest.objects.create(activity=visit, template=template, due=today + timedelta(days=10))
    participant = Participant.objects.create(
        activity=visit, user=cesena_staff, organisation=cesena, status=ParticipantStatus.CONFIRMED
    )
    Report.objects.create(request=request, participant=participant, status=ReportStatus.RETURNED)
    return {"today": today, "visit": visit, "exchange": exchange, "action": action}


def _todos(user, today):
    programme = Programme.objects.get(code="820885")
    with programme_addresses(programme):  # as in the programme's own requests
        return todos_for(start_page_asker(Access(user, programme), today))


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_cesena_staff_see_exactly_their_citys_items_overdue_first(cesena_world, cesena_staff):
    today, visit, exchange = cesena_world["today"], cesena_world["visit"], cesena_world["exchange"]

    items = _todos(cesena_staff, today)

    assert [(item.kind, item.when, item.overdue) for item in items] == [
        ("action", today - timedelta(days=3), True),
        ("hosting", today + timedelta(days=7), False),
        ("report", today + timedelta(days=10), False),
        ("nomination", today + timedelta(days=14), False),
    ]
    action, hosting, report, nomination = items
    three_days_ago = long_date(today - timedelta(days=3))
    assert action.text == f"The action “Open a volunteer desk” of City of Cesena was due to end on {three_days_ago}."
    assert hosting.text.endswith("the agenda is empty.")
    assert "Mentoring visit to Cesena" in hosting.text
    # The activity named as the calendar and its own page name it, not by its model's text.
    assert (
        report.text == "Your report on Mentoring visit to Cesena was returned for changes: mend it and submit it again."
    )
    # 3 places, 1 taken by Cesena's own nomination: 2 left.
    assert nomination.text == (
        f"Nominate people from Cesena for Exchange: Toulouse at Cesena: 2 of 3 places left, "
        f"nominations close on {long_date(today + timedelta(days=14))}."
    )
    assert nomination.url == f"/en/p/820885/activities/{exchange.pk}/nominate/"
    assert hosting.url == f"/en/p/820885/activities/{visit.pk}/"


def test_every_link_of_cesenas_items_opens_for_its_staff(cesena_world, cesena_staff):
    client = _signed_in(cesena_staff)

    items = _todos(cesena_staff, cesena_world["today"])

    assert [client.get(item.url).status_code for item in items] == [200] * len(items)


def test_another_citys_staff_see_none_of_cesenas_items(cesena_world, riga_staff):
    assert _todos(riga_staff, cesena_world["today"]) == []


def test_the_start_page_lists_the_items_and_marks_overdue_in_words(cesena_world, cesena_staff):
    response = _signed_in(cesena_staff).get(START)

    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Overdue:</strong>" in page
    assert page.index("Open a volunteer desk") < page.index("Mentoring visit to Cesena")
    assert "Host visits and nominate exchange participants from the calendar" in page
    assert "Draft your city&#x27;s action plan" in page


def test_an_empty_start_page_says_nothing_needs_you(programme, riga_staff):
    response = _signed_in(riga_staff).get(START)

    assert response.status_code == 200
    assert "Nothing needs you now" in response.content.decode()


def test_the_coordinator_is_asked_to_review_and_decide(cesena_world, coordinator, cesena_staff):
    report = Report.objects.get()
    report.status, report.submitted_at = ReportStatus.SUBMITTED, timezone.now()
    report.save()

    items = _todos(coordinator, cesena_world["today"])

    assert [(item.kind, item.text) for item in items] == [
        ("review", "Review the report of cesena on Mentoring visit to Cesena.")
    ]


def test_the_start_page_refuses_people_without_a_role_and_asks_the_anonymous_to_sign_in(programme):
    outsider = make_member("outsider", "cesena", Role.CITY_STAFF, programme=None)
    outsider.memberships.all().delete()

    assert _signed_in(outsider).get(START).status_code == 403
    assert Client().get(START).url.startswith("/en/accounts/login/")


# -- where signing in leads ---------------------------------------------------------------------------------------
def _sign_in(username: str, next_url: str = "") -> str:
    data = {"username": username, "password": PASSWORD}
    address = reverse("login") + (f"?next={next_url}" if next_url else "")
    response = Client().post(address, data, follow=True)
    return response.redirect_chain[-1][0]


def test_signing_in_with_a_role_in_one_programme_lands_on_its_start_page(cesena_staff):
    assert _sign_in("cesena") == START


def test_an_explicit_next_still_wins(cesena_staff):
    assert _sign_in("cesena", "/en/p/820885/partners/") == "/en/p/820885/partners/"


def test_signing_in_with_roles_in_several_programmes_lands_on_the_index_with_each_start_page(cesena_staff, welcome):
    from values.programme.services import grant_role

    grant_role(cesena_staff, programme=welcome, organisation=Organisation.objects.get(key="cesena"),
               role=Role.CITY_STAFF)  # fmt: skip

    assert _sign_in("cesena") == "/en/"
    page = _signed_in(cesena_staff).get("/en/").content.decode()
    assert START in page
    assert f"/en/p/{welcome.code}/start/" in page


def test_signing_in_without_a_role_lands_where_it_did(programme):
    make_member("nobody", "cesena", Role.CITY_STAFF).memberships.all().delete()

    assert _sign_in("nobody") == "/en/p/820885/"


# -- finance and planning -----------------------------------------------------------------------------------------
def _expense(staff, description: str):
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile

    from values.finance.services import submit_expense
    from values.programme.models import Partner

    pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer<<>>\n%%EOF\n"
    return submit_expense(
        Partner.objects.get(organisation__key="cesena"), by=staff, spent_on=date(2020, 3, 12), category="travel",
        amount="120.00", currency="EUR", description=description,
        receipt=SimpleUploadedFile("ticket.pdf", pdf, "application/pdf"),
    )  # fmt: skip


def test_the_coordinator_decides_the_waiting_expenses_and_the_submitter_mends_a_rejected_one(
    programme, coordinator, cesena_staff
):
    from values.finance.services import reject_expense

    today = timezone.localdate()
    _expense(cesena_staff, "Train tickets to Riga")
    _expense(cesena_staff, "Hotel in Riga")
    rejected = _expense(cesena_staff, "Taxi")
    reject_expense(rejected, by=coordinator, reason="No receipt of the ride.")

    coordinator_items = [(i.kind, i.text, i.url) for i in _todos(coordinator, today) if i.kind.startswith("expense")]
    cesena_items = [(i.kind, i.text, i.url) for i in _todos(cesena_staff, today) if i.kind.startswith("expense")]

    assert coordinator_items == [(
        "expense_decision",
        f"2 expenses wait for your decision; the oldest was submitted on {long_date(today)}.",
        "/en/p/820885/finance/expenses/",
    )]  # fmt: skip
    assert cesena_items == [(
        "expense", "Your expense “Taxi” was rejected: No receipt of the ride.",
        f"/en/p/820885/finance/expenses/{rejected.pk}/",
    )]  # fmt: skip


def test_the_coordinator_is_asked_to_accept_a_plan_until_one_is(programme, coordinator):
    items = _todos(coordinator, timezone.localdate())

    assert [(item.kind, item.when, item.overdue, item.url) for item in items] == [
        ("plan", programme.start, True, "/en/p/820885/plan/")
    ]


def test_staff_of_two_cities_are_asked_to_nominate_for_each_in_as_many_queries_as_for_one(cesena_world, cesena_staff):
    """Toulouse is the guest of Cesena's exchange: with its staff role too, both cities' places are offered."""
    today, programme = cesena_world["today"], Programme.objects.get(code="820885")
    cesena, toulouse = Organisation.objects.get(key="cesena"), Organisation.objects.get(key="toulouse")
    with CaptureQueriesContext(connection) as for_one:
        one = open_nominations([cesena], programme, today)
    with CaptureQueriesContext(connection) as for_two:
        two = open_nominations([cesena, toulouse], programme, today)

    assert [(row.city.key, row.title, row.places_left) for row in one] == [
        ("cesena", "Exchange: Toulouse at Cesena", 2)
    ]
    # Cesena's nomination takes one of the 3 places from Cesena only: Toulouse still has all 3.
    assert [(row.city.key, row.title, row.places_left) for row in two] == [
        ("cesena", "Exchange: Toulouse at Cesena", 2),
        ("toulouse", "Exchange: Toulouse at Cesena", 3),
    ]
    assert len(for_two) == len(for_one) == 1


def test_the_start_page_asks_for_each_of_the_staffs_cities(cesena_world, cesena_staff):
    grant_role(
        cesena_staff,
        programme=Programme.objects.get(code="820885"),
        organisation=Organisation.objects.get(key="toulouse"),
        role=Role.CITY_STAFF,
    )

    nominations = [item.text for item in _todos(cesena_staff, cesena_world["today"]) if item.kind == "nomination"]

    close = long_date(cesena_world["today"] + timedelta(days=14))
    assert nominations == [
        f"Nominate people from Cesena for Exchange: Toulouse at Cesena: 2 of 3 places left, "
        f"nominations close on {close}.",
        f"Nominate people from Toulouse for Exchange: Toulouse at Cesena: 3 of 3 places left, "
        f"nominations close on {close}.",
    ]
