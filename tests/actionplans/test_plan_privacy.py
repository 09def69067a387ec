"""Who reads a plan's review (its comments and the reviewers' names), and reading without writing."""

import pytest

from tests.conftest import make_member
from values.actionplans.models import ActionPlan, Comment
from values.actionplans.services import add_comment, save_section, set_plan_published, set_plan_status
from values.network.enums import Role
from values.network.models import Organisation

pytestmark = pytest.mark.django_db

PLAN_URL = "/en/p/820885/action-plans/cesena/"
REVIEW_WORDS = ("Kaisa Lindqvist", "Jan Kowalski", "Add the baseline figures.", "Agreed, with sources.")


def _community_keys() -> set[str]:
    return set(
        Organisation.objects.filter(community_memberships__community__members__organisation__key="cesena").values_list(
            "key", flat=True
        )
    )


@pytest.fixture
def reviewed_plan(accepted_plan, programme) -> ActionPlan:
    """Cesena's plan, adopted and published, with a thread by a neighbour of its community and the expert."""
    neighbour_key = sorted(_community_keys() - {"cesena"})[0]
    neighbour = _named(make_member("neighbour-lindqvist", neighbour_key, Role.CITY_STAFF), "Kaisa", "Lindqvist")
    expert = _named(make_member("expert-kowalski", "evc", Role.EXPERT), "Jan", "Kowalski")
    editor = _named(make_member("editor-burioli", "cesena", Role.CITY_STAFF), "Paola", "Burioli")
    plan = ActionPlan.objects.create(programme=programme, organisation=Organisation.objects.get(key="cesena"))
    save_section(plan, "context", text="Cesena welcomes newcomers.", base=0, by=editor)
    thread = add_comment(plan, "context", text="Add the baseline figures.", by=neighbour)
    add_comment(plan, "context", text="Agreed, with sources.", by=expert, parent=thread)
    set_plan_status(plan, "in_review")
    set_plan_status(plan, "adopted")
    return set_plan_published(plan, True)


def _named(user, first_name: str, last_name: str):
    """Pages show people by their names (never their logins): the names are what a leak would show."""
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["first_name", "last_name"])
    return user


def _outsider():
    key = next(k for k in ("riga", "oslo", "brno", "madrid", "bristol") if k not in _community_keys())
    return make_member("outsider-staff", key, Role.CITY_STAFF)


@pytest.mark.parametrize("reader", ["anonymous", "outsider", "volunteer"])
def test_the_public_reads_the_published_plan_without_its_review(client, reviewed_plan, reader):
    if reader == "outsider":
        client.force_login(_outsider())
    elif reader == "volunteer":
        client.force_login(make_member("helper", "cesena", Role.VOLUNTEER))

    page = client.get(PLAN_URL)

    assert page.status_code == 200
    assert "Cesena welcomes newcomers." in page.text
    assert [word for word in REVIEW_WORDS if word in page.text] == []
    assert "Paola Burioli" not in page.text
    assert [section["threads"] for section in page.context["sections"]] == [[]] * 5
    assert page.context["replies"] == {}


@pytest.mark.parametrize("reviewer", ["neighbour-lindqvist", "expert-kowalski", "coordinator", "editor-burioli"])
def test_the_people_of_the_review_read_its_threads_and_names(client, reviewed_plan, coordinator, reviewer):
    client.force_login(coordinator if reviewer == "coordinator" else type(coordinator).objects.get(username=reviewer))

    page = client.get(PLAN_URL)

    assert page.status_code == 200
    assert [word for word in REVIEW_WORDS if word in page.text] == list(REVIEW_WORDS)
    assert "Revision 1, by Paola Burioli" in page.text


@pytest.mark.parametrize("reader", ["anonymous", "outsider"])
def test_the_public_does_not_read_the_history_of_drafts(client, reviewed_plan, reader):
    if reader == "outsider":
        client.force_login(_outsider())

    response = client.get(f"{PLAN_URL}context/history/")

    assert response.status_code == (302 if reader == "anonymous" else 403)
    assert "Paola Burioli" not in response.text


def test_an_anonymous_reader_creates_no_plan(client, programme):
    response = client.get(PLAN_URL)

    assert response.status_code == 403
    assert ActionPlan.objects.count() == 0


@pytest.mark.parametrize(
    "path", ["", "pdf/", "context/history/", "context/edit/", "actions/new/", "poetry/edit/", "actions/5/"]
)
def test_the_citys_staff_read_an_empty_plan_without_creating_it(client, cesena_staff, path):
    client.force_login(cesena_staff)

    response = client.get(PLAN_URL + path)

    assert response.status_code == (404 if path in ("poetry/edit/", "actions/5/") else 200)
    assert ActionPlan.objects.count() == 0


def test_an_unknown_comment_of_a_plan_not_begun_is_not_found(client, cesena_staff):
    client.force_login(cesena_staff)

    resolved = client.post(f"{PLAN_URL}comments/1/resolve/")
    replied = client.post(f"{PLAN_URL}context/comments/", {"text": "A reply", "parent": "1"})

    assert (resolved.status_code, replied.status_code) == (404, 404)
    assert (ActionPlan.objects.count(), Comment.objects.count()) == (0, 0)


def test_the_first_save_begins_the_plan(client, cesena_staff):
    client.force_login(cesena_staff)

    response = client.post(f"{PLAN_URL}context/edit/", {"text": "Cesena welcomes newcomers.", "base": "0"})

    assert response.status_code == 302
    plan = ActionPlan.objects.get()
    assert (plan.organisation.key, plan.status, list(plan.revisions.values_list("text", flat=True))) == (
        "cesena",
        "draft",
        ["Cesena welcomes newcomers."],
    )
