"""The demo's campaign: the current one, with messages, channels run by partners, assets and monthly reach."""

import random
from collections.abc import Callable
from datetime import date

from django.db.models import Model

from values.knowledge.models import PracticeVideo
from values.programme.models import Programme
from values.publishing.infographics import infographic_keys
from values.publishing.models import Campaign, CampaignChannel
from values.publishing.services import add_asset, add_channel, add_message, record_reach, save_campaign

# name, kind, organisation key, monthly reach range
CHANNELS = (
    ("VALUES website", "website", "eurocities", (800, 1600)),
    ("Cesena on Instagram", "social", "cesena", (1500, 4000)),
    ("Rīga newsletter", "newsletter", "riga", (600, 1200)),
    ("Volunteer fair", "event", "evc", (150, 400)),
)


def month_start(day: date, months_later: int = 0) -> date:
    index = day.year * 12 + day.month - 1 + months_later
    return date(index // 12, index % 12 + 1, 1)


def add_campaign(
    programme: Programme, people: dict, *, today: date, rng: random.Random, record: Callable[[Model], None]
) -> tuple[Campaign, list[CampaignChannel], dict[str, int]]:
    """A campaign from four months ago to four months ahead; reach entered for each month begun so far."""
    coordinator = people["coordinator"]
    campaign = save_campaign(
        programme, by=coordinator, key="give-an-hour", published=True,
        title={"en": "Give an hour to your new neighbours", "it": "Regala un'ora ai tuoi nuovi vicini"},
        call_to_action={"en": "Find a volunteering opportunity near you",
                        "it": "Trova un'opportunità di volontariato vicino a te"},
        pitch={"en": "Language cafés, welcome walks, sports: **one hour a week** makes a new neighbour feel at home."},
        starts_on=max(month_start(today, -4), programme.start), ends_on=month_start(today, 5).replace(day=1),
    )  # fmt: skip
    record(campaign)
    add_message(campaign, audience="students", text={"en": "Practise a language while you help someone settle in."})
    add_message(campaign, audience="retired people", text={"en": "Your knowledge of the city is what newcomers need."})
    channels = []
    for name, kind, key, _range in CHANNELS:
        organisation = people["organisations"].get(key)
        channel = add_channel(campaign, name=name, kind=kind, organisation=organisation, target_reach=_range[1] * 6)
        channels.append(channel)
    _assets(campaign)
    figures = _reach(campaign, channels, today=today, rng=rng, by=coordinator)
    return campaign, channels, {"campaigns": 1, "channels": len(channels), "reach_figures": figures}


def _assets(campaign: Campaign) -> None:
    keys = infographic_keys(with_budgets=False)
    if keys:
        add_asset(campaign, kind="infographic", title={"en": "Volunteers per theme"}, infographic=keys[0])
    video = (
        PracticeVideo.objects.filter(practice__programme=campaign.programme, practice__status="published")
        .exclude(captions="")
        .first()
    )
    if video is not None:
        add_asset(campaign, kind="video", title={"en": "An evening at the language café"}, video=video)


def _reach(campaign: Campaign, channels: list[CampaignChannel], *, today, rng, by) -> int:
    count = 0
    month = month_start(campaign.starts_on)
    while month <= today:
        for channel, (_name, _kind, _key, (low, high)) in zip(channels, CHANNELS, strict=True):
            reach = rng.randint(low, high)
            record_reach(channel, month=month, reach=reach, engagements=reach // rng.randint(8, 20), by=by)
            count += 1
        month = month_start(month, 1)
    return count
