"""A site of many programmes for tests/test_query_counts.py: each a generated programme file whose cities are
partly shared with every other programme (Cesena and Riga) and partly its own, planned, accepted and given a
few rows of everything the programme's list pages show, all made through the services."""

from datetime import UTC, date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.conftest import make_member
from values.actionplans.enums import PlanStatus, Section
from values.actionplans.models import ActionPlan
from values.actionplans.services import add_comment, save_action, save_section, set_plan_published, set_plan_status
from values.activities.models import Activity, Visit
from values.activities.services import (
    answer_nomination,
    create_calendar_feed,
    nominate_participant,
    save_session,
)
from values.amendments.services import record_amendment
from values.finance.services import save_exchange_rates, save_subsistence_rate, submit_expense
from values.knowledge.services import publish_practice, record_self_assessment, save_practice, save_standard
from values.network.enums import Role
from values.network.models import Organisation, User
from values.network.services import create_account
from values.planning.models import PlanRun
from values.planning.services import accept_plan_run, add_plan_rule, execute_plan_run
from values.programme.models import Partner, Programme, Theme
from values.programme.programme_file import read_programme_file
from values.programme.services import grant_role, load_programme_file
from values.publishing.enums import ToolkitStatus
from values.publishing.models import Toolkit
from values.publishing.services import add_channel, add_message, save_campaign
from values.reports.services import report_for, request_reports, save_report, save_template
from values.volunteering.enums import CommitmentStatus
from values.volunteering.hours import decide_hours, log_hours
from values.volunteering.models import Commitment, Opportunity, TrainingSeat, TrainingSession, Volunteer
from values.volunteering.services import add_shift, publish_opportunity, save_opportunity

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer<<>>\n%%EOF\n"
SHARED_CITIES = ("cesena", "riga")  # partners of every programme
OWN_CITIES = 2  # and each programme's own


def code_of(number: int) -> str:
    return f"9{number:05d}"


def programme_file(number: int) -> str:
    """Programme `number`'s file: EUROCITIES coordinates, Cesena, Riga and two cities of its own take part."""
    own = "".join(
        f"""
  - id: town{number}x{n}
    name: {{en: Town {number}-{n}}}
    kind: city
    role: partner
    country: "{("FR", "DE", "ES", "NL")[(number + n) % 4]}"
    city: {{name: Town {number}-{n}, lat: {45 + n}.5, lon: {5 + number % 10}.25, languages: [en]}}
    budget: {{total: "20000.00", eu_contribution: "18000.00", cofinancing: "2000.00"}}
    people:
      - {{name: Person {number}-{n}, role: contact_person, email: p{number}x{n}@town.example}}
    interests: {{A: {1 + n}, B: {4 - n}}}"""
        for n in range(OWN_CITIES)
    )
    return f"""
programme:
  code: "{code_of(number)}"
  acronym: P{number}
  title: {{en: "Programme {number}"}}
  fund: AMIF
  start: "2020-01"
  duration_months: 24
  total_cost: "200000.00"
  currency: EUR
  languages: [en]
themes:
  - id: A
    title: {{en: "Welcome desks"}}
  - id: B
    title: {{en: "Volunteering"}}
organisations:
  - id: eurocities
    name: EUROCITIES
    kind: network
    role: coordinator
    country: "BE"
  - id: cesena
    name: {{en: City of Cesena}}
    kind: city
    role: partner
    country: "IT"
    city: {{name: Cesena, lat: 44.2, lon: 12.243, languages: [it, en]}}
    budget: {{total: "30000.00", eu_contribution: "27000.00", cofinancing: "3000.00"}}
    people:
      - {{name: Anna Rossi, role: contact_person, email: rossi_a@comune.cesena.fc.it}}
    interests: {{A: 4, B: 2}}
  - id: riga
    name: {{en: City of Riga}}
    kind: city
    role: partner
    country: "LV"
    city: {{name: Rīga, lat: 56.95, lon: 24.105, languages: [lv]}}
    budget: {{total: "30000.00", eu_contribution: "27000.00", cofinancing: "3000.00"}}
    interests: {{A: 2, B: 5}}{own}
planning:
  community_size: 2
  visit_days: 2
  exchange_days: 3
"""


