from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.dateparse import parse_date

from values.network.enums import AuditAction
from values.network.models import AuditEntry

AUDIT_PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditFilter:
    """What the coordinator narrows the audit log to; a value that makes no sense is ignored."""

    action: str = ""
    actor: str = ""
    since: date | None = None
    until: date | None = None

    @classmethod
    def from_query(cls, query: QueryDict) -> "AuditFilter":
        action = query.get("action", "")
        return cls(
            action=action if action in AuditAction.values else "",
            actor=query.get("actor", "").strip()[:150],
            since=_date(query.get("since", "")),
            until=_date(query.get("until", "")),
        )

    def as_query(self) -> str:
        """The filter as a query string, for the links to other pages of the log."""
        values = {"action": self.action, "actor": self.actor, "since": self.since, "until": self.until}
        return urlencode({key: value for key, value in values.items() if value})


def audit_entries(filters: AuditFilter) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.all()
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.actor:
        entries = entries.filter(actor_name__iexact=filters.actor)
    if filters.since:
        entries = entries.filter(at__date__gte=filters.since)
    if filters.until:
        entries = entries.filter(at__date__lte=filters.until)
    return entries.order_by("-at", "-id")


def _date(raw: str) -> date | None:
    try:
        return parse_date(raw.strip()[:10])
    except ValueError:
        return None
