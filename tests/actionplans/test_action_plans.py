"""Action plans: sections with revisions and diffs, no lost edits, comments, status and publication."""

import pytest
from django.test import Client

from tests.conftest import PASSWORD, make_member
from values.actionplans.diffing import DiffLine, text_diff
from values.actionplans.models import ActionPlan, Comment, SectionRevision
from values.actionplans.services import EditConflict, save_section
from values.network.enums import Role
from values.network.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.mark.unit
def test_the_diff_shows_what_stayed_went_and_came_in_order():
    old = "Context\nTwo buddy schemes.\nOne language café."
    new = "Context\nThree buddy schemes.\nOne language café.\nA volunteer point."

    assert text_diff(old, new) == [
        DiffLine("same", "Context"),
        DiffLine("removed", "Two buddy schemes."),
        DiffLine("added", "Three buddy schemes."),
        DiffLine("same", "One language café."),
        DiffLine("added", "A volunteer point."),
    ]


@pytest.mark.unit
def test_the_diff_of_an_empty_first_revision_adds_every_line():
    assert text_diff("", "a\nb") == [DiffLine("added", "a"), DiffLine("added", "b")]


def _plan(programme) -> ActionPlan:
    return ActionPlan.objects.create(programme=programme, organisation=Organisation.objects.get(key="cesena"))


def test_every_save_keeps_a_revision_and_a_stale_save_is_refused(programme, cesena_staff):
    plan = _plan(programme)

    first = save_section(plan, "context", text="Version one", base=0, by=cesena_staff)
    second = save_section(plan, "context", text="Version two", base=1, by=cesena_staff)
    with pytest.raises(EditConflict) as conflict:
        save_section(plan, "context", text="Written on version one", base=1, by=cesena_staff)

    assert (first.number, second.number) == (1, 2)
    assert (conflict.value.current.text, conflict.value.current.number) == ("Version two", 2)
    assert conflict.value.yours == "Written on version one"
    assert list(plan.revisions.values_list("text", flat=True)) == ["Version one", "Version two"]


def test_two_people_saving_the_same_section_at_once_lose_nothing(programme, cesena_staff):
    colleague = make_member("colleague", "cesena", Role.CITY_STAFF)
    first, second = Client(), Client()
    first.login(username="cesena", password=PASSWORD)
    second.login(username="colleague", password=PASSWORD)
    url = "/en/p/820885/action-plans/cesena/objectives/edit/"

    form_one, form_two = first.get(url), second.get(url)
    saved = first.post(url, {"text": "Train 40 volunteers.", "base": form_one.context["base"]})
    refused = second.post(url, {"text": "Open a volunteer point.", "base": form_two.context["base"]})

    assert (form_one.context["base"], form_two.context["base"]) == (0, 0)
    assert saved.status_code == 302
    assert refused.status_code == 409
    assert "Train 40 volunteers." in refused.text  # their text, shown
    assert "Open a volunteer point.</textarea>" in refused.text  # yours, kept for merging
    assert refused.context["base"] == 1
    assert list(SectionRevision.objects.values_list("text", flat=True)) == ["Train 40 volunteers."]
    assert colleague.pk != cesena_staff.pk


def test_the_history_page_diffs_two_revisions(client, programme, cesena_staff):
    plan = _plan(programme)
    save_section(plan, "context", text="One\nTwo", base=0, by=cesena_staff)
    save_section(plan, "context", text="One\nThree", base=1, by=cesena_staff)
    client.force_login(cesena_staff)

    page = client.get("/en/p/820885/action-plans/cesena/context/history/?from=1&to=2")

    assert page.status_code == 200
    assert page.context["diff"] == [DiffLine("same", "One"), DiffLine("removed", "Two"), DiffLine("added", "Three")]
    assert client.get("/en/p/820885/action-plans/cesena/context/history/?from=1&to=9").status_code == 404


