from django.contrib import admin

from values.core.admin import ViewOnlyAdmin
from values.planning.models import PlanRule, PlanRun
from values.programme.admin import CoordinatedProgrammesOnly


@admin.register(PlanRule)
class PlanRuleAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "programme"
    list_display = ["programme", "kind", "city", "other_city", "theme"]
    list_filter = ["programme", "kind"]


@admin.register(PlanRun)
class PlanRunAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "programme"
    list_display = ["programme", "created_at", "status", "best_objective", "best_bound", "accepted_at"]
    list_filter = ["programme", "status"]
    readonly_fields = ["result", "reasons", "rules"]
