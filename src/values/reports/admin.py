from django.contrib import admin

from values.reports.models import Question, Report, ReportRequest, ReportTemplate


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


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
    readonly_fields = ["answers"]
