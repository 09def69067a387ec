from django.contrib import admin

from values.core.admin import ViewOnlyAdmin
from values.knowledge.models import BenchmarkStandard, SelfAssessment
from values.programme.admin import CoordinatedProgrammesOnly


@admin.register(BenchmarkStandard)
class BenchmarkStandardAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "programme"
    list_display = ["key", "__str__", "theme", "programme"]
    list_filter = ["programme", "theme"]


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "standard__programme"
    list_display = ["organisation", "standard", "score", "assessed_on"]
    list_filter = ["standard__theme", "organisation"]
