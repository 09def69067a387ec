"""Hostile values posted to every form of an action plan (sections, comments, status, actions, progress):
each is refused with its field and reason, HTTP 4xx, and nothing is saved, not even the plan."""

from datetime import date
from decimal import Decimal

import pytest

from tests.conftest import make_member
from values.actionplans.models import Action, ActionPlan, Comment, ProgressUpdate, SectionRevision
from values.actionplans.services import save_action
from values.network.enums import Role
from values.network.models import Organisation

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
LONG = "x" * 100_000
PLAN = "/en/p/820885/action-plans/cesena/"
NOT_OFFERED = "Select a valid choice. %s is not one of the available choices."


def _figure(label: str) -> str:
    return f"{label}: a number from 0 to 9,999,999,999.99, with at most two decimals."


def _action_data(**changes) -> dict:
    data = {
        "title": "Train volunteer buddies", "owner": str(Organisation.objects.get(key="cesena").pk),
        "owner_person": "", "start": "2020-01-01", "end": "2020-12-31", "unit": "volunteers trained",
        "baseline": "0", "target": "40", "current": "", "status": "planned",
    }  # fmt: skip
    return {key: value for key, value in {**data, **changes}.items() if value is not None}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"baseline": HUGE}, "baseline", _figure("Baseline")),
        ({"baseline": "-1"}, "baseline", _figure("Baseline")),
        ({"baseline": "NaN"}, "baseline", _figure("Baseline")),
        ({"baseline": "1e400"}, "baseline", _figure("Baseline")),
        ({"baseline": "inf"}, "baseline", _figure("Baseline")),
        ({"target": "10000000000"}, "target", _figure("Target")),
        ({"target": "1.234"}, "target", _figure("Target")),
        ({"current": HUGE}, "current", _figure("Current value")),
        ({"start": "0001-01-01"}, "start", "An action of the plan starts on 2019-02-01 or later, when the programme "
                                           "starts."),
        ({"end": "9999-12-31"}, "end", "An action ends by 2099-12-31."),
        ({"start": None}, "start", "This field is required."),
        ({"title": LONG}, "title", "Ensure this value has at most 200 characters (it has 100000)."),
        ({"owner": HUGE}, "owner", NOT_OFFERED % "That choice"),
        ({"partners": [HUGE]}, "partners", f"“{HUGE}” is not a valid value."),
        ({"partners": ["987654"]}, "partners", NOT_OFFERED % "987654"),
        ({"status": "abandoned"}, "status", NOT_OFFERED % "abandoned"),
    ],
)  # fmt: skip
def test_a_hostile_action_is_refused_on_its_field(client, cesena_staff, changes, field, message):
    client.force_login(cesena_staff)

    response = client.post(PLAN + "actions/new/", _action_data(**changes))

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert (ActionPlan.objects.count(), Action.objects.count()) == (0, 0)


@pytest.fixture
def action(programme, cesena_staff) -> Action:
    plan = ActionPlan.objects.create(programme=programme, organisation=Organisation.objects.get(key="cesena"))
    return save_action(
        plan, title="Train volunteer buddies", owner=Organisation.objects.get(key="cesena"), owner_person="",
        start=date(2020, 1, 1), end=date(2020, 12, 31), unit="volunteers trained", baseline=Decimal("0"),
        target=Decimal("40"), current=Decimal("5"), status="in_progress",
    )  # fmt: skip


