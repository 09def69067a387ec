"""Who may do what with reports: the coordinator defines, requests, reviews and exports; each
participant writes only their own."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from values.network.enums import Role
from values.network.permissions import AnyUser
from values.programme.models import Programme
from values.programme.permissions import is_coordinator
from values.programme.queries import memberships_in, people_holding
from values.reports.models import Report


def can_manage_reports(user: AnyUser, programme) -> bool:
    return is_coordinator(user, programme)


def report_managers(programme: Programme) -> list:
    """Who manages the programme's reports (sets and extends their due dates), by name: its coordinators,
    named on the pages where a report can no longer be submitted. A superuser is nobody's contact."""
    return list(people_holding(memberships_in(programme).filter(role=Role.COORDINATOR)))


def require_report_manager(user: AnyUser, programme) -> None:
    if not can_manage_reports(user, programme):
        raise PermissionDenied


def get_report_for_review(user: AnyUser, programme: Programme, report_id: int) -> Report:
    require_report_manager(user, programme)  # first: others learn nothing, not even which reports exist
    reports = Report.objects.select_related("request__template", "participant__user")
    return get_object_or_404(reports.filter(request__activity__programme=programme), pk=report_id)
