"""The API permission matrix's rows for the volunteering operations (joined in tests/api/matrix.py), as the web
matrix's VOLUNTEERING_ROWS and SIGNUP_ROWS: opportunities and indicators are public, a draft is its editors'
alone (404 to anyone else), and an opportunity's applicants, the only place with volunteers' e-mail, are for
who changes it (403 for a published one, 404 for a draft). A partner's city staff and volunteer leaders offer
its opportunities, the coordinator any partner's; whoever changes an opportunity changes its shifts, publishes
or closes it and decides the hours given to it, as the edit, shifts and hours pages."""

from datetime import datetime

from tests.api.matrix_base import CESENA_EDITORS, PREFIX, PUBLIC, Row, Secret, by, code, only
from tests.permission_world import (
    CESENA,
    CITY_LEADER,
    COORDINATOR,
    DRAFT_OPPORTUNITY_TITLE,
    LEADER,
    OUTSIDER,
    RIGA,
    VOLUNTEER_EMAIL,
    World,
)
from values.volunteering.hours import log_hours
from values.volunteering.models import HoursEntry

NO_EMAIL = Secret(lambda w: VOLUNTEER_EMAIL, ())


def opportunity(w: World) -> dict:
    return code(w) | {"opportunity_id": w.opportunity.pk}


def draft(w: World) -> dict:
    return code(w) | {"opportunity_id": w.draft_opportunity.pk}


def decline(w: World, identity: str) -> dict:
    return {"decision": "decline", "seen": "accepted"}


def stale(w: World, identity: str) -> dict:
    return {"decision": "accept", "seen": "applied"}


# As the web matrix's OFFERERS: each offers for their own organisation (the coordinator for Cesena).
OFFERS_FOR = {LEADER: "evc", CITY_LEADER: "cesena", CESENA: "cesena", RIGA: "riga", OUTSIDER: "madrid",
              COORDINATOR: "cesena"}  # fmt: skip


def offer(w: World, identity: str) -> dict:
    organisation = OFFERS_FOR.get(identity, "cesena")
    return {"organisation": organisation, "kind": "meet_up", "original_language": "en", "title": "Matrix offer",
            "theme": "B", "city": "cesena" if organisation == "evc" else organisation, "places": 3,
            "start_date": "2020-03-01"}  # fmt: skip


def one_shift(w: World, identity: str) -> dict:
    return {"starts_at": "2020-03-09T17:00:00Z", "ends_at": "2020-03-09T19:00:00Z"}


def weekly(w: World, identity: str) -> dict:
    return {"weekday": 1, "starts": "18:00", "ends": "20:00", "first_date": "2020-03-01", "last_date": "2020-03-28"}


def hours_entry(w: World) -> HoursEntry:
    """The world's volunteer's hours at the published opportunity, logged for the row (its request is rolled back)."""
    zone = w.opportunity.time_zone
    return HoursEntry.objects.filter(opportunity=w.opportunity).first() or log_hours(
        w.opportunity, volunteer=w.volunteer, starts_at=datetime(2020, 3, 2, 18, tzinfo=zone),
        ends_at=datetime(2020, 3, 2, 20, tzinfo=zone),
    )  # fmt: skip


def approve(w: World, identity: str) -> dict:
    return {"decision": "approve", "seen_status": "logged"}


