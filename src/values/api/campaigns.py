"""The volunteer campaign: read as on its public page, prepared by the coordinator (messages, channels, assets) and
its reach recorded by who runs a channel: the same services and rules as `values.publishing`."""

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from values.api.context import enter, require_access, require_signed_in
from values.api.openapi import PUBLIC_MARK
from values.api.paging import Page, Paging, paged
from values.api.programmes import organisation_name
from values.api.schemas import OrganisationRef, Texts
from values.knowledge.models import PracticeVideo
from values.network.models import Organisation
from values.publishing.enums import AssetKind, ChannelKind
from values.publishing.models import Campaign, CampaignAsset, CampaignChannel, CampaignMessage
from values.publishing.permissions import (
    campaigns_readable_by,
    can_plan_campaigns,
    get_campaign_for_reach,
    get_campaign_for_read,
    get_channel_for_reach,
    reporting_channels,
)
from values.publishing.queries import ReachReport, campaign_by_key, reach_report, shown_assets
from values.publishing.services import (
    add_asset,
    add_channel,
    add_message,
    record_reach,
    remove_campaign_item,
    save_campaign,
)

router = Router(tags=["campaigns"])
CAMPAIGN = "{code}/campaigns/{campaign_key}/"
LARGEST_ID = 2**31 - 1  # what every database's integer key holds
TRANSLATED = ("title", "call_to_action", "pitch", "text")
Key = Annotated[str, Field(max_length=50, pattern=r"^[-a-zA-Z0-9_]+$", examples=["volunteer-2020"])]


# -- answers -------------------------------------------------------------------------------------------------------
class CampaignOut(Schema):
    key: str = Field(examples=["volunteer-2020"], description="Its address: /campaign/<key>/ on the site.")
    title: Texts = Field(examples=[{"en": "Meet the world at home", "it": "Incontra il mondo a casa"}])
    call_to_action: Texts = Field(examples=[{"en": "Give two hours a week."}])
    starts_on: date
    ends_on: date
    volunteer_url: str = Field(examples=["https://example.org/volunteer"], description="Where people sign up.")
    published: bool = Field(description="Public; a campaign being prepared is the coordinator's alone.")
    page: str = Field(description="The campaign's page on the site.")


class MessageOut(Schema):
    id: int
    audience: str = Field(examples=["students"])
    text: Texts = Field(examples=[{"en": "Meet the world at home."}])


class ChannelOut(Schema):
    id: int
    kind: ChannelKind
    name: str = Field(examples=["Cesena on Instagram"])
    organisation: OrganisationRef | None = Field(description="Who runs it and reports its reach; null: coordinator.")
    url: str
    target_reach: int | None = Field(examples=[5000])


class AssetOut(Schema):
    id: int
    kind: AssetKind
    title: Texts = Field(examples=[{"en": "Leaflet"}])
    infographic: str | None = Field(examples=["practices-per-theme"], description="With `infographic`: its key.")
    video: int | None = Field(description="With `video`: the practice video's id.")
    practice: int | None = Field(description="With `video`: the practice it belongs to.")
    url: str | None = Field(description="With `kit`: the file to download; with `infographic`: its SVG.")
    content_type: str | None = Field(examples=["application/pdf"])
    size: int | None = Field(description="With `kit`: bytes.")


class CampaignDetail(CampaignOut):
    pitch: Texts = Field(description="Markdown.")
    messages: list[MessageOut]
    channels: list[ChannelOut] = Field(description="Those whose reach the caller reports (all for the coordinator).")
    assets: list[AssetOut] = Field(description="As the page shows them (all, to the coordinator).")


def _address(request: HttpRequest, name: str, *args) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return request.build_absolute_uri(reverse(name, args=args))


def campaign_out(request: HttpRequest, campaign: Campaign) -> dict:
    return {
        "key": campaign.key, "title": campaign.title, "call_to_action": campaign.call_to_action,
        "starts_on": campaign.starts_on, "ends_on": campaign.ends_on, "volunteer_url": campaign.volunteer_url,
        "published": campaign.published, "page": _address(request, "campaign", campaign.key),
    }  # fmt: skip


def _asset_url(request: HttpRequest, campaign: Campaign, asset: CampaignAsset) -> str | None:
    if asset.kind == AssetKind.KIT and asset.file:
        return _address(request, "campaign_kit", campaign.key, asset.pk)
    if asset.kind == AssetKind.INFOGRAPHIC:
        return _address(request, "infographic", asset.infographic, "svg")
    return None


