from django.urls import path, re_path

from values.finance import views

urlpatterns = [
    path("budgets/", views.budget_check, name="budget_check"),
    path("finance/", views.finance_overview, name="finance"),
    re_path(r"^finance/budget\.(?P<file_format>xlsx|pdf)$", views.finance_export, name="finance_export"),
    path("finance/expenses/", views.expense_list, name="expenses"),
    path("finance/expenses/new/", views.expense_edit, name="expense_add"),
    path("finance/expenses/<int:expense_id>/", views.expense_page, name="expense"),
    path("finance/expenses/<int:expense_id>/edit/", views.expense_edit, name="expense_edit"),
    path("finance/expenses/<int:expense_id>/receipt/", views.expense_receipt, name="expense_receipt"),
    re_path(
        r"^finance/expenses/(?P<expense_id>[0-9]+)/(?P<decision>approve|reject|reverse)/$",
        views.expense_decide,
        name="expense_decide",
    ),
    path("finance/rates/", views.exchange_rates, name="exchange_rates"),
    path("finance/rates/subsistence/", views.subsistence_rate, name="subsistence_rate"),
    path("finance/budgets/<slug:key>/", views.budget_lines, name="budget_lines"),
]
