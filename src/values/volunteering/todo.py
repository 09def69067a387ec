"""Volunteering's part of a person's start page (core.todo): applicants to decide and hours to approve."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from values.core.text import pick
from values.core.todo import Asker, ToDo, add_offer, register
from values.network.enums import Role
from values.volunteering.queries import opportunities_waiting_on


def volunteering_todos(asker: Asker) -> list[ToDo]:
    if not asker.access.offer_opportunities:
        return []
    items = []
    for opportunity in opportunities_waiting_on(asker.user, asker.programme):
        title = pick(opportunity.title)
        if opportunity.applicants:
            text = ngettext(
                "%(count)d applicant to “%(title)s” waits for your decision.",
                "%(count)d applicants to “%(title)s” wait for your decision.",
                opportunity.applicants,
            ) % {"count": opportunity.applicants, "title": title}
            url = reverse("opportunity_applicants", args=[opportunity.pk])
            items.append(ToDo(timezone.localdate(opportunity.applied_since), text, url, "applicants"))
        if opportunity.hours_waiting:
            text = ngettext(
                "%(count)d entry of hours given to “%(title)s” waits for your approval.",
                "%(count)d entries of hours given to “%(title)s” wait for your approval.",
                opportunity.hours_waiting,
            ) % {"count": opportunity.hours_waiting, "title": title}
            url = reverse("opportunity_hours", args=[opportunity.pk])
            items.append(ToDo(timezone.localdate(opportunity.hours_since), text, url, "hours"))
    return items


def _offer(asker: Asker) -> str | None:
    return reverse("opportunity_add") if asker.access.offer_opportunities else None


def setup() -> None:
    register(volunteering_todos)
    text = gettext_lazy("Publish volunteering opportunities and decide who takes part")
    for role in (Role.CITY_STAFF, Role.VOLUNTEER_LEADER):
        add_offer(role, text, _offer, order=50)
