from django.contrib import admin

from values.core.admin import ViewOnlyAdmin
from values.knowledge.models import BenchmarkStandard, SelfAssessment


@admin.register(BenchmarkStandard)
class BenchmarkStandardAdmin(ViewOnlyAdmin):
    list_display = ["key", "__str__", "theme", "programme"]
    list_filter = ["programme", "theme"]


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(ViewOnlyAdmin):
    list_display = ["organisation", "standard", "score", "assessed_on"]
    list_filter = ["standard__theme", "organisation"]
