"""A small programme built by hand for the monitoring tests, with every count known (see test_queries.py).

Jan–Dec 2020 (12 months, 4 quarters: Q1 Jan–Mar, Q2 Apr–Jun, Q3 Jul–Sep, Q4 Oct–Dec); the tests look on
15 August 2020: Q1 and Q2 have ended (Q2 is judged), Q3 runs, Q4 has not begun.
"""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from tests.conftest import make_member
from values.actionplans.enums import PlanStatus
from values.actionplans.models import ActionPlan
from values.activities.enums import ActivityKind, ParticipantStatus
from values.activities.models import Exchange, Participant, Visit
from values.finance.enums import ExpenseStatus
from values.finance.models import Expense
from values.knowledge.enums import PracticeStatus
from values.knowledge.models import Practice
from values.network.enums import Role
from values.network.models import Organisation
from values.network.services import create_account
from values.planning.models import PlanRun
from values.programme.models import Community, ExchangePair, Programme
from values.programme.programme_file import read_programme_file
from values.programme.services import load_programme_file
from values.publishing.enums import ToolkitStatus
from values.publishing.models import Toolkit
from values.reports.enums import ReportStatus
from values.reports.models import Report, ReportRequest, ReportTemplate
from values.volunteering.enums import CommitmentStatus, OpportunityKind, OpportunityStatus
from values.volunteering.models import Commitment, Opportunity, Volunteer

TODAY = date(2020, 8, 15)

PROGRAMME_FILE = """
programme: {code: MON1, acronym: MON, title: Monitored, start: 2020-01, duration_months: 12, total_cost: "3000.00"}
themes: [{id: A, title: Welcome}, {id: B, title: Volunteering}]
organisations:
  - {id: hub, name: Hub, kind: network, role: coordinator, country: BE}
  - {id: alpha, name: City of Alpha, kind: city, role: partner, country: IT, city: {name: Alpha, lat: 44.1, lon: 12.2},
     budget: {total: "1000.00", eu_contribution: "900.00", cofinancing: "100.00"}}
  - {id: beta, name: City of Beta, kind: city, role: partner, country: ES, city: {name: Beta, lat: 41.5, lon: 2.0},
     budget: {total: "2000.00", eu_contribution: "1800.00", cofinancing: "200.00"}}
  - {id: gamma, name: City of Gamma, kind: city, role: partner, country: FR, city: {name: Gamma, lat: 43.6, lon: 1.4}}
  - {id: delta, name: City of Delta, kind: city, role: partner, country: DE, city: {name: Delta, lat: 49.4, lon: 11.0}}
monitoring:
  targets: {visits_held: 4, exchanges_done: 4, participants: 12, participants_city_staff: 8,
            participants_volunteer_leaders: 4, reports_accepted: 8, action_plans_adopted: 4, practices_published: 8,
            toolkits_published: 2, volunteers_engaged: 20, spending_rate: 100}
"""

# The accepted plan: (kind, host, guest, last day). Expected visits by each quarter's end: 1, 3, 3, 4; exchanges
# 1, 2, 3, 4.
PLAN = [
    ("visit", "alpha", None, date(2020, 2, 14)),
    ("visit", "beta", None, date(2020, 5, 15)),
    ("visit", "gamma", None, date(2020, 6, 12)),
    ("visit", "delta", None, date(2020, 10, 16)),
    ("exchange", "beta", "alpha", date(2020, 3, 20)),
    ("exchange", "alpha", "beta", date(2020, 4, 24)),
    ("exchange", "delta", "gamma", date(2020, 9, 18)),
    ("exchange", "gamma", "delta", date(2020, 11, 20)),
]


def at(*parts: int) -> datetime:
    return timezone.make_aware(datetime(*parts))


def build() -> Programme:
    programme = load_programme_file(read_programme_file(PROGRAMME_FILE).document).programme
    cities = {o.key: o for o in Organisation.objects.filter(key__in=["alpha", "beta", "gamma", "delta"])}
    coordinator = make_member("mon-coordinator", "hub", Role.COORDINATOR, programme)
    _accept_plan(programme, coordinator)
    activities = _activities(programme, cities)
    participations = _participants(programme, activities)
    _reports(programme, participations)
    _practices(programme, cities["alpha"])
    _toolkits(programme)
    _volunteers(programme, cities["alpha"])
    ActionPlan.objects.create(programme=programme, organisation=cities["alpha"], status=PlanStatus.ADOPTED)
    ActionPlan.objects.create(programme=programme, organisation=cities["beta"], status=PlanStatus.IN_REVIEW)
    _expenses(programme)
    return programme


