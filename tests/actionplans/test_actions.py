"""Actions with indicators and progress; overdue ones on the plan, the partner page and the overview; the PDF."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from values.actionplans.models import Action, ActionPlan, ProgressUpdate
from values.actionplans.services import add_progress, save_action, save_section
from values.network.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(programme) -> ActionPlan:
    return ActionPlan.objects.create(programme=programme, organisation=Organisation.objects.get(key="cesena"))


def _fields(**changes):
    fields = {
        "title": "Train volunteer buddies",
        "owner": Organisation.objects.get(key="cesena"),
        "owner_person": "Sofia Burioli",
        "start": date(2020, 1, 1),
        "end": date(2020, 12, 31),
        "unit": "volunteers trained",
        "baseline": Decimal("0"),
        "target": Decimal("40"),
        "current": None,
        "status": "in_progress",
    }
    return {**fields, **changes}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "  "}, "title", "Give the action a title."),
        ({"end": date(2019, 12, 31)}, "end", "The end is before the start."),
        ({"unit": ""}, "unit", "Give the indicator's unit for its baseline, target or current value."),
        ({"baseline": None}, "baseline", "A target needs a baseline to measure progress from."),
    ],
)
def test_a_badly_described_action_is_refused_and_nothing_saved(plan, changes, field, message):
    with pytest.raises(ValidationError) as refused:
        save_action(plan, **_fields(**changes))

    assert refused.value.message_dict[field] == [message]
    assert Action.objects.count() == 0


def test_an_action_keeps_its_partners(plan):
    evc = Organisation.objects.get(key="evc")

    action = save_action(plan, partners=[evc], **_fields())

    assert [p.key for p in action.partners.all()] == ["evc"]


def test_the_newest_progress_value_becomes_the_current_value(plan, cesena_staff):
    action = save_action(plan, **_fields())

    add_progress(action, on=date(2020, 6, 1), note="First training.", value=Decimal("12"), by=cesena_staff)
    add_progress(action, on=date(2020, 3, 1), note="Late note on the spring.", value=Decimal("5"), by=cesena_staff)

    action.refresh_from_db()
    assert action.current == Decimal("12")
    assert ProgressUpdate.objects.count() == 2


def test_a_progress_value_needs_an_indicator(plan, cesena_staff):
    action = save_action(plan, **_fields(unit="", baseline=None, target=None))

    with pytest.raises(ValidationError) as refused:
        add_progress(action, on=date(2020, 6, 1), note="Done something.", value=Decimal("3"), by=cesena_staff)

    assert refused.value.message_dict == {"value": ["This action has no indicator unit to measure."]}


def test_an_overdue_action_is_marked_on_the_plan_the_partner_page_and_the_overview(
    client, plan, coordinator, cesena_staff
):
    yesterday = timezone.localdate() - timedelta(days=1)
    save_action(plan, **_fields(title="Open a volunteer point", end=yesterday))
    save_action(plan, **_fields(title="Finished already", end=yesterday, status="done"))
    client.force_login(cesena_staff)

    plan_page = client.get("/en/p/820885/action-plans/cesena/")
    partner_page = client.get("/en/p/820885/partners/cesena/")
    client.force_login(coordinator)
    overview = client.get("/en/p/820885/action-plans/")

    overdue = {a.title: a.is_overdue for a in plan_page.context["actions"]}
    assert overdue == {"Open a volunteer point": True, "Finished already": False}
    assert "1 overdue action" in partner_page.text
    rows = {row.city.key: (row.actions, row.overdue) for row in overview.context["rows"]}
    assert rows["cesena"] == (2, 1)
    assert rows["riga"] == (0, 0)
    assert len(rows) == 16


def test_city_staff_do_not_see_the_coordinators_overview(client, cesena_staff, plan):
    client.force_login(cesena_staff)

    assert client.get("/en/p/820885/action-plans/").status_code == 403


def test_another_citys_staff_may_not_add_an_action(client, riga_staff, plan):
    client.force_login(riga_staff)

    response = client.post("/en/p/820885/action-plans/cesena/actions/new/", {"title": "x"})

    assert response.status_code == 403
    assert Action.objects.count() == 0


def test_the_form_shows_the_services_error_on_its_field(client, cesena_staff, plan):
    client.force_login(cesena_staff)
    cesena = Organisation.objects.get(key="cesena")

    response = client.post(
        "/en/p/820885/action-plans/cesena/actions/new/",
        {"title": "x", "owner": cesena.pk, "start": "2020-02-01", "end": "2020-01-01", "status": "planned"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["end"] == ["The end is before the start."]
    assert Action.objects.count() == 0


def test_the_pdf_has_the_cover_the_sections_and_the_actions(client, cesena_staff, plan):
    save_section(plan, "context", text="Cesena welcomes newcomers.", base=0, by=cesena_staff)
    save_action(plan, **_fields())
    client.force_login(cesena_staff)

    response = client.get("/en/p/820885/action-plans/cesena/pdf/")

    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)  # table cells wrap their lines
    assert "Action plan of City of Cesena" in text
    assert "Cesena welcomes newcomers." in text
    assert "Train volunteer buddies" in text
    assert "volunteers trained" in text


def test_the_outcomes_of_a_hosted_visit_feed_the_citys_plan(client, cesena_visit, cesena_staff):
    from values.activities.services import record_minutes

    record_minutes(cesena_visit, minutes="We met.", outcomes="Start a buddy scheme in the old town.")
    client.force_login(cesena_staff)

    plan_page = client.get("/en/p/820885/action-plans/cesena/")
    visit_page = client.get(f"/en/p/820885/activities/{cesena_visit.pk}/")

    assert [a.pk for a in plan_page.context["outcomes"]] == [cesena_visit.pk]
    assert "Start a buddy scheme in the old town." in plan_page.text
    assert 'href="/en/p/820885/action-plans/cesena/"' in visit_page.text


MARKDOWN_SECTION = "We **train buddies** <script>alert(1)</script>\n\n- first step\n- second step\n"


def test_the_plan_page_renders_section_markdown_as_safe_html(client, cesena_staff, plan):
    save_section(plan, "context", text=MARKDOWN_SECTION, base=0, by=cesena_staff)
    client.force_login(cesena_staff)

    page = client.get("/en/p/820885/action-plans/cesena/").text

    assert "<strong>train buddies</strong>" in page
    assert "<ul>\n<li>first step</li>\n<li>second step</li>\n</ul>" in page
    assert "**" not in page
    assert "<script>alert(1)</script>" not in page


def test_the_plan_pdf_renders_section_markdown_without_asterisks(client, cesena_staff, plan):
    save_section(plan, "context", text=MARKDOWN_SECTION, base=0, by=cesena_staff)
    client.force_login(cesena_staff)

    response = client.get("/en/p/820885/action-plans/cesena/pdf/")

    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "We train buddies" in text
    assert "first step" in text
    assert "second step" in text
    assert "**" not in text
    assert "- first step" not in text  # a list item, not the hyphen typed
