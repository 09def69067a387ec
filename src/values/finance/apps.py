from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "values.finance"
    label = "finance"
    verbose_name = _("Finance")

    def ready(self) -> None:
        from values.core.panels import add_panel
        from values.finance.panels import exchange_subsistence, partner_budget
        from values.finance.permissions import can_decide_expenses, can_read_all_spending, can_see_budget_report
        from values.finance.todo import setup
        from values.programme.access import add_rule

        add_rule("see_finance", can_see_budget_report)
        add_rule("decide_expenses", can_decide_expenses)
        add_rule("read_all_spending", can_read_all_spending)

        add_panel("activity_details", template="finance/_subsistence.html", context=exchange_subsistence)
        add_panel("partner_budget", template="finance/_partner_budget.html", context=partner_budget, order=10)
        setup()  # its part of the start page (core.todo)