def _accept_plan(programme: Programme, coordinator) -> None:
    activities = [
        {"kind": kind, "host": host, "guests": [guest] if guest else [], "community": "C1",
         "start": end.isoformat(), "end": end.isoformat()}
        for kind, host, guest, end in PLAN
    ]  # fmt: skip
    PlanRun.objects.create(
        programme=programme, status="done", result={"activities": activities}, created_by=coordinator,
        accepted_at=at(2019, 12, 20),
    )  # fmt: skip


def _activities(programme: Programme, cities: dict) -> dict[str, object]:
    """As they happened: Beta's visit postponed to July; the rest as planned."""
    community = Community.objects.create(programme=programme, key="C1", theme=programme.themes.get(key="A"))
    pair = ExchangePair.objects.create(community=community)
    pair.cities.set([cities["alpha"], cities["beta"]])
    other = ExchangePair.objects.create(community=community)
    other.cities.set([cities["gamma"], cities["delta"]])
    made = {}
    for kind, host, guest, end in PLAN:
        if kind == ActivityKind.VISIT:
            end = date(2020, 7, 10) if host == "beta" else end
            made[f"visit-{host}"] = Visit.objects.create(
                programme=programme, kind=kind, community=community, host=cities[host], start=end, end=end
            )
        else:
            made[f"exchange-{host}"] = Exchange.objects.create(
                programme=programme, kind=kind, pair=pair if host in ("alpha", "beta") else other,
                host=cities[host], guest=cities[guest], start=end, end=end,
            )  # fmt: skip
    return made


# Who took part: (activity, person, their role for their city or None, their city, present).
PEOPLE = {
    "p1": ("alpha", Role.CITY_STAFF),
    "p2": ("beta", Role.CITY_STAFF),
    "p3": ("alpha", Role.VOLUNTEER_LEADER),
    "p4": ("beta", Role.CITY_STAFF),
    "p5": ("alpha", Role.VOLUNTEER_LEADER),
    "p6": ("beta", None),
    "p7": ("gamma", Role.CITY_STAFF),
}
PRESENCE = [
    ("visit-alpha", "p1", True), ("visit-alpha", "p2", True), ("visit-alpha", "p3", True),
    ("visit-alpha", "p4", False),
    ("exchange-beta", "p1", True), ("exchange-beta", "p5", True),
    ("exchange-alpha", "p2", True), ("exchange-alpha", "p6", True),
    ("visit-gamma", "p1", None),  # nobody recorded at Gamma's visit: not held
    ("visit-beta", "p7", True),
]  # fmt: skip


def _participants(programme: Programme, activities: dict) -> dict[tuple[str, str], Participant]:
    people = {}
    for name, (city, role) in PEOPLE.items():
        if role is None:
            people[name] = create_account(username=f"mon-{name}", email=f"{name}@example.org", password="x" * 12)
        else:
            people[name] = make_member(f"mon-{name}", city, role, programme)
    made = {}
    for activity, name, present in PRESENCE:
        made[(activity, name)] = Participant.objects.create(
            activity=activities[activity], user=people[name], status=ParticipantStatus.CONFIRMED, attended=present,
            organisation=Organisation.objects.get(key=PEOPLE[name][0]),
        )  # fmt: skip
    return made


def _reports(programme: Programme, participations: dict) -> None:
    """Accepted on 25 March (Q1), 5 May (Q2), 20 July (Q3); one only submitted."""
    template = ReportTemplate.objects.create(programme=programme, title="After the exchange")
    requests = {}
    for (activity, name), reviewed, status in [
        (("exchange-beta", "p1"), at(2020, 3, 25, 10), ReportStatus.ACCEPTED),
        (("exchange-beta", "p5"), at(2020, 5, 5, 10), ReportStatus.ACCEPTED),
        (("exchange-alpha", "p2"), at(2020, 7, 20, 10), ReportStatus.ACCEPTED),
        (("exchange-alpha", "p6"), None, ReportStatus.SUBMITTED),
    ]:
        participant = participations[(activity, name)]
        if activity not in requests:
            requests[activity] = ReportRequest.objects.create(
                activity=participant.activity, template=template, due=date(2020, 6, 1)
            )
        Report.objects.create(request=requests[activity], participant=participant, status=status, reviewed_at=reviewed)


