from django.contrib import admin

from values.actionplans.models import Action, ActionPlan, Comment, SectionRevision
from values.core.admin import ViewOnlyAdmin
from values.programme.admin import CoordinatedProgrammesOnly


@admin.register(ActionPlan)
class ActionPlanAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "programme"
    list_display = ["organisation", "programme", "status", "published"]
    list_filter = ["programme", "status"]


@admin.register(Action)
class ActionAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "plan__programme"
    list_display = ["title", "plan", "start", "end", "status"]
    list_filter = ["status"]


@admin.register(SectionRevision)
class SectionRevisionAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "plan__programme"
    list_display = ["plan", "section", "number", "author", "created_at"]
    readonly_fields = ["text"]


@admin.register(Comment)
class CommentAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "plan__programme"
    list_display = ["plan", "section", "author", "created_at", "resolved_at"]
