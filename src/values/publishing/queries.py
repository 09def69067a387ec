"""Reads of toolkits (the shelf, one toolkit by its address) and of campaigns (the current one, the reach)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from values.core.text import pick
from values.knowledge.enums import PracticeStatus
from values.knowledge.models import Practice
from values.programme.models import Partner, Programme, Theme
from values.programme.queries import partners_of, themes_of
from values.publishing.models import PROGRAMME_TOOLKIT_KEY, Campaign, CampaignChannel, Toolkit


@dataclass(frozen=True)
class ShelfEntry:
    key: str
    title: str
    editions: dict[str, Toolkit | None]  # language code to its toolkit, None before it is first asked for


def toolkit_shelf(programme: Programme, languages: list[str]) -> list[ShelfEntry]:
    """The programme's toolkit, then one per theme, each with its editions per language."""
    toolkits = {(t.theme_id, t.language): t for t in Toolkit.objects.filter(programme=programme)}
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


def find_toolkit(programme: Programme, key: str, language: str) -> Toolkit | None:
    theme = subject_theme(programme, key)
    return Toolkit.objects.select_related("theme").filter(programme=programme, theme=theme, language=language).first()


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


@dataclass(frozen=True)
class ReachRow:
    channel: CampaignChannel
    by_month: list[int | None]  # people reached per month of the report, None where nothing was reported
    reach: int
    engagements: int
    target: int | None

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


def reach_report(campaign: Campaign) -> ReachReport:
    """People reached per channel and month, with totals and each channel's share of its target."""
    channels = list(campaign.channels.select_related("organisation").prefetch_related("figures").order_by("name"))
    months = sorted({figure.month for channel in channels for figure in channel.figures.all()})
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
            )
        )
    return ReachReport(months=months, rows=rows)


# --- Public portal ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PortalTheme:
    theme: Theme
    practices: int  # published ones


@dataclass(frozen=True)
class Portal:
    programme: Programme
    themes: list[PortalTheme]
    latest_practices: list[Practice]
    partners: list[Partner]
    campaign: Campaign | None
    toolkit_keys: list[str]  # the toolkits with an edition in the reader's language


LATEST_PRACTICES = 6


def public_portal(programme: Programme, language: str) -> Portal:
    """What the public portal shows: public things only, the same for every reader, signed in or not."""
    published = Q(practices__status=PracticeStatus.PUBLISHED, practices__programme=programme)
    themes = themes_of(programme).annotate(published=Count("practices", filter=published, distinct=True))
    latest = (
        Practice.objects.filter(programme=programme, status=PracticeStatus.PUBLISHED)
        .select_related("organisation__city")
        .only("pk", "title", "summary", "original_language", "published_at", "organisation")
        .order_by("-published_at", "-pk")[:LATEST_PRACTICES]
    )
    ready = Toolkit.objects.filter(programme=programme, language=language).exclude(html="")
    return Portal(
        programme=programme,
        themes=[PortalTheme(theme, theme.published) for theme in themes],
        latest_practices=list(latest),
        partners=list(partners_of(programme)),
        campaign=current_campaign(programme),
        toolkit_keys=[toolkit.key for toolkit in ready.select_related("theme")],
    )