def site_people() -> dict[str, User | None]:
    """The people who use the list pages: the coordinator (with an authenticator), Cesena's staff, the public."""
    from tests.conftest import PASSWORD, give_authenticator

    # The network's coordinator and Cesena's staff work in every programme: roles that name none.
    coordinator = _member_everywhere("coordinator", "eurocities", Role.COORDINATOR)
    give_authenticator(coordinator)
    return {
        "coordinator": coordinator,
        "city_staff": _member_everywhere("cesena", "cesena", Role.CITY_STAFF),
        "anonymous": None,
        "volunteer": create_account(username="volunteer", email="volunteer@example.org", password=PASSWORD),
    }


def _member_everywhere(username: str, organisation_key: str, role: Role) -> User:
    from tests.conftest import PASSWORD

    user = create_account(username=username, email=f"{username}@example.org", password=PASSWORD)
    grant_role(user, programme=None, organisation=Organisation.objects.get(key=organisation_key), role=role)
    return user


def add_programmes(numbers: range, people: dict[str, User | None] | None = None) -> dict[str, User | None]:
    """Load, plan and fill programmes `numbers`; the site's people are made after the first (its organisations)."""
    for number in numbers:
        result = read_programme_file(programme_file(number))
        assert result.errors == [], result.errors
        programme = load_programme_file(result.document).programme
        if people is None:
            people = site_people()
            add_rates(people["coordinator"])
        fill_programme(programme, number, people)
    assert people is not None
    return people


def fill_programme(programme: Programme, number: int, people: dict[str, User | None]) -> None:
    """Plan and accept the programme, then give it its first batch of rows."""
    run = PlanRun.objects.create(programme=programme, seed=1, time_limit=1, rules=[])
    execute_plan_run(run)
    accept_plan_run(run, by=people["coordinator"])
    cesena, riga = (Organisation.objects.get(key=key) for key in SHARED_CITIES)
    add_plan_rule(programme, kind="no_pair", city=cesena, other_city=riga, theme=None)
    add_rows(programme, number, people, batch=0)
    themes = list(Theme.objects.filter(programme=programme))
    edition = Toolkit.objects.create(
        programme=programme, language="en", status=ToolkitStatus.READY, html="<p>Toolkit</p>", pages=1
    )
    edition.pdf.save(f"toolkit-{number}-en.pdf", ContentFile(PDF))
    for theme in themes:
        Toolkit.objects.create(
            programme=programme, theme=theme, language="en", status=ToolkitStatus.QUEUED, requested_at=timezone.now()
        )


def grow_programme(programme: Programme, people: dict[str, User | None]) -> None:
    """A second batch of rows of every kind for programme 0, so that a page's N+1 queries show; Cesena's staff
    work for one of its towns too."""
    add_rows(programme, 0, people, batch=1)
    grant_role(
        people["city_staff"],
        programme=programme,
        organisation=Organisation.objects.get(key="town0x0"),
        role=Role.CITY_STAFF,
    )


def add_rows(programme: Programme, number: int, people: dict[str, User | None], *, batch: int) -> None:
    themes = list(Theme.objects.filter(programme=programme))
    _knowledge(programme, number, themes, people["city_staff"], batch)
    _volunteering(programme, number, themes, people["city_staff"], batch)
    _training(programme, number, themes, people["city_staff"], batch)
    _hours(programme, number, people["volunteer"], batch)
    _activities(programme, number, people, batch)
    _finance(programme, number, people["city_staff"], batch)
    _action_plans(programme, number, people, batch)
    _publishing(programme, number, batch)
    _amendments(programme, number, people["coordinator"], batch)
    create_calendar_feed(
        programme, owner=people["city_staff"], kind="city", organisation=Organisation.objects.get(key="cesena")
    )


def _amendments(programme: Programme, number: int, coordinator: User, batch: int) -> None:
    """Two amendments asked of the funder: the end moved (the programme runs 2020–2021)."""
    for months in (25 + 2 * batch, 26 + 2 * batch):
        record_amendment(programme, requested_on=date(2020, 6, 1), reason=f"Amendment reason {number}-{batch}",
                         funder_reference=f"REF-{number}-{batch}", changes=[{"kind": "duration", "months": months}],
                         by=coordinator, today=date(2020, 6, 1))  # fmt: skip


