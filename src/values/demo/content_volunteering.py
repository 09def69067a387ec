"""The demo's volunteering: opportunities with shifts, ~40 confirmed volunteers (many brought by the campaign),
commitments, shifts taken, hours logged and decided, and training sessions past and coming."""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Model
from django.utils import timezone

from values.network.models import Organisation, User
from values.programme.models import Programme
from values.programme.queries import themes_of
from values.publishing.models import Campaign, CampaignChannel
from values.volunteering.bookings import take_shift
from values.volunteering.enums import CommitmentStatus, OpportunityKind
from values.volunteering.hours import decide_hours, log_hours
from values.volunteering.matchmaking import decide_commitment
from values.volunteering.models import Opportunity, Shift, Volunteer
from values.volunteering.services import add_weekly_shifts, publish_opportunity, save_opportunity
from values.volunteering.training import record_attendance, save_training_session, take_seat
from values.volunteering.volunteers import apply, confirm_sign_up, sign_up

FIRST_NAMES = ("Amina", "Luca", "Sofia", "Jonas", "Ilze", "Marta", "Yusuf", "Elena", "Pierre", "Nadia", "Tomás",
               "Anna", "Kofi", "Giulia", "Pavel", "Leila", "Mateo", "Ingrid", "Omar", "Chiara")  # fmt: skip
SURNAMES = (
    "Haddad", "Rossi", "Bērziņa", "Müller", "García", "Dubois", "Novák", "Jansen", "Ahmadi", "Ferrari",
    "Kalniņš", "Weber", "López", "Martin", "Hansen", "Popescu", "Okafor", "Bianchi", "Schmidt", "Costa",
)  # fmt: skip
SPOKEN = ("ar", "uk", "fa", "ti", "fr", "es", "en", "ru")
VOLUNTEERS = 40
SHIFT_HOURS = (time(18, 0), time(20, 0))


@dataclass
class VolunteeringCounts:
    counts: dict[str, int] = field(default_factory=dict)
    approved_minutes: dict[int, int] = field(default_factory=dict)  # volunteer id → minutes approved, as built

    def add(self, kind: str, number: int = 1) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + number


def add_volunteering(
    programme: Programme, cities: list[Organisation], people: dict, campaign: Campaign,
    channels: list[CampaignChannel], *, today: date, rng: random.Random, record: Callable[[Model], None],
) -> VolunteeringCounts:  # fmt: skip
    tally = VolunteeringCounts()
    offering = [city for city in cities if city.key in ("cesena", "riga")] + [
        city for city in cities if city.key not in ("cesena", "riga")
    ][:6]
    opportunities = _opportunities(programme, offering, people, today=today, rng=rng, record=record, tally=tally)
    volunteers = _volunteers(programme, offering, campaign, channels, today=today, rng=rng, record=record, tally=tally)
    for index, volunteer in enumerate(volunteers):
        city_opportunities = [o for o in opportunities if o.city_id == volunteer.city_id]
        turn = index // len(offering)  # the city's first, second... volunteer: alternately café and role
        _commit(volunteer, city_opportunities, people, index=index, turn=turn, today=today, rng=rng, tally=tally)
    _training(programme, people, volunteers, today=today, rng=rng, record=record, tally=tally)
    return tally


# -- opportunities ------------------------------------------------------------------------------
def _opportunities(programme, cities, people, *, today, rng, record, tally) -> list[Opportunity]:
    """Per city a language café open to all and a volunteer role that needs accepting, each with weekly shifts
    from two months ago to two months ahead; the last city's role is left a draft."""
    themes = list(themes_of(programme))
    made = []
    start = max(programme.start, today - timedelta(days=200))
    for index, city in enumerate(cities):
        author = people["staff"][city.key]
        for kind, title, places, age in (
            (OpportunityKind.LANGUAGE_CAFE, f"Language café in {city.city.name}", 8, 0),
            (OpportunityKind.VOLUNTEER_ROLE, f"Homework mentor in {city.city.name}", 6, 18),
        ):
            opportunity = save_opportunity(
                programme, organisation=city, by=author, original_language="en", title=title,
                description="Meet newcomers **once a week**; we train you first.", kind=kind,
                theme=themes[index % len(themes)], city=city, languages=[*city.city.languages[:1], "en"],
                skills=["listening"], places=places, minimum_age=age, start_date=start,
            )  # fmt: skip
            record(opportunity)
            tally.add("opportunities")
            if kind == OpportunityKind.VOLUNTEER_ROLE and index == len(cities) - 1:
                continue  # a draft for its city to finish
            publish_opportunity(opportunity, by=author)
            shifts = add_weekly_shifts(
                opportunity, weekday=rng.randint(0, 4) if kind == OpportunityKind.LANGUAGE_CAFE else 5,
                starts=SHIFT_HOURS[0], ends=SHIFT_HOURS[1], first_date=max(start, today - timedelta(days=60)),
                last_date=today + timedelta(days=60), places=places,
            )  # fmt: skip
            tally.add("shifts", len(shifts))
            made.append(opportunity)
    return made


