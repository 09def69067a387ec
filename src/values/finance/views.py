"""The finance pages. They live here because finance sits below programme in the layers
(the programme loader saves budgets), and a page needs the current programme."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from values.core.ranges import download_response
from values.finance.exports import budget_summary_pdf, budget_workbook
from values.finance.forms import BudgetLinesForm, ExpenseForm, RatesForm, ReasonForm, SubsistenceForm
from values.finance.models import Expense
from values.finance.permissions import (
    can_change_expense,
    can_decide_expense,
    can_reverse_expense,
    get_expense_for_view,
    partners_to_submit_for,
    require_budget_keeper,
    require_budget_reader,
    require_rate_keeper,
    submitting_partners,
)
from values.finance.queries import (
    actuals_visible_to,
    budget_for_lines,
    budget_overview,
    expenses_visible_to,
    partner_activities,
    partner_actuals,
    partners_visible_to,
    subsistence_rates,
)
from values.finance.queries import exchange_rates as exchange_rates_of
from values.finance.services import approve_expense

PAGE_SIZE = 25  # partners on a page of the finance overview, as in the API's list


@login_required
def finance_overview(request: HttpRequest) -> HttpResponse:
    """Budget against actual per partner and category, with what remains and a forecast: the totals over every
    partner the reader reads, the figures of a page of them."""
    require_budget_reader(request.access)
    programme, today = request.programme, timezone.localdate()
    page = Paginator(partners_visible_to(request.user, programme), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "programme": programme,
        "page": page,
        "actuals": partner_actuals(programme, list(page), today=today),
        "summary": budget_overview(request.user, programme).summary,
        "can_decide": request.access.decide_expenses,
        "today": today,
    }
    return render(request, "finance/overview.html", context)


@login_required
def finance_export(request: HttpRequest, file_format: str) -> HttpResponse:
    require_budget_reader(request.access)
    programme = request.programme
    actuals = actuals_visible_to(request.user, programme, today=timezone.localdate())
    if file_format == "xlsx":
        content = budget_workbook(programme, actuals)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content, kind = budget_summary_pdf(programme, actuals, today=timezone.localdate()), "application/pdf"
    response = HttpResponse(content, content_type=kind)
    name = f"{programme.acronym}-budget-{timezone.localdate():%Y-%m-%d}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def expense_list(request: HttpRequest) -> HttpResponse:
    require_budget_reader(request.access)
    programme = request.programme
    context = {
        "programme": programme,
        "expenses": expenses_visible_to(request.user, programme),
        "can_submit": submitting_partners(request.user, programme).exists(),
        "can_decide": request.access.decide_expenses,
    }
    return render(request, "finance/expenses.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def expense_edit(request: HttpRequest, expense_id: int | None = None) -> HttpResponse:
    programme = request.programme
    # Another partner's expense is 404, as a missing one: whether it exists is that partner's to know.
    expense = get_expense_for_view(request.access, expense_id) if expense_id else None
    partners = partners_to_submit_for(request.user, programme)
    if expense and not can_change_expense(request.user, expense):
        raise PermissionDenied(_("Only the partner's own staff submit its expenses."))
    activities = partner_activities(list(partners))
    form = ExpenseForm(
        request.POST or None, request.FILES or None, partners=partners, activities=activities,
        initial=_expense_initial(expense) if expense else None,
    )  # fmt: skip
    if request.method == "POST" and form.is_valid() and (saved := form.save(by=request.user, expense=expense)):
        messages.success(request, _("The expense was submitted; the coordinator approves it."))
        return redirect("expense", expense_id=saved.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "finance/expense_edit.html", {"form": form, "expense": expense}, status=status)


def _expense_initial(expense: Expense) -> dict:
    fields = ("spent_on", "category", "amount", "currency", "description")
    return {"partner": expense.partner_id, "activity": expense.activity_id, **{f: getattr(expense, f) for f in fields}}


@login_required
def expense_page(request: HttpRequest, expense_id: int) -> HttpResponse:
    return _expense_page(request, get_expense_for_view(request.access, expense_id), ReasonForm())


def _expense_page(request: HttpRequest, expense: Expense, reason_form: ReasonForm, status: int = 200) -> HttpResponse:
    context = {
        "expense": expense,
        "correction": expense.correcting_entry,
        "can_edit": can_change_expense(request.user, expense),
        "can_decide": can_decide_expense(request.user, expense),
        "can_reverse": can_reverse_expense(request.user, expense),
        "reason_form": reason_form,
    }
    return render(request, "finance/expense.html", context, status=status)


@login_required
def expense_receipt(request: HttpRequest, expense_id: int) -> FileResponse:
    expense = get_expense_for_view(request.access, expense_id)
    if not expense.receipt:
        raise PermissionDenied(_("This entry has no receipt."))
    extension = PurePath(expense.receipt.name).suffix
    response = download_response(expense.receipt, expense.receipt_type, f"receipt-{expense.pk}{extension}")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def expense_decide(request: HttpRequest, expense_id: int, decision: str) -> HttpResponse:
    expense = get_expense_for_view(request.access, expense_id)
    if decision == "approve":
        try:
            approve_expense(expense, by=request.user)
        except ValidationError as problem:
            return _decision_refused(request, expense, ReasonForm(), problem.messages)
        messages.success(request, _("The expense is approved."))
        return redirect("expense", expense_id=expense.pk)
    form = ReasonForm(request.POST)
    action = form.reject if decision == "reject" else form.reverse
    if not (form.is_valid() and action(expense, by=request.user)):
        return _decision_refused(request, expense, form, form.non_field_errors())
    done = _("The correcting entry was recorded.") if decision == "reverse" else _("The expense is rejected.")
    messages.success(request, done)
    return redirect("expense", expense_id=expense.pk)


def _decision_refused(request: HttpRequest, expense: Expense, form: ReasonForm, problems) -> HttpResponse:
    """The expense's page again: a reason's problem beside its field, the decision's own (decided already) on top."""
    for problem in problems:
        messages.error(request, problem)
    return _expense_page(request, expense, form, status=400)


