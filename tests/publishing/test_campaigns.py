"""The campaign: the coordinator's plan, its assets, the reach staff report, the public call to volunteer."""

import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from tests.conftest import make_member
from tests.core.test_uploads import CAPTIONS_TEXT, photo_bytes, zip_bytes
from values.knowledge.services import add_video, publish_practice, save_practice
from values.network.enums import Role
from values.network.models import Organisation
from values.programme.models import Theme
from values.publishing.models import Campaign, CampaignAsset, CampaignChannel, ReachFigure
from values.publishing.permissions import campaigns_readable_by, get_channel_for_reach
from values.publishing.services import add_asset, add_channel, add_message, save_campaign

pytestmark = pytest.mark.django_db
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _campaign_data(**changes) -> dict:
    data = {
        "key": "volunteer-2020", "starts_on": "2020-03-01", "ends_on": "2020-06-30",
        "volunteer_url": "https://example.org/volunteer", "published": "on",
        "title_en": "Time to welcome", "title_it": "Tempo di accogliere",
        "call_to_action_en": "Give two hours a week to a newcomer.",
        "call_to_action_it": "Dona due ore a settimana a chi è appena arrivato.",
        "pitch_en": "Volunteers **make** the welcome.", "pitch_it": "",
    }  # fmt: skip
    return {**data, **changes}


@pytest.fixture
def campaign(programme) -> Campaign:
    return save_campaign(
        programme, key="volunteer-2020", title={"en": "Time to welcome", "it": "Tempo di accogliere"},
        call_to_action={"en": "Give two hours a week to a newcomer."}, pitch={},
        starts_on=date(2020, 3, 1), ends_on=date(2020, 6, 30), volunteer_url="https://example.org/volunteer",
        published=True,
    )  # fmt: skip


def test_the_coordinator_plans_a_campaign_in_both_languages(client, coordinator):
    client.force_login(coordinator)

    created = client.post("/en/p/820885/campaigns/", _campaign_data())

    campaign = Campaign.objects.get()
    assert created.status_code == 302
    assert created["Location"] == "/en/p/820885/campaigns/volunteer-2020/plan/"
    assert campaign.title == {"en": "Time to welcome", "it": "Tempo di accogliere"}
    assert campaign.pitch == {"en": "Volunteers **make** the welcome."}
    assert (campaign.starts_on, campaign.ends_on) == (date(2020, 3, 1), date(2020, 6, 30))


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"ends_on": "2020-02-28"}, "ends_on", "must end on or after its first day"),
        ({"title_en": "", "title_it": ""}, "title", "Write the title in at least one language"),
        ({"key": "Not a slug!"}, "key", "letters, numbers, underscores or hyphens"),
        ({"volunteer_url": "javascript:alert(1)"}, "volunteer_url", "Enter a valid URL"),
        ({"starts_on": "2020-13-01"}, "starts_on", "Enter a valid date"),
    ],
)
def test_a_bad_campaign_is_refused_with_the_reason_and_nothing_saved(client, coordinator, changes, field, reason):
    client.force_login(coordinator)

    page = client.post("/en/p/820885/campaigns/", _campaign_data(**changes))

    assert page.status_code == 400
    assert reason in page.text
    assert not Campaign.objects.exists()


def test_only_the_coordinator_plans(client, cesena_staff, campaign):
    client.force_login(cesena_staff)

    assert client.post("/en/p/820885/campaigns/", _campaign_data(key="other")).status_code == 403
    assert client.get("/en/p/820885/campaigns/volunteer-2020/plan/").status_code == 403
    assert (
        client.post("/en/p/820885/campaigns/volunteer-2020/plan/message/", {"message-audience": "x"}).status_code == 403
    )
    assert Campaign.objects.count() == 1


