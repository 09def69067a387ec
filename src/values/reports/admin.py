from django.contrib import admin

from values.core.admin import ViewOnlyAdmin, ViewOnlyTabularInline
from values.programme.admin import CoordinatedProgrammesOnly
from values.reports.models import Question, Report, ReportRequest, ReportTemplate


class QuestionInline(ViewOnlyTabularInline):
    """Shown only: questions change on the template page, whose service keeps the drafts' answers."""

    model = Question
    extra = 0
    readonly_fields = ["position", "kind", "text", "help_text", "required", "choices", "quotable"]
    can_delete = False


@admin.register(ReportTemplate)
class ReportTemplateAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "programme"
    list_display = ["title", "programme"]
    inlines = [QuestionInline]


@admin.register(ReportRequest)
class ReportRequestAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "activity__programme"
    list_display = ["activity", "template", "due"]


@admin.register(Report)
class ReportAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "request__activity__programme"
    list_display = ["participant", "request", "status", "submitted_at"]
    list_filter = ["status"]
    readonly_fields = ["answers", "set_aside"]