def asset_out(request: HttpRequest, campaign: Campaign, asset: CampaignAsset) -> dict:
    return {
        "id": asset.pk, "kind": asset.kind, "title": asset.title, "infographic": asset.infographic or None,
        "video": asset.video_id, "practice": asset.video.practice_id if asset.video_id else None,
        "url": _asset_url(request, campaign, asset), "content_type": asset.content_type or None, "size": asset.size,
    }  # fmt: skip


def channel_out(channel: CampaignChannel) -> dict:
    organisation = channel.organisation
    return {
        "id": channel.pk, "kind": channel.kind, "name": channel.name, "url": channel.url,
        "organisation": {"key": organisation.key, "name": organisation_name(organisation)} if organisation else None,
        "target_reach": channel.target_reach,
    }  # fmt: skip


def campaign_detail(request: HttpRequest, campaign: Campaign) -> dict:
    """The page's campaign; the plan's channels and every asset to who plans it, a channel to who runs it."""
    if can_plan_campaigns(request.user, campaign.programme_id):
        assets = list(campaign.assets.select_related("video"))
    else:
        assets = sorted((a for kind in shown_assets(campaign).values() for a in kind), key=lambda a: (a.position, a.pk))
    return campaign_out(request, campaign) | {
        "pitch": campaign.pitch or {},
        "messages": [{"id": m.pk, "audience": m.audience, "text": m.text} for m in campaign.messages.all()],
        "channels": [channel_out(channel) for channel in reporting_channels(request.user, campaign)],
        "assets": [asset_out(request, campaign, asset) for asset in assets],
    }  # fmt: skip


def _pointer_errors(error: ValidationError) -> ValidationError:
    """A translatable text's problem, which the services key as the page's field (`title_it`), as a place in the
    body (`title/it`)."""
    if not hasattr(error, "error_dict"):
        return error
    renamed = {}
    for field, messages in error.message_dict.items():
        name = next((name for name in TRANSLATED if field.startswith(f"{name}_")), None)
        code = field.removeprefix(f"{name}_").replace("~", "~0").replace("/", "~1") if name else ""
        renamed[f"{name}/{code}" if name else field] = messages
    return ValidationError(renamed)


def _refusals_named(call, *args, **kwargs):
    try:
        return call(*args, **kwargs)
    except ValidationError as error:
        raise _pointer_errors(error) from None


# -- reading -------------------------------------------------------------------------------------------------------
@router.get("{code}/campaigns/", response=Page[CampaignOut], openapi_extra={PUBLIC_MARK: True},
            summary="The campaigns calling people to volunteer")  # fmt: skip
def list_campaigns(request: HttpRequest, code: str, paging: Query[Paging]):
    """The published campaigns, latest first; the coordinator also reads those being prepared."""
    campaigns = campaigns_readable_by(request.user, enter(request, code)).order_by("-starts_on", "pk")
    return paged(request, campaigns, paging, lambda rows: [campaign_out(request, c) for c in rows])


@router.get(CAMPAIGN, response=CampaignDetail, openapi_extra={PUBLIC_MARK: True}, summary="Read a campaign")
def read_campaign(request: HttpRequest, code: str, campaign_key: str):
    """As its page: public once published; one being prepared is the coordinator's (404 to anyone else)."""
    return campaign_detail(request, get_campaign_for_read(request.user, enter(request, code), campaign_key))


# -- the coordinator's plan ----------------------------------------------------------------------------------------
class CampaignIn(Schema):
    """The plan page's campaign form; the texts in the programme's languages (ISO 639-1 → text)."""

    key: Key
    title: Texts = Field(examples=[{"en": "Meet the world at home"}], description="At most 200 characters each.")
    call_to_action: Texts = Field(examples=[{"en": "Give two hours a week."}], description="At most 500 each.")
    pitch: Texts = Field({}, description="Markdown, at most 10,000 characters each.")
    starts_on: date
    ends_on: date
    volunteer_url: str = Field("", max_length=200, description="https://…")
    published: bool = False


def _planning(request: HttpRequest, code: str) -> None:
    enter(request, code)
    require_access(request, "plan_campaigns", _("Only the coordinator plans campaigns."))


def _planned(request: HttpRequest, code: str, campaign_key: str) -> Campaign:
    """The campaign whose plan the coordinator changes (the plan page: 403 for anyone else, even for a draft)."""
    _planning(request, code)
    return campaign_by_key(request.programme, campaign_key)


def _save(request: HttpRequest, payload: CampaignIn, campaign: Campaign | None) -> Campaign:
    return _refusals_named(save_campaign, request.programme, campaign=campaign, by=request.user, **payload.dict())


