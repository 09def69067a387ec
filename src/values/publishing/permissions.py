"""Who may do what with toolkits and campaigns: the only place that decides it."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from values.network.enums import Role
from values.network.permissions import AnyUser
from values.programme.permissions import is_coordinator, organisations_of
from values.publishing.models import Campaign, CampaignChannel
from values.publishing.queries import campaign_by_key

# The people of a partner who speak for it in public; volunteers take part but do not report.
STAFF_ROLES = (Role.CITY_STAFF, Role.VOLUNTEER_LEADER, Role.COORDINATOR, Role.EXPERT)


def can_build_toolkits(user: AnyUser, programme) -> bool:
    """The coordinator compiles the toolkits; new editions also follow their sources by themselves."""
    return is_coordinator(user, programme)


def can_plan_campaigns(user: AnyUser, programme) -> bool:
    """The coordinator plans campaigns: messages, audiences, channels, period and assets."""
    return is_coordinator(user, programme)


def can_read_campaign(user: AnyUser, campaign: Campaign) -> bool:
    """A published campaign is public; a campaign being prepared is for the coordinator."""
    return campaign.published or can_plan_campaigns(user, campaign.programme_id)


def campaigns_readable_by(user: AnyUser, programme) -> QuerySet[Campaign]:
    """The campaigns whose page this person may read: the published ones, and for the coordinator those being
    prepared too (`can_read_campaign`, as a list)."""
    campaigns = Campaign.objects.filter(programme=programme)
    return campaigns if can_plan_campaigns(user, programme) else campaigns.filter(published=True)


def reporting_channels(user: AnyUser, campaign: Campaign) -> QuerySet[CampaignChannel]:
    """The channels whose reach this person reports: all for the coordinator, their organisation's for its staff
    once the campaign is public."""
    channels = campaign.channels.select_related("organisation").order_by("name", "pk")
    if can_plan_campaigns(user, campaign.programme_id):
        return channels
    if not campaign.published:
        return channels.none()  # a campaign being prepared is the coordinator's until it is public
    return channels.filter(organisation__in=organisations_of(user, campaign.programme_id, STAFF_ROLES))


def can_see_reach(user: AnyUser, campaign: Campaign) -> bool:
    """The reach report is for the people who plan or report it."""
    return can_plan_campaigns(user, campaign.programme_id) or reporting_channels(user, campaign).exists()


def get_campaign_for_read(user: AnyUser, programme, key: str) -> Campaign:
    """The campaign page and its kits. A campaign being prepared is 404 to whoever may not read it,
    exactly like an address that names no campaign: whether it exists is itself private."""
    campaign = campaign_by_key(programme, key)
    if not can_read_campaign(user, campaign):
        raise Http404("no such campaign")
    return campaign


def get_campaign_for_reach(user: AnyUser, programme, key: str) -> Campaign:
    """The reach report: 403 for a public campaign this person does not report on, 404 for one being prepared."""
    campaign = campaign_by_key(programme, key)
    if not can_see_reach(user, campaign):
        if not campaign.published:
            raise Http404("no such campaign")
        raise PermissionDenied(_("The reach is reported by the staff who run the campaign's channels."))
    return campaign


def get_channel_for_reach(user: AnyUser, campaign: Campaign, channel_id: int) -> CampaignChannel:
    """A channel of the campaign whose reach this person reports: 404 for none of the campaign's, 403 for one
    they do not run (the reach page refuses who runs none, and offers only their own)."""
    channel = campaign.channels.filter(pk=channel_id).first()
    if channel is None:
        raise Http404("no such channel")
    if not reporting_channels(user, campaign).filter(pk=channel.pk).exists():
        raise PermissionDenied(_("The reach of a channel is reported by the staff who run it."))
    return channel
