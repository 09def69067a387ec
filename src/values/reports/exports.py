"""Reports as CSV (one row per report, one column per question) and as a PDF (WeasyPrint)."""

import csv
import io
from decimal import Decimal, InvalidOperation

from django.template.loader import render_to_string
from django.utils import timezone

from values.core.pdf import html_to_pdf
from values.core.spreadsheets import to_csv_row
from values.core.templatetags.values_tags import person
from values.reports.enums import QuestionKind
from values.reports.models import Question, Report

FIXED_COLUMNS = (
    "activity",
    "date",
    "host",
    "guests",
    "community",
    "theme",
    "participant",
    "city",
    "status",
    "submitted",
)


def reports_csv(reports: list[Report], questions: list[Question]) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream)
    # Every text as text: a name or an answer like =HYPERLINK(...) must not run in a spreadsheet.
    writer.writerow(to_csv_row([*FIXED_COLUMNS, *(_question_heading(q) for q in questions)]))
    for report in reports:
        answers = report.answers
        writer.writerow(
            to_csv_row([*_fixed_values(report), *(_answer_cell(q, answers.get(str(q.pk))) for q in questions)])
        )
    return stream.getvalue()


def _answer_cell(question: Question, value) -> str | Decimal:
    """A number answer as a number, so that -12.5 stays an amount and is not marked as text."""
    if question.kind == QuestionKind.NUMBER and value is not None:
        try:
            return Decimal(str(value))
        except InvalidOperation:
            pass  # an answer stored before the number check: shown as the text it is
    return answer_text(value)


def reports_pdf(reports: list[Report], questions: list[Question], *, title: str) -> bytes:
    by_template: dict[int, list[Question]] = {}
    for question in questions:
        by_template.setdefault(question.template_id, []).append(question)
    entries = [
        {
            "report": report,
            "facts": dict(zip(FIXED_COLUMNS, _fixed_values(report), strict=True)),
            "answers": [
                (q, answer_text(report.answers.get(str(q.pk)))) for q in by_template.get(report.request.template_id, [])
            ],
        }
        for report in reports
    ]
    html = render_to_string("reports/export.html", {"title": title, "entries": entries})
    return html_to_pdf(html)


def _question_heading(question: Question) -> str:
    return f"{question.template.title}: {question.text}"


def _fixed_values(report: Report) -> list[str]:
    activity = report.request.activity
    visit = getattr(activity, "visit", None)
    exchange = getattr(activity, "exchange", None)
    community = visit.community if visit else exchange.pair.community
    guests = exchange.guest.city.name if exchange else ""
    return [
        activity.get_kind_display(),
        activity.start.isoformat(),
        activity.host.city.name,
        guests,
        community.key,
        community.theme.key,
        person(report.participant.user),
        str(report.participant.organisation),
        report.get_status_display(),
        timezone.localtime(report.submitted_at).date().isoformat() if report.submitted_at else "",
    ]


def answer_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)
