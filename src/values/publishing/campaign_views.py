"""Campaign pages: the public call to volunteer, the coordinator's plan, and the reach that staff report."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from values.core.markdown import render_markdown
from values.core.ranges import download_response
from values.core.text import pick
from values.programme.queries import partner_cities
from values.publishing.enums import AssetKind
from values.publishing.forms import AssetForm, CampaignForm, ChannelForm, MessageForm, ReachForm
from values.publishing.infographics import reach_chart
from values.publishing.models import Campaign, CampaignAsset, CampaignChannel, CampaignMessage
from values.publishing.permissions import (
    get_campaign_for_reach,
    get_campaign_for_read,
    reporting_channels,
)
from values.publishing.queries import campaign_by_key, current_campaign, reach_report, shown_assets
from values.publishing.services import remove_campaign_item

PLAN_FORMS = {"campaign": CampaignForm, "message": MessageForm, "channel": ChannelForm, "asset": AssetForm}
PLAN_ITEMS = {"message": CampaignMessage, "channel": CampaignChannel, "asset": CampaignAsset}


def campaign_current(request: HttpRequest) -> HttpResponse:
    """The campaign running now (or the latest), at an address that never changes."""
    campaign = current_campaign(request.programme)
    if campaign is None:
        return render(request, "publishing/campaign_none.html", {"can_plan": request.access.plan_campaigns})
    return _campaign_page(request, campaign)


def campaign_page(request: HttpRequest, key: str) -> HttpResponse:
    return _campaign_page(request, get_campaign_for_read(request.user, request.programme, key))


def _campaign_page(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    assets = shown_assets(campaign)
    context = {
        "campaign": campaign,
        "pitch_html": render_markdown(pick(campaign.pitch)),
        "campaign_messages": campaign.messages.all(),
        "infographics": assets[AssetKind.INFOGRAPHIC],
        "videos": assets[AssetKind.VIDEO],
        "kits": assets[AssetKind.KIT],
        "cities": partner_cities(campaign.programme),
        "can_plan": request.access.plan_campaigns,
        "call_query": call_to_volunteer_query(campaign, request.GET.get("channel", "")),
    }
    return render(request, "publishing/campaign.html", context)


def call_to_volunteer_query(campaign: Campaign, channel: str) -> str:
    """The query that takes a reader from the campaign to the opportunities, naming the campaign and the channel
    that brought them (one of the campaign's, from the link shared there; else its own page), for the sign-up."""
    names = {name.casefold(): name for name in campaign.channels.values_list("name", flat=True)}
    return urlencode({"campaign": campaign.pk, "channel": names.get(channel.casefold(), "campaign page")})


def campaign_kit(request: HttpRequest, key: str, asset_id: int) -> FileResponse:
    campaign = get_campaign_for_read(request.user, request.programme, key)
    asset = get_object_or_404(CampaignAsset, pk=asset_id, campaign=campaign, kind=AssetKind.KIT)
    if not asset.file:
        raise Http404("no such kit")
    name = f"{campaign.key}-{asset.pk}{asset.file.name[asset.file.name.rfind('.') :]}"
    response = download_response(asset.file, asset.content_type, name)
    if not campaign.published:
        response["Cache-Control"] = "private, no-store"
    return response


@login_required
def campaigns(request: HttpRequest) -> HttpResponse:
    """The campaigns this person plans or reports on; the coordinator starts a new one here."""
    programme = request.programme
    planner = request.access.plan_campaigns
    listed = [c for c in programme.campaigns.all() if planner or reporting_channels(request.user, c).exists()]
    form = (
        CampaignForm(request.POST if request.method == "POST" else None, programme=programme, by=request.user)
        if planner
        else None
    )
    if request.method == "POST":
        if not planner:
            raise PermissionDenied(_("Only the coordinator plans campaigns."))
        if form.is_valid() and (campaign := form.save()):
            messages.success(request, _("The campaign is planned; add its messages, channels and assets."))
            return redirect("campaign_plan", campaign.key)
    status = 400 if request.method == "POST" else 200
    return render(request, "publishing/campaigns.html", {"campaigns": listed, "form": form}, status=status)


@login_required
def campaign_plan(request: HttpRequest, key: str, part: str = "campaign") -> HttpResponse:
    """The plan: the campaign's texts and period, and its messages, channels and assets, each with its own form."""
    if not request.access.plan_campaigns:
        raise PermissionDenied(_("Only the coordinator plans campaigns."))
    if part not in PLAN_FORMS:
        raise Http404("no such part of a plan")
    programme = request.programme
    campaign = campaign_by_key(programme, key)
    forms = {
        "campaign": CampaignForm(programme=programme, campaign=campaign, prefix="campaign"),
        "message": MessageForm(campaign=campaign, prefix="message"),
        "channel": ChannelForm(campaign=campaign, prefix="channel"),
        "asset": AssetForm(campaign=campaign, prefix="asset"),
    }
    if request.method == "POST":
        form = _bound_plan_form(request, part, programme, campaign)
        forms[part] = form
        if form.is_valid() and form.save():
            messages.success(request, _("The plan is saved."))
            return redirect("campaign_plan", form.campaign.key if part == "campaign" else campaign.key)
    status = 400 if request.method == "POST" else 200
    return render(request, "publishing/campaign_plan.html", {"campaign": campaign, "forms": forms}, status=status)


def _bound_plan_form(request: HttpRequest, part: str, programme, campaign: Campaign):
    if part == "campaign":
        return CampaignForm(request.POST, programme=programme, campaign=campaign, prefix=part, by=request.user)
    return PLAN_FORMS[part](request.POST, request.FILES, campaign=campaign, prefix=part)


@login_required
@require_POST
def campaign_plan_remove(request: HttpRequest, key: str, part: str, item_id: int) -> HttpResponse:
    if not request.access.plan_campaigns:
        raise PermissionDenied(_("Only the coordinator plans campaigns."))
    campaign = campaign_by_key(request.programme, key)
    if part not in PLAN_ITEMS:
        raise Http404("no such part of a plan")
    remove_campaign_item(get_object_or_404(PLAN_ITEMS[part], pk=item_id, campaign=campaign))
    messages.success(request, _("Removed from the plan."))
    return redirect(reverse("campaign_plan", args=[campaign.key]) + f"#{part}s")


@login_required
def campaign_reach(request: HttpRequest, key: str) -> HttpResponse:
    """Reach per channel and month, with targets; staff enter their channels' figures here."""
    campaign = get_campaign_for_reach(request.user, request.programme, key)
    channels = reporting_channels(request.user, campaign)
    form = (
        ReachForm(request.POST if request.method == "POST" else None, channels=channels) if channels.exists() else None
    )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("You run none of this campaign's channels."))
        if form.is_valid() and form.save(by=request.user):
            messages.success(request, _("The reach is recorded."))
            return redirect("campaign_reach", campaign.key)
    report = reach_report(campaign)
    context = {"campaign": campaign, "report": report, "form": form, "chart": reach_chart(report)}
    return render(request, "publishing/campaign_reach.html", context, status=400 if request.method == "POST" else 200)