def _practices(programme: Programme, city: Organisation) -> None:
    """Published in Q1 twice, in Q2 twice (the last at 23:30 on its last day), in Q3 once; one only proposed."""
    moments = [at(2020, 1, 20, 9), at(2020, 2, 10, 9), at(2020, 4, 1, 10), at(2020, 6, 30, 23, 30),
               at(2020, 7, 1, 0, 30), None]  # fmt: skip
    for number, moment in enumerate(moments):
        Practice.objects.create(
            programme=programme, organisation=city, original_language="en", title={"en": f"Practice {number}"},
            status=PracticeStatus.PUBLISHED if moment else PracticeStatus.PROPOSED, published_at=moment,
        )  # fmt: skip


def _toolkits(programme: Programme) -> None:
    """The programme's toolkit first ready in Italian on 2 March (Q1), theme A's on 1 August (Q3); B's failed."""
    theme_a, theme_b = programme.themes.get(key="A"), programme.themes.get(key="B")
    for theme, language, status, built in [
        (None, "en", ToolkitStatus.READY, at(2020, 5, 10, 12)),
        (None, "it", ToolkitStatus.READY, at(2020, 3, 2, 12)),
        (theme_a, "en", ToolkitStatus.READY, at(2020, 8, 1, 12)),
        (theme_b, "en", ToolkitStatus.FAILED, None),
    ]:
        Toolkit.objects.create(programme=programme, theme=theme, language=language, status=status, built_at=built)


def _volunteers(programme: Programme, city: Organisation) -> None:
    """Engaged: v1 on 1 February (and again on 1 May: once), v2 on 2 May, v4 on 3 July (no decision kept: when
    made); v3 only applied."""
    opportunity = Opportunity.objects.create(
        programme=programme, organisation=city, city=city, kind=OpportunityKind.choices[0][0], original_language="en",
        title={"en": "Welcome desk"}, theme=programme.themes.get(key="A"), places=10, start_date=date(2020, 1, 1),
        status=OpportunityStatus.PUBLISHED,
    )  # fmt: skip
    second = Opportunity.objects.get(pk=opportunity.pk)
    second.pk = second.id = None
    second.save()
    for name, where, status, decided in [
        ("v1", opportunity, CommitmentStatus.ACCEPTED, at(2020, 2, 1, 12)),
        ("v1", second, CommitmentStatus.ACCEPTED, at(2020, 5, 1, 12)),
        ("v2", opportunity, CommitmentStatus.ACCEPTED, at(2020, 5, 2, 12)),
        ("v3", opportunity, CommitmentStatus.APPLIED, None),
        ("v4", opportunity, CommitmentStatus.ACCEPTED, None),
    ]:
        volunteer, _ = Volunteer.objects.get_or_create(programme=programme, email=f"{name}@example.org")
        commitment = Commitment.objects.create(
            volunteer=volunteer, opportunity=where, status=status, decided_at=decided
        )
        if name == "v4":
            Commitment.objects.filter(pk=commitment.pk).update(created_at=at(2020, 7, 3, 12))


def _expenses(programme: Programme) -> None:
    """Alpha (budget 1000.00): approved 100.00 in February, 200.00 in May, 50.00 in July, 500.00 only submitted.
    Beta (2000.00): approved 900.00 in March."""
    partners = {partner.organisation.key: partner for partner in programme.partners.select_related("organisation")}
    for key, day, amount, status in [
        ("alpha", date(2020, 2, 10), "100.00", ExpenseStatus.APPROVED),
        ("alpha", date(2020, 5, 10), "200.00", ExpenseStatus.APPROVED),
        ("alpha", date(2020, 7, 5), "50.00", ExpenseStatus.APPROVED),
        ("alpha", date(2020, 3, 1), "500.00", ExpenseStatus.SUBMITTED),
        ("beta", date(2020, 3, 15), "900.00", ExpenseStatus.APPROVED),
    ]:
        Expense.objects.create(
            partner=partners[key], spent_on=day, category="travel", amount=Decimal(amount), currency="EUR",
            rate=Decimal(1), amount_eur=Decimal(amount), description="Train", status=status,
        )  # fmt: skip
