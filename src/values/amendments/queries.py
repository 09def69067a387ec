"""Reading amendments: a programme's list, and each change put into words."""

from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from values.amendments.changes import BUDGET_MOVE, DURATION, end_after
from values.amendments.models import Amendment
from values.core.languages import long_date
from values.core.templatetags.values_tags import money
from values.core.text import pick
from values.programme.enums import CostCategory
from values.programme.models import Programme


def amendments_of(programme: Programme) -> QuerySet[Amendment]:
    return programme.amendments.select_related("recorded_by", "decided_by").order_by("-number")


def describe_changes(amendment: Amendment) -> list[str]:
    """Each change of the amendment in a sentence of the reader's language."""
    programme = amendment.programme
    names = {key: pick(name) for key, name in programme.partners.values_list("organisation__key", "organisation__name")}
    return [_describe(change, names, programme) for change in amendment.changes]


def _describe(change: dict, names: dict[str, str], programme: Programme) -> str:
    if change.get("kind") == DURATION:
        end = long_date(end_after(programme, change["months"]))
        return _("The programme runs %(months)d months, to %(end)s.") % {"months": change["months"], "end": end}
    if change.get("kind") == BUDGET_MOVE:
        giver, taker = change["from"], change["to"]
        return _("%(amount)s of direct costs move from %(giver)s (%(giving)s) to %(taker)s (%(taking)s).") % {
            "amount": money(Decimal(change["amount"])), "giver": names.get(giver["partner"], giver["partner"]),
            "giving": CostCategory(giver["category"]).label, "taker": names.get(taker["partner"], taker["partner"]),
            "taking": CostCategory(taker["category"]).label,
        }  # fmt: skip
    return _("A change of a kind this version does not know.")