def test_messages_channels_and_assets_join_the_plan(client, coordinator, campaign, media_root):
    client.force_login(coordinator)
    cesena = Organisation.objects.get(key="cesena")
    plan = "/en/p/820885/campaigns/volunteer-2020/plan/"

    client.post(plan + "message/", {"message-audience": "students", "message-text_en": "Meet the world at home."})
    client.post(plan + "channel/", {"channel-kind": "social", "channel-name": "Cesena on Instagram",
                                    "channel-organisation": cesena.pk, "channel-target_reach": "5000"})  # fmt: skip
    client.post(plan + "asset/", {"asset-kind": "infographic", "asset-title_en": "Who volunteers",
                                  "asset-infographic": "practices-per-theme"})  # fmt: skip
    kit = SimpleUploadedFile("leaflet.pdf", PDF_BYTES, content_type="application/pdf")
    client.post(plan + "asset/", {"asset-kind": "kit", "asset-title_en": "Leaflet", "asset-file": kit})

    assert [(m.audience, m.text) for m in campaign.messages.all()] == [("students", {"en": "Meet the world at home."})]
    channel = CampaignChannel.objects.get()
    assert (channel.name, channel.organisation, channel.target_reach) == ("Cesena on Instagram", cesena, 5000)
    assert [(a.kind, a.infographic) for a in campaign.assets.all()] == [("infographic", "practices-per-theme"),
                                                                         ("kit", "")]  # fmt: skip
    leaflet = campaign.assets.get(kind="kit")
    assert (leaflet.content_type, leaflet.size, leaflet.format_name) == ("application/pdf", len(PDF_BYTES), "PDF")
    assert leaflet.file.read() == PDF_BYTES


def test_bad_assets_are_refused_with_the_reason_and_leave_nothing_behind(client, coordinator, campaign, media_root):
    client.force_login(coordinator)
    plan = "/en/p/820885/campaigns/volunteer-2020/plan/asset/"
    practice = save_practice(
        campaign.programme, organisation=Organisation.objects.get(key="cesena"), by=None, original_language="en",
        texts={"title": "Welcome café", "summary": "Coffee and talk."}, themes=[Theme.objects.get(key="C")],
    )  # fmt: skip
    uncaptioned = add_video(practice, title="Our café", url="https://video.example.org/cafe", by=None)

    disguised = SimpleUploadedFile("leaflet.pdf", photo_bytes("PNG"), content_type="application/pdf")
    renamed = client.post(plan, {"asset-kind": "kit", "asset-title_en": "Leaflet", "asset-file": disguised})
    budget = client.post(plan, {"asset-kind": "infographic", "asset-title_en": "Money",
                                "asset-infographic": "budget-against-actual"})  # fmt: skip
    video = client.post(plan, {"asset-kind": "video", "asset-title_en": "Café", "asset-video": uncaptioned.pk})
    untitled = client.post(plan, {"asset-kind": "infographic", "asset-infographic": "timeline"})

    assert "named “leaflet.pdf” but its content is PNG" in renamed.text
    assert "Select a valid choice" in budget.text
    assert "Select a valid choice" in video.text  # not captioned, not public: not offered at all
    assert "Give the asset a title in at least one language" in untitled.text
    assert not CampaignAsset.objects.exists()
    assert [p for p in media_root.rglob("*") if p.is_file() and "campaigns" in p.parts] == []


@pytest.mark.parametrize(
    ("content", "message"),
    [(zip_bytes(("posters/a4.png", b"poster"), ("../../cron.d/evil", b"* * * * * sh")),
      "The ZIP archive holds “../../cron.d/evil”: a name in it must stay inside its folder"),
     (b"PK\x03\x04" + b"garbage" * 30, "The ZIP archive cannot be opened: it is damaged, or not a ZIP archive.")],
    ids=["path-traversal", "fake-zip"],
)  # fmt: skip
def test_a_kit_zip_that_is_fake_or_unsafe_to_unpack_is_refused(client, coordinator, campaign, media_root, content,
                                                               message):  # fmt: skip
    client.force_login(coordinator)
    kit = SimpleUploadedFile("posters.zip", content, content_type="application/zip")

    response = client.post("/en/p/820885/campaigns/volunteer-2020/plan/asset/",
                           {"asset-kind": "kit", "asset-title_en": "Posters", "asset-file": kit})  # fmt: skip

    assert message in " ".join(response.context["forms"]["asset"].errors["file"])
    assert not CampaignAsset.objects.exists()
    assert [p for p in media_root.rglob("*") if p.is_file()] == []