# -- volunteers ---------------------------------------------------------------------------------
def _volunteers(programme, cities, campaign, channels, *, today, rng, record, tally) -> list[Volunteer]:
    """Sign-ups confirmed over the last year; those since the campaign began mostly came through its channels."""
    volunteers = []
    now = timezone.now()
    for index in range(VOLUNTEERS):
        city = cities[index % len(cities)]
        name = f"{FIRST_NAMES[index % len(FIRST_NAMES)]} {SURNAMES[(index * 7) % len(SURNAMES)]}"
        signed = now - timedelta(days=rng.randint(3, 300))
        channel = ""
        if signed.date() >= campaign.starts_on and index % 5:
            channel = channels[rng.randrange(len(channels))].name
        details = {
            "name": name, "language": "en", "city": city.pk, "themes": [], "max_km": 10,
            "languages": sorted({*city.city.languages[:1], rng.choice(SPOKEN)}),
            "availability": ["1-evening", "3-evening", "5-morning"], "birth_year": rng.randint(1952, 2004),
            "skills": rng.sample(["cooking", "football", "teaching", "music", "translation"], 2),
        }  # fmt: skip
        issued = sign_up(
            programme, email=f"volunteer{index + 1:02d}@demo.invalid", details=details, consent=True,
            campaign=str(campaign.pk) if channel else "", channel=channel, now=signed,
        )  # fmt: skip
        volunteer = confirm_sign_up(programme, issued.key, now=signed + timedelta(hours=2))
        record(volunteer)
        volunteers.append(volunteer)
        tally.add("volunteers")
        if channel:
            tally.add(f"sign_ups:{channel}")
    return volunteers


def _commit(volunteer, opportunities, people, *, index, turn, today, rng, tally) -> None:
    """Each volunteer offers to help at one of their city's opportunities; a few wait for the organisation's
    answer (Cesena's coordinator and staff have applicants to decide); the others take shifts and log hours."""
    if not opportunities:
        return
    opportunity = opportunities[turn % len(opportunities)]
    commitment = apply(volunteer, opportunity, message="I can come most weeks.")
    tally.add("commitments")
    if commitment.status == CommitmentStatus.APPLIED:
        # Cesena's first applicant for its role waits for the demo's Cesena account to decide.
        if index % 7 == 1 or (turn == 1 and opportunity.city.key == "cesena"):
            tally.add("applicants_waiting")
            return
        decider = people["staff"][opportunity.city.key]
        decide_commitment(commitment, accept=True, seen=CommitmentStatus.APPLIED, by=decider)
    _shifts_and_hours(volunteer, opportunity, people, index=index, today=today, rng=rng, tally=tally)


def _shifts_and_hours(volunteer, opportunity, people, *, index, today, rng, tally) -> None:
    """Two past shifts after the volunteer joined (with hours logged) and the next coming one."""
    shifts = Shift.objects.filter(opportunity=opportunity).order_by("starts_at")
    joined = volunteer.confirmed_at
    past = [s for s in shifts if joined < s.starts_at - timedelta(days=1) and s.ends_at < timezone.now()]
    coming = [s for s in shifts if s.starts_at > timezone.now()]
    decider = people["staff"][opportunity.city.key]
    for number, shift in enumerate(past[-2:]):
        take_shift(shift, volunteer=volunteer, now=shift.starts_at - timedelta(days=1))
        entry = log_hours(opportunity, volunteer=volunteer, starts_at=shift.starts_at, ends_at=shift.ends_at,
                          shift=shift, note="Helped at the tables.")  # fmt: skip
        tally.add("shifts_taken")
        tally.add("hours_entries")
        _decide(entry, decider, variant=(index + number) % 9, tally=tally)
    if coming:
        take_shift(coming[rng.randrange(min(3, len(coming)))], volunteer=volunteer)
        tally.add("shifts_taken")


def _decide(entry, decider: User, *, variant: int, tally: VolunteeringCounts) -> None:
    """Mostly approved; one in nine waits (the coordinator and staff have hours to decide), one is rejected and
    one corrected to 90 minutes."""
    if variant == 0:
        tally.add("hours_waiting")
        return
    if variant == 4:
        decide_hours(entry, decision="reject", seen_status=entry.status, by=decider,
                     decision_note="No shift was held that evening.")  # fmt: skip
        tally.add("hours_rejected")
        return
    minutes = 90 if variant == 7 else entry.minutes
    decision = "correct" if variant == 7 else "approve"
    decide_hours(entry, decision=decision, seen_status=entry.status, by=decider, approved_minutes=minutes,
                 decision_note="Left at 19:30." if variant == 7 else "")  # fmt: skip
    tally.approved_minutes[entry.volunteer_id] = tally.approved_minutes.get(entry.volunteer_id, 0) + minutes
    tally.add("hours_approved")


# -- training -----------------------------------------------------------------------------------
def _training(programme, people, volunteers, *, today, rng, record, tally) -> None:
    """A past session with attendance recorded and a coming one with places left."""
    organisation = people["organisations"]["cesena"]
    zone = timezone.get_current_timezone()
    past_day = today - timedelta(days=rng.randint(20, 40))
    coming_day = today + timedelta(days=rng.randint(10, 25))
    sessions = []
    for day, title in ((past_day, "Welcoming newcomers: first steps"), (coming_day, "Talking about trauma safely")):
        sessions.append(save_training_session(
            programme, organisation=organisation, by=people["staff"]["cesena"], original_language="en", title=title,
            syllabus="1. What newcomers meet first\n2. Listening without judging\n3. Where to refer people",
            place="Biblioteca Malatestiana, Cesena", places=20,
            starts_at=datetime.combine(day, time(17, 0), tzinfo=zone),
            ends_at=datetime.combine(day, time(19, 0), tzinfo=zone),
        ))  # fmt: skip
        record(sessions[-1])
        tally.add("training_sessions")
    past, coming = sessions
    seats = [take_seat(past, volunteer=v, now=past.starts_at - timedelta(days=3)) for v in volunteers[:10]]
    record_attendance(past, {seat.pk: index % 5 != 4 for index, seat in enumerate(seats)})
    for volunteer in volunteers[10:16]:
        take_seat(coming, volunteer=volunteer)
    tally.add("training_seats", len(seats) + 6)
