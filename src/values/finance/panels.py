"""Finance's parts of lower apps' pages (core.panels): a partner's budget on its page (`partner_budget`),
and an exchange's subsistence on the activity page (`activity_details`). Finance sits above both."""

from values.activities.enums import ParticipantStatus
from values.finance.permissions import can_see_budget_report
from values.finance.queries import budget_shares, subsistence_estimate


def partner_budget(context, partner, programme) -> dict:
    """The partner's budget as the grant gives it, its EU share, and the way to the budget check."""
    budget = getattr(partner, "budget", None)
    return {
        "programme": programme,
        "shares": budget_shares(budget) if budget else None,
        "can_see_budgets": can_see_budget_report(context["user"], programme),
    }


def exchange_subsistence(context, activity) -> dict | None:
    """For a signed-in reader of an exchange; None for a visit, or when the country has no rate."""
    if not context["user"].is_authenticated or not hasattr(activity, "exchange"):
        return None
    confirmed = activity.participants.filter(status=ParticipantStatus.CONFIRMED).count()
    days = (activity.end - activity.start).days + 1
    estimate = subsistence_estimate(country=activity.host.country, days=days, participants=confirmed)
    return {"subsistence": estimate} if estimate else None
