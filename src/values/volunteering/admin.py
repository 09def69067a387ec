from django.contrib import admin

from values.core.admin import ViewOnlyAdmin
from values.programme.admin import CoordinatedProgrammesOnly
from values.volunteering.models import Opportunity, Shift


@admin.register(Opportunity)
class OpportunityAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "programme"
    list_display = ["__str__", "organisation", "city", "kind", "status", "start_date"]
    list_filter = ["programme", "status", "kind"]


@admin.register(Shift)
class ShiftAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "opportunity__programme"
    list_display = ["opportunity", "starts_at", "ends_at", "places"]
