from django.contrib import admin

from values.programme.models import Partner, Programme, Theme, ThemeInterest


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "acronym", "fund", "start", "duration_months", "total_cost"]
    inlines = [ThemeInline]


class InterestInline(admin.TabularInline):
    model = ThemeInterest
    extra = 0


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["organisation", "programme", "role"]
    list_filter = ["programme", "role"]
    autocomplete_fields = ["organisation"]
    inlines = [InterestInline]
