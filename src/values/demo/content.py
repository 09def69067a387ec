"""The demo's content at month 16: good practices, self-assessments, action plans, the campaign, toolkits and
volunteering, made through each app's services so that every rule holds. `add_content` is called by the `values
demo --scenario midway` command once the plan is accepted; every row it makes goes to `record`, so that the sample
can be removed again."""

import random
from collections.abc import Callable
from datetime import date

from django.db.models import Model

from values.demo.content_campaign import add_campaign
from values.demo.content_knowledge import add_assessments, add_practices
from values.demo.content_plans import add_action_plans
from values.demo.content_volunteering import add_volunteering
from values.network.enums import Role
from values.network.models import AuditEntry, Organisation, User
from values.network.services import create_account
from values.programme.models import Membership, Programme
from values.programme.queries import partner_cities
from values.programme.services import grant_role
from values.publishing.models import Toolkit
from values.publishing.services import build_toolkit, ensure_toolkits


def add_content(
    programme: Programme, *, today: date, rng: random.Random, record: Callable[[Model], None]
) -> dict[str, int]:
    """Make the midway content; the counts per kind, for the command's summary."""
    audited_before = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    people = demo_people(programme, rng=rng, record=record)
    cities = partner_cities(programme)
    counts: dict[str, int] = {}
    counts |= add_practices(
        programme, cities, people["staff"], people["coordinator"], today=today, rng=rng, record=record
    )
    counts |= add_assessments(programme, cities, people["staff"], today=today, rng=rng, record=record)
    counts |= add_action_plans(programme, cities, people, today=today, rng=rng, record=record)
    campaign, channels, campaign_counts = add_campaign(programme, people, today=today, rng=rng, record=record)
    counts |= campaign_counts
    volunteering = add_volunteering(programme, cities, people, campaign, channels, today=today, rng=rng, record=record)
    counts |= {kind: number for kind, number in volunteering.counts.items() if not kind.startswith("sign_ups:")}
    counts["campaign_sign_ups"] = sum(n for kind, n in volunteering.counts.items() if kind.startswith("sign_ups:"))
    counts["toolkits"] = build_toolkits(programme, record=record)
    # The audit lines of the sample's publications go with the sample.
    for entry in AuditEntry.objects.filter(pk__gt=audited_before).order_by("pk"):
        record(entry)
    return counts


# -- people -------------------------------------------------------------------------------------
def _holder(programme: Programme, role: Role, organisation: Organisation | None = None) -> User | None:
    memberships = Membership.objects.filter(programme=programme, role=role).select_related("user").order_by("pk")
    if organisation is not None:
        memberships = memberships.filter(organisation=organisation)
    membership = memberships.first()
    return membership.user if membership else None


def _member(programme, role: Role, organisation: Organisation, username: str, *, rng, record) -> User:
    """The demo's person in this role (the demo accounts first), else a sample account made for it, without a
    password anyone knows."""
    user = _holder(programme, role, organisation)
    if user is not None:
        return user
    user = User.objects.filter(username=username).first()
    if user is None:
        user = create_account(username=username, email=f"{username}@demo.invalid", password=f"{rng.getrandbits(128):x}")
        user.set_unusable_password()
        user.save(update_fields=["password"])
        record(user)  # its memberships go with it
    grant_role(user, programme=programme, organisation=organisation, role=role)
    return user


def demo_people(programme: Programme, *, rng: random.Random, record: Callable[[Model], None]) -> dict:
    """Who writes, comments and decides in the demo: the coordinator, the expert, the volunteer leader and one
    city staff member per partner city."""
    organisations = {o.key: o for o in Organisation.objects.filter(partnerships__programme=programme)}
    coordinating = next((o for o in organisations.values() if o.key == "eurocities"), None)
    coordinator = _holder(programme, Role.COORDINATOR) or _member(
        programme, Role.COORDINATOR, coordinating or next(iter(organisations.values())), "demo-coordinator",
        rng=rng, record=record,
    )  # fmt: skip
    expert_home = organisations.get("evc") or coordinating or next(iter(organisations.values()))
    expert = _holder(programme, Role.EXPERT) or _member(
        programme, Role.EXPERT, expert_home, "demo-expert", rng=rng, record=record
    )
    staff = {
        city.key: _member(programme, Role.CITY_STAFF, city, f"demo-staff-{city.key}", rng=rng, record=record)
        for city in partner_cities(programme)
    }
    return {"coordinator": coordinator, "expert": expert, "staff": staff, "organisations": organisations,
            "evc": organisations.get("evc")}  # fmt: skip


# -- toolkits -----------------------------------------------------------------------------------
def build_toolkits(programme: Programme, *, record: Callable[[Model], None]) -> int:
    """Build the programme's own toolkit in each of its languages now, in the worker's place, so the demo opens
    with it ready. The themes' toolkits are made but left to be built from the toolkits page (a PDF takes seconds
    each: all of them would take the demo's start past its time)."""
    existing = set(Toolkit.objects.filter(programme=programme).values_list("pk", flat=True))
    built = 0
    for toolkit in ensure_toolkits(programme):
        if toolkit.pk not in existing:
            record(toolkit)
        if toolkit.theme_id is None:
            built += build_toolkit(toolkit).status == "ready"
    return built