PROGRESS_DATE = "Progress is dated from 2019-02-01, when the programme starts, to today."


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"value": HUGE}, "value", _figure("Indicator value")),
        ({"value": "-1"}, "value", _figure("Indicator value")),
        ({"value": "NaN"}, "value", _figure("Indicator value")),
        ({"value": "1e400"}, "value", _figure("Indicator value")),
        ({"on": "0001-01-01"}, "on", PROGRESS_DATE),
        ({"on": "9999-12-31"}, "on", PROGRESS_DATE),
        ({"on": "2020-02-30"}, "on", "Enter a valid date."),
        ({"note": LONG}, "note", "What happened: at most 5,000 characters, not 100,000."),
        ({"note": None}, "note", "This field is required."),
    ],
)
def test_hostile_progress_is_refused_on_its_field(client, cesena_staff, action, changes, field, message):
    client.force_login(cesena_staff)
    data = {"on": "2020-06-01", "note": "First training.", "value": "12", **changes}

    response = client.post(
        PLAN + f"actions/{action.pk}/progress/", {key: value for key, value in data.items() if value is not None}
    )

    assert response.status_code == 400
    assert response.context["progress_form"].errors[field] == [message]
    assert ProgressUpdate.objects.count() == 0
    action.refresh_from_db()
    assert action.current == Decimal("5")


@pytest.mark.parametrize(
    ("data", "status", "errors"),
    [
        ({"text": LONG, "base": "0"}, 400, ["Section: at most 50,000 characters, not 100,000."]),
        ({"text": "Context", "base": HUGE}, 409, None),
        ({"text": "Context", "base": "-1"}, 400, None),
        ({"text": "Context"}, 400, None),
    ],
)
def test_a_hostile_section_save_keeps_nothing(client, cesena_staff, data, status, errors):
    client.force_login(cesena_staff)

    response = client.post(PLAN + "context/edit/", data)

    assert response.status_code == status
    assert response.context.get("errors") == errors
    assert (ActionPlan.objects.count(), SectionRevision.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"text": LONG}, 400, "Comment: at most 5,000 characters, not 100,000."),
        ({"text": "   "}, 400, "Write the comment first."),
        ({}, 400, "Write the comment first."),
        ({"text": "A reply", "parent": "abc"}, 404, None),
        ({"text": "A reply", "parent": HUGE}, 404, None),
        ({"text": "A reply", "parent": "-1"}, 404, None),
    ],
)
def test_a_hostile_comment_is_refused(client, programme, data, status, message):
    client.force_login(make_member("expert", "evc", Role.EXPERT))

    response = client.post(PLAN + "context/comments/", data)

    assert response.status_code == status
    if message:
        assert [str(m) for m in response.context["messages"]] == [message]
    assert (ActionPlan.objects.count(), Comment.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": LONG}, "Choose one of the statuses offered."),
        ({"status": ""}, "Choose one of the statuses offered."),
        ({"status": "adopted"}, "A plan in “draft” cannot move to “adopted”."),
        ({"published": "1"}, "Only an adopted plan can be published."),
    ],
)
def test_a_hostile_status_change_is_refused(client, cesena_staff, data, message):
    client.force_login(cesena_staff)

    response = client.post(PLAN + "status/", data)

    assert response.status_code == 400
    assert [str(m) for m in response.context["messages"]] == [message]
    assert ActionPlan.objects.count() == 0


@pytest.mark.parametrize(("method", "path"), [("get", "edit/"), ("post", "edit/"), ("get", "history/"),
                                              ("post", "comments/")])  # fmt: skip
@pytest.mark.parametrize("section", ["poetry", "Context", "x" * 1000])
def test_an_unknown_section_in_the_address_is_not_found(client, cesena_staff, method, path, section):
    client.force_login(cesena_staff)

    response = getattr(client, method)(f"{PLAN}{section}/{path}", {"text": "x", "base": "0"})

    assert response.status_code == 404
    assert ActionPlan.objects.count() == 0


def test_an_action_posted_empty_names_what_is_missing(client, cesena_staff):
    client.force_login(cesena_staff)

    response = client.post(PLAN + "actions/new/")

    assert response.status_code == 400
    assert dict(response.context["form"].errors) == {
        name: ["This field is required."] for name in ("title", "owner", "start", "end", "status")
    }
    assert ActionPlan.objects.count() == 0