def _knowledge(programme: Programme, number: int, themes: list[Theme], staff: User, batch: int) -> None:
    standards = [
        save_standard(
            programme, key=f"S{batch}{n}", theme=theme, title={"en": f"Standard {number}-{batch}{n}"},
            statement={"en": "Volunteers are welcome."}, levels={str(lv): {"en": f"Level {lv}"} for lv in range(1, 5)},
        )
        for n, theme in enumerate(themes)
    ]  # fmt: skip
    record_self_assessment(
        Organisation.objects.get(key="cesena"), scores=dict.fromkeys(standards, (3, "Evidence")),
        on=date(2020, 2, 1), by=staff,
    )  # fmt: skip
    for n in range(3 * batch, 3 * batch + 3):
        practice = save_practice(
            programme, organisation=Organisation.objects.get(key="cesena"), by=staff,
            original_language="it" if n % 3 == 2 else "en",  # a proposal in Italian: not yet translated
            texts={"title": f"Practice {number}-{n}", "summary": "A buddy for every newcomer."}, themes=themes[n % 2 :],
        )  # fmt: skip
        if n % 3 < 2:
            publish_practice(practice)


def _volunteering(programme: Programme, number: int, themes: list[Theme], staff: User, batch: int) -> None:
    """Cesena's opportunities, two of three published, each with a shift and a language wanted."""
    cesena = Organisation.objects.get(key="cesena")
    for n in range(3 * batch, 3 * batch + 3):
        opportunity = save_opportunity(
            programme, organisation=cesena, by=staff, original_language="en", title=f"Opportunity {number}-{n}",
            kind="meet_up", theme=themes[n % 2], city=cesena, places=10, languages=["en", "it"],
            start_date=date(2020, 3, 1),
        )  # fmt: skip
        zone = opportunity.time_zone
        add_shift(
            opportunity, starts_at=datetime(2020, 3, 2, 18, tzinfo=zone), ends_at=datetime(2020, 3, 2, 20, tzinfo=zone)
        )
        if n % 3 < 2:
            publish_opportunity(opportunity, by=staff)
        volunteer = Volunteer.objects.create(
            programme=programme, email=f"volunteer-{number}-{n}@example.org", name=f"Volunteer {number}-{n}",
            city=cesena, confirmed_at=timezone.now(), consented_at=timezone.now(), consent_text="query world",
        )  # fmt: skip
        Commitment.objects.create(volunteer=volunteer, opportunity=opportunity, status="accepted")


def _training(programme: Programme, number: int, themes: list[Theme], staff: User, batch: int) -> None:
    """Cesena's training sessions, each with the programme's published practices of its batch."""
    from zoneinfo import ZoneInfo  # here, not above: this part's lines stay together for the merge

    from values.knowledge.queries import practices_of
    from values.volunteering.training import save_training_session

    cesena = Organisation.objects.get(key="cesena")
    practices = list(practices_of(programme).filter(status="published").order_by("-pk")[:2])
    for n in range(3 * batch, 3 * batch + 3):
        starts = datetime(2020, 3, 2 + n, 18, tzinfo=ZoneInfo("Europe/Rome"))
        save_training_session(
            programme, organisation=cesena, by=staff, original_language="en", title=f"Training {number}-{n}",
            theme=themes[n % 2], practices=practices, starts_at=starts, ends_at=starts + timedelta(hours=2),
            places=10,
        )  # fmt: skip


def _hours(programme: Programme, number: int, account: User, batch: int) -> None:
    """The first programme's volunteer (the account's): approved hours on each published opportunity of the
    batch, and a training session attended."""
    if number != 0:
        return
    volunteer = Volunteer.objects.get_or_create(
        programme=programme, user=account,
        defaults={"email": "volunteer@example.org", "name": "Vera Volunteer", "confirmed_at": timezone.now()},
    )[0]  # fmt: skip
    opportunities = Opportunity.objects.filter(programme=programme, status="published").exclude(hours__isnull=False)
    for n, opportunity in enumerate(opportunities.order_by("pk")):
        Commitment.objects.create(volunteer=volunteer, opportunity=opportunity, status=CommitmentStatus.ACCEPTED)
        zone = opportunity.time_zone
        start = datetime(2020, 3, 3 + n + 10 * batch, 9, tzinfo=zone)
        entry = log_hours(opportunity, volunteer=volunteer, starts_at=start, ends_at=start + timedelta(hours=2))
        decide_hours(entry, decision="approve", seen_status="logged", by=None)
    session = TrainingSession.objects.create(
        programme=programme, organisation=Organisation.objects.get(key="cesena"), original_language="en",
        title={"en": f"Training {batch}"}, starts_at=datetime(2020, 4, 1 + batch, 9, tzinfo=UTC),
        ends_at=datetime(2020, 4, 1 + batch, 12, tzinfo=UTC), places=10,
    )  # fmt: skip
    TrainingSeat.objects.create(session=session, volunteer=volunteer, attended=True)


