"""Hostile values posted to every campaign form (plan, messages, channels, assets, reach): each is refused
with its field and reason, HTTP 400, and nothing is saved."""

from datetime import date

import pytest

from values.network.models import Organisation
from values.publishing.models import Campaign, CampaignAsset, CampaignChannel, CampaignMessage, ReachFigure
from values.publishing.services import add_channel, save_campaign

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
LONG = "x" * 100_000
NOT_OFFERED = "Select a valid choice. %s is not one of the available choices."
PLAN = "/en/p/820885/campaigns/volunteer-2020/plan/"


@pytest.fixture
def campaign(programme) -> Campaign:
    return save_campaign(
        programme, key="volunteer-2020", title={"en": "Time to welcome"}, call_to_action={"en": "Give two hours."},
        pitch={}, starts_on=date(2020, 3, 1), ends_on=date(2020, 6, 30), volunteer_url="", published=True,
    )  # fmt: skip


@pytest.fixture
def channel(campaign) -> CampaignChannel:
    return add_channel(campaign, kind="social", name="Cesena on Instagram", organisation=Organisation.objects.get(
        key="cesena"), target_reach=5000)  # fmt: skip


def _campaign_data(**changes) -> dict:
    data = {
        "key": "volunteer-2021", "starts_on": "2020-09-01", "ends_on": "2020-12-31", "volunteer_url": "",
        "title_en": "Time to welcome", "call_to_action_en": "Give two hours a week.", "pitch_en": "",
    }  # fmt: skip
    return {key: value for key, value in {**data, **changes}.items() if value is not None}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"starts_on": "0001-01-01"}, "starts_on", "A campaign of the programme begins on 2019-02-01 or later."),
        ({"ends_on": "9999-12-31"}, "ends_on", "A campaign ends by 2099-12-31."),
        ({"starts_on": None}, "starts_on", "This field is required."),
        ({"title_en": LONG}, "title_en", "Title: at most 200 characters, not 100,000."),
        ({"call_to_action_it": LONG}, "call_to_action_it", "Call to action: at most 500 characters, not 100,000."),
        ({"pitch_en": LONG}, "pitch_en", "Pitch: at most 10,000 characters, not 100,000."),
        ({"key": LONG}, "key", "Ensure this value has at most 50 characters (it has 100000)."),
        ({"volunteer_url": "javascript:alert(1)"}, "volunteer_url", "Enter a valid URL."),
    ],
)
def test_a_hostile_campaign_is_refused_on_its_field(client, coordinator, campaign, changes, field, message):
    client.force_login(coordinator)

    response = client.post("/en/p/820885/campaigns/", _campaign_data(**changes))

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert list(Campaign.objects.values_list("key", flat=True)) == ["volunteer-2020"]


def test_a_hostile_change_of_a_campaigns_period_keeps_it(client, coordinator, campaign):
    client.force_login(coordinator)
    data = {f"campaign-{key}": value for key, value in _campaign_data(key="volunteer-2020", ends_on=HUGE).items()}

    response = client.post(PLAN + "campaign/", data)

    assert response.status_code == 400
    assert response.context["forms"]["campaign"].errors["ends_on"] == ["Enter a valid date."]
    campaign.refresh_from_db()
    assert (campaign.starts_on, campaign.ends_on) == (date(2020, 3, 1), date(2020, 6, 30))


TARGET = "Target reach: a whole number from 0 to 1,000,000,000."


