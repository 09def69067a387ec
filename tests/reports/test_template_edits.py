"""A participant's draft survives the coordinator's edits of the template; a submitted report keeps what was sent."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.reports.test_views import QUESTIONS, formset, ids, nominated
from values.activities.services import answer_nomination
from values.reports.models import Report, ReportRequest, ReportTemplate
from values.reports.services import report_for, request_reports, save_report, save_template, template_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(programme) -> ReportTemplate:
    return save_template(programme, title="After the visit", description="", questions=QUESTIONS)


@pytest.fixture
def report_request(cesena_visit, template) -> ReportRequest:
    return request_reports(cesena_visit, template=template, due=timezone.localdate() + timedelta(days=30))


@pytest.fixture
def draft(report_request, cesena_visit, volunteer, cesena_staff, template) -> Report:
    """Cesena's volunteer has answered the three questions in a draft."""
    participant = answer_nomination(nominated(cesena_visit, volunteer, cesena_staff), confirm=True)
    text, scale, choice = ids(template)
    answers = {str(text): "A buddy scheme", str(scale): "4", str(choice): ["Workshop", "Interview"]}
    return save_report(report_for(participant), answers=answers, submit=False, today=timezone.localdate())


def _page_data(template, *questions, title="After the visit") -> dict:
    """As the page posts it, with the template's version when the page was opened."""
    return {"title": title, "version": template_version(template),
            **formset(*questions, initial=len(template.questions.all()))}  # fmt: skip


def _as_posted(template) -> list[dict[str, str]]:
    """The template's questions as its page posts them back untouched (with their hidden ids)."""
    return [
        {"id": str(q.pk), "kind": q.kind, "text": q.text, "help_text": q.help_text, "choices": "\n".join(q.choices),
         **({"required": "on"} if q.required else {})}
        for q in template.questions.all()
    ]  # fmt: skip


def test_the_template_page_carries_each_questions_id(client, coordinator, template):
    client.force_login(coordinator)

    page = client.get(f"/en/p/820885/reports/templates/{template.pk}/")

    assert [form.initial["id"] for form in page.context["questions"].initial_forms] == list(ids(template))


def test_a_changed_help_text_and_question_wording_keep_the_drafts_answers(client, coordinator, template, draft):
    text, scale, choice = ids(template)
    first, second, third = _as_posted(template)
    client.force_login(coordinator)

    response = client.post(
        f"/en/p/820885/reports/templates/{template.pk}/",
        _page_data(
            template,
            {**first, "help_text": "One idea you will try first."},
            {**second, "text": "How useful were the two days?"},
            third,
        ),
    )

    assert response.status_code == 302
    assert list(template.questions.values_list("pk", flat=True)) == [text, scale, choice]
    draft.refresh_from_db()
    assert draft.answers == {str(text): "A buddy scheme", str(scale): 4, str(choice): ["Workshop", "Interview"]}
    assert draft.set_aside == []


def test_a_removed_questions_answer_is_kept_aside_and_shown_to_the_participant(
    client, coordinator, template, draft, cesena_visit
):
    text, scale, _choice = ids(template)
    first, second, third = _as_posted(template)
    client.force_login(coordinator)

    client.post(
        f"/en/p/820885/reports/templates/{template.pk}/", _page_data(template, first, second, {**third, "DELETE": "on"})
    )
    client.force_login(draft.participant.user)
    page = client.get(f"/en/p/820885/activities/{cesena_visit.pk}/reports/mine/")

    draft.refresh_from_db()
    assert draft.answers == {str(text): "A buddy scheme", str(scale): 4}
    assert draft.set_aside == [{"question": "Which sessions helped?", "answer": ["Workshop", "Interview"]}]
    assert page.status_code == 200
    assert page.context["form"][f"q{text}"].value() == "A buddy scheme"
    assert page.context["set_aside"] == [("Which sessions helped?", "Workshop; Interview")]
    assert "Your answers to questions that were removed or changed" in page.text
    assert "<dt>Which sessions helped?</dt>" in page.text
    assert "<dd>Workshop; Interview</dd>" in page.text


def test_a_question_whose_kind_changed_keeps_only_an_answer_that_still_fits(client, coordinator, template, draft):
    _text, scale, _choice = ids(template)
    first, second, third = _as_posted(template)
    client.force_login(coordinator)

    client.post(
        f"/en/p/820885/reports/templates/{template.pk}/",
        _page_data(
            template,
            {**first, "kind": "scale"},  # "A buddy scheme" is no number from 1 to 5
            {**second, "kind": "number"},  # 4 is still a number
            {**third, "choices": "Workshop\nSite visit"},  # "Interview" is offered no more
        ),
    )

    draft.refresh_from_db()
    assert draft.answers == {str(scale): "4"}
    assert draft.set_aside == [
        {"question": "What will you try at home?", "answer": "A buddy scheme"},
        {"question": "Which sessions helped?", "answer": ["Workshop", "Interview"]},
    ]


