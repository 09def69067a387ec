"""The API permission matrix's rows for the volunteering operations (joined in tests/api/matrix.py), as the web
matrix's VOLUNTEERING_ROWS and SIGNUP_ROWS: opportunities and indicators are public, a draft is its editors'
alone (404 to anyone else), and an opportunity's applicants, the only place with volunteers' e-mail, are for
who changes it (403 for a published one, 404 for a draft)."""

from tests.api.matrix_base import CESENA_EDITORS, PREFIX, PUBLIC, Row, Secret, by, code, only
from tests.permission_world import DRAFT_OPPORTUNITY_TITLE, VOLUNTEER_EMAIL, World

NO_EMAIL = Secret(lambda w: VOLUNTEER_EMAIL, ())


def opportunity(w: World) -> dict:
    return code(w) | {"opportunity_id": w.opportunity.pk}


def draft(w: World) -> dict:
    return code(w) | {"opportunity_id": w.draft_opportunity.pk}


def decline(w: World, identity: str) -> dict:
    return {"decision": "decline", "seen": "accepted"}


def stale(w: World, identity: str) -> dict:
    return {"decision": "accept", "seen": "applied"}


OPPORTUNITY = f"{PREFIX}/opportunities/{{opportunity_id}}/"
DECISION = f"POST {OPPORTUNITY}commitments/{{commitment_id}}/decision/"
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
]
# fmt: on
