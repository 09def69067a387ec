"""The API permission matrix's rows for the volunteer campaign (joined in tests/api/matrix.py), as the web matrix's
campaign rows: a published campaign is public and one being prepared the coordinator's alone (404 to anyone else);
only the coordinator plans (403 to the others, a draft's plan too, as the plan page); the reach is for the
coordinator and the staff who run a channel (Cesena's), 404 for a campaign being prepared. An item is looked up
under the campaign its address names: the draft's message under the public campaign names nothing."""

from tests.api.matrix_base import PREFIX, PUBLIC, Row, Secret, by, code, only
from tests.permission_world import CESENA, CITY_LEADER, COORDINATOR, DRAFT_CAMPAIGN_TITLE, World

REACH = (CITY_LEADER, CESENA, COORDINATOR)  # report the reach of the channel Cesena runs
CHANNEL_NAME = "Cesena on Instagram"
CAMPAIGN = f"{PREFIX}/campaigns/{{campaign_key}}/"


def public(w: World) -> dict:
    return code(w) | {"campaign_key": w.campaign.key}


def draft(w: World) -> dict:
    return code(w) | {"campaign_key": w.draft.key}


def channel_of(campaign):
    return lambda w: code(w) | {"campaign_key": getattr(w, campaign).key,
                                "channel_id": getattr(w, campaign).channels.get().pk}  # fmt: skip


def plan(key: str):
    def body(w: World, identity: str) -> dict:
        return {"key": key, "title": {"en": "Matrix campaign", "it": "Campagna della matrice"},
                "call_to_action": {"en": "Give an hour."}, "starts_on": "2020-03-01", "ends_on": "2020-06-30",
                "published": key == "matrix-public"}  # fmt: skip

    return body


def message(w: World, identity: str) -> dict:
    return {"audience": "retired people", "text": {"en": "Your experience counts."}}


def channel(w: World, identity: str) -> dict:
    return {"kind": "newsletter", "name": "Matrix newsletter", "organisation": "cesena", "target_reach": 100}


def reach(w: World, identity: str) -> dict:
    return {"month": "2020-03", "reach": 1200, "engagements": 85}


PLANNER = only(COORDINATOR)
DRAFT_READER = by(404) | {COORDINATOR: 200}
# fmt: off
ROWS = [
    Row(f"GET {PREFIX}/campaigns/", PUBLIC, at=code, secrets=(Secret(lambda w: DRAFT_CAMPAIGN_TITLE, (COORDINATOR,)),)),
    Row(f"GET {CAMPAIGN}", PUBLIC, at=public, case="public", secrets=(Secret(lambda w: CHANNEL_NAME, REACH),)),
    Row(f"GET {CAMPAIGN}", DRAFT_READER, at=draft, case="draft"),
    Row(f"POST {PREFIX}/campaigns/", only(COORDINATOR, ok=201), at=code, body=plan("matrix-new")),
    Row(f"PUT {CAMPAIGN}", PLANNER, at=public, case="public", body=plan("matrix-public")),
    Row(f"PUT {CAMPAIGN}", PLANNER, at=draft, case="draft", body=plan("matrix-draft")),
    Row(f"POST {CAMPAIGN}messages/", only(COORDINATOR, ok=201), at=draft, body=message),
    Row(f"DELETE {CAMPAIGN}messages/{{message_id}}/", PLANNER, case="draft",
        at=lambda w: draft(w) | {"message_id": w.draft_message_id}),
    Row(f"DELETE {CAMPAIGN}messages/{{message_id}}/", only(COORDINATOR, ok=404), case="draft-message-under-public",
        at=lambda w: public(w) | {"message_id": w.draft_message_id}),
    Row(f"POST {CAMPAIGN}channels/", only(COORDINATOR, ok=201), at=draft, body=channel),
    Row(f"DELETE {CAMPAIGN}channels/{{channel_id}}/", PLANNER, at=channel_of("draft")),
    # An empty form: the coordinator is told what is missing (422), anyone else is refused before it is read.
    Row(f"POST {CAMPAIGN}assets/", only(COORDINATOR, ok=422), at=draft),
    Row(f"DELETE {CAMPAIGN}assets/{{asset_id}}/", PLANNER, case="draft",
        at=lambda w: draft(w) | {"asset_id": w.draft_kit.pk}),
    Row(f"DELETE {CAMPAIGN}assets/{{asset_id}}/", only(COORDINATOR, ok=404), case="draft-kit-under-public",
        at=lambda w: public(w) | {"asset_id": w.draft_kit.pk}),
    Row(f"GET {CAMPAIGN}reach/", only(*REACH), at=public, case="public"),
    Row(f"GET {CAMPAIGN}reach/", only(COORDINATOR, no=404), at=draft, case="draft"),
    Row(f"POST {CAMPAIGN}channels/{{channel_id}}/reach/", only(*REACH), at=channel_of("campaign"), case="public",
        body=reach),
    Row(f"POST {CAMPAIGN}channels/{{channel_id}}/reach/", only(COORDINATOR, no=404), at=channel_of("draft"),
        case="draft", body=reach),
]
# fmt: on


def path_values(w: World) -> dict:
    """A real value for each path parameter these operations name, for the schema fuzzer (the public campaign's)."""
    return {"campaign_key": w.campaign.key, "channel_id": w.campaign.channels.get().pk, "asset_id": w.kit.pk,
            "message_id": w.campaign.messages.get().pk}  # fmt: skip
