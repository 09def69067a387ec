"""The demo's action plans: one a city, in every status, with revisions, comment threads and actions on and off
track."""

import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Model

from values.actionplans.enums import ActionStatus, PlanStatus, Section
from values.actionplans.models import ActionPlan
from values.actionplans.services import (
    add_comment,
    add_progress,
    resolve_comment,
    save_action,
    save_section,
    set_plan_published,
    set_plan_status,
)
from values.network.models import Organisation
from values.programme.models import Programme

SECTIONS = {
    Section.CONTEXT: "## Where we start\n\n{city} has **{volunteers} volunteers** active in welcome work, mostly "
    "through three associations. Newcomers say they meet residents *only at the counter*.",
    Section.OBJECTIVES: "1. Double the volunteers working with newcomers by the end of VALUES.\n"
    "2. Open a neighbourhood volunteer desk.\n3. Give migrant associations a seat in the planning group.",
    Section.ACTIONS: "See the actions below; each has an owner, a timeline and an indicator.",
    Section.RESOURCES: "- one officer at half time\n- the library's rooms on Tuesday evenings\n"
    "- a small fund for volunteers' travel",
    Section.MONITORING: "The planning group meets **every quarter** and updates the indicators here.",
}
REVISED_OBJECTIVES = SECTIONS[Section.OBJECTIVES] + "\n4. Train volunteers on intercultural communication."
ACTIONS = (
    ("Train volunteers on intercultural communication", "volunteers trained", 0, 40),
    ("Open the neighbourhood volunteer desk", "desk opening days a week", 0, 3),
    ("Set up the planning group with migrant associations", "associations in the group", 1, 6),
    ("Publish the welcome map in five languages", "languages published", 1, 5),
)


def add_action_plans(
    programme: Programme, cities: list[Organisation], people: dict, *,
    today: date, rng: random.Random, record: Callable[[Model], None],
) -> dict[str, int]:  # fmt: skip
    """Statuses go round draft → in review → adopted (published) → adopted; Cesena's plan is in review with an
    expert's comment to answer and an overdue action."""
    counts = {"action_plans": 0, "revisions": 0, "comments": 0, "actions": 0, "overdue_actions": 0}
    order = [PlanStatus.DRAFT, PlanStatus.IN_REVIEW, PlanStatus.ADOPTED, PlanStatus.ADOPTED]
    for index, city in enumerate(cities):
        status = PlanStatus.IN_REVIEW if city.key == "cesena" else order[index % 4]
        plan = _plan(programme, city, people, status, published=index % 4 == 2, rng=rng, counts=counts)
        record(plan)
        _actions(plan, city, people, today=today, rng=rng, counts=counts, overdue=city.key == "cesena" or index % 2)
    return counts


def _plan(programme, city, people, status, *, published, rng, counts) -> ActionPlan:
    author, expert = people["staff"][city.key], people["expert"]
    plan = ActionPlan(programme=programme, organisation=city)
    for section, text in SECTIONS.items():
        revision = save_section(plan, section, text=text.format(city=city.name, volunteers=rng.randint(30, 400)),
                                base=0, by=author)  # fmt: skip
        plan = revision.plan
        counts["revisions"] += 1
    # A second hand on the objectives: the expert's suggestion, taken into the text.
    save_section(plan, Section.OBJECTIVES, text=REVISED_OBJECTIVES, base=1, by=expert)
    counts["revisions"] += 1
    if status != PlanStatus.DRAFT:
        set_plan_status(plan, PlanStatus.IN_REVIEW)
        _review(plan, city, people, settled=status == PlanStatus.ADOPTED, counts=counts)
    if status == PlanStatus.ADOPTED:
        set_plan_status(plan, PlanStatus.ADOPTED)
        if published:
            set_plan_published(plan, True, by=people["coordinator"])
    plan.refresh_from_db()
    counts["action_plans"] += 1
    return plan


def _review(plan, city, people, *, settled: bool, counts) -> None:
    """The expert asks about the objectives, a peer city comments on the actions and the city answers the peer;
    in an adopted plan the threads are resolved, in one under review the expert still waits for an answer."""
    author, expert = people["staff"][city.key], people["expert"]
    peer_key = next(key for key in people["staff"] if key != city.key)
    question = add_comment(plan, Section.OBJECTIVES, by=expert, text=(
        "How will you count the volunteers in objective 1? The associations' lists overlap."))  # fmt: skip
    peer = add_comment(plan, Section.ACTIONS, by=people["staff"][peer_key], text=(
        "We opened a similar desk last year: start with two mornings, not three."))  # fmt: skip
    add_comment(plan, Section.ACTIONS, by=author, parent=peer, text="Thank you: we will try two mornings first.")
    counts["comments"] += 3
    if settled:
        add_comment(plan, Section.OBJECTIVES, by=author, parent=question, text=(
            "We will count people, not registrations: one shared list kept by the desk."))  # fmt: skip
        counts["comments"] += 1
        resolve_comment(question, by=expert)
        resolve_comment(peer, by=author)


def _actions(plan, city, people, *, today, rng, counts, overdue) -> None:
    """One done, one on track and, where `overdue`, one whose end has passed while it is still in progress."""
    owner_name = people["staff"][city.key].get_full_name() or people["staff"][city.key].username
    start = plan.programme.start + timedelta(days=rng.randint(60, 120))
    shapes = [
        (ActionStatus.DONE, start, today - timedelta(days=rng.randint(30, 90))),
        (ActionStatus.IN_PROGRESS, start + timedelta(days=30), today + timedelta(days=rng.randint(60, 200))),
        (ActionStatus.PLANNED, today + timedelta(days=20), today + timedelta(days=rng.randint(120, 240))),
    ]
    if overdue:
        late = today - timedelta(days=rng.randint(5, 25))
        shapes.append((ActionStatus.IN_PROGRESS, start + timedelta(days=15), late))
        counts["overdue_actions"] += 1
    for (title, unit, baseline, target), (status, first, last) in zip(ACTIONS, shapes, strict=False):
        action = save_action(
            plan, title=title, owner=city, owner_person=owner_name, start=first, end=last, unit=unit,
            baseline=Decimal(baseline), target=Decimal(target), status=status,
            partners=[people["evc"]] if people["evc"] is not None else [],
        )  # fmt: skip
        counts["actions"] += 1
        if status != ActionStatus.PLANNED:
            value = Decimal(target if status == ActionStatus.DONE else (baseline + target) // 2)
            on = min(today, max(first + timedelta(days=20), plan.programme.start))
            add_progress(action, on=on, note="Reported at the planning group.", value=value,
                         by=people["staff"][city.key])  # fmt: skip
