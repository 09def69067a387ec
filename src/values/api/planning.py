"""The planner through the API: its rules, its runs (started, followed, accepted) as on the planning pages
(`values.planning.services`)."""

from ninja import Router

router = Router(tags=["planning"])
