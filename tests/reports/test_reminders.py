"""Reminders of upcoming activities and report deadlines: each sent once, by a background task."""

from datetime import timedelta

import pytest
from django.core import mail

from tests.conftest import make_member
from values.activities.models import Visit
from values.activities.services import answer_nomination, nominate_participant, update_activity_details
from values.network.enums import Role
from values.reports.models import SentReminder
from values.reports.reminders import due_reminders, send_due_reminders
from values.reports.services import report_for, request_reports, save_report, save_template

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(cesena_visit) -> Visit:
    return cesena_visit


@pytest.fixture
def leader(visit, cesena_staff):
    """A volunteer leader of Cesena, nominated to its visit and confirmed."""
    user = make_member("leader", "cesena", Role.VOLUNTEER_LEADER)
    participant = nominate_participant(
        visit, user=user, organisation=user.memberships.get().organisation, by=cesena_staff, today=visit.start
    )
    answer_nomination(participant, confirm=True)
    return user


def test_a_participant_is_reminded_a_week_before_and_only_once(visit, leader, django_capture_on_commit_callbacks):
    week_before = visit.start - timedelta(days=7)

    with django_capture_on_commit_callbacks(execute=True):
        first = send_due_reminders(week_before)
    with django_capture_on_commit_callbacks(execute=True):
        second = send_due_reminders(week_before + timedelta(days=1))

    assert (first, second) == (1, 0)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["leader@example.org"]
    assert mail.outbox[0].subject.startswith("A breve: ")  # in the language of Cesena, the leader's city


def test_nothing_is_due_eight_days_before_or_after_the_start(visit, leader):
    assert due_reminders(visit.start - timedelta(days=8)) == []
    assert due_reminders(visit.start + timedelta(days=1)) == []


def test_a_moved_activity_is_announced_again(visit, leader, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_due_reminders(visit.start - timedelta(days=7))
    new_start = visit.start + timedelta(days=2)
    update_activity_details(
        visit,
        start=new_start,
        end=new_start + timedelta(days=1),
        mode="in_person",
        venue="",
        video_link="",
        capacity=4,
        nomination_deadline=None,
    )

    with django_capture_on_commit_callbacks(execute=True):
        again = send_due_reminders(new_start - timedelta(days=1))

    assert again == 1
    assert len(mail.outbox) == 2


def test_a_report_deadline_is_reminded_until_the_report_is_submitted(
    programme, visit, leader, django_capture_on_commit_callbacks
):
    template = save_template(
        programme,
        title="Key research questions",
        description="",
        questions=[{"kind": "short_text", "text": "One lesson?", "help_text": "", "required": True, "choices": []}],
    )
    due = visit.end + timedelta(days=14)
    request_reports(visit, template=template, due=due)
    three_days_before = due - timedelta(days=3)

    owed = [r.key for r in due_reminders(three_days_before) if r.key.startswith("report-")]
    report = report_for(leader.participations.get())
    question = template.questions.get()
    save_report(report, answers={str(question.pk): "Buddy schemes work."}, submit=True, today=three_days_before)
    after_submitting = [r.key for r in due_reminders(three_days_before) if r.key.startswith("report-")]

    assert owed == [f"report-{report.request.pk}-due-{due.isoformat()}-user-{leader.pk}"]
    assert after_submitting == []


def test_the_reminders_task_runs_the_same_rule(visit, leader, django_capture_on_commit_callbacks):
    from values.reports.tasks import send_reminders

    with django_capture_on_commit_callbacks(execute=True):
        result = send_reminders.call()

    assert result == 0  # today (2026) is long after the VALUES visits
    assert SentReminder.objects.count() == 0
