from django.urls import path, re_path

from values.programme import finance_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("budgets/", views.budget_check, name="budget_check"),
    path("finance/", finance_views.finance_overview, name="finance"),
    re_path(r"^finance/budget\.(?P<file_format>xlsx|pdf)$", finance_views.finance_export, name="finance_export"),
    path("finance/expenses/", finance_views.expense_list, name="expenses"),
    path("finance/expenses/new/", finance_views.expense_edit, name="expense_add"),
    path("finance/expenses/<int:expense_id>/", finance_views.expense_page, name="expense"),
    path("finance/expenses/<int:expense_id>/edit/", finance_views.expense_edit, name="expense_edit"),
    path("finance/expenses/<int:expense_id>/receipt/", finance_views.expense_receipt, name="expense_receipt"),
    re_path(
        r"^finance/expenses/(?P<expense_id>[0-9]+)/(?P<decision>approve|reject|reverse)/$",
        finance_views.expense_decide,
        name="expense_decide",
    ),
    path("finance/rates/", finance_views.exchange_rates, name="exchange_rates"),
    path("finance/rates/subsistence/", finance_views.subsistence_rate, name="subsistence_rate"),
    path("finance/budgets/<slug:key>/", finance_views.budget_lines, name="budget_lines"),
    path("partners/", views.partner_list, name="partners"),
    path("partners/<slug:key>/", views.partner_page, name="partner"),
    path("partners/<slug:key>/edit/", views.partner_edit, name="partner_edit"),
]
