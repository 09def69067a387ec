"""Report templates (questions) and report requests for an activity, kept by the coordinator as on the template pages
(`values.reports.services`)."""

from ninja import Router

router = Router(tags=["reports"])
