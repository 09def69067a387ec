"""The planner: communities of practice, exchange pairs and a dated schedule.

Pure Python and OR-Tools; nothing from Django. Plain dataclasses in (`Instance`), plain
dataclasses out (`Plan`; `Infeasible` with reasons a coordinator understands; or `TimedOut`,
naming the stage that stopped before an answer).
"""

from values.planner.model import (
    Activity,
    City,
    Community,
    Explanation,
    Facilitator,
    Infeasible,
    Instance,
    Pair,
    Plan,
    Rule,
    Stage,
    TimedOut,
)
from values.planner.solve import plan_programme

__all__ = [
    "Activity",
    "City",
    "Community",
    "Explanation",
    "Facilitator",
    "Infeasible",
    "Instance",
    "Pair",
    "Plan",
    "Rule",
    "Stage",
    "TimedOut",
    "plan_programme",
]
