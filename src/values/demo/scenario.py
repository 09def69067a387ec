"""The midway scenario, step by step, through the apps' own services: every rule they keep holds for the sample.

Each step takes the `Scene` (the programme, the scenario's date, the seeded random numbers and `record`, which marks
a row as sample data) and returns counts by kind for the summary.
"""

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from PIL import Image

from values.activities.enums import Mode, SessionKind
from values.activities.models import Activity, Exchange, Visit
from values.activities.permissions import taking_part
from values.activities.services import (
    answer_nomination,
    nominate_participant,
    record_attendance,
    record_minutes,
    save_session,
    update_activity_details,
)
from values.amendments.services import record_amendment
from values.core.money import split_by_rate, split_shares
from values.finance.models import ExchangeRate
from values.finance.services import (
    approve_expense,
    read_exchange_rates,
    save_exchange_rates,
    submit_expense,
)
from values.network.enums import OrganisationKind, Role
from values.network.models import Organisation, User
from values.network.services import create_account
from values.planning.services import accept_plan_run, execute_plan_run, start_plan_run
from values.programme.enums import CostCategory, PartnerRole
from values.programme.models import CommunityMember, ExchangePair, Partner, PartnerBudget, Programme
from values.programme.services import grant_role, save_partner_budget
from values.programme.spec import BudgetSpec
from values.reports.enums import QuestionKind
from values.reports.services import begin_report, request_reports, review_report, save_report, save_template

Record = Callable[[Model], None]

# Names for the sample's people, by country: people are shown by name, never by login.
NAMES = {
    "NL": (("Sanne", "de Vries"), ("Daan", "Bakker")),
    "GB": (("Amelia", "Hughes"), ("Oliver", "Patel")),
    "CZ": (("Tereza", "Novotná"), ("Jakub", "Dvořák")),
    "DE": (("Lena", "Schneider"), ("Felix", "Wagner")),
    "ES": (("Lucía", "García"), ("Pablo", "Martín")),
    "NO": (("Ingrid", "Hansen"), ("Lars", "Johansen")),
    "BE": (("Emma", "Peeters"), ("Lucas", "Janssens")),
    "LV": (("Anna", "Bērziņa"), ("Mārtiņš", "Ozols")),
    "GR": (("Eleni", "Papadopoulou"), ("Nikos", "Georgiou")),
    "FR": (("Camille", "Martin"), ("Hugo", "Bernard")),
    "IT": (("Chiara", "Romano"), ("Luca", "Ricci")),
    "CH": (("Laura", "Meier"), ("Jonas", "Keller")),
}
SAMPLE_PASSWORD_LENGTH = 24
# Partners pay in their own currency where it is not the euro (three of them, with the euro four in all).
CURRENCIES = {"CZ": "CZK", "NO": "NOK", "GB": "GBP"}
# Units per euro around which the sample's monthly rates move.
BASE_RATES = {"CZK": Decimal("24.80"), "NOK": Decimal("11.60"), "GBP": Decimal("0.85")}
VIDEO_LINK = "https://meet.example.org/values-{host}-{start:%Y%m%d}"
# Two visits held online and one hybrid: the sample shows both.
MOVED_ONLINE = (Mode.ONLINE, Mode.ONLINE, Mode.HYBRID)


@dataclass
class Scene:
    programme: Programme
    today: date
    rng: random.Random
    record: Record
    coordinator: User
    staff: dict[int, list[User]] = field(default_factory=dict)  # organisation id → its staff, first one leads


# -- people ----------------------------------------------------------------------------------------
def add_city_staff(scene: Scene) -> dict[str, int]:
    """Two named staff per city (the demo account of a city, where there is one, leads), with their roles."""
    people = 0
    cities = Organisation.objects.filter(partnerships__programme=scene.programme, kind="city").order_by("key")
    for city in cities:
        team = list(User.objects.filter(memberships__organisation=city, memberships__role=Role.CITY_STAFF))
        for number, (first, last) in enumerate(NAMES.get(city.country, NAMES["BE"]), start=1):
            user = create_account(
                username=f"sample-{city.key}-{number}",
                email=f"sample-{city.key}-{number}@demo.invalid",
                password="".join(scene.rng.choices("abcdefghjkmnpqrstuvwxyz23456789", k=SAMPLE_PASSWORD_LENGTH)),
                first_name=first,
                last_name=last,
            )
            scene.record(user)
            scene.record(grant_role(user, programme=scene.programme, organisation=city, role=Role.CITY_STAFF))
            team.append(user)
            people += 1
        scene.staff[city.pk] = team
    return {"people": people}


