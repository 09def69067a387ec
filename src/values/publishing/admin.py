from django.contrib import admin

from values.publishing.models import Campaign, CampaignAsset, CampaignChannel, CampaignMessage, ReachFigure, Toolkit


@admin.register(Toolkit)
class ToolkitAdmin(admin.ModelAdmin):
    """Editions are made by the worker from the data, never by hand: the admin only shows them."""

    list_display = ["__str__", "status", "progress", "pages", "built_at"]
    list_filter = ["status", "language"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class MessageInline(admin.TabularInline):
    model = CampaignMessage
    extra = 0


class ChannelInline(admin.TabularInline):
    model = CampaignChannel
    extra = 0


class AssetInline(admin.TabularInline):
    model = CampaignAsset
    extra = 0
    readonly_fields = ["file", "content_type", "size"]  # kits arrive through the plan page, which checks them


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["__str__", "key", "starts_on", "ends_on", "published"]
    list_filter = ["published", "programme"]
    inlines = [MessageInline, ChannelInline, AssetInline]


@admin.register(ReachFigure)
class ReachFigureAdmin(admin.ModelAdmin):
    list_display = ["channel", "month", "reach", "engagements", "entered_by"]
    list_filter = ["channel__campaign"]
