"""The reports part of an activity's page, added to its `activity` slot (core.panels): reports sits
above activities, which never imports it."""

from values.reports.models import Report, ReportRequest
from values.reports.permissions import authors_place, can_manage_reports


def activity_reports(context, activity) -> dict:
    user = context["user"]
    request = ReportRequest.objects.filter(activity=activity).select_related("template").first()
    mine = authors_place(user, activity)
    manager = can_manage_reports(user, activity.programme_id)
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
