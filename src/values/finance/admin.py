from django.contrib import admin

from values.core.admin import ViewOnlyAdmin
from values.finance.models import ExchangeRate, Expense, SubsistenceRate
from values.programme.admin import CoordinatedProgrammesOnly


class RateTableAdmin(ViewOnlyAdmin):
    """Shown, not changed here: the rates page checks each rate against what the programme and the
    database keep (the month's range, the digits of the column) and names the line or field."""


@admin.register(ExchangeRate)
class ExchangeRateAdmin(RateTableAdmin):
    list_display = ["currency", "month", "rate"]
    list_filter = ["currency"]


@admin.register(SubsistenceRate)
class SubsistenceRateAdmin(RateTableAdmin):
    list_display = ["country", "daily_rate"]


@admin.register(Expense)
class ExpenseAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "partner__programme"
    """Read only: an expense changes through its services (submission, decision, correcting entry), so
    an approved one is never edited and the history stays."""

    list_display = ["spent_on", "partner", "category", "amount", "currency", "amount_eur", "status"]
    list_filter = ["status", "category", "currency"]
