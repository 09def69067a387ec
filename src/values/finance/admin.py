from django.contrib import admin

from values.finance.models import PartnerBudget


@admin.register(PartnerBudget)
class PartnerBudgetAdmin(admin.ModelAdmin):
    list_display = ["partner", "total", "eu_contribution", "cofinancing", "stated_eu_rate"]
