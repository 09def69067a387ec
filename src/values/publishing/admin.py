from django.contrib import admin

from values.core.admin import ViewOnlyAdmin, ViewOnlyTabularInline
from values.programme.admin import CoordinatedProgrammesOnly
from values.publishing.models import Campaign, CampaignAsset, CampaignChannel, CampaignMessage, ReachFigure, Toolkit


@admin.register(Toolkit)
class ToolkitAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "programme"
    """Editions are made by the worker from the data, never by hand: the admin only shows them."""

    list_display = ["__str__", "status", "progress", "pages", "built_at"]
    list_filter = ["status", "language"]


class MessageInline(ViewOnlyTabularInline):
    model = CampaignMessage
    extra = 0


class ChannelInline(ViewOnlyTabularInline):
    model = CampaignChannel
    extra = 0


class AssetInline(ViewOnlyTabularInline):
    model = CampaignAsset
    extra = 0
    readonly_fields = ["file", "content_type", "size"]  # kits arrive through the plan page, which checks them


@admin.register(Campaign)
class CampaignAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "programme"
    list_display = ["__str__", "key", "starts_on", "ends_on", "published"]
    list_filter = ["published", "programme"]
    inlines = [MessageInline, ChannelInline, AssetInline]


@admin.register(ReachFigure)
class ReachFigureAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "channel__campaign__programme"
    list_display = ["channel", "month", "reach", "engagements", "entered_by"]
    list_filter = ["channel__campaign"]
