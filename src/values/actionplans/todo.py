"""The action plans' part of a person's start page (core.todo): overdue actions, comments, plans to review."""

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from values.actionplans.queries import overdue_actions_of, plans_in_review, unanswered_comments
from values.core.languages import long_date
from values.core.text import pick
from values.core.todo import Asker, ToDo, add_offer, register
from values.network.enums import Role


def plan_todos(asker: Asker) -> list[ToDo]:
    # The city's staff draft and answer for its plan (permissions.can_edit_plan).
    cities, programme, today = list(asker.cities), asker.programme, asker.today
    items = [*_overdue(cities, programme, today), *_comments(cities, programme, asker.user)] if cities else []
    if asker.roles & {Role.COORDINATOR, Role.EXPERT}:
        items += _in_review(programme, today)
    return items


def _overdue(cities, programme, today: date) -> list[ToDo]:
    return [
        ToDo(
            action.end,
            _("The action “%(action)s” of %(city)s was due to end on %(date)s.")
            % {"action": action.title, "city": pick(action.plan.organisation.name), "date": long_date(action.end)},
            reverse("action_edit", args=[action.plan.organisation.key, action.pk]),
            "action",
            overdue=True,
        )
        for action in overdue_actions_of(cities, programme, today)
    ]


def _comments(cities, programme, user) -> list[ToDo]:
    return [
        ToDo(
            timezone.localdate(comment.created_at),
            _("Answer the comment on the %(section)s of %(city)s's action plan.")
            % {"section": comment.get_section_display(), "city": pick(comment.plan.organisation.name)},
            reverse("action_plan", args=[comment.plan.organisation.key]),
            "comment",
        )
        for comment in unanswered_comments(cities, programme, reader=user)
    ]


def _in_review(programme, today: date) -> list[ToDo]:
    return [
        ToDo(
            timezone.localdate(plan.changed_at) if plan.changed_at else today,
            _("Comment on the action plan of %(city)s, submitted for review.") % {"city": pick(plan.organisation.name)},
            reverse("action_plan", args=[plan.organisation.key]),
            "plan_review",
        )
        for plan in plans_in_review(programme)
    ]


def _own_plan(asker: Asker) -> str | None:
    return reverse("action_plan", args=[asker.cities[0].key]) if asker.cities else None


def _overview(asker: Asker) -> str | None:
    return reverse("action_plans") if asker.access.coordinate else None


def setup() -> None:
    register(plan_todos)
    add_offer(Role.CITY_STAFF, gettext_lazy("Draft your city's action plan and track its actions"), _own_plan, order=20)
    add_offer(Role.COORDINATOR, gettext_lazy("Follow every city's action plan"), _overview, order=20)
