"""The reports part of an activity's page: reports sits above activities, so the page asks for it
by template tag instead of the activities app importing reports."""

from django import template

from values.reports.models import Report, ReportRequest
from values.reports.permissions import can_manage_reports
from values.reports.services import expected_authors

register = template.Library()


@register.inclusion_tag("reports/_activity_reports.html", takes_context=True)
def activity_reports(context, activity) -> dict:
    user = context["user"]
    request = ReportRequest.objects.filter(activity=activity).select_related("template").first()
    mine = expected_authors(activity).filter(user=user).first()
    manager = can_manage_reports(user)
    reports = []
    if request is not None and manager:
        reports = list(
            Report.objects.filter(request=request).select_related(
                "participant__user", "participant__organisation__city"
            )
        )
    return {
        "activity": activity,
        "report_request": request,
        "my_report": getattr(mine, "report", None) if mine else None,
        "may_write": request is not None and mine is not None,
        "manager": manager,
        "reports": reports,
    }
