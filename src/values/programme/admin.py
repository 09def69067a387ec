from django.contrib import admin

from values.core.admin import ViewOnlyAdmin, ViewOnlyTabularInline
from values.programme.models import (
    BudgetLine,
    Community,
    CommunityMember,
    Partner,
    PartnerBudget,
    Programme,
    Theme,
    ThemeInterest,
)


class ThemeInline(ViewOnlyTabularInline):
    model = Theme
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(ViewOnlyAdmin):
    list_display = ["code", "acronym", "fund", "start", "duration_months", "total_cost"]
    inlines = [ThemeInline]


class InterestInline(ViewOnlyTabularInline):
    model = ThemeInterest
    extra = 0


@admin.register(Partner)
class PartnerAdmin(ViewOnlyAdmin):
    list_display = ["organisation", "programme", "role"]
    list_filter = ["programme", "role"]
    autocomplete_fields = ["organisation"]
    inlines = [InterestInline]


class CommunityMemberInline(ViewOnlyTabularInline):
    model = CommunityMember
    extra = 0


@admin.register(Community)
class CommunityAdmin(ViewOnlyAdmin):
    list_display = ["key", "programme", "theme", "language"]
    list_filter = ["programme", "theme"]
    inlines = [CommunityMemberInline]


class BudgetLineInline(ViewOnlyTabularInline):
    model = BudgetLine
    extra = 0


@admin.register(PartnerBudget)
class PartnerBudgetAdmin(ViewOnlyAdmin):
    list_display = ["partner", "total", "eu_contribution", "cofinancing", "stated_eu_rate", "indirect_rate"]
    inlines = [BudgetLineInline]
