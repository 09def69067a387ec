from django.http import HttpRequest

from values.finance.permissions import can_see_budget_report


def navigation(request: HttpRequest) -> dict[str, bool]:
    """Whether the menu offers the finance pages; the pages check again."""
    user = getattr(request, "user", None)
    return {"show_finance": user is not None and can_see_budget_report(user)}
