"""Amendments' part of the start page (core.todo): the funder's answers the coordinator has still to record."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from values.amendments.enums import AmendmentStatus
from values.amendments.models import Amendment
from values.core.languages import long_date
from values.core.todo import Asker, ToDo, add_offer, register
from values.network.enums import Role


def awaiting_answers(asker: Asker) -> list[ToDo]:
    if not asker.access.manage_amendments:
        return []
    waiting = Amendment.objects.filter(programme=asker.programme, status=AmendmentStatus.REQUESTED)
    return [_answer_to_record(amendment) for amendment in waiting.order_by("number")]


def _answer_to_record(amendment: Amendment) -> ToDo:
    text = _("Record the funder's answer to amendment %(number)d, asked on %(date)s.") % {
        "number": amendment.number, "date": long_date(amendment.requested_on)}  # fmt: skip
    return ToDo(amendment.requested_on, text, reverse("amendment", args=[amendment.number]), "amendment")


def _amendments(asker: Asker) -> str | None:
    return reverse("amendments") if asker.access.manage_amendments else None


def setup() -> None:
    register(awaiting_answers)
    add_offer(Role.COORDINATOR, gettext_lazy("Record an amendment asked of the funder"), _amendments, order=46)
