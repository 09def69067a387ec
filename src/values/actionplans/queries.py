"""Reads of action plans: actions with what the pages show, overdue ones, the coordinator's overview."""

from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, Count, ExpressionWrapper, Max, OuterRef, Q, QuerySet, Subquery

from values.actionplans.enums import CLOSED_STATUSES, PlanStatus
from values.actionplans.models import Action, ActionPlan, Comment, SectionRevision
from values.activities.models import Activity
from values.network.models import Organisation
from values.programme.models import Programme


def overdue(today: date, prefix: str = "") -> Q:
    """The one rule: an action is overdue when its end has passed and it is neither done nor dropped."""
    return Q(**{f"{prefix}end__lt": today}) & ~Q(**{f"{prefix}status__in": CLOSED_STATUSES})


def actions_of(plan: ActionPlan, today: date) -> QuerySet[Action]:
    """The plan's actions, each with `is_overdue`; by id, so that a plan not begun yet (unsaved) has none."""
    return (
        Action.objects.filter(plan_id=plan.pk)
        .select_related("owner")
        .prefetch_related("partners", "updates")
        .annotate(is_overdue=ExpressionWrapper(overdue(today), output_field=BooleanField()))
    )


def action_organisations(programme: Programme) -> QuerySet[Organisation]:
    """Who may own an action or take part in it: the programme's partners."""
    return Organisation.objects.filter(partnerships__programme=programme).order_by("key")


@dataclass(frozen=True)
class Review:
    threads: dict[str, list[Comment]]  # section to its first comments, oldest first
    replies: dict[int, list[Comment]]  # a first comment's id to its replies


def review_of(plan: ActionPlan) -> Review:
    """The plan's comments as threads per section, with their authors; by id (a plan not begun has none)."""
    threads: dict[str, list[Comment]] = {}
    replies: dict[int, list[Comment]] = {}
    for comment in Comment.objects.filter(plan_id=plan.pk).select_related("author").order_by("created_at", "pk"):
        if comment.parent_id:
            replies.setdefault(comment.parent_id, []).append(comment)
        else:
            threads.setdefault(comment.section, []).append(comment)
    return Review(threads, replies)


def section_revisions(plan: ActionPlan, section: str) -> QuerySet[SectionRevision]:
    """Every save of a section, oldest first, with its author; by id (a plan not begun has none)."""
    return SectionRevision.objects.filter(plan_id=plan.pk, section=section).select_related("author").order_by("number")


def overdue_actions(organisation: Organisation, programme: Programme, today: date) -> QuerySet[Action]:
    return Action.objects.filter(overdue(today), plan__programme=programme, plan__organisation=organisation)


@dataclass(frozen=True)
class PlanOverview:
    city: Organisation
    plan: ActionPlan | None
    actions: int
    overdue: int


def plan_cities(programme: Programme, among: QuerySet[Organisation] | None = None) -> QuerySet[Organisation]:
    """Every partner city (or those `among` them), by name: the rows of the plans' overview, to page."""
    cities = Organisation.objects.filter(partnerships__programme=programme, kind="city").select_related("city")
    if among is not None:
        cities = cities.filter(pk__in=among.values("pk"))
    return cities.order_by("city__name", "pk")


def overview_of(programme: Programme, cities: list[Organisation], today: date) -> list[PlanOverview]:
    """The cities (a page of `plan_cities`), each with its plan's status, its actions and how many are overdue."""
    plans = {
        plan.organisation_id: plan
        for plan in programme.action_plans.filter(organisation__in=[city.pk for city in cities]).annotate(
            action_count=Count("actions", distinct=True),
            overdue_count=Count("actions", filter=overdue(today, prefix="actions__"), distinct=True),
        )
    }
    rows = []
    for city in cities:
        plan = plans.get(city.pk)
        rows.append(PlanOverview(city, plan, plan.action_count if plan else 0, plan.overdue_count if plan else 0))
    return rows


def plans_overview(
    programme: Programme, today: date, among: QuerySet[Organisation] | None = None
) -> list[PlanOverview]:
    """Every partner city (or those `among` them), with its plan's status, its actions and how many are overdue."""
    return overview_of(programme, list(plan_cities(programme, among)), today)


def hosted_outcomes(plan: ActionPlan) -> QuerySet[Activity]:
    """The city's hosted visits and exchanges whose outcomes are recorded: they feed its plan."""
    return (
        Activity.objects.filter(programme=plan.programme_id, host=plan.organisation_id)
        .exclude(outcomes="")
        .order_by("start")
    )


def with_latest_text(plans: QuerySet[ActionPlan], section: str) -> QuerySet[ActionPlan]:
    """The plans, each with the current text of one of its sections as `latest_text` (None if never written)."""
    revisions = SectionRevision.objects.filter(plan=OuterRef("pk"), section=section).order_by("-number")
    return plans.annotate(latest_text=Subquery(revisions.values("text")[:1]))


# -- what needs a person (their start page, actionplans/todo.py) --------------------------------------------------
def overdue_actions_of(cities, programme: Programme, today: date) -> QuerySet[Action]:
    """The cities' overdue actions (the one rule, `overdue`), the longest overdue first."""
    return (
        Action.objects.filter(overdue(today), plan__programme=programme, plan__organisation__in=cities)
        .select_related("plan__organisation")
        .order_by("end", "pk")
    )


def unanswered_comments(cities, programme: Programme, *, reader) -> QuerySet[Comment]:
    """Open first comments on the cities' plans that nobody has replied to, written by someone else."""
    return (
        Comment.objects.filter(
            plan__programme=programme, plan__organisation__in=cities, parent__isnull=True, resolved_at__isnull=True
        )
        .exclude(author=reader)
        .annotate(reply_count=Count("replies"))
        .filter(reply_count=0)
        .select_related("plan__organisation", "author")
        .order_by("created_at", "pk")
    )


def plans_in_review(programme: Programme) -> QuerySet[ActionPlan]:
    """The programme's plans submitted for review, with the time of their latest change."""
    return (
        ActionPlan.objects.filter(programme=programme, status=PlanStatus.IN_REVIEW)
        .annotate(changed_at=Max("revisions__created_at"))
        .select_related("organisation")
        .order_by("changed_at", "pk")
    )
