from django.contrib import admin

from values.activities.models import Exchange, Visit
from values.core.admin import ViewOnlyAdmin
from values.programme.admin import CoordinatedProgrammesOnly


class ActivityAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "programme"
    """Read only: a plan creates the activities and their pages change them through the services, which keep
    the dates inside the programme and the sessions, and tell subscribed calendars (the sequence)."""

    date_hierarchy = "start"


@admin.register(Visit)
class VisitAdmin(ActivityAdmin):
    list_display = ["host", "community", "start", "end"]
    list_filter = ["programme", "community"]


@admin.register(Exchange)
class ExchangeAdmin(ActivityAdmin):
    list_display = ["host", "guest", "start", "end"]
    list_filter = ["programme"]