@router.post("{code}/campaigns/", response={201: CampaignDetail}, summary="Plan a campaign (the coordinator)")
def create_campaign(request: HttpRequest, code: str, payload: CampaignIn, response: HttpResponse):
    """As the campaigns page's form; then add its messages, channels and assets."""
    _planning(request, code)
    campaign = _save(request, payload, None)
    response["Location"] = request.build_absolute_uri(f"{request.path}{campaign.key}/")
    return Status(201, campaign_detail(request, campaign))


@router.put(CAMPAIGN, response=CampaignDetail, summary="Change a campaign's plan (the coordinator)")
def change_campaign(request: HttpRequest, code: str, campaign_key: str, payload: CampaignIn):
    """Its texts, period, sign-up page, whether it is public, and its key (its address moves with it)."""
    return campaign_detail(request, _save(request, payload, _planned(request, code, campaign_key)))


class MessageIn(Schema):
    audience: str = Field(max_length=100, examples=["students"])
    text: Texts = Field(examples=[{"en": "Meet the world at home."}], description="At most 2,000 characters each.")


@router.post(f"{CAMPAIGN}messages/", response={201: CampaignDetail}, summary="Add a key message (the coordinator)")
def create_message(request: HttpRequest, code: str, campaign_key: str, payload: MessageIn):
    """A message written for one audience, in the programme's languages."""
    campaign = _planned(request, code, campaign_key)
    _refusals_named(add_message, campaign, audience=payload.audience, text=payload.text)
    return Status(201, campaign_detail(request, campaign))


class ChannelIn(Schema):
    kind: ChannelKind
    name: str = Field(max_length=100, examples=["Cesena on Instagram"])
    organisation: str | None = Field(None, max_length=64, description="The key of the partner that runs it.")
    url: str = Field("", max_length=200, description="https://…")
    target_reach: int | None = Field(None, ge=0, le=1_000_000_000)


@router.post(f"{CAMPAIGN}channels/", response={201: CampaignDetail}, summary="Add a channel (the coordinator)")
def create_channel(request: HttpRequest, code: str, campaign_key: str, payload: ChannelIn):
    """Where the campaign speaks; the partner that runs it (none: the coordinator) reports its reach."""
    campaign = _planned(request, code, campaign_key)
    organisation = None
    if payload.organisation:  # the service refuses one that is not a partner
        organisation = Organisation.objects.filter(key=payload.organisation).first()
        if organisation is None:
            raise ValidationError({"organisation": [_("No organisation has the key “%(key)s”.") % {
                "key": payload.organisation}]})  # fmt: skip
    add_channel(campaign, kind=payload.kind, name=payload.name, organisation=organisation, url=payload.url,
                target_reach=payload.target_reach)  # fmt: skip
    return Status(201, campaign_detail(request, campaign))


class AssetIn(Schema):
    kind: AssetKind | None = None
    title_en: str = Field(
        "",
        max_length=200,
        description="The title in English: one `title_<language>` field for "
        "each of the programme's languages (ISO 639-1), as the plan page's form.",
    )
    title_it: str = Field("", max_length=200, description="The title in Italian.")
    infographic: str = Field("", max_length=50, description="With `infographic`: a public infographic's key.")
    video: int | None = Field(None, ge=1, le=LARGEST_ID, description="With `video`: a captioned practice video.")


KIT_FILE = File(None, description="With `kit`: a PDF, image or ZIP (at most MAX_KIT_MB, 50 MB).")


@router.post(
    f"{CAMPAIGN}assets/", response={201: CampaignDetail}, summary="Add an asset (the coordinator; multipart)",
    openapi_extra={"requestBody": {"content": {"multipart/form-data": {"schema": {"required": ["kind"]}}}}},
)  # fmt: skip
def create_asset(request: HttpRequest, code: str, campaign_key: str, payload: Form[AssetIn],
                 file: UploadedFile | None = KIT_FILE):  # fmt: skip
    """As the plan page's asset form: an infographic, a captioned video of a published practice, or a kit file,
    checked and bounded before it is read."""
    campaign = _planned(request, code, campaign_key)
    videos = PracticeVideo.objects.filter(practice__programme=campaign.programme_id).select_related("practice")
    video = videos.filter(pk=payload.video).first() if payload.video else None
    if payload.video and video is None:
        raise ValidationError({"video": [_("Choose a captioned video of a published good practice.")]})
    # A field for each of the programme's languages, as the form (the schema names English and Italian's).
    title = {code: request.POST.get(f"title_{code}", "") for code in campaign.programme.languages or ["en"]}
    _refusals_named(add_asset, campaign, kind=payload.kind or "", title=title, infographic=payload.infographic,
                    video=video, file=file)  # fmt: skip
    return Status(201, campaign_detail(request, campaign))