@pytest.mark.parametrize(
    ("part", "data", "field", "message"),
    [
        ("channel", {"target_reach": HUGE}, "target_reach", TARGET),
        ("channel", {"target_reach": "1000000001"}, "target_reach", TARGET),
        ("channel", {"target_reach": "-1"}, "target_reach", TARGET),
        ("channel", {"target_reach": "NaN"}, "target_reach", TARGET),
        ("channel", {"target_reach": "1e400"}, "target_reach", TARGET),
        ("channel", {"organisation": HUGE}, "organisation", NOT_OFFERED % "That choice"),
        ("channel", {"kind": "carrier-pigeon"}, "kind", NOT_OFFERED % "carrier-pigeon"),
        ("channel", {"name": LONG}, "name", "Ensure this value has at most 100 characters (it has 100000)."),
        ("channel", {"name": None}, "name", "This field is required."),
        ("message", {"text_en": LONG}, "text_en", "Message: at most 2,000 characters, not 100,000."),
        ("message", {"audience": LONG}, "audience", "Ensure this value has at most 100 characters (it has 100000)."),
        ("asset", {"title_en": LONG}, "title_en", "Title: at most 200 characters, not 100,000."),
        ("asset", {"kind": "hologram"}, "kind", NOT_OFFERED % "hologram"),
        ("asset", {"kind": "video", "video": HUGE}, "video", NOT_OFFERED % "That choice"),
        ("asset", {"infographic": "budget-against-actual"}, "infographic", NOT_OFFERED % "budget-against-actual"),
    ],
)
def test_a_hostile_part_of_the_plan_is_refused_on_its_field(client, coordinator, campaign, part, data, field, message):
    client.force_login(coordinator)
    valid = {
        "channel": {"kind": "social", "name": "Riga on Instagram", "target_reach": "100"},
        "message": {"audience": "students", "text_en": "Meet the world at home."},
        "asset": {"kind": "infographic", "title_en": "Practices", "infographic": "practices-per-theme"},
    }[part]
    posted = {f"{part}-{key}": value for key, value in {**valid, **data}.items() if value is not None}

    response = client.post(PLAN + f"{part}/", posted)

    assert response.status_code == 400
    assert response.context["forms"][part].errors[field] == [message]
    assert (CampaignChannel.objects.count(), CampaignMessage.objects.count(), CampaignAsset.objects.count()) == (
        0,
        0,
        0,
    )


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_part_of_the_plan_is_not_found(client, coordinator, campaign, method):
    client.force_login(coordinator)

    response = getattr(client, method)(PLAN + "poetry/")

    assert response.status_code == 404


REACHED = "People reached: a whole number from 0 to 1,000,000,000."
RUNS = "The campaign runs from 2020-03-01 to 2020-06-30."


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"reach": HUGE}, "reach", REACHED),
        ({"reach": "1000000001"}, "reach", REACHED),
        ({"reach": "-1"}, "reach", REACHED),
        ({"reach": "NaN"}, "reach", REACHED),
        ({"reach": "1e400"}, "reach", REACHED),
        ({"reach": None}, "reach", "This field is required."),
        ({"engagements": HUGE}, "engagements", "Engagements: a whole number from 0 to 1,000,000,000."),
        ({"month": "0001-01"}, "month", RUNS),
        ({"month": "9999-12"}, "month", RUNS),
        ({"month": "2020-03-01"}, "month", "Enter a valid date."),
        ({"channel": HUGE}, "channel", NOT_OFFERED % "That choice"),
        ({"note": LONG}, "note", "Ensure this value has at most 300 characters (it has 100000)."),
    ],
)
def test_hostile_reach_is_refused_on_its_field(client, cesena_staff, channel, changes, field, message):
    client.force_login(cesena_staff)
    data = {"channel": str(channel.pk), "month": "2020-03", "reach": "1200", "engagements": "", **changes}

    response = client.post(
        "/en/p/820885/campaigns/volunteer-2020/reach/", {key: value for key, value in data.items() if value is not None}
    )

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert ReachFigure.objects.count() == 0


@pytest.mark.parametrize(
    ("user", "address", "form", "field"),
    [
        ("coordinator", "/en/p/820885/campaigns/", None, "key"),
        ("coordinator", PLAN + "channel/", "channel", "name"),
        ("cesena", "/en/p/820885/campaigns/volunteer-2020/reach/", None, "reach"),
    ],
)
def test_a_form_posted_empty_names_what_is_missing(client, coordinator, cesena_staff, channel, user, address, form,
                                                   field):  # fmt: skip
    client.force_login(coordinator if user == "coordinator" else cesena_staff)

    response = client.post(address)

    assert response.status_code == 400
    errors = response.context["forms"][form].errors if form else response.context["form"].errors
    assert errors[field] == ["This field is required."]
    assert (Campaign.objects.count(), CampaignChannel.objects.count(), ReachFigure.objects.count()) == (1, 1, 0)
