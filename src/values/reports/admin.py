from django.contrib import admin

from values.reports.models import Question, Report, ReportRequest, ReportTemplate


class QuestionInline(admin.TabularInline):
    """Shown only: questions change on the template page, whose service keeps the drafts' answers."""

    model = Question
    extra = 0
    readonly_fields = ["position", "kind", "text", "help_text", "required", "choices", "quotable"]
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReportTemplate)
class ReportTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "programme"]
    inlines = [QuestionInline]


@admin.register(ReportRequest)
class ReportRequestAdmin(admin.ModelAdmin):
    list_display = ["activity", "template", "due"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["participant", "request", "status", "submitted_at"]
    list_filter = ["status"]
    readonly_fields = ["answers", "set_aside"]