def test_a_captioned_video_of_a_published_practice_is_an_asset(client, coordinator, campaign, media_root):
    practice = save_practice(
        campaign.programme, organisation=Organisation.objects.get(key="cesena"), by=None, original_language="en",
        texts={"title": "Welcome café", "summary": "Coffee and talk."}, themes=[Theme.objects.get(key="C")],
    )  # fmt: skip
    captions = SimpleUploadedFile("cafe.vtt", CAPTIONS_TEXT, content_type="text/vtt")
    video = add_video(practice, title="Our café", url="https://video.example.org/cafe", captions=captions, by=None)
    publish_practice(practice)
    client.force_login(coordinator)

    client.post("/en/p/820885/campaigns/volunteer-2020/plan/asset/",
                {"asset-kind": "video", "asset-title_en": "Café", "asset-video": video.pk})  # fmt: skip
    client.logout()
    page = client.get("/en/p/820885/campaign/volunteer-2020/")

    assert CampaignAsset.objects.get().video == video
    assert "https://video.example.org/cafe" in page.text
    assert f"/en/p/820885/practices/{practice.pk}/files/captions/{video.pk}/" in page.text


@pytest.fixture
def channels(campaign, coordinator):
    cesena = Organisation.objects.get(key="cesena")
    instagram = add_channel(campaign, kind="social", name="Cesena on Instagram", organisation=cesena, target_reach=5000)
    newsletter = add_channel(campaign, kind="newsletter", name="EUROCITIES newsletter", organisation=None)
    return instagram, newsletter


def test_staff_report_their_channels_reach_and_a_month_entered_again_is_corrected(client, cesena_staff, coordinator,
                                                                                   channels):  # fmt: skip
    instagram, newsletter = channels
    client.force_login(cesena_staff)
    reach = "/en/p/820885/campaigns/volunteer-2020/reach/"

    client.post(reach, {"channel": instagram.pk, "month": "2020-03", "reach": "1200", "engagements": "85"})
    client.post(reach, {"channel": instagram.pk, "month": "2020-03", "reach": "1300", "engagements": "90"})
    client.post(reach, {"channel": instagram.pk, "month": "2020-04", "reach": "700"})
    not_theirs = client.post(reach, {"channel": newsletter.pk, "month": "2020-03", "reach": "500"})
    client.force_login(coordinator)
    client.post(reach, {"channel": newsletter.pk, "month": "2020-03", "reach": "500", "engagements": "40"})
    page = client.get(reach)

    assert "Select a valid choice" in not_theirs.text
    assert [(f.month, f.reach) for f in instagram.figures.order_by("month")] == [
        (date(2020, 3, 1), 1300), (date(2020, 4, 1), 700)
    ]  # fmt: skip
    report = page.context["report"]
    # Instagram 1,300 + 700 = 2,000 of 5,000 (40 %); the newsletter 500: 2,500 people, 90 + 40 = 130 engagements.
    assert [(row.channel.name, row.reach, row.share_of_target) for row in report.rows] == [
        ("Cesena on Instagram", 2000, Decimal("0.400")), ("EUROCITIES newsletter", 500, None)
    ]  # fmt: skip
    assert (report.reach, report.engagements) == (2500, 130)
    assert "2500 people reached in all, 130 engagements." in page.text


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"reach": "-5"}, "People reached: a whole number from 0 to 1,000,000,000."),
        ({"reach": "many"}, "People reached: a whole number from 0 to 1,000,000,000."),
        ({"month": "2020-07"}, "The campaign runs from"),
        ({"month": "2020-02"}, "The campaign runs from"),
        ({"month": "March"}, "Enter a valid date"),
    ],
)
def test_bad_reach_is_refused_with_the_reason(client, cesena_staff, channels, changes, reason):
    client.force_login(cesena_staff)
    data = {"channel": channels[0].pk, "month": "2020-03", "reach": "1200", **changes}

    page = client.post("/en/p/820885/campaigns/volunteer-2020/reach/", data)

    assert page.status_code == 400
    assert reason in page.text
    assert not ReachFigure.objects.exists()


