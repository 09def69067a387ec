"""A participant is told, on the form, which answers may be quoted in the public toolkits."""

import pytest

from values.reports.forms import ReportForm
from values.reports.models import Question, ReportTemplate

pytestmark = pytest.mark.django_db
NOTICE = "Once accepted, your answer may be quoted in the public toolkits, with your city's name but not yours."


def test_a_quotable_question_tells_the_participant_before_they_write(programme):
    template = ReportTemplate.objects.create(programme=programme, title="Exchange report")
    quoted = Question.objects.create(template=template, kind="long_text", text="Lessons?", help_text="Be concrete.",
                                     quotable=True)  # fmt: skip
    private = Question.objects.create(template=template, kind="long_text", text="Your host?")

    form = ReportForm(questions=[quoted, private], answers={})

    assert form.fields[f"q{quoted.pk}"].help_text == f"Be concrete. {NOTICE}"
    assert form.fields[f"q{private.pk}"].help_text == ""
