"""The reports' part of a person's start page (core.todo): reports to write or mend, and to review."""

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from values.activities.queries import calendar_title
from values.core.languages import long_date
from values.core.todo import Asker, ToDo, add_offer, register
from values.network.enums import Role
from values.reports.enums import ReportStatus
from values.reports.queries import reports_owed_by, reports_waiting_for_review


def report_todos(asker: Asker) -> list[ToDo]:
    items = [_owed(participant, asker.today) for participant in reports_owed_by(asker.user, asker.programme)]
    if asker.access.manage_reports:
        items += [_to_review(report) for report in reports_waiting_for_review(asker.programme)]
    return items


def _owed(participant, today: date) -> ToDo:
    activity, due = participant.activity, participant.activity.report_request.due
    report = getattr(participant, "report", None)
    place = {"activity": calendar_title(activity), "date": long_date(due)}
    if report is not None and report.status == ReportStatus.RETURNED:
        text = _("Your report on %(activity)s was returned for changes: mend it and submit it again.") % place
    else:
        text = _("Write your report on %(activity)s, due on %(date)s.") % place
    return ToDo(due, text, reverse("my_report", args=[activity.pk]), "report", overdue=due < today)


def _to_review(report) -> ToDo:
    text = _("Review the report of %(person)s on %(activity)s.") % {
        "person": report.participant.user.get_full_name() or report.participant.user.get_username(),
        "activity": calendar_title(report.request.activity),
    }
    when = timezone.localdate(report.submitted_at) if report.submitted_at else report.request.due
    return ToDo(when, text, reverse("report_review", args=[report.pk]), "review")


def _templates(asker: Asker) -> str | None:
    return reverse("report_templates") if asker.access.manage_reports else None


def setup() -> None:
    register(report_todos)
    add_offer(Role.COORDINATOR, gettext_lazy("Define report templates and review the reports"), _templates, order=30)