def test_reach_is_reported_only_for_a_month_that_has_begun(client, coordinator, programme):
    today = timezone.localdate()
    lasting = save_campaign(
        programme, key="lasting", title={"en": "Lasting"}, call_to_action={"en": "Join."}, pitch={},
        starts_on=date(2020, 1, 1), ends_on=date(today.year + 2, 12, 31), volunteer_url="", published=True,
    )  # fmt: skip
    channel = add_channel(lasting, kind="website", name="Website", organisation=None)
    next_month = (today.replace(day=28) + timedelta(days=5)).strftime("%Y-%m")
    client.force_login(coordinator)

    future = client.post(
        "/en/p/820885/campaigns/lasting/reach/", {"channel": channel.pk, "month": next_month, "reach": "9"}
    )
    this_month = client.post(
        "/en/p/820885/campaigns/lasting/reach/", {"channel": channel.pk, "month": today.strftime("%Y-%m"), "reach": "9"}
    )

    assert "only for a month that has begun" in future.text
    assert this_month.status_code == 302
    assert [figure.month for figure in ReachFigure.objects.all()] == [today.replace(day=1)]


def test_the_reach_is_for_the_people_who_report_it(client, riga_staff, volunteer, channels):
    client.force_login(riga_staff)
    riga = client.get("/en/p/820885/campaigns/volunteer-2020/reach/")
    client.force_login(volunteer)
    cesena_volunteer = client.get("/en/p/820885/campaigns/volunteer-2020/reach/")
    client.logout()
    anonymous = client.get("/en/p/820885/campaigns/volunteer-2020/reach/")

    assert riga.status_code == 403
    assert cesena_volunteer.status_code == 403
    assert anonymous.status_code == 302


def test_the_public_page_calls_to_volunteer_and_shows_nothing_unpublished(client, campaign, coordinator, media_root):
    make_member("ilze", "riga", Role.CITY_STAFF)
    campaign.messages.create(audience="students", text={"en": "Meet the world at home."})
    draft = save_campaign(
        campaign.programme, key="draft-2021", title={"en": "Secret plans"}, call_to_action={"en": "Soon."}, pitch={},
        starts_on=date(2021, 1, 1), ends_on=date(2021, 1, 31), volunteer_url="", published=False,
    )  # fmt: skip

    page = client.get("/en/p/820885/campaign/")
    italian = client.get("/it/p/820885/campaign/volunteer-2020/")
    hidden = client.get(f"/en/p/820885/campaign/{draft.key}/")
    client.force_login(coordinator)
    preview = client.get(f"/en/p/820885/campaign/{draft.key}/")

    assert page.status_code == 200
    for expected in ("Time to welcome", "Give two hours a week to a newcomer.", 'href="https://example.org/volunteer"',
                     "Meet the world at home.", "/en/p/820885/partners/cesena/"):  # fmt: skip
        assert expected in page.text
    assert "Secret plans" not in page.text
    assert "Tempo di accogliere" in italian.text
    assert hidden.status_code == 404
    assert preview.status_code == 200
    assert "not public yet" in preview.text


def test_a_kit_downloads_from_the_public_page(client, coordinator, campaign, media_root):
    client.force_login(coordinator)
    kit = SimpleUploadedFile("leaflet.pdf", PDF_BYTES, content_type="application/pdf")
    client.post("/en/p/820885/campaigns/volunteer-2020/plan/asset/",
                {"asset-kind": "kit", "asset-title_en": "Leaflet", "asset-file": kit})  # fmt: skip
    client.logout()
    asset = CampaignAsset.objects.get()

    page = client.get("/en/p/820885/campaign/volunteer-2020/")
    download = client.get(f"/en/p/820885/campaign/volunteer-2020/kits/{asset.pk}/")

    assert f'href="/en/p/820885/campaign/volunteer-2020/kits/{asset.pk}/" download>Leaflet</a>' in page.text
    assert "(PDF, 45\xa0bytes)" in page.text  # 45 bytes: the size the reader will download
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == f'attachment; filename="volunteer-2020-{asset.pk}.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Security-Policy"] == "sandbox; default-src 'none'"  # whatever script the file holds
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_without_a_public_campaign_the_page_says_so(client, programme):
    page = client.get("/en/p/820885/campaign/")

    assert page.status_code == 200
    assert "No campaign is public yet" in page.text


