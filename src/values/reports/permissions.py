"""Who may do what with reports: the coordinator defines, requests, reviews and exports; each
participant writes only their own."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from values.network.permissions import AnyUser, is_coordinator
from values.programme.models import Programme
from values.reports.models import Report


def can_manage_reports(user: AnyUser) -> bool:
    return is_coordinator(user)


def require_report_manager(user: AnyUser) -> None:
    if not can_manage_reports(user):
        raise PermissionDenied


def get_report_for_review(user: AnyUser, programme: Programme, report_id: int) -> Report:
    require_report_manager(user)  # first: others learn nothing, not even which reports exist
    reports = Report.objects.select_related("request__template", "participant__user")
    return get_object_or_404(reports.filter(request__activity__programme=programme), pk=report_id)
