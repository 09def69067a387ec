from django.contrib import admin

from values.activities.models import Exchange, Visit


@admin.register(Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ["host", "community", "start", "end"]
    list_filter = ["programme", "community"]
    date_hierarchy = "start"


@admin.register(Exchange)
class ExchangeAdmin(admin.ModelAdmin):
    list_display = ["host", "guest", "start", "end"]
    list_filter = ["programme"]
    date_hierarchy = "start"