def _rates_page(request: HttpRequest, status: int = 200, **forms) -> HttpResponse:
    context = {
        "form": forms.get("rates") or RatesForm(prefix="rates"),
        "subsistence_form": forms.get("subsistence") or SubsistenceForm(prefix="subsistence"),
        "rates": exchange_rates_of()[:500],
        "subsistence_rates": subsistence_rates(),
    }
    return render(request, "finance/rates.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def exchange_rates(request: HttpRequest) -> HttpResponse:
    require_rate_keeper(request.user)
    if request.method == "GET":
        return _rates_page(request)
    form = RatesForm(request.POST, request.FILES, prefix="rates")
    if form.is_valid() and (count := form.save()) is not None:
        messages.success(request, _("%(count)d rates were saved.") % {"count": count})
        return redirect("exchange_rates")
    return _rates_page(request, status=400, rates=form)


@login_required
@require_POST
def subsistence_rate(request: HttpRequest) -> HttpResponse:
    require_rate_keeper(request.user)
    form = SubsistenceForm(request.POST, prefix="subsistence")
    if form.is_valid() and form.save(by=request.user):
        messages.success(request, _("The subsistence rate was saved."))
        return redirect("exchange_rates")
    return _rates_page(request, status=400, subsistence=form)


@login_required
@require_http_methods(["GET", "POST"])
def budget_lines(request: HttpRequest, key: str) -> HttpResponse:
    require_budget_keeper(request.access)
    budget = budget_for_lines(request.programme, key)
    form = BudgetLinesForm(request.POST or None, budget=budget)
    if request.method == "POST" and form.is_valid() and form.save(by=request.user):
        messages.success(request, _("The budget lines were saved."))
        return redirect("finance")
    context = {"form": form, "budget": budget}
    return render(request, "finance/budget_lines.html", context, status=400 if request.method == "POST" else 200)


@login_required
def budget_check(request: HttpRequest) -> HttpResponse:
    """The budget consistency report: what `values check-budget` prints, for the reader's language."""
    require_budget_reader(request.access)
    programme = request.programme
    # Each reader's spending findings are about the partners whose spending they read, as on the finance pages.
    report = budget_overview(request.user, programme).report
    return render(request, "finance/budget_check.html", {"programme": programme, "report": report})
