from django.contrib import admin

from values.activities.models import Exchange, Visit


class ActivityAdmin(admin.ModelAdmin):
    """Read only: a plan creates the activities and their pages change them through the services, which keep
    the dates inside the programme and the sessions, and tell subscribed calendars (the sequence)."""

    date_hierarchy = "start"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Visit)
class VisitAdmin(ActivityAdmin):
    list_display = ["host", "community", "start", "end"]
    list_filter = ["programme", "community"]


@admin.register(Exchange)
class ExchangeAdmin(ActivityAdmin):
    list_display = ["host", "guest", "start", "end"]
    list_filter = ["programme"]
