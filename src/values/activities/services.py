"""Every change to visits and exchanges; accepting a plan creates them."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from values.activities.models import Exchange, Visit
from values.network.models import Organisation, User
from values.programme.enums import PlanRunStatus
from values.programme.models import Community, CommunityMember, ExchangePair, PlanRun


@dataclass(frozen=True)
class AcceptSummary:
    communities: int
    visits: int
    exchanges: int


class PlanNotAcceptable(ValueError):
    pass


@transaction.atomic
def accept_plan_run(run: PlanRun, *, by: User) -> AcceptSummary:
    """Make a finished run the programme's plan: its communities, pairs, visits and exchanges.

    The previous plan's communities, visits and exchanges are replaced.
    """
    if run.status != PlanRunStatus.DONE or not run.result:
        raise PlanNotAcceptable("Only a finished plan can be accepted.")
    programme = run.programme
    programme.communities.all().delete()  # cascades to members, pairs, visits and exchanges
    organisations = {o.key: o for o in Organisation.objects.filter(partnerships__programme=programme)}
    themes = {t.key: t for t in programme.themes.all()}
    communities = {
        c["id"]: _create_community(programme, run, c, organisations, themes) for c in run.result["communities"]
    }
    pairs = {}
    for pair in run.result["pairs"]:
        created = ExchangePair.objects.create(
            community=communities[pair["community"]], complementarity=pair["complementarity"], why=pair["why"]
        )
        created.cities.set([organisations[c] for c in pair["cities"]])
        pairs[frozenset(pair["cities"])] = created
    visits, exchanges = _create_activities(programme, run.result["activities"], communities, pairs, organisations)
    run.accepted_at = timezone.now()
    run.save(update_fields=["accepted_at"])
    return AcceptSummary(len(communities), visits, exchanges)


def _create_community(programme, run, data, organisations, themes) -> Community:
    community = Community.objects.create(
        programme=programme, key=data["id"], theme=themes[data["theme"]], language=data["language"], plan_run=run
    )
    CommunityMember.objects.bulk_create(
        CommunityMember(community=community, organisation=organisations[m], why=data["why"].get(m, ""))
        for m in data["members"]
    )
    return community


def _create_activities(programme, activities, communities, pairs, organisations) -> tuple[int, int]:
    visits, exchanges = [], []
    for activity in activities:
        start, end = date.fromisoformat(activity["start"]), date.fromisoformat(activity["end"])
        host = organisations[activity["host"]]
        if activity["kind"] == "visit":
            visits.append(
                Visit(
                    programme=programme, community=communities[activity["community"]], host=host, start=start, end=end
                )
            )
        else:
            guest = activity["guests"][0]
            pair = next(p for cities, p in pairs.items() if {activity["host"], guest} <= cities)
            exchanges.append(
                Exchange(programme=programme, pair=pair, host=host, guest=organisations[guest], start=start, end=end)
            )
    Visit.objects.bulk_create(visits)
    Exchange.objects.bulk_create(exchanges)
    return len(visits), len(exchanges)
