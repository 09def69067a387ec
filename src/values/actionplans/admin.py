from django.contrib import admin

from values.actionplans.models import Action, ActionPlan, Comment, SectionRevision
from values.core.admin import ViewOnlyAdmin


@admin.register(ActionPlan)
class ActionPlanAdmin(ViewOnlyAdmin):
    list_display = ["organisation", "programme", "status", "published"]
    list_filter = ["programme", "status"]


@admin.register(Action)
class ActionAdmin(ViewOnlyAdmin):
    list_display = ["title", "plan", "start", "end", "status"]
    list_filter = ["status"]


@admin.register(SectionRevision)
class SectionRevisionAdmin(ViewOnlyAdmin):
    list_display = ["plan", "section", "number", "author", "created_at"]
    readonly_fields = ["text"]


@admin.register(Comment)
class CommentAdmin(ViewOnlyAdmin):
    list_display = ["plan", "section", "author", "created_at", "resolved_at"]
