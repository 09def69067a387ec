"""Practices, self-assessments, action plans, campaign, toolkits and volunteering of the sample (demo-content)."""

import random
from collections.abc import Callable
from datetime import date

from django.db.models import Model

from values.programme.models import Programme


def add_content(
    programme: Programme, *, today: date, rng: random.Random, record: Callable[[Model], None]
) -> dict[str, int]:
    return {}