# -- the plan ---------------------------------------------------------------------------------------
def accept_plan(scene: Scene, *, seed: int) -> dict[str, int]:
    """The planner's run, done here rather than by the worker, accepted by the coordinator."""
    run = start_plan_run(scene.programme, by=scene.coordinator, seed=seed, time_limit=5, queue=False)
    execute_plan_run(run)
    summary = accept_plan_run(run, by=scene.coordinator)
    scene.record(run)
    programme = scene.programme
    for row in (
        *programme.communities.order_by("pk"),
        *CommunityMember.objects.filter(community__programme=programme).order_by("pk"),
        *ExchangePair.objects.filter(community__programme=programme).order_by("pk"),
        *Visit.objects.filter(programme=programme).order_by("pk"),
        *Exchange.objects.filter(programme=programme).order_by("pk"),
    ):
        scene.record(row)
    return {"communities": summary.communities, "visits": summary.visits, "exchanges": summary.exchanges}


# -- visits -----------------------------------------------------------------------------------------
# The agenda of a visit: (day, start, end, kind, title); day 0 is the first day, 1 the last.
VISIT_AGENDA = (
    (0, time(9, 30), time(11, 0), SessionKind.PRESENTATION, "How {city} welcomes newcomers through volunteering"),
    (0, time(11, 30), time(13, 30), SessionKind.SITE_VISIT, "Visit to a volunteer-run welcome centre"),
    (1, time(9, 30), time(12, 0), SessionKind.WORKSHOP, "Workshop: recruiting volunteers with a migrant background"),
    (1, time(13, 30), time(15, 0), SessionKind.PEER_DISCUSSION, "Peer discussion: what each city takes home"),
)


def hold_visits(scene: Scene) -> dict[str, int]:
    """Visits before today held (agenda, nominations, attendance, minutes, outcome), a few moved online;
    the coming ones with part of their agenda and nominations open."""
    visits = list(Visit.objects.filter(programme=scene.programme).select_related("host").order_by("start", "pk"))
    held = [visit for visit in visits if visit.end < scene.today]
    coming = [visit for visit in visits if visit.start > scene.today]
    counts = {"sessions": 0, "participants": 0}
    for visit, mode in zip(scene.rng.sample(held, min(len(MOVED_ONLINE), len(held))), MOVED_ONLINE, strict=False):
        _set_details(visit, mode=mode, deadline=None)
    for visit in held:
        counts["sessions"] += _agenda(scene, visit, VISIT_AGENDA)
        participants = _nominate(scene, visit, per_city=1, today=visit.start - timedelta(days=14))
        counts["participants"] += len(participants)
        _hold(scene, visit, participants)
    for number, visit in enumerate(coming):
        _set_details(visit, mode=visit.mode, deadline=max(scene.today, visit.start - timedelta(days=10)))
        if number % 2 == 0:  # every other coming visit has half its agenda and some nominations already
            counts["sessions"] += _agenda(scene, visit, VISIT_AGENDA[:2])
            counts["participants"] += len(
                _nominate(
                    scene, visit, per_city=1, today=scene.today, cities=taking_part(visit).filter(pk=visit.host_id)
                )
            )
    return counts


def _set_details(activity: Activity, *, mode: str, deadline: date | None) -> None:
    online = mode in (Mode.ONLINE, Mode.HYBRID)
    update_activity_details(
        activity,
        start=activity.start,
        end=activity.end,
        mode=mode,
        venue="" if mode == Mode.ONLINE else f"City hall, {activity.host}",
        video_link=VIDEO_LINK.format(host=activity.host.key, start=activity.start) if online else "",
        capacity=activity.capacity,
        nomination_deadline=deadline,
    )


def _agenda(scene: Scene, activity: Activity, agenda) -> int:
    zone, host = activity.time_zone, activity.host
    speakers = ", ".join(user.get_full_name() for user in scene.staff.get(host.pk, [])[:1])
    for day, begins, ends, kind, title in agenda:
        when = activity.start + timedelta(days=min(day, (activity.end - activity.start).days))
        session = save_session(
            activity,
            kind=kind,
            title=title.format(city=host),
            starts_at=datetime.combine(when, begins, tzinfo=zone),
            ends_at=datetime.combine(when, ends, tzinfo=zone),
            place="" if activity.mode == Mode.ONLINE else str(host),
            speakers=speakers,
        )
        scene.record(session)
    return len(agenda)


def _nominate(scene: Scene, activity: Activity, *, per_city: int, today: date, cities=None) -> list:
    """Each city's staff (of those taking part, unless given) nominate their people (its lead nominates), who
    confirm."""
    cities = (cities if cities is not None else taking_part(activity)).order_by("key")
    participants = []
    for city in cities:
        team = scene.staff[city.pk]
        for user in team[1 : 1 + per_city]:
            participant = nominate_participant(activity, user=user, organisation=city, by=team[0], today=today)
            scene.record(participant)
            participants.append(answer_nomination(participant, confirm=True))
    return participants