def test_the_admin_lists_campaigns_and_shows_toolkits_read_only(client, coordinator, campaign):
    coordinator.is_staff = coordinator.is_superuser = True
    coordinator.save()
    client.force_login(coordinator)

    campaigns = client.get("/en/admin/publishing/campaign/")
    change = client.get(f"/en/admin/publishing/campaign/{campaign.pk}/change/")
    add_toolkit = client.get("/en/admin/publishing/toolkit/add/")

    assert campaigns.status_code == 200
    assert "Time to welcome" in campaigns.text
    assert change.status_code == 200
    assert add_toolkit.status_code == 403


def test_a_kit_whose_file_is_gone_is_not_found_not_a_server_error(client, coordinator, campaign, media_root):
    client.force_login(coordinator)
    kit = SimpleUploadedFile("leaflet.pdf", PDF_BYTES, content_type="application/pdf")
    client.post("/en/p/820885/campaigns/volunteer-2020/plan/asset/",
                {"asset-kind": "kit", "asset-title_en": "Leaflet", "asset-file": kit})  # fmt: skip
    asset = CampaignAsset.objects.get()
    Path(asset.file.path).unlink()

    assert client.get(f"/en/p/820885/campaign/volunteer-2020/kits/{asset.pk}/").status_code == 404


def test_the_coordinator_removes_items_from_the_plan_and_a_kit_takes_its_file(
    client, coordinator, campaign, media_root, django_capture_on_commit_callbacks
):  # fmt: skip
    client.force_login(coordinator)
    plan = "/en/p/820885/campaigns/volunteer-2020/plan/"
    client.post(plan + "message/", {"message-audience": "students", "message-text_en": "Meet the world at home."})
    kit = SimpleUploadedFile("leaflet.pdf", PDF_BYTES, content_type="application/pdf")
    client.post(plan + "asset/", {"asset-kind": "kit", "asset-title_en": "Leaflet", "asset-file": kit})
    message, asset = campaign.messages.get(), campaign.assets.get()
    stored = Path(asset.file.path)

    with django_capture_on_commit_callbacks(execute=True):
        removed = client.post(f"{plan}asset/{asset.pk}/remove/")
    client.post(f"{plan}message/{message.pk}/remove/")
    unknown = client.post(f"{plan}poster/{message.pk}/remove/")

    assert removed.status_code == 302
    assert not campaign.assets.exists()
    assert not campaign.messages.exists()
    assert not stored.exists()
    assert unknown.status_code == 404


# -- a campaign being prepared is private, down to whether it exists ----------------------------


def _normalised(response, key: str) -> tuple[int, str, str]:
    """Status, body and redirect without what differs by nature: the address asked for and the CSRF token."""
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
    return response.status_code, body.replace(key, "KEY"), response.get("Location", "").replace(key, "KEY")


@pytest.fixture
def draft_with_a_kit(programme, media_root) -> CampaignAsset:
    draft = save_campaign(
        programme, key="secret-2021", title={"en": "Secret plans"}, call_to_action={"en": "Soon."}, pitch={},
        starts_on=date(2020, 9, 1), ends_on=date(2020, 12, 31), volunteer_url="", published=False,
    )  # fmt: skip
    (media_root / "campaigns").mkdir()
    (media_root / "campaigns" / "kit.pdf").write_bytes(PDF_BYTES)
    add_channel(draft, kind="website", name="Website", organisation=Organisation.objects.get(key="cesena"))
    return CampaignAsset.objects.create(
        campaign=draft, kind="kit", title={"en": "Kit"}, file="campaigns/kit.pdf", content_type="application/pdf"
    )