def _remove(request: HttpRequest, code: str, campaign_key: str, model, item_id: int) -> dict:
    campaign = _planned(request, code, campaign_key)
    remove_campaign_item(get_object_or_404(model, pk=item_id, campaign=campaign))
    return campaign_detail(request, campaign)


@router.delete(f"{CAMPAIGN}messages/{{int:message_id}}/", response=CampaignDetail,
               summary="Remove a message (the coordinator)")  # fmt: skip
def delete_message(request: HttpRequest, code: str, campaign_key: str, message_id: int):
    """Only under the campaign it belongs to (another's is 404)."""
    return _remove(request, code, campaign_key, CampaignMessage, message_id)


@router.delete(f"{CAMPAIGN}channels/{{int:channel_id}}/", response=CampaignDetail,
               summary="Remove a channel with its reach (the coordinator)")  # fmt: skip
def delete_channel(request: HttpRequest, code: str, campaign_key: str, channel_id: int):
    """The channel goes with the reach recorded for it."""
    return _remove(request, code, campaign_key, CampaignChannel, channel_id)


@router.delete(f"{CAMPAIGN}assets/{{int:asset_id}}/", response=CampaignDetail,
               summary="Remove an asset with its file (the coordinator)")  # fmt: skip
def delete_asset(request: HttpRequest, code: str, campaign_key: str, asset_id: int):
    """A kit's file goes too."""
    return _remove(request, code, campaign_key, CampaignAsset, asset_id)


# -- reach ---------------------------------------------------------------------------------------------------------
class ReachRowOut(Schema):
    channel: ChannelOut
    by_month: dict[str, int | None] = Field(examples=[{"2020-03": 1200}], description="People reached a month.")
    reach: int
    engagements: int
    target: int | None
    share_of_target: Decimal | None = Field(examples=["0.240"], description="The reach over the target (0–1+).")
    volunteers: int = Field(description="Confirmed sign-ups that came through the channel's link.")


class ReachOut(Schema):
    """People reached per channel and month, with totals (the reach page)."""

    campaign: str
    months: list[str] = Field(examples=[["2020-03"]])
    rows: list[ReachRowOut]
    reach: int
    engagements: int
    volunteers: int


def reach_out(campaign: Campaign, report: ReachReport) -> dict:
    months = [f"{month:%Y-%m}" for month in report.months]
    rows = [
        {"channel": channel_out(row.channel), "by_month": dict(zip(months, row.by_month, strict=True)),
         "reach": row.reach, "engagements": row.engagements, "target": row.target,
         "share_of_target": row.share_of_target, "volunteers": row.volunteers}
        for row in report.rows
    ]  # fmt: skip
    return {"campaign": campaign.key, "months": months, "rows": rows, "reach": report.reach,
            "engagements": report.engagements, "volunteers": report.volunteers}  # fmt: skip


@router.get(f"{CAMPAIGN}reach/", response=ReachOut, summary="A campaign's reach (who plans or reports it)")
def read_reach(request: HttpRequest, code: str, campaign_key: str):
    """For the coordinator and the staff who run its channels: 403 to others for a public campaign, 404 for one
    being prepared; nobody is asked to sign in, as on the page."""
    require_signed_in(request)
    campaign = get_campaign_for_reach(request.user, enter(request, code), campaign_key)
    return reach_out(campaign, reach_report(campaign))


class ReachIn(Schema):
    month: str = Field(max_length=7, examples=["2020-03"], description="Year and month (YYYY-MM), begun already.")
    reach: int | None = Field(None, examples=[1200], description="People reached that month.")
    engagements: int | None = Field(None, examples=[85], description="Clicks, shares, replies, sign-ups.")
    note: str = Field("", max_length=300)


MONTH = re.compile(r"^\d{4}-\d{2}$")


def _month(value: str) -> date:
    try:
        if MONTH.match(value):
            return datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        pass
    raise ValidationError({"month": [_("Year and month, e.g. 2020-03.")]})


@router.post(f"{CAMPAIGN}channels/{{int:channel_id}}/reach/", response=ReachOut,
             summary="Record a channel's reach in a month (who runs it)")  # fmt: skip
def create_reach(request: HttpRequest, code: str, campaign_key: str, channel_id: int, payload: ReachIn):
    """As the reach page's form: a month of the campaign that has begun; entering a month again corrects it.
    Answers the campaign's reach."""
    campaign = get_campaign_for_reach(request.user, enter(request, code), campaign_key)
    channel = get_channel_for_reach(request.user, campaign, channel_id)
    record_reach(channel, month=_month(payload.month), reach=payload.reach, engagements=payload.engagements,
                 note=payload.note, by=request.user)  # fmt: skip
    return reach_out(campaign, reach_report(campaign))
