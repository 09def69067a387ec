"""Reads of reports: what a scope (an activity, a theme, the programme) holds, ready to export."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from values.activities.enums import ParticipantStatus
from values.activities.models import Participant
from values.activities.queries import TITLE_DETAILS
from values.programme.models import Programme
from values.reports.enums import ReportStatus
from values.reports.models import Question, Report, ReportTemplate


@dataclass(frozen=True)
class ReportScope:
    programme: Programme
    activity_id: int | None = None
    theme: str | None = None

    def describe(self) -> str:
        if self.activity_id is not None:
            return f"activity {self.activity_id}"
        if self.theme is not None:
            return f"theme {self.theme}"
        return self.programme.acronym


def reports_in(scope: ReportScope) -> QuerySet[Report]:
    reports = Report.objects.filter(request__activity__programme=scope.programme).select_related(
        "request__template",
        "request__activity__host__city",
        "request__activity__visit__community__theme",
        "request__activity__exchange__guest__city",
        "request__activity__exchange__pair__community__theme",
        "participant__user",
        "participant__organisation",
    )
    if scope.activity_id is not None:
        reports = reports.filter(request__activity_id=scope.activity_id)
    if scope.theme is not None:
        reports = reports.filter(
            Q(request__activity__visit__community__theme__key=scope.theme)
            | Q(request__activity__exchange__pair__community__theme__key=scope.theme)
        )
    return reports.order_by("request__activity__start", "request__activity_id", "participant__user__username")


def questions_of(reports: list[Report]) -> list[Question]:
    """Every question of the templates the reports follow, template by template."""
    template_ids = sorted({report.request.template_id for report in reports})
    return list(
        Question.objects.filter(template_id__in=template_ids)
        .select_related("template")
        .order_by("template_id", "position", "pk")
    )


def templates_of(programme: Programme) -> QuerySet[ReportTemplate]:
    return programme.report_templates.prefetch_related("questions")


def reports_owed_by(user, programme: Programme) -> QuerySet[Participant]:
    """The person's places on activities whose report they still owe: not begun, a draft, or returned to them.

    Who owes a report is a confirmed participant (services.expected_authors) of an activity with a request.
    """
    return (
        Participant.objects.filter(
            user=user,
            status=ParticipantStatus.CONFIRMED,
            activity__programme=programme,
            activity__report_request__isnull=False,
        )
        .exclude(report__status__in=(ReportStatus.SUBMITTED, ReportStatus.ACCEPTED))
        .select_related("activity__report_request", "report", *(f"activity__{path}" for path in TITLE_DETAILS))
        .order_by("activity__report_request__due", "pk")
    )


def reports_waiting_for_review(programme: Programme) -> QuerySet[Report]:
    """Submitted reports nobody has accepted or returned yet, the longest waiting first."""
    return (
        Report.objects.filter(request__activity__programme=programme, status=ReportStatus.SUBMITTED)
        .select_related(
            "participant__user", "participant__organisation", *(f"request__activity__{path}" for path in TITLE_DETAILS)
        )
        .order_by("submitted_at", "pk")
    )