def _hold(scene: Scene, activity: Activity, participants: list) -> None:
    """Attendance (one in six stayed away), the minutes and the outcome."""
    present = {p.pk for p in participants if scene.rng.random() > 1 / 6} or {participants[0].pk}
    record_attendance(activity, present=present)
    record_minutes(
        activity,
        minutes=(
            f"{len(present)} of {len(participants)} participants attended. The host presented its volunteering "
            "programme for newcomers; the group visited a welcome centre run by volunteers and compared how each "
            "city recruits, trains and keeps volunteers with a migrant background."
        ),
        outcomes=(
            f"{activity.host} will pair each new volunteer with a mentor, and publish its training material for "
            "the other cities of the community. Both go into its action plan."
        ),
    )


# -- exchanges and their reports ----------------------------------------------------------------------
TEMPLATE_QUESTIONS = (
    {"kind": QuestionKind.LONG_TEXT, "text": "What did you learn from the host city's practice?", "required": True,
     "quotable": True},
    {"kind": QuestionKind.LONG_TEXT, "text": "What could your city adopt, and what would it need?", "required": True,
     "quotable": True},
    {"kind": QuestionKind.SINGLE_CHOICE, "text": "Which theme did the exchange serve most?", "required": True,
     "choices": ["Recruiting volunteers", "Training volunteers", "Welcoming newcomers"]},
    {"kind": QuestionKind.SCALE, "text": "How useful was the exchange for your work?", "required": True},
)  # fmt: skip
ANSWERS = (
    "The host city trains its volunteers together with newcomers, so that both learn the same procedures.",
    "A buddy scheme for the first three months; it needs a coordinator for half a day a week.",
)
REPORT_WINDOW = timedelta(days=30)  # reports are due a month after the exchange ends
RETURN_COMMENT = "Please say which of the host's practices your city could adopt first, and what it would cost."


def run_exchanges(scene: Scene) -> dict[str, int]:
    """Exchanges before today with their participants and reports in every status; those still due as drafts."""
    template = save_template(
        scene.programme,
        title="Exchange report",
        description="Key research questions every participant of an exchange answers.",
        questions=[dict(question) for question in TEMPLATE_QUESTIONS],
    )
    scene.record(template)
    for question in template.questions.order_by("position"):
        scene.record(question)
    exchanges = Exchange.objects.filter(programme=scene.programme, end__lt=scene.today).select_related("host")
    counts = {"participants": 0, "reports": 0}
    held = list(exchanges.order_by("start", "pk"))
    for number, exchange in enumerate(held):
        request = request_reports(exchange, template=template, due=exchange.end + REPORT_WINDOW)
        scene.record(request)
        travellers = Organisation.objects.filter(pk=exchange.guest_id)  # the guests travel and report
        participants = _nominate(
            scene, exchange, per_city=1, today=exchange.start - timedelta(days=21), cities=travellers
        )
        counts["participants"] += len(participants)
        _hold(scene, exchange, participants)
        for participant in participants:
            # The last two held exchanges' reports are still being written, as are those not yet due.
            draft = number >= len(held) - 2 or request.due >= scene.today
            counts["reports"] += _report(scene, participant, request, template, draft=draft)
    return counts


def _report(scene: Scene, participant, request, template, *, draft: bool) -> int:
    """A draft while the report is due; past the due date submitted, then accepted or returned."""
    questions = list(template.questions.order_by("position"))
    answers = {
        str(questions[0].pk): ANSWERS[0],
        str(questions[1].pk): ANSWERS[1],
        str(questions[2].pk): scene.rng.choice(questions[2].choices),
        str(questions[3].pk): scene.rng.randint(3, 5),
    }
    report = begin_report(participant)
    scene.record(report)
    if draft:
        save_report(report, answers={str(questions[0].pk): ANSWERS[0]}, submit=False, today=scene.today)
        return 1
    written = min(scene.today, request.due) - timedelta(days=scene.rng.randint(1, 10))
    save_report(report, answers=answers, submit=True, today=written)
    decision = scene.rng.random()
    if request.due < scene.today and decision < 0.75:  # the coordinator has read most of those long due
        review_report(report, accept=decision < 0.5, by=scene.coordinator, comment=RETURN_COMMENT)
    return 1


# -- money --------------------------------------------------------------------------------------------
def import_rates(scene: Scene) -> dict[str, int]:
    """Monthly rates of the three currencies from the programme's start to now, imported as a CSV would be."""
    lines, month = ["currency,month,rate"], scene.programme.start.replace(day=1)
    while month <= scene.today:
        for currency, base in BASE_RATES.items():
            if not ExchangeRate.objects.filter(currency=currency, month=month).exists():
                wobble = Decimal(scene.rng.randint(-300, 300)) / 10000  # ±3 %
                lines.append(f"{currency},{month:%Y-%m},{(base * (1 + wobble)).quantize(Decimal('0.0001'))}")
        month = (month + timedelta(days=32)).replace(day=1)
    rows, problems = read_exchange_rates("\n".join(lines) + "\n", today=scene.today)
    if problems:  # the sample writes only rates the import accepts
        raise ValueError(problems)
    save_exchange_rates(rows)
    for currency, month, _rate in rows:
        scene.record(ExchangeRate.objects.get(currency=currency, month=month))
    return {"exchange rates": len(rows)}


