"""Who reads the monitoring dashboard: the only place that decides it.

The coordinator, who steers the programme and reports to the funder; and, to read only, the experts and the
partners' city staff, who run the visits, exchanges and action plans the figures count and who already read
budgets (finance's `can_see_budget_report`): the dashboard shows each of them the spending of the partners whose
budgets they read (their own), beside the programme's counts, which name nobody. Volunteers and volunteer
leaders follow their own figures elsewhere (volunteering's indicators, the infographics): the dashboard is the
management's.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from values.finance.permissions import can_see_budget_report
from values.network.permissions import AnyUser


def can_see_monitoring(user: AnyUser, programme) -> bool:
    return programme is not None and can_see_budget_report(user, programme)


def require_monitoring_reader(access) -> None:
    """403 unless the person reads the dashboard (`access.see_monitoring`, asked once a request)."""
    if not access.see_monitoring:
        raise PermissionDenied(_("The monitoring dashboard is for the coordinator, experts and the partners' staff."))
