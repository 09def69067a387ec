"""The API permission matrix's rows for a practice's photos and videos (joined in tests/api/matrix.py), as the web
matrix's media rows: who may change the practice adds and removes them (403 to the others for the published
practice, 404 for the proposal, whose existence is private); an item is looked up under the practice its address
names, so another practice's names nothing there (404). Who may read the practice reads its media."""

from tests.api.matrix_base import CESENA_EDITORS, PREFIX, PUBLIC, Row, by, code, only
from tests.permission_world import World

MEDIA = f"{PREFIX}/practices/{{practice_id}}/"


def practice(w: World) -> dict:
    return code(w) | {"practice_id": w.practice.pk}


def proposal(w: World) -> dict:
    return code(w) | {"practice_id": w.proposal.pk}


def items(which: str):
    def at(w: World) -> dict:
        published = which == "published"
        return (practice(w) if published else proposal(w)) | {
            "photo_id": (w.photo if published else w.proposal_photo).pk,
            "video_id": (w.video if published else w.proposal_video).pk,
        }

    return at


def edited(ok: int) -> list[tuple[str, dict, object]]:
    """The rule for the published practice (403 to the others) and for the proposal (404 to them)."""
    return [("published", only(*CESENA_EDITORS, ok=ok), items("published")),
            ("proposal", only(*CESENA_EDITORS, ok=ok, no=404), items("proposal"))]  # fmt: skip


# An empty form: who may change the practice is told what is missing (422); anyone else is refused before.
# fmt: off
ROWS = [
    Row(f"GET {MEDIA}media/", PUBLIC, at=practice, case="published"),
    Row(f"GET {MEDIA}media/", by(404) | dict.fromkeys(CESENA_EDITORS, 200), at=proposal, case="proposal"),
    *(Row(f"POST {MEDIA}photos/", rule, at=at, case=case) for case, rule, at in edited(422)),
    *(Row(f"DELETE {MEDIA}photos/{{photo_id}}/", rule, at=at, case=case) for case, rule, at in edited(200)),
    *(Row(f"POST {MEDIA}videos/", rule, at=at, case=case) for case, rule, at in edited(422)),
    *(Row(f"DELETE {MEDIA}videos/{{video_id}}/", rule, at=at, case=case) for case, rule, at in edited(200)),
    *(Row(f"POST {MEDIA}videos/{{video_id}}/captions/", rule, at=at, case=case) for case, rule, at in edited(422)),
    # The proposal's items under the published practice name nothing.
    Row(f"DELETE {MEDIA}photos/{{photo_id}}/", only(*CESENA_EDITORS, ok=404), case="proposal-photo-under-published",
        at=lambda w: practice(w) | {"photo_id": w.proposal_photo.pk}),
    Row(f"POST {MEDIA}videos/{{video_id}}/captions/", only(*CESENA_EDITORS, ok=404),
        case="proposal-video-under-published", at=lambda w: practice(w) | {"video_id": w.proposal_video.pk}),
]
# fmt: on


def path_values(w: World) -> dict:
    """A real value for each path parameter these operations name, for the schema fuzzer."""
    return {"photo_id": w.photo.pk, "video_id": w.video.pk}
