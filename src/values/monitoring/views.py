"""The monitoring dashboard and its CSV: thin, the figures are `queries.programme_monitoring`'s."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from values.core.languages import date_span
from values.monitoring.charts import quarter_chart, share_chart
from values.monitoring.exports import monitoring_csv
from values.monitoring.figures import UNDERSPENDING_MARGIN
from values.monitoring.permissions import require_monitoring_reader
from values.monitoring.queries import programme_monitoring


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    require_monitoring_reader(request.access)
    monitoring = programme_monitoring(request.programme, user=request.user)
    context = {
        "programme": request.programme,
        "monitoring": monitoring,
        "quarters": [(quarter, date_span(quarter.first, quarter.last)) for quarter in monitoring.quarters],
        "margin": UNDERSPENDING_MARGIN,
        "share_chart": share_chart(monitoring),
        "charts": [
            (indicator, quarter_chart(indicator, number))
            for number, indicator in enumerate([*monitoring.indicators, *monitoring.spending], start=1)
        ],
    }
    return render(request, "monitoring/dashboard.html", context)


@login_required
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    require_monitoring_reader(request.access)
    monitoring = programme_monitoring(request.programme, user=request.user)
    response = HttpResponse(monitoring_csv(monitoring), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="monitoring.csv"'
    return response