@pytest.mark.parametrize("reader", ["riga-staff", "cesena-volunteer", "anonymous"])
@pytest.mark.parametrize(
    ("method", "address"),
    [
        ("get", "/en/p/820885/campaign/{key}/"),
        ("get", "/en/p/820885/campaign/{key}/kits/{kit}/"),
        ("get", "/en/p/820885/campaigns/{key}/reach/"),
        ("post", "/en/p/820885/campaigns/{key}/reach/"),
        ("get", "/en/p/820885/campaigns/{key}/plan/"),
        ("post", "/en/p/820885/campaigns/{key}/plan/message/"),
    ],
)
def test_a_campaign_being_prepared_answers_like_a_missing_one(client, draft_with_a_kit, reader, method, address):
    if reader == "riga-staff":
        client.force_login(make_member("ilze", "riga", Role.CITY_STAFF))
    elif reader == "cesena-volunteer":
        client.force_login(make_member("helper", "cesena", Role.VOLUNTEER))
    send = getattr(client, method)

    hidden = send(address.format(key="secret-2021", kit=draft_with_a_kit.pk))
    missing = send(address.format(key="gone-2099", kit=draft_with_a_kit.pk))

    assert _normalised(hidden, "secret-2021") == _normalised(missing, "gone-2099")
    assert hidden.status_code in (302, 403, 404)
    assert "Secret plans" not in hidden.content.decode()


def test_a_campaign_being_prepared_is_the_coordinators_even_for_the_staff_who_will_report_on_it(
    client, cesena_staff, coordinator, draft_with_a_kit
):
    add_channel(
        draft_with_a_kit.campaign, kind="social", name="Cesena on Instagram",
        organisation=Organisation.objects.get(key="cesena"), target_reach=5000,
    )  # fmt: skip
    client.force_login(cesena_staff)
    staff_reach = client.get("/en/p/820885/campaigns/secret-2021/reach/")
    staff_list = client.get("/en/p/820885/campaigns/")
    client.force_login(coordinator)

    coordinator_reach = client.get("/en/p/820885/campaigns/secret-2021/reach/")

    assert staff_reach.status_code == 404
    assert "Secret plans" not in staff_list.text
    assert coordinator_reach.status_code == 200


def test_a_public_campaign_whose_reach_is_not_theirs_is_forbidden_not_hidden(client, riga_staff, campaign):
    client.force_login(riga_staff)

    response = client.get("/en/p/820885/campaigns/volunteer-2020/reach/")

    assert response.status_code == 403
    assert "The reach is reported by the staff who run the campaign&#x27;s channels." in response.text


def test_a_campaigns_texts_are_only_in_the_programmes_languages(programme, campaign):
    with pytest.raises(ValidationError) as plan:
        save_campaign(programme, campaign=campaign, key="volunteer-2020", title={"de": "Zeit"},
                      call_to_action={"en": "Come."}, starts_on=date(2020, 3, 1),
                      ends_on=date(2020, 6, 30))  # fmt: skip
    with pytest.raises(ValidationError) as message:
        add_message(campaign, audience="students", text={"en": "Come.", "fr": "Venez."})
    with pytest.raises(ValidationError) as asset:
        add_asset(campaign, kind="infographic", title={"xx": "Chart"}, infographic="timeline")

    assert plan.value.message_dict == {"title_de": ["de is not one of the programme's languages (en, it)."]}
    assert list(message.value.message_dict) == ["text_fr"]
    assert list(asset.value.message_dict) == ["title_xx"]
    assert campaign.messages.count() == 0


def test_a_channels_reach_is_for_who_runs_it_and_another_campaigns_channel_is_not_found(
    campaign, channels, cesena_staff, coordinator, programme
):
    instagram, newsletter = channels
    draft = save_campaign(programme, key="draft", title={"en": "Draft"}, call_to_action={"en": "Soon."},
                          starts_on=date(2020, 3, 1), ends_on=date(2020, 6, 30), published=False)  # fmt: skip

    assert get_channel_for_reach(cesena_staff, campaign, instagram.pk) == instagram
    assert get_channel_for_reach(coordinator, campaign, newsletter.pk) == newsletter
    with pytest.raises(PermissionDenied):
        get_channel_for_reach(cesena_staff, campaign, newsletter.pk)  # the coordinator's own channel
    with pytest.raises(Http404):
        get_channel_for_reach(coordinator, draft, instagram.pk)
    assert list(campaigns_readable_by(cesena_staff, programme)) == [campaign]
    assert set(campaigns_readable_by(coordinator, programme)) == {campaign, draft}
