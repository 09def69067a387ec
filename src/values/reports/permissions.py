"""Who may do what with reports: the coordinator defines, requests, reviews and exports; each
participant writes only their own."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from values.activities.models import Activity, Participant
from values.network.enums import Role
from values.network.permissions import AnyUser
from values.programme.models import Programme
from values.programme.permissions import is_coordinator
from values.programme.queries import memberships_in, people_holding
from values.reports.models import Report
from values.reports.services import expected_authors


def can_manage_reports(user: AnyUser, programme) -> bool:
    return is_coordinator(user, programme)


def report_managers(programme: Programme) -> list:
    """Who manages the programme's reports (sets and extends their due dates), by name: its coordinators,
    named on the pages where a report can no longer be submitted. A superuser is nobody's contact."""
    return list(people_holding(memberships_in(programme).filter(role=Role.COORDINATOR)))


def require_report_manager(user: AnyUser, programme) -> None:
    if not can_manage_reports(user, programme):
        raise PermissionDenied


def authors_place(user: AnyUser, activity: Activity) -> Participant | None:
    """The person's place on the activity as the author of its report: a confirmed participant's, else None."""
    if not user.is_authenticated:
        return None
    return expected_authors(activity).filter(user=user).first()


def reports_visible_to(user: AnyUser, programme: Programme) -> QuerySet[Report]:
    """Every report of the programme for who manages its reports; their own for the others (none for nobody)."""
    reports = Report.objects.filter(request__activity__programme=programme)
    if can_manage_reports(user, programme):
        return reports
    if not user.is_authenticated:
        return reports.none()
    return reports.filter(participant__user=user)


def get_report_for_view(user: AnyUser, programme: Programme, report_id: int) -> Report:
    """A report its author or the coordinator reads; 404 for the others, who learn not even that it exists."""
    reports = reports_visible_to(user, programme).select_related("request__template", "participant__user")
    return get_object_or_404(reports, pk=report_id)


def get_report_for_edit(user: AnyUser, programme: Programme, report_id: int) -> Report:
    """Only its author writes a report, while a confirmed participant of the activity (as on its page); the
    coordinator, who reads it, is refused (403)."""
    report = get_report_for_view(user, programme, report_id)
    place = authors_place(user, report.request.activity)
    if place is None or place.pk != report.participant_id:
        raise PermissionDenied
    return report


def get_report_for_review(user: AnyUser, programme: Programme, report_id: int) -> Report:
    require_report_manager(user, programme)  # first: others learn nothing, not even which reports exist
    reports = Report.objects.select_related("request__template", "participant__user")
    return get_object_or_404(reports.filter(request__activity__programme=programme), pk=report_id)
