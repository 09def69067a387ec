"""Reads of visits and exchanges, already fetching what the pages show."""

from values.activities.enums import ParticipantStatus
from values.activities.models import Activity
from values.finance.queries import SubsistenceEstimate, subsistence_estimate


def activity_page_data(activity: Activity) -> dict:
    """The activity with its kind-specific side (community or guest), agenda and participants."""
    visit = getattr(activity, "visit", None)
    exchange = getattr(activity, "exchange", None)
    participants = activity.participants.select_related("user", "organisation__city").order_by(
        "organisation__key", "user__last_name", "user__username"
    )
    return {
        "visit": visit,
        "exchange": exchange,
        "community": visit.community if visit else exchange.pair.community,
        "sessions": list(activity.sessions.select_related("practice")),
        "participants": list(participants),
        "subsistence": _subsistence(activity, exchange, participants),
    }


def _subsistence(activity: Activity, exchange, participants) -> SubsistenceEstimate | None:
    """For an exchange: what the host country's daily rate gives for its days and confirmed guests."""
    if exchange is None:
        return None
    confirmed = sum(1 for p in participants if p.status == ParticipantStatus.CONFIRMED)
    days = (activity.end - activity.start).days + 1
    return subsistence_estimate(country=activity.host.country, days=days, participants=confirmed)