# The seed gives Cesena's budget alone. The others' shares of the programme's total cost, for the sample: the
# coordinator's work weighs most, the expert organisations' next, and each city alike.
BUDGET_WEIGHTS = {"coordinator": Decimal(8), "organisation": Decimal(3), "city": Decimal(1)}
SAMPLE_EU_RATE = Decimal("0.90")


def give_partner_budgets(scene: Scene) -> dict[str, int]:
    """A budget for each partner the programme file gives none, so that the rest of the total cost is shared out
    to the cent (money.split_shares) and the finance pages compare spending with a budget."""
    partners = list(
        Partner.objects.filter(programme=scene.programme).select_related("organisation").order_by("organisation__key")
    )
    budgeted = {b.partner_id: b.total for b in PartnerBudget.objects.filter(partner__in=partners)}
    without = [p for p in partners if p.pk not in budgeted]
    remaining = scene.programme.total_cost - sum(budgeted.values(), Decimal(0))
    if not without or remaining <= 0:
        return {"partner_budgets": 0}
    weights = [BUDGET_WEIGHTS.get(_budget_kind(p), Decimal(1)) for p in without]
    for partner, total in zip(without, split_shares(remaining, weights), strict=True):
        eu_contribution, cofinancing = split_by_rate(total, SAMPLE_EU_RATE)
        save_partner_budget(partner, BudgetSpec(total=total, eu_contribution=eu_contribution, cofinancing=cofinancing))
        scene.record(PartnerBudget.objects.get(partner=partner))
    return {"partner_budgets": len(without)}


def ask_for_more_time(scene: Scene) -> dict[str, int]:
    """An amendment asked of the funder three weeks ago and not yet answered: three more months, as the visits of
    spring 2020 went online. The coordinator's start page asks for the answer; approving it moves the end."""
    amendment = record_amendment(
        scene.programme, requested_on=scene.today - timedelta(days=21), funder_reference="",
        reason="COVID-19: the visits of spring 2020 were held online and the exchanges could not travel. Three more "
               "months let every pair of cities meet in person before the programme ends.",
        changes=[{"kind": "duration", "months": scene.programme.duration_months + 3}], by=scene.coordinator,
        today=scene.today,
    )  # fmt: skip
    scene.record(amendment)
    return {"amendments": 1}


def _budget_kind(partner: Partner) -> str:
    if partner.role == PartnerRole.COORDINATOR:
        return "coordinator"
    return "city" if partner.organisation.kind == OrganisationKind.CITY else "organisation"


def record_expenses(scene: Scene) -> dict[str, int]:
    """Travel costs of each city's own visits and exchanges, in its currency; the older ones approved."""
    partners = Partner.objects.filter(programme=scene.programme, organisation__kind="city").select_related(
        "organisation", "budget"
    )
    counts = {"expenses": 0}
    for partner in partners.order_by("organisation__key"):
        activities = Activity.objects.filter(programme=scene.programme, end__lt=scene.today).taken_part_in_by(
            [partner.organisation_id]
        )
        for activity in activities.select_related("host").order_by("start", "pk"):
            counts["expenses"] += _expense(scene, partner, activity)
    return counts


def _expense(scene: Scene, partner: Partner, activity: Activity) -> int:
    currency = CURRENCIES.get(partner.organisation.country, "EUR")
    euros = Decimal(scene.rng.randint(180, 950))
    amount = euros * BASE_RATES.get(currency, Decimal(1))
    staff = scene.staff[partner.organisation_id]
    expense = submit_expense(
        partner,
        by=staff[0],
        spent_on=activity.end,
        category=CostCategory.TRAVEL,
        amount=f"{amount.quantize(Decimal('0.01'))}",
        currency=currency,
        description=f"Travel and subsistence: {activity}",
        receipt=_receipt(f"receipt-{partner.organisation.key}-{activity.pk}.png"),
        activity=activity,
    )
    scene.record(expense)
    if (scene.today - activity.end).days > 45:  # what is a month and a half old is decided
        approve_expense(expense, by=scene.coordinator)
    return 1


def _receipt(name: str) -> SimpleUploadedFile:
    """A plain generated image stands for the scanned receipt."""
    buffer = io.BytesIO()
    Image.new("RGB", (120, 160), (250, 250, 245)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
