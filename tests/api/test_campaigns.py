"""The volunteer campaign through the API, on the permission matrix's world (the public campaign "matrix-public"
and the draft "matrix-draft", each with a message, Cesena's Instagram channel aiming at 5,000 people and a PDF
leaflet): read as its page, planned by the coordinator through the plan's services, its reach recorded by who runs
the channel, and every refusal naming its field with nothing saved."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.permission_world import ANONYMOUS, CESENA, COORDINATOR, DRAFT_CAMPAIGN_TITLE, PDF, RIGA
from values.publishing.models import Campaign, CampaignAsset, CampaignChannel, CampaignMessage, ReachFigure
from values.publishing.queries import reach_report
from values.publishing.services import add_channel

from .conftest import ApiClient, token_client

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("api_campaigns")]

BASE = "/api/v1/programmes/820885/campaigns"
PUBLIC, DRAFT = f"{BASE}/matrix-public/", f"{BASE}/matrix-draft/"


def api_of(world, identity: str) -> ApiClient:
    return ApiClient() if identity == ANONYMOUS else token_client(world.people[identity])


def delete(api: ApiClient, address: str):
    return api.client.delete(address, headers=api.headers)


def pointers(response) -> list[str]:
    return sorted(error["pointer"] for error in response.json()["errors"])


def plan(**fields) -> dict:
    return {"key": "autumn-2020", "title": {"en": "Autumn call", "it": "Chiamata d'autunno"},
            "call_to_action": {"en": "Give an hour."}, "pitch": {"en": "**Join us**"}, "starts_on": "2020-09-01",
            "ends_on": "2020-11-30", "volunteer_url": "https://example.org/join"} | fields  # fmt: skip


def stored_kits() -> set[Path]:
    return set((Path(settings.MEDIA_ROOT) / "campaigns").rglob("*"))


def test_anyone_lists_the_published_campaigns_and_only_the_coordinator_the_draft_too(module_world):
    anyone = api_of(module_world, ANONYMOUS).get(f"{BASE}/")
    cesena = api_of(module_world, CESENA).get(f"{BASE}/")
    coordinator = api_of(module_world, COORDINATOR).get(f"{BASE}/")

    assert anyone.status_code == 200, anyone.content
    assert [c["key"] for c in anyone.json()["results"]] == ["matrix-public"]
    assert DRAFT_CAMPAIGN_TITLE not in cesena.content.decode()
    assert cesena.json()["count"] == 1
    assert sorted(c["key"] for c in coordinator.json()["results"]) == ["matrix-draft", "matrix-public"]
    public = anyone.json()["results"][0]
    assert (public["title"], public["starts_on"], public["ends_on"], public["published"]) == (
        {"en": "Matrix public campaign"}, "2020-03-01", "2020-06-30", True)  # fmt: skip
    assert public["page"] == "http://testserver/en/p/820885/campaign/matrix-public/"


def test_a_campaign_reads_as_its_page_with_the_kit_the_web_serves(module_world):
    w = module_world

    anyone = api_of(w, ANONYMOUS).get(PUBLIC)

    assert anyone.status_code == 200, anyone.content
    body = anyone.json()
    assert body["call_to_action"] == {"en": "Give two hours a week."}
    assert [(m["audience"], m["text"]) for m in body["messages"]] == [
        ("students", {"en": "Matrix public campaign: meet the world at home."})]  # fmt: skip
    assert body["channels"] == []  # the plan's channels are for who plans or reports them
    [kit] = body["assets"]
    assert (kit["id"], kit["kind"], kit["title"], kit["content_type"], kit["size"]) == (
        w.kit.pk, "kit", {"en": "Leaflet"}, "application/pdf", len(PDF))  # fmt: skip
    served = Client().get(kit["url"])
    assert (served.status_code, b"".join(served.streaming_content)) == (200, PDF)


def test_who_runs_a_channel_sees_it_and_the_draft_is_404_to_all_but_the_coordinator(module_world):
    w = module_world

    channels = api_of(w, CESENA).get(PUBLIC).json()["channels"]

    assert [(c["name"], c["organisation"]["key"], c["target_reach"]) for c in channels] == [
        ("Cesena on Instagram", "cesena", 5000)]  # fmt: skip
    assert api_of(w, CESENA).get(DRAFT).status_code == 404
    assert api_of(w, ANONYMOUS).get(DRAFT).status_code == 404
    assert api_of(w, COORDINATOR).get(DRAFT).json()["title"] == {"en": DRAFT_CAMPAIGN_TITLE}


def test_the_coordinator_plans_a_campaign_which_is_public_once_published(module_world):
    coordinator = api_of(module_world, COORDINATOR)

    made = coordinator.post(f"{BASE}/", plan())
    hidden = api_of(module_world, ANONYMOUS).get(f"{BASE}/autumn-2020/")
    published = coordinator.put(f"{BASE}/autumn-2020/", plan(key="autumn", published=True))

    assert made.status_code == 201, made.content
    assert made["Location"] == f"http://testserver{BASE}/autumn-2020/"
    assert (made.json()["published"], made.json()["pitch"]) == (False, {"en": "**Join us**"})
    assert hidden.status_code == 404
    assert published.status_code == 200, published.content
    assert api_of(module_world, ANONYMOUS).get(f"{BASE}/autumn/").json()["title"] == plan()["title"]
    assert not Campaign.objects.filter(key="autumn-2020").exists()  # its address moved with its key


def test_a_plan_refused_names_each_field_and_saves_nothing(module_world):
    coordinator = api_of(module_world, COORDINATOR)
    before = Campaign.objects.count()

    no_title = coordinator.post(f"{BASE}/", plan(title={"en": "  "}, ends_on="2020-08-01"))
    foreign = coordinator.post(f"{BASE}/", plan(title={"de": "Herbst"}, call_to_action={"en": "x" * 501}))
    taken = coordinator.post(f"{BASE}/", plan(key="matrix-draft", volunteer_url="not a link"))
    by_cesena = api_of(module_world, CESENA).post(f"{BASE}/", plan())

    assert no_title.status_code == 422
    assert pointers(no_title) == ["#/ends_on", "#/title"]
    assert pointers(foreign) == ["#/call_to_action/en", "#/title/de"]
    details = {error["pointer"]: error["detail"] for error in foreign.json()["errors"]}
    assert details["#/title/de"] == "de is not one of the programme's languages (en, it)."
    assert pointers(taken) == ["#/key"]
    assert by_cesena.status_code == 403
    assert by_cesena.json()["detail"] == "Only the coordinator plans campaigns."
    assert Campaign.objects.count() == before


def test_messages_are_added_and_removed_each_under_its_own_campaign(module_world):
    w = module_world
    coordinator = api_of(w, COORDINATOR)

    added = coordinator.post(f"{DRAFT}messages/", {"audience": "retired people", "text": {"it": "La tua esperienza"}})
    long = coordinator.post(f"{DRAFT}messages/", {"audience": "", "text": {"en": "x" * 2001}})
    elsewhere = delete(coordinator, f"{PUBLIC}messages/{w.draft_message_id}/")
    removed = delete(coordinator, f"{DRAFT}messages/{w.draft_message_id}/")

    assert added.status_code == 201, added.content
    assert [m["audience"] for m in added.json()["messages"]] == ["students", "retired people"]
    assert (long.status_code, pointers(long)) == (422, ["#/audience", "#/text/en"])
    assert elsewhere.status_code == 404
    assert removed.status_code == 200
    assert [m["audience"] for m in removed.json()["messages"]] == ["retired people"]
    assert not CampaignMessage.objects.filter(pk=w.draft_message_id).exists()


def test_a_channel_is_run_by_a_partner_and_named_once(module_world):
    coordinator = api_of(module_world, COORDINATOR)
    before = CampaignChannel.objects.count()
    channel = {"kind": "newsletter", "name": "Riga's newsletter", "organisation": "riga", "target_reach": 900}

    unknown = coordinator.post(f"{DRAFT}channels/", channel | {"organisation": "atlantis"})
    twice = coordinator.post(f"{DRAFT}channels/", channel | {"name": "Cesena on Instagram"})
    bad_link = coordinator.post(f"{DRAFT}channels/", channel | {"url": "no link"})
    assert (unknown.status_code, pointers(unknown)) == (422, ["#/organisation"])
    assert (twice.status_code, pointers(twice)) == (422, ["#/name"])
    assert (bad_link.status_code, pointers(bad_link)) == (422, ["#/url"])
    assert CampaignChannel.objects.count() == before

    added = coordinator.post(f"{DRAFT}channels/", channel)

    assert added.status_code == 201, added.content
    riga = next(c for c in added.json()["channels"] if c["name"] == "Riga's newsletter")
    assert (riga["kind"], riga["organisation"]["key"], riga["target_reach"]) == ("newsletter", "riga", 900)
    assert delete(coordinator, f"{DRAFT}channels/{riga['id']}/").status_code == 200
    assert CampaignChannel.objects.count() == before


def test_a_kit_is_uploaded_checked_and_bounded_and_a_refused_one_leaves_nothing(module_world, settings):
    w = module_world
    coordinator = api_of(w, COORDINATOR)
    before, files = CampaignAsset.objects.count(), stored_kits()
    settings.MAX_KIT_MB = 1

    def send(form: dict):
        return coordinator.client.post(f"{DRAFT}assets/", data=form, headers=coordinator.headers)

    too_big = send(
        {
            "kind": "kit",
            "title_en": "Poster",
            "file": SimpleUploadedFile("poster.pdf", PDF + b"\x00" * (2 * 1024 * 1024), "application/pdf"),
        }
    )
    untitled = send({"kind": "kit", "file": SimpleUploadedFile("poster.pdf", PDF, "application/pdf")})
    no_chart = send({"kind": "infographic", "title_it": "Grafico", "infographic": "budget-against-actual"})
    assert (too_big.status_code, pointers(too_big)) == (422, ["#/file"])
    assert too_big.json()["errors"][0]["detail"] == "The kit is 2.0 MB; the limit is 1 MB."
    assert (untitled.status_code, pointers(untitled)) == (422, ["#/title"])
    assert (no_chart.status_code, pointers(no_chart)) == (422, ["#/infographic"])  # not a public infographic
    assert (CampaignAsset.objects.count(), stored_kits()) == (before, files)

    made = send({"kind": "kit", "title_en": "Poster", "title_it": "Manifesto",
                 "file": SimpleUploadedFile("poster.pdf", PDF, "application/pdf")})  # fmt: skip

    assert made.status_code == 201, made.content
    poster = made.json()["assets"][-1]
    assert (poster["title"], poster["content_type"], poster["size"]) == (
        {"en": "Poster", "it": "Manifesto"}, "application/pdf", len(PDF))  # fmt: skip
    assert Client().get(poster["url"]).status_code == 404  # the draft's kit is the coordinator's alone
    removed = delete(coordinator, f"{DRAFT}assets/{poster['id']}/")
    assert removed.status_code == 200
    assert [a["id"] for a in removed.json()["assets"]] == [w.draft_kit.pk]


def test_who_runs_the_channel_records_its_reach_and_a_month_again_corrects_it(module_world):
    w = module_world
    channel = w.campaign.channels.get()
    address = f"{PUBLIC}channels/{channel.pk}/reach/"
    cesena = api_of(w, CESENA)

    first = cesena.post(address, {"month": "2020-03", "reach": 1200, "engagements": 85})
    corrected = cesena.post(address, {"month": "2020-03", "reach": 1500, "note": "Counted again"})

    assert first.status_code == 200, first.content
    assert corrected.status_code == 200, corrected.content
    body = corrected.json()
    [row] = body["rows"]
    # 1,500 people of the 5,000 aimed at: 0.300; engagements no longer counted once corrected without them
    assert (body["months"], row["by_month"], row["reach"], row["engagements"], row["share_of_target"]) == (
        ["2020-03"], {"2020-03": 1500}, 1500, 0, "0.300")  # fmt: skip
    assert (body["reach"], body["engagements"]) == (1500, 0)
    # The API and the reach page read the same report.
    report = reach_report(w.campaign)
    assert (report.reach, str(report.rows[0].share_of_target)) == (body["reach"], row["share_of_target"])
    assert ReachFigure.objects.get(channel=channel).note == "Counted again"


def test_reach_outside_the_campaign_or_by_who_runs_no_channel_is_refused(module_world):
    w = module_world
    channel = w.campaign.channels.get()
    address = f"{PUBLIC}channels/{channel.pk}/reach/"
    coordinators = add_channel(w.campaign, kind="event", name="Open day", organisation=None, url="", target_reach=None)

    after_end = api_of(w, CESENA).post(address, {"month": "2020-08", "reach": 10})
    not_a_month = api_of(w, CESENA).post(address, {"month": "2020-13", "reach": -1})
    by_riga = api_of(w, RIGA).post(address, {"month": "2020-03", "reach": 10})
    not_cesenas = api_of(w, CESENA).post(f"{PUBLIC}channels/{coordinators.pk}/reach/", {"month": "2020-03", "reach": 1})
    on_the_draft = api_of(w, CESENA).post(f"{DRAFT}channels/{w.draft.channels.get().pk}/reach/",
                                          {"month": "2020-03", "reach": 1})  # fmt: skip

    assert (after_end.status_code, pointers(after_end)) == (422, ["#/month"])
    assert after_end.json()["errors"][0]["detail"] == "The campaign runs from 2020-03-01 to 2020-06-30."
    assert (not_a_month.status_code, pointers(not_a_month)) == (422, ["#/month"])
    assert by_riga.status_code == 403
    assert not_cesenas.status_code == 403
    assert on_the_draft.status_code == 404
    assert not ReachFigure.objects.filter(channel__campaign=w.campaign).exists()


def test_the_reach_report_is_for_who_plans_or_reports_it(module_world):
    w = module_world

    assert api_of(w, CESENA).get(f"{PUBLIC}reach/").json()["rows"][0]["target"] == 5000
    assert api_of(w, RIGA).get(f"{PUBLIC}reach/").status_code == 403
    assert api_of(w, ANONYMOUS).get(f"{PUBLIC}reach/").status_code == 401
    assert api_of(w, CESENA).get(f"{DRAFT}reach/").status_code == 404