@pytest.mark.parametrize(
    ("username", "key", "role"), [("outsider", "madrid", Role.CITY_STAFF), ("helper", "cesena", Role.VOLUNTEER)]
)
def test_people_outside_the_community_may_not_comment(client, accepted_plan, username, key, role):
    members = set(
        Organisation.objects.filter(community_memberships__community__members__organisation__key="cesena").values_list(
            "key", flat=True
        )
    )
    assert key not in members or role == Role.VOLUNTEER
    client.force_login(make_member(username, key, role))

    response = client.post("/en/p/820885/action-plans/cesena/context/comments/", {"text": "Looks good"})

    assert response.status_code == 403
    assert (
        "Only the cities of this city&#x27;s community of practice, the experts and the coordinator comment"
        in response.text
    )
    assert Comment.objects.count() == 0


def test_a_member_of_the_community_and_the_expert_comment_and_the_city_resolves(client, accepted_plan, cesena_staff):
    neighbour_key = next(
        k
        for k in Organisation.objects.filter(
            community_memberships__community__members__organisation__key="cesena"
        ).values_list("key", flat=True)
        if k != "cesena"
    )
    neighbour = make_member("neighbour", neighbour_key, Role.CITY_STAFF)
    expert = make_member("expert", "evc", Role.EXPERT)
    client.force_login(neighbour)
    client.post("/en/p/820885/action-plans/cesena/context/comments/", {"text": "Add the baseline figures."})
    thread = Comment.objects.get()
    client.force_login(expert)
    client.post("/en/p/820885/action-plans/cesena/context/comments/", {"text": "Agreed.", "parent": thread.pk})
    client.force_login(cesena_staff)

    response = client.post(f"/en/p/820885/action-plans/cesena/comments/{thread.pk}/resolve/")

    assert response.status_code == 302
    assert Comment.objects.filter(resolved_at__isnull=False).count() == 2
    assert [c.author.username for c in Comment.objects.order_by("pk")] == ["neighbour", "expert"]


def test_only_the_citys_staff_edit_their_plan(client, programme, coordinator, riga_staff):
    for user in (coordinator, riga_staff):
        client.force_login(user)

        response = client.post("/en/p/820885/action-plans/cesena/context/edit/", {"text": "x", "base": "0"})

        assert response.status_code == 403
    assert SectionRevision.objects.count() == 0


def test_status_moves_draft_review_adopted_and_only_an_adopted_plan_is_published(client, programme, cesena_staff):
    client.force_login(cesena_staff)
    url = "/en/p/820885/action-plans/cesena/status/"

    client.post(url, {"status": "adopted"})
    skipped = list(ActionPlan.objects.values_list("status", flat=True))  # refused: no plan begun either
    client.post(url, {"published": "1"})
    unpublished = list(ActionPlan.objects.values_list("published", flat=True))
    client.post(url, {"status": "in_review"})
    client.post(url, {"status": "adopted"})
    client.post(url, {"published": "1"})

    plan = ActionPlan.objects.get()
    assert (skipped, unpublished) == ([], [])
    assert (plan.status, plan.published) == ("adopted", True)


def test_the_public_reads_an_adopted_plan_only_once_published(client, programme, cesena_staff):
    plan = _plan(programme)
    anonymous_draft = client.get("/en/p/820885/action-plans/cesena/")
    plan.status = "adopted"
    plan.save()
    anonymous_unpublished = client.get("/en/p/820885/action-plans/cesena/")
    plan.published = True
    plan.save()

    anonymous_published = client.get("/en/p/820885/action-plans/cesena/")

    assert (anonymous_draft.status_code, anonymous_unpublished.status_code) == (403, 403)
    assert anonymous_published.status_code == 200


def test_an_unknown_city_or_section_is_not_found(client, programme, cesena_staff):
    client.force_login(cesena_staff)

    assert client.get("/en/p/820885/action-plans/atlantis/").status_code == 404
    assert client.get("/en/p/820885/action-plans/eurocities/").status_code == 404  # not a city
    assert client.get("/en/p/820885/action-plans/cesena/poetry/edit/").status_code == 404