OFFERERS = (LEADER, CITY_LEADER, CESENA, RIGA, OUTSIDER, COORDINATOR)
OPPORTUNITY = f"{PREFIX}/opportunities/{{opportunity_id}}/"
DECISION = f"POST {OPPORTUNITY}commitments/{{commitment_id}}/decision/"
HOURS_DECISION = f"POST {OPPORTUNITY}hours/{{entry_id}}/decision/"
# fmt: off
ROWS = [
    Row(f"GET {PREFIX}/opportunities/", PUBLIC, at=code,
        secrets=(Secret(lambda w: DRAFT_OPPORTUNITY_TITLE, ()), NO_EMAIL)),
    Row(f"GET {OPPORTUNITY}", PUBLIC, at=opportunity, case="published", secrets=(NO_EMAIL,)),
    Row(f"GET {OPPORTUNITY}", by(404) | dict.fromkeys(CESENA_EDITORS, 200), at=draft, case="draft"),
    Row(f"GET {OPPORTUNITY}commitments/", only(*CESENA_EDITORS), at=opportunity, case="published",
        secrets=(Secret(lambda w: VOLUNTEER_EMAIL, CESENA_EDITORS),)),
    Row(f"GET {OPPORTUNITY}commitments/", only(*CESENA_EDITORS, no=404), at=draft, case="draft"),
    Row(DECISION, only(*CESENA_EDITORS), at=lambda w: opportunity(w) | {"commitment_id": w.commitment.pk},
        case="published", body=decline),
    # The world's volunteer is accepted already: a decision made from "applied" is refused with the current one.
    Row(DECISION, only(*CESENA_EDITORS, ok=412), at=lambda w: opportunity(w) | {"commitment_id": w.commitment.pk},
        case="stale", body=stale),
    # A commitment is looked up under the opportunity its address names: under the draft it names nothing.
    Row(DECISION, only(*CESENA_EDITORS, ok=404, no=404), case="commitment-under-draft",
        at=lambda w: draft(w) | {"commitment_id": w.commitment.pk}, body=decline),
    Row(f"GET {PREFIX}/indicators/", PUBLIC, at=code, secrets=(NO_EMAIL,)),
    # Writes (the edit page and its buttons): 403 for a published one of another's, 404 for a draft.
    Row(f"POST {PREFIX}/opportunities/", only(*OFFERERS, ok=201), at=code, body=offer),
    Row(f"PUT {OPPORTUNITY}", only(*CESENA_EDITORS), at=opportunity, case="published", body=offer),
    Row(f"PUT {OPPORTUNITY}", only(*CESENA_EDITORS, no=404), at=draft, case="draft", body=offer),
    # Publishing a published one, or closing a draft, is a conflict with its status.
    Row(f"POST {OPPORTUNITY}publish/", only(*CESENA_EDITORS, ok=409), at=opportunity, case="published"),
    Row(f"POST {OPPORTUNITY}publish/", only(*CESENA_EDITORS, no=404), at=draft, case="draft"),
    Row(f"POST {OPPORTUNITY}close/", only(*CESENA_EDITORS), at=opportunity, case="published"),
    Row(f"POST {OPPORTUNITY}close/", only(*CESENA_EDITORS, ok=409, no=404), at=draft, case="draft"),
    Row(f"POST {OPPORTUNITY}shifts/", only(*CESENA_EDITORS, ok=201), at=opportunity, case="published",
        body=one_shift),
    Row(f"POST {OPPORTUNITY}shifts/", only(*CESENA_EDITORS, ok=201, no=404), at=draft, case="draft", body=one_shift),
    Row(f"POST {OPPORTUNITY}shifts/weekly/", only(*CESENA_EDITORS, ok=201), at=opportunity, case="published",
        body=weekly),
    Row(f"POST {OPPORTUNITY}shifts/weekly/", only(*CESENA_EDITORS, ok=201, no=404), at=draft, case="draft",
        body=weekly),
    Row(f"GET {OPPORTUNITY}hours/", only(*CESENA_EDITORS), at=opportunity, case="published", secrets=(NO_EMAIL,)),
    Row(f"GET {OPPORTUNITY}hours/", only(*CESENA_EDITORS, no=404), at=draft, case="draft"),
    Row(HOURS_DECISION, only(*CESENA_EDITORS), at=lambda w: opportunity(w) | {"entry_id": hours_entry(w).pk},
        case="published", body=approve),
    # An entry is looked up under the opportunity its address names: under the draft it names nothing.
    Row(HOURS_DECISION, only(*CESENA_EDITORS, ok=404, no=404), case="entry-under-draft",
        at=lambda w: draft(w) | {"entry_id": hours_entry(w).pk}, body=approve),
]
# fmt: on