def test_a_new_question_and_an_answer_saved_again_keep_what_was_set_aside(client, coordinator, template, draft):
    text, scale, _choice = ids(template)
    first, second, third = _as_posted(template)
    client.force_login(coordinator)
    client.post(
        f"/en/p/820885/reports/templates/{template.pk}/",
        _page_data(template, first, second, {**third, "DELETE": "on"}, {"kind": "long_text", "text": "Anything else?"}),
    )
    draft.refresh_from_db()

    save_report(draft, answers={str(text): "A buddy scheme, twice"}, submit=False, today=timezone.localdate())

    new = template.questions.get(text="Anything else?")
    assert list(template.questions.values_list("pk", flat=True)) == [text, scale, new.pk]
    draft.refresh_from_db()
    assert draft.answers == {str(text): "A buddy scheme, twice"}
    assert draft.set_aside == [{"question": "Which sessions helped?", "answer": ["Workshop", "Interview"]}]


def test_a_question_id_of_another_template_is_refused(client, coordinator, programme, template, draft):
    other = save_template(programme, title="Other", description="", questions=QUESTIONS[:1])
    client.force_login(coordinator)
    first, second, third = _as_posted(template)

    response = client.post(
        f"/en/p/820885/reports/templates/{template.pk}/",
        _page_data(template, {**first, "id": str(other.questions.get().pk)}, second, third),
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == ["Question 1 is not a question of this template."]
    draft.refresh_from_db()
    assert draft.answers[str(ids(template)[0])] == "A buddy scheme"


def test_a_submitted_report_keeps_exactly_what_was_submitted(client, coordinator, template, draft):
    text, scale, choice = ids(template)
    submitted = save_report(draft, answers=dict(draft.answers), submit=True, today=timezone.localdate())
    first, second, _third = _as_posted(template)
    client.force_login(coordinator)

    response = client.post(
        f"/en/p/820885/reports/templates/{template.pk}/",
        _page_data(template, {**first, "help_text": "New help"}, second),
    )

    assert response.status_code == 400
    submitted.refresh_from_db()
    assert (submitted.status, submitted.answers, submitted.set_aside) == (
        "submitted",
        {str(text): "A buddy scheme", str(scale): 4, str(choice): ["Workshop", "Interview"]},
        [],
    )
    assert list(template.questions.values_list("pk", "help_text")) == [(text, ""), (scale, ""), (choice, "")]


def test_a_save_over_another_coordinators_later_one_is_refused_and_keeps_both(client, coordinator, template):
    """Two coordinators open the page; the first saves a new question; the second's save, made from the page as it
    was, would delete it: it is refused with a message, nothing is saved, and saving again is their choice."""
    opened = _page_data(template, *_as_posted(template))  # the second coordinator's page, opened now
    first, second, third = _as_posted(template)
    client.force_login(coordinator)
    added = client.post(f"/en/p/820885/reports/templates/{template.pk}/", _page_data(
        template, first, second, third, {"kind": "long_text", "text": "What surprised you?"}))  # fmt: skip
    saved = list(template.questions.values_list("pk", "text"))

    stale = client.post(f"/en/p/820885/reports/templates/{template.pk}/", opened | {"title": "Mine"})

    assert added.status_code == 302
    assert stale.status_code == 400
    assert stale.context["form"].non_field_errors() == [
        "Someone saved this template since you opened it, and nothing was saved. Open it again to see their "
        "questions, or save again to replace them with yours."
    ]
    template.refresh_from_db()
    assert (template.title, list(template.questions.values_list("pk", "text"))) == ("After the visit", saved)
    assert stale.context["form"]["version"].value() == template_version(template)
    again = client.post(f"/en/p/820885/reports/templates/{template.pk}/",
                        opened | {"title": "Mine", "version": stale.context["form"]["version"].value()})  # fmt: skip
    assert again.status_code == 302
    template.refresh_from_db()
    assert (template.title, template.questions.count()) == ("Mine", 3)


def test_a_page_sent_without_its_version_saves_nothing(client, coordinator, template):
    client.force_login(coordinator)
    data = _page_data(template, *_as_posted(template)) | {"title": "Changed"}
    del data["version"]

    response = client.post(f"/en/p/820885/reports/templates/{template.pk}/", data)

    assert response.status_code == 400
    template.refresh_from_db()
    assert template.title == "After the visit"