def _at(activity: Activity, hour: int) -> datetime:
    return datetime.combine(activity.start, time(hour), tzinfo=activity.time_zone)


def _activities(programme: Programme, number: int, people: dict[str, User | None], batch: int) -> None:
    template = save_template(
        programme, title=f"After the visit {number}-{batch}", description="",
        questions=[{"kind": "short_text", "text": "What will you try at home?", "help_text": "", "required": True,
                    "choices": []}],
    )  # fmt: skip
    question = template.questions.get()
    for visit in Visit.objects.filter(programme=programme).order_by("start", "pk")[2 * batch : 2 * batch + 2]:
        save_session(
            visit, kind="workshop", title=f"Workshop {number}-{batch}", starts_at=_at(visit, 10),
            ends_at=_at(visit, 11),
        )  # fmt: skip
        request_reports(visit, template=template, due=timezone.localdate() + timedelta(days=30))
        volunteer = make_member(f"volunteer-{number}-{visit.pk}", visit.host.key, Role.VOLUNTEER, programme=programme)
        participant = answer_nomination(
            nominate_participant(visit, user=volunteer, organisation=visit.host, by=people["coordinator"],
                                 today=visit.start - timedelta(days=1)),
            confirm=True,
        )  # fmt: skip
        save_report(
            report_for(participant), answers={str(question.pk): "A buddy scheme"}, submit=True,
            today=timezone.localdate(),
        )  # fmt: skip


def _finance(programme: Programme, number: int, staff: User, batch: int) -> None:
    partner = Partner.objects.get(programme=programme, organisation__key="cesena")
    for n in range(3 * batch, 3 * batch + 3):
        submit_expense(
            partner, by=staff, spent_on=date(2020, 3, 1 + n), category="travel", amount=f"{100 + n}.00",
            currency="EUR", description=f"Train tickets {number}-{n}",
            receipt=SimpleUploadedFile("ticket.pdf", PDF, "application/pdf"),
        )  # fmt: skip


def add_rates(coordinator: User) -> None:
    """Rates are the site's, not a programme's: the same few at any number of programmes."""
    save_exchange_rates([("GBP", date(2020, 3, 1), "1.1500"), ("CHF", date(2020, 3, 1), "0.9500")])
    save_subsistence_rate(country="IT", daily_rate="95.00", by=coordinator)


def _action_plans(programme: Programme, number: int, people: dict[str, User | None], batch: int) -> None:
    """Cesena's plan adopted and published, Riga's a draft; in a second batch, the plans of two more cities."""
    keys = SHARED_CITIES if batch == 0 else [p.organisation.key for p in programme.partners.filter(
        organisation__key__startswith="town").select_related("organisation")]  # fmt: skip
    for key in keys:
        city = Organisation.objects.get(key=key)
        plan = ActionPlan.objects.create(programme=programme, organisation=city)
        save_section(
            plan, Section.CONTEXT, text=f"{key} welcomes newcomers ({number}).", base=0, by=people["city_staff"]
        )
        add_comment(plan, Section.CONTEXT, text="Which districts first?", by=people["coordinator"])
        for n in range(2):
            save_action(
                plan, title=f"Action {number}-{n}", owner=city, owner_person="", start=date(2020, 1, 1),
                end=date(2020, 6, 30), unit="", baseline=None, target=None, current=None, status="planned",
            )  # fmt: skip
        if key != "riga":
            set_plan_status(plan, PlanStatus.IN_REVIEW)
            set_plan_status(plan, PlanStatus.ADOPTED)
            set_plan_published(plan, True)


def _publishing(programme: Programme, number: int, batch: int) -> None:
    for n, published in enumerate((True, False), start=2 * batch):
        campaign = save_campaign(
            programme, key=f"campaign-{n}", title={"en": f"Campaign {number}-{n}"},
            call_to_action={"en": "Give two hours a week."}, pitch={}, starts_on=date(2020, 3, 1),
            ends_on=date(2099, 6, 30), volunteer_url="https://example.org/volunteer", published=published,
        )  # fmt: skip
        add_message(campaign, audience="students", text={"en": "Meet the world at home."})
        for key in SHARED_CITIES:
            add_channel(
                campaign, kind="social", name=f"{key} on Instagram", organisation=Organisation.objects.get(key=key),
                target_reach=5000,
            )  # fmt: skip
