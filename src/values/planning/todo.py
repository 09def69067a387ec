"""Planning's part of a person's start page (core.todo): for the coordinator, a plan not yet accepted."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from values.core.todo import Asker, ToDo, add_offer, register
from values.network.enums import Role
from values.planning.queries import has_accepted_plan


def planning_todos(asker: Asker) -> list[ToDo]:
    programme, today = asker.programme, asker.today
    if not asker.access.plan or has_accepted_plan(programme):
        return []
    # Nothing is scheduled before a plan is accepted: it is due by the programme's start.
    start = programme.start
    text = _("Plan the communities, visits and exchanges, and accept the plan.")
    return [ToDo(start, text, reverse("plan"), "plan", overdue=start < today)]


def _plan(asker: Asker) -> str | None:
    return reverse("plan") if asker.access.see_plan else None


def setup() -> None:
    register(planning_todos)
    add_offer(Role.COORDINATOR, gettext_lazy("Plan the communities, visits and exchanges"), _plan, order=5)
    add_offer(Role.CITY_STAFF, gettext_lazy("See your city's part of the plan"), _plan, order=5)
