from django.contrib import admin

from values.core.admin import ViewOnlyAdmin
from values.planning.models import PlanRule, PlanRun


@admin.register(PlanRule)
class PlanRuleAdmin(ViewOnlyAdmin):
    list_display = ["programme", "kind", "city", "other_city", "theme"]
    list_filter = ["programme", "kind"]


@admin.register(PlanRun)
class PlanRunAdmin(ViewOnlyAdmin):
    list_display = ["programme", "created_at", "status", "best_objective", "best_bound", "accepted_at"]
    list_filter = ["programme", "status"]
    readonly_fields = ["result", "reasons", "rules"]
