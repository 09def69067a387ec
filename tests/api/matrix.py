"""The API's permission matrix: what each kind of person gets from each operation of the OpenAPI description,
as the web matrix (tests/test_permission_matrix.py) declares it for the pages, by the same permissions modules.
The rows of programmes and good practices are here; each other domain's are in tests/api/matrix_<domain>.py.
"""

from collections.abc import Callable

from tests.api import (
    matrix_actionplans,
    matrix_activities,
    matrix_amendments,
    matrix_campaigns,
    matrix_finance,
    matrix_invitations,
    matrix_media,
    matrix_monitoring,
    matrix_opendata,
    matrix_planning,
    matrix_rates,
    matrix_report_templates,
    matrix_reports,
    matrix_switching,
    matrix_training,
    matrix_volunteering,
    matrix_volunteers,
)
from tests.api.matrix_base import CESENA_EDITORS, PREFIX, PUBLIC, Row, Secret, by, code, only
from tests.permission_world import CESENA, CESENA_CONTACT, CITY_LEADER, COORDINATOR, PROPOSAL_TITLE, SIGNED_IN, World
from values.core.text import translation_fingerprint
from values.knowledge.services import practice_texts

PARTNER_PAGE = {"name": {"en": "City of Cesena", "it": "Comune di Cesena"}, "country": "IT",
                "city": {"name": "Cesena", "lat": "44.139", "lon": "12.243", "languages": ["it"]}}  # fmt: skip
# fmt: off
PROGRAMME_ROWS = [
    Row("GET /api/v1/programmes/", PUBLIC),
    Row(f"GET {PREFIX}/", PUBLIC, at=code),
    Row(f"GET {PREFIX}/themes/", PUBLIC, at=code),
    Row(f"GET {PREFIX}/partners/", PUBLIC, at=code),
    Row(f"GET {PREFIX}/partners/{{key}}/", PUBLIC, at=lambda w: code(w) | {"key": "cesena"},
        secrets=(Secret(lambda w: CESENA_CONTACT, SIGNED_IN),)),
    # As the partner's edit page: its staff and volunteer leader, and the coordinator (web matrix: partner_edit).
    Row(f"PUT {PREFIX}/partners/{{key}}/", only(*CESENA_EDITORS), at=lambda w: code(w) | {"key": "cesena"},
        body=lambda w, identity: PARTNER_PAGE),
    Row(f"GET {PREFIX}/communities/", PUBLIC, at=code),
    Row(f"GET {PREFIX}/members/", only(COORDINATOR), at=code,
        secrets=(Secret(lambda w: "matrix-cesena@", (COORDINATOR,)),)),
]
# fmt: on


def practice(w: World) -> dict:
    return code(w) | {"practice_id": w.practice.pk}


def proposal(w: World) -> dict:
    return code(w) | {"practice_id": w.proposal.pk}


def practice_body(w: World, identity: str) -> dict:
    return {"organisation": "cesena", "original_language": "en", "title": "Matrix practice",
            "summary": "Proposed through the API.", "themes": ["A"]}  # fmt: skip


def translation_version(item) -> Callable[[World], dict]:
    def headers(w: World) -> dict:
        target = item(w)
        target.refresh_from_db()
        texts = practice_texts(target)
        return {"If-Match": f'"{translation_fingerprint(texts, original=target.original_language, language="it")}"'}

    return headers


def italian(w: World, identity: str) -> dict:
    return {"title": "Pratica della matrice"}


PRACTICE = f"{PREFIX}/practices/{{practice_id}}/"
# fmt: off
PRACTICE_ROWS = [
    Row(f"GET {PREFIX}/practices/", PUBLIC, at=code, secrets=(Secret(lambda w: PROPOSAL_TITLE, CESENA_EDITORS),)),
    Row(f"GET {PRACTICE}", PUBLIC, at=practice, case="published"),
    Row(f"GET {PRACTICE}", by(404) | dict.fromkeys(CESENA_EDITORS, 200), at=proposal, case="proposal"),
    # Each proposes from their own organisation (the coordinator too, as on the pages): the body names Cesena.
    Row(f"POST {PREFIX}/practices/", only(CITY_LEADER, CESENA, ok=201), at=code, body=practice_body),
    Row(f"PUT {PRACTICE}", only(*CESENA_EDITORS), at=practice, case="published", body=practice_body),
    Row(f"PUT {PRACTICE}", only(*CESENA_EDITORS, no=404), at=proposal, case="proposal", body=practice_body),
    # The proposal's video has no captions yet: the coordinator is told so (publish_practice's rule).
    Row(f"POST {PRACTICE}publish/", only(COORDINATOR, ok=422, no=404) | dict.fromkeys((CITY_LEADER, CESENA), 403),
        at=proposal, case="proposal"),
    Row(f"POST {PRACTICE}publish/", only(COORDINATOR), at=practice, case="published"),
    Row(f"GET {PRACTICE}translations/{{language}}/", PUBLIC, at=lambda w: practice(w) | {"language": "it"}),
    Row(f"PUT {PRACTICE}translations/{{language}}/", only(*CESENA_EDITORS),
        at=lambda w: practice(w) | {"language": "it"}, body=italian,
        headers=translation_version(lambda w: w.practice)),
]
# fmt: on

# Each domain added after the first wave of the API also names real values for its path parameters (the fuzzer's).
LATER_DOMAINS = (matrix_media, matrix_invitations, matrix_report_templates, matrix_rates, matrix_volunteers,
                 matrix_training, matrix_campaigns, matrix_planning, matrix_monitoring, matrix_amendments,
                 matrix_switching)  # fmt: skip
ROWS = (
    PROGRAMME_ROWS + PRACTICE_ROWS + matrix_activities.ROWS + matrix_reports.ROWS + matrix_actionplans.ROWS
    + matrix_finance.ROWS + matrix_volunteering.ROWS + matrix_opendata.ROWS
    + [row for domain in LATER_DOMAINS for row in domain.ROWS]
)  # fmt: skip
