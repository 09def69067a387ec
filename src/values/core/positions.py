"""Where a new item goes in a list kept in order by a `position` field."""

from django.db.models import Max, QuerySet


def next_position(items: QuerySet) -> int:
    """After the last one. A count would hand a removed item's place to the new one, ahead of later items."""
    last = items.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1
