"""Knowledge's offers on a person's start page (core.todo): benchmarks and good practices. It has no to-dos."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from values.core.todo import Asker, add_offer
from values.knowledge.permissions import proposing_organisations
from values.network.enums import Role


def _benchmarks(asker: Asker) -> str | None:
    return reverse("benchmarks") if asker.access.maintain_benchmarks else None


def _self_assessment(asker: Asker) -> str:
    return reverse("benchmarks")  # every signed-in person reads them (a city's staff score their city there)


def _propose(asker: Asker) -> str | None:
    return reverse("practice_add") if proposing_organisations(asker.user, asker.programme).exists() else None


def setup() -> None:
    add_offer(Role.EXPERT, gettext_lazy("Write and keep the benchmark standards"), _benchmarks, order=60)
    add_offer(Role.COORDINATOR, gettext_lazy("Keep the benchmark standards"), _benchmarks, order=60)
    add_offer(
        Role.CITY_STAFF, gettext_lazy("Score your city against the benchmark standards"), _self_assessment, order=60
    )
    for role in (Role.CITY_STAFF, Role.VOLUNTEER_LEADER):
        add_offer(role, gettext_lazy("Publish a good practice"), _propose, order=70)
