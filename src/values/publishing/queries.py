"""Reads of toolkits (the shelf, one toolkit by its address) and of campaigns (the current one, the reach)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from values.core.text import pick
from values.knowledge.enums import PracticeStatus
from values.knowledge.models import Practice
from values.knowledge.queries import themes_with_published_practices
from values.programme.models import Partner, Programme, Theme
from values.programme.queries import partners_of, themes_of
from values.publishing.enums import AssetKind
from values.publishing.models import PROGRAMME_TOOLKIT_KEY, Campaign, CampaignAsset, CampaignChannel, Toolkit
from values.volunteering.indicators import sign_ups_by_channel


@dataclass(frozen=True)
class ShelfEntry:
    key: str
    title: str
    editions: dict[str, Toolkit | None]  # language code to its toolkit, None before it is first asked for


def toolkit_shelf(programme: Programme, languages: list[str]) -> list[ShelfEntry]:
    """The programme's toolkit, then one per theme, each with its editions per language."""
    # The shelf shows each edition's state; the web editions themselves stay in the database.
    editions = Toolkit.objects.filter(programme=programme).defer("html")
    toolkits = {(t.theme_id, t.language): t for t in editions}
    subjects: list[tuple[str, str, Theme | None]] = [(PROGRAMME_TOOLKIT_KEY, pick(programme.title), None)]
    subjects += [(theme.key, f"{theme.key}. {pick(theme.title)}", theme) for theme in themes_of(programme)]
    return [
        ShelfEntry(key, title, {code: toolkits.get((theme.pk if theme else None, code)) for code in languages})
        for key, title, theme in subjects
    ]


def subject_theme(programme: Programme, key: str) -> Theme | None:
    """The theme a toolkit address names (None for the whole programme); 404 for an unknown one."""
    if key == PROGRAMME_TOOLKIT_KEY:
        return None
    theme = themes_of(programme).filter(key=key).first()
    if theme is None:
        raise Http404("no such toolkit")
    return theme


def find_toolkit(programme: Programme, theme: Theme | None, language: str) -> Toolkit | None:
    """The edition of the theme's toolkit (None: the programme's) in `language`, if it was ever asked for."""
    return Toolkit.objects.filter(programme=programme, theme=theme, language=language).first()


def toolkit_editions(programme: Programme, themes: list[Theme], language: str) -> dict[int | None, Toolkit]:
    """The editions in `language` of these themes' toolkits and of the programme's (key None), in one query."""
    editions = Toolkit.objects.filter(programme=programme, language=language).defer("html")
    editions = editions.filter(Q(theme__isnull=True) | Q(theme__in=themes))
    return {edition.theme_id: edition for edition in editions}


def ready_toolkits(programme: Programme) -> QuerySet[Toolkit]:
    """The editions a reader can open (those with a web edition, in any language): what the portal offers and the
    open data lists. The programme's first, then by theme and language; the web edition itself stays unread."""
    editions = Toolkit.objects.filter(programme=programme).exclude(html="").select_related("theme").defer("html")
    return editions.order_by(F("theme__position").asc(nulls_first=True), "language")


# --- Campaigns -------------------------------------------------------------------------------


def current_campaign(programme: Programme) -> Campaign | None:
    """The published campaign the public page shows: the running one, else the latest to have begun, else the next."""
    published = Campaign.objects.filter(programme=programme, published=True)
    today = timezone.localdate()
    return (
        published.filter(starts_on__lte=today, ends_on__gte=today).order_by("-starts_on").first()
        or published.filter(starts_on__lte=today).order_by("-starts_on").first()
        or published.order_by("starts_on").first()
    )


def campaign_by_key(programme: Programme, key: str) -> Campaign:
    campaign = Campaign.objects.filter(programme=programme, key=key).first()
    if campaign is None:
        raise Http404("no such campaign")
    return campaign


def shown_assets(campaign: Campaign) -> dict[str, list[CampaignAsset]]:
    """The campaign page's assets by kind, in the plan's order. A practice taken back from the public takes
    its video off the campaign page too."""
    shown: dict[str, list[CampaignAsset]] = {kind: [] for kind in AssetKind}
    for asset in campaign.assets.select_related("video__practice"):
        if asset.kind != AssetKind.VIDEO or asset.video.practice.status == PracticeStatus.PUBLISHED:
            shown[asset.kind].append(asset)
    return shown


@dataclass(frozen=True)
class ReachRow:
    channel: CampaignChannel
    by_month: list[int | None]  # people reached per month of the report, None where nothing was reported
    reach: int
    engagements: int
    target: int | None
    volunteers: int = 0  # confirmed sign-ups that came through the channel's link (volunteering's records)

    @property
    def share_of_target(self) -> Decimal | None:
        return None if not self.target else (Decimal(self.reach) / self.target).quantize(Decimal("0.001"))


@dataclass(frozen=True)
class ReachReport:
    months: list[date]
    rows: list[ReachRow]

    @property
    def reach(self) -> int:
        return sum(row.reach for row in self.rows)

    @property
    def engagements(self) -> int:
        return sum(row.engagements for row in self.rows)

    @property
    def volunteers(self) -> int:
        return sum(row.volunteers for row in self.rows)


def reach_report(campaign: Campaign) -> ReachReport:
    """People reached per channel and month, with totals and each channel's share of its target."""
    channels = list(campaign.channels.select_related("organisation").prefetch_related("figures").order_by("name"))
    months = sorted({figure.month for channel in channels for figure in channel.figures.all()})
    signed_up = sign_ups_by_channel(campaign.programme, str(campaign.pk))
    rows = []
    for channel in channels:
        figures = {figure.month: figure for figure in channel.figures.all()}
        rows.append(
            ReachRow(
                channel=channel,
                by_month=[figures[month].reach if month in figures else None for month in months],
                reach=sum(figure.reach for figure in figures.values()),
                engagements=sum(figure.engagements or 0 for figure in figures.values()),
                target=channel.target_reach,
                volunteers=signed_up.get(channel.name, 0),
            )
        )
    return ReachReport(months=months, rows=rows)


# --- Public portal ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Portal:
    programme: Programme
    themes: list[Theme]  # with published_practices counted
    latest_practices: list[Practice]
    partners: list[Partner]
    campaign: Campaign | None
    toolkit_keys: list[str]  # the toolkits with an edition in the reader's language


LATEST_PRACTICES = 6


def public_portal(programme: Programme, language: str) -> Portal:
    """What the public portal shows: public things only, the same for every reader, signed in or not."""
    latest = (
        Practice.objects.filter(programme=programme, status=PracticeStatus.PUBLISHED)
        .select_related("organisation")
        .only("pk", "title", "summary", "original_language", "published_at", "organisation__name")
        .order_by("-published_at", "-pk")[:LATEST_PRACTICES]
    )
    ready = ready_toolkits(programme).filter(language=language)
    ready_keys = [key or PROGRAMME_TOOLKIT_KEY for key in ready.values_list("theme__key", flat=True)]
    return Portal(
        programme=programme,
        themes=list(themes_with_published_practices(programme)),
        latest_practices=list(latest),
        partners=list(partners_of(programme)),
        campaign=current_campaign(programme),
        toolkit_keys=ready_keys,
    )
