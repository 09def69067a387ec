from django.contrib import admin

from values.core.admin import ViewOnlyAdmin, ViewOnlyTabularInline
from values.reports.models import Question, Report, ReportRequest, ReportTemplate


class QuestionInline(ViewOnlyTabularInline):
    """Shown only: questions change on the template page, whose service keeps the drafts' answers."""

    model = Question
    extra = 0
    readonly_fields = ["position", "kind", "text", "help_text", "required", "choices", "quotable"]
    can_delete = False


@admin.register(ReportTemplate)
class ReportTemplateAdmin(ViewOnlyAdmin):
    list_display = ["title", "programme"]
    inlines = [QuestionInline]


@admin.register(ReportRequest)
class ReportRequestAdmin(ViewOnlyAdmin):
    list_display = ["activity", "template", "due"]


@admin.register(Report)
class ReportAdmin(ViewOnlyAdmin):
    list_display = ["participant", "request", "status", "submitted_at"]
    list_filter = ["status"]
    readonly_fields = ["answers", "set_aside"]
