"""The API permission matrix's rows for the action plans operations (joined in tests/api/matrix.py).

As on the pages (ACTION_PLAN_ROWS of tests/test_permission_matrix.py): Cesena's plan is adopted and published,
so everyone reads its text and actions, and only the people of its review read its comments and who wrote them;
Riga's plan (a draft) and Toulouse's (never begun) are read by the people of their review only; Cesena's staff
alone change Cesena's plan. A section is written from its current revision, read from the world (If-Match)."""

from tests.api.matrix_base import PREFIX, PUBLIC, Row, Secret, by, code, only
from tests.permission_world import (
    CESENA,
    CITY_LEADER,
    COMMENT_TEXT,
    COORDINATOR,
    DRAFT_ACTION_TITLE,
    EXPERT,
    RIGA,
    World,
)
from values.actionplans.services import section_state

REVIEW = (CITY_LEADER, EXPERT, CESENA, RIGA, COORDINATOR)  # Cesena, Riga and Toulouse share community B1
UNADOPTED_PLAN = by(403) | dict.fromkeys(REVIEW, 200)
REVIEW_SECRETS = (Secret(lambda w: COMMENT_TEXT, REVIEW), Secret(lambda w: "matrix-riga", REVIEW))
PLAN = f"{PREFIX}/action-plans/{{key}}/"
ACTION = f"{PLAN}actions/{{action_id}}/"


def city(key: str):
    return lambda w: code(w) | {"key": key}


def action(w: World) -> dict:
    return code(w) | {"key": "cesena", "action_id": w.action.pk}


def current_revision(w: World) -> dict:
    return {"If-Match": f'"{section_state(w.plan, "context").number}"'}


def section_text(w: World, identity: str) -> dict:
    return {"text": "Cesena welcomes newcomers with volunteers, in every district."}


def action_body(w: World, identity: str) -> dict:
    return {"title": "Matrix action: a welcome desk", "owner": "cesena", "partners": ["riga"], "start": "2020-02-01",
            "end": "2020-12-31", "unit": "volunteers", "baseline": "0", "target": "40.50"}  # fmt: skip


def comment(w: World) -> dict:
    return city("cesena")(w) | {"comment_id": w.comment.pk}


def reply(w: World, identity: str) -> dict:
    return {"section": "context", "text": "Matrix reply: agreed.", "parent": w.comment.pk}


def progress(w: World, identity: str) -> dict:
    return {"on": "2020-03-01", "note": "Matrix progress: the first training was held."}


# fmt: off
ROWS = [
    Row(f"GET {PREFIX}/action-plans/", PUBLIC, at=code, secrets=(Secret(lambda w: '"key": "riga"', REVIEW),)),
    Row(f"GET {PLAN}", PUBLIC, at=city("cesena"), case="cesena", secrets=REVIEW_SECRETS),
    Row(f"GET {PLAN}", UNADOPTED_PLAN, at=city("riga"), case="riga"),
    Row(f"GET {PLAN}", UNADOPTED_PLAN, at=city("toulouse"), case="toulouse"),
    Row(f"PUT {PLAN}sections/{{section}}/", only(CESENA), at=lambda w: city("cesena")(w) | {"section": "context"},
        body=section_text, headers=current_revision),
    Row(f"PUT {PLAN}status/", only(CESENA), at=city("cesena"),
        body=lambda w, identity: {"status": "adopted", "published": False}),
    Row(f"GET {PLAN}actions/", PUBLIC, at=city("cesena"), case="cesena"),
    Row(f"GET {PLAN}actions/", UNADOPTED_PLAN, at=city("riga"), case="riga",
        secrets=(Secret(lambda w: DRAFT_ACTION_TITLE, REVIEW),)),
    Row(f"POST {PLAN}actions/", only(CESENA, ok=201), at=city("cesena"), body=action_body),
    Row(f"PUT {ACTION}", only(CESENA), at=action, body=action_body),
    Row(f"PUT {ACTION}", only(CESENA, ok=404), at=lambda w: action(w) | {"action_id": w.riga_action.pk},
        case="riga-action-under-cesena", body=action_body),
    Row(f"POST {ACTION}progress/", only(CESENA, ok=201), at=action, body=progress),
    # The review (comments, threads, history) is its people's, even of a published plan: as on the pages.
    Row(f"GET {PLAN}comments/", UNADOPTED_PLAN, at=city("cesena"), case="cesena", secrets=REVIEW_SECRETS),
    Row(f"GET {PLAN}comments/", UNADOPTED_PLAN, at=city("riga"), case="riga"),
    Row(f"POST {PLAN}comments/", only(*REVIEW, ok=201), at=city("cesena"), body=reply),
    Row(f"POST {PLAN}comments/{{comment_id}}/resolve/", only(*REVIEW), at=comment),
    Row(f"POST {PLAN}comments/{{comment_id}}/resolve/", only(*REVIEW, ok=404), case="riga-comment-under-cesena",
        at=lambda w: comment(w) | {"comment_id": w.riga_comment.pk}),
    Row(f"GET {PLAN}sections/{{section}}/history/", UNADOPTED_PLAN,
        at=lambda w: city("cesena")(w) | {"section": "context"}),
]
# fmt: on
