"""The planner: communities of practice, exchange pairs and a dated schedule.

Pure Python and OR-Tools; nothing from Django. Plain dataclasses in (`Instance`), plain
dataclasses out (`Plan`, or `Infeasible` with reasons a coordinator understands).
"""

from values.planner.model import (
    Activity,
    City,
    Community,
    Facilitator,
    Infeasible,
    Instance,
    Pair,
    Plan,
    Rule,
)
from values.planner.solve import plan_programme

__all__ = [
    "Activity",
    "City",
    "Community",
    "Facilitator",
    "Infeasible",
    "Instance",
    "Pair",
    "Plan",
    "Rule",
    "plan_programme",
]
