"""Reads of visits and exchanges, already fetching what the pages show."""

from values.activities.models import Activity


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
    }
