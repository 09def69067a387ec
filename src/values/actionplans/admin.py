from django.contrib import admin

from values.actionplans.models import Action, ActionPlan, Comment, SectionRevision


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ["organisation", "programme", "status", "published"]
    list_filter = ["programme", "status"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "start", "end", "status"]
    list_filter = ["status"]


@admin.register(SectionRevision)
class SectionRevisionAdmin(admin.ModelAdmin):
    list_display = ["plan", "section", "number", "author", "created_at"]
    readonly_fields = ["text"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["plan", "section", "author", "created_at", "resolved_at"]
