"""Budgets against actual spending, and expenses: read, submitted with their receipt, approved or rejected, by
the same queries, services and rules as the finance pages (`values.finance`)."""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import PlainSerializer

from values.activities.models import Activity
from values.api.context import enter, require_signed_in
from values.api.paging import Page, Paging, paged
from values.api.programmes import organisation_name
from values.api.schemas import OrganisationRef
from values.core.money import format_plain
from values.core.templatetags.values_tags import person
from values.finance.enums import ExpenseStatus
from values.finance.models import DESCRIPTION_MAX_CHARS, REASON_MAX_CHARS, Expense
from values.finance.permissions import (
    can_change_expense,
    can_decide_expense,
    can_reverse_expense,
    get_expense_for_view,
    partners_to_submit_for,
    require_budget_reader,
)
from values.finance.queries import (
    PartnerActuals,
    budget_overview,
    expenses_visible_to,
    partner_actuals,
    partners_visible_to,
)
from values.finance.services import approve_expense, reject_expense, reverse_expense, submit_expense
from values.programme.enums import DIRECT_CATEGORIES
from values.programme.models import Partner

router = Router(tags=["finance"])
LARGEST_ID = 2**31 - 1  # what every database's integer key holds

# Money as the programme file writes it, a string with two decimals, whatever the database's sums keep (SQLite's
# lose the scale: 120.00 comes back as 120). Shares (rates) stay decimal strings of their own precision.
Money = Annotated[Decimal, PlainSerializer(format_plain, return_type=str)]

# The funder's direct cost categories, which an expense names (indirect costs are a flat rate of them).
Category = StrEnum("Category", {category.name: category.value for category in DIRECT_CATEGORIES})


# -- budgets ------------------------------------------------------------------------------------
class BudgetOut(OrganisationRef):
    """A partner's budget against its spending. Amounts are decimal strings in the programme's currency."""

    currency: str = Field(examples=["EUR"])
    total: Money | None = Field(examples=["22732.15"], description="The grant's figure; null without a budget.")
    eu_contribution: Money | None = Field(examples=["20458.94"])
    cofinancing: Money | None = Field(examples=["2273.21"])
    spent: Money = Field(examples=["120.00"], description="Approved expenses and their corrections, in euro.")
    pending: Money = Field(examples=["0.00"], description="Submitted and not yet decided, in euro.")
    remaining: Money | None = Field(examples=["22612.15"], description="The total less what is spent.")
    spent_rate: Decimal | None = Field(examples=["0.0053"], description="The share of the total spent (0–1).")


class CategoryOut(Schema):
    category: str = Field(examples=["travel"], description="A cost category; `indirect` is a flat rate of the rest.")
    planned: Money | None = Field(examples=["5000.00"], description="Null when the budget plans no categories.")
    spent: Money = Field(examples=["120.00"])
    remaining: Money | None
    forecast: Money = Field(description="The spending at its pace so far, continued to the programme's end.")
    over_budget: bool


class BudgetDetail(BudgetOut):
    forecast: Money
    categories: list[CategoryOut]
    by_quarter: dict[str, Money] = Field(examples=[{"2020-Q1": "120.00"}], description="Spent per quarter.")


class SummaryOut(Schema):
    """The budgets and spending of the partners the caller reads, added up (the finance page's opening)."""

    currency: str = Field(examples=["EUR"])
    budget: Money = Field(examples=["22732.15"])
    eu_contribution: Money
    cofinancing: Money
    spent: Money
    pending: Money
    eu_rate: Decimal | None
    spent_rate: Decimal | None


class FindingOut(Schema):
    level: str = Field(examples=["warning"], description="`error`: the figures contradict each other.")
    subject: str = Field(examples=["cesena"], description="The partner's key, or `programme`.")
    message: str


class BudgetPage(Page[BudgetOut]):
    summary: SummaryOut
    findings: list[FindingOut] = Field(description="The budget check: the figures against each other.")


def budget_out(actuals: PartnerActuals) -> dict:
    return {
        "key": actuals.key, "name": actuals.name, "currency": actuals.currency, "total": actuals.total,
        "eu_contribution": actuals.eu_contribution, "cofinancing": actuals.cofinancing, "spent": actuals.actual,
        "pending": actuals.pending, "remaining": actuals.remaining, "spent_rate": actuals.spent_rate,
    }  # fmt: skip


def budget_detail(actuals: PartnerActuals) -> dict:
    categories = [
        {"category": c.category, "planned": c.planned, "spent": c.actual, "remaining": c.remaining,
         "forecast": c.forecast, "over_budget": c.over_budget}
        for c in actuals.categories
    ]  # fmt: skip
    return budget_out(actuals) | {"forecast": actuals.forecast, "categories": categories,
                                  "by_quarter": actuals.by_quarter}  # fmt: skip


def _partners(request: HttpRequest, code: str) -> QuerySet[Partner]:
    """The partners whose figures the caller reads, as the finance page has them (all for the coordinator)."""
    require_signed_in(request)
    programme = enter(request, code)
    require_budget_reader(request.access)
    return partners_visible_to(request.user, programme)


@router.get("{code}/budgets/", response=BudgetPage, summary="Budgets against spending (the partners you read)")
def list_budgets(request: HttpRequest, code: str, paging: Query[Paging]):
    partners = _partners(request, code)
    programme, today = request.programme, timezone.localdate()
    overview = budget_overview(request.user, programme)
    summary = overview.summary
    page = paged(request, partners, paging, lambda rows: [
        budget_out(actuals) for actuals in partner_actuals(programme, rows, today=today)])  # fmt: skip
    return page | {
        "summary": {
            "currency": summary.currency, "budget": summary.budget, "eu_contribution": summary.eu_contribution,
            "cofinancing": summary.cofinancing, "spent": summary.spent, "pending": summary.pending,
            "eu_rate": summary.eu_rate, "spent_rate": summary.spent_rate,
        },
        "findings": [{"level": f.level, "subject": f.subject, "message": f.message} for f in overview.report.findings],
    }  # fmt: skip


@router.get("{code}/budgets/{key}/", response=BudgetDetail, summary="One partner's budget, by cost category")
def read_budget(request: HttpRequest, code: str, key: str):
    # Another partner's spending is 404, as on the finance page, where it is not listed.
    partner = _partners(request, code).filter(organisation__key=key).first()
    if partner is None:
        raise Http404("no budget the caller reads")
    [actuals] = partner_actuals(request.programme, [partner], today=timezone.localdate())
    return budget_detail(actuals)


# -- expenses -----------------------------------------------------------------------------------
class ExpenseOut(Schema):
    id: int
    partner: OrganisationRef
    spent_on: date
    category: Category
    activity: int | None = Field(description="The visit or exchange it was spent for, if any.")
    amount: Money = Field(examples=["120.00"], description="In `currency`.")
    currency: str = Field(examples=["EUR"], description="ISO 4217.")
    rate: Decimal = Field(examples=["1"], description="Units of the currency per euro in the month it was spent.")
    amount_eur: Money = Field(examples=["120.00"])
    description: str
    status: ExpenseStatus
    reason: str = Field(description="Why it was rejected or reversed.")
    receipt_type: str | None = Field(examples=["application/pdf"], description="Null when there is no receipt.")
    submitted_by: str | None = Field(description="The person's name.")
    submitted_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    corrects: int | None = Field(description="The expense this correcting entry reverses.")


class ExpenseDetail(ExpenseOut):
    corrected_by: int | None = Field(description="The correcting entry that reversed it.")
    can_change: bool = Field(description="Whether the caller may still correct it (before a decision).")
    can_decide: bool = Field(description="Whether the caller may approve or reject it.")
    can_reverse: bool = Field(description="Whether the caller may reverse it with a correcting entry.")


class ExpenseFilters(Schema):
    partner: str = Field("", max_length=64, description="A partner's key.")
    status: ExpenseStatus | None = None


def expense_out(expense: Expense) -> dict:
    organisation = expense.partner.organisation
    return {
        "id": expense.pk, "partner": {"key": organisation.key, "name": organisation_name(organisation)},
        "spent_on": expense.spent_on, "category": expense.category, "activity": expense.activity_id,
        "amount": expense.amount, "currency": expense.currency, "rate": expense.rate,
        "amount_eur": expense.amount_eur, "description": expense.description, "status": expense.status,
        "reason": expense.reason, "receipt_type": (expense.receipt_type or None) if expense.receipt else None,
        "submitted_by": person(expense.submitted_by) or None, "submitted_at": expense.submitted_at,
        "decided_by": person(expense.decided_by) or None, "decided_at": expense.decided_at,
        "corrects": expense.corrects_id,
    }  # fmt: skip


def expense_detail(expense: Expense, user) -> dict:
    correction = expense.correcting_entry
    return expense_out(expense) | {
        "corrected_by": correction.pk if correction else None, "can_change": can_change_expense(user, expense),
        "can_decide": can_decide_expense(user, expense), "can_reverse": can_reverse_expense(user, expense),
    }  # fmt: skip


@router.get("{code}/expenses/", response=Page[ExpenseOut], summary="Expenses (your partner's; all, coordinating)")
def list_expenses(request: HttpRequest, code: str, filters: Query[ExpenseFilters], paging: Query[Paging]):
    require_signed_in(request)
    programme = enter(request, code)
    require_budget_reader(request.access)
    expenses = expenses_visible_to(request.user, programme)
    if filters.partner:
        expenses = expenses.filter(partner__organisation__key=filters.partner)
    if filters.status:
        expenses = expenses.filter(status=filters.status)
    return paged(request, expenses, paging, lambda rows: [expense_out(expense) for expense in rows])


@router.get("{code}/expenses/{int:expense_id}/", response=ExpenseDetail, summary="Read an expense")
def read_expense(request: HttpRequest, code: str, expense_id: int):
    require_signed_in(request)
    enter(request, code)
    return expense_detail(get_expense_for_view(request.access, expense_id), request.user)


class ExpenseIn(Schema):
    """The expense form's fields; the service names each one missing or refused (`errors`, `#/<field>`)."""

    partner: str = Field("", max_length=64, description="Your partner's key; needed if you have several.")
    spent_on: date | None = Field(None, description="Inside the programme and not in the future.")
    category: Category | None = None
    amount: str = Field("", max_length=20, examples=["120.00"], description="At most two decimals.")
    currency: str = Field("", max_length=3, examples=["EUR"], description="ISO 4217; its month's rate is used.")
    description: str = Field("", max_length=DESCRIPTION_MAX_CHARS)
    activity: int | None = Field(None, ge=1, le=LARGEST_ID, description="A visit or exchange your partner is in.")


REQUIRED_FIELDS = ["spent_on", "category", "amount", "currency", "description", "receipt"]
RECEIPT = File(None, description="The receipt: a PDF or a JPEG, PNG or WebP image (at most MAX_RECEIPT_MB, 10 MB).")


def _partner(programme, mine, key: str):
    """The partner the expense is for: the key's (the service refuses one not the caller's), else their only one."""
    if key:
        partner = programme.partners.filter(organisation__key=key).select_related("organisation").first()
        if partner is None:
            raise ValidationError({"partner": [_("No partner of this programme has the key “%(key)s”.") % {
                "key": key}]})  # fmt: skip
        return partner
    partners = list(mine[:2])
    if len(partners) > 1:
        raise ValidationError({"partner": [_("Say which of your partners the expense is for (its key).")]})
    return partners[0]


def _activity(programme, activity_id: int | None) -> Activity | None:
    if activity_id is None:
        return None
    activity = Activity.objects.filter(programme=programme, pk=activity_id).first()
    if activity is None:
        raise ValidationError({"activity": [_("No visit or exchange of this programme has this number.")]})
    return activity


@router.post(
    "{code}/expenses/", response={201: ExpenseDetail}, summary="Submit an expense with its receipt (multipart)",
    openapi_extra={"requestBody": {"content": {"multipart/form-data": {"schema": {"required": REQUIRED_FIELDS}}}}},
)  # fmt: skip
def create_expense(request: HttpRequest, code: str, payload: Form[ExpenseIn], response: HttpResponse,
                   receipt: UploadedFile | None = RECEIPT):  # fmt: skip
    programme = enter(request, code)
    mine = partners_to_submit_for(request.user, programme)  # as the page: who submits for no partner is refused
    partner = _partner(programme, mine, payload.partner)
    expense = submit_expense(
        partner, by=request.user, spent_on=payload.spent_on, category=payload.category or "", amount=payload.amount,
        currency=payload.currency, description=payload.description, receipt=receipt,
        activity=_activity(programme, payload.activity),
    )  # fmt: skip
    response["Location"] = request.build_absolute_uri(f"{request.path}{expense.pk}/")
    return Status(201, expense_detail(expense, request.user))


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    REVERSE = "reverse"


class DecisionIn(Schema):
    decision: Decision = Field(description="`reverse` cancels an approved expense with a correcting entry.")
    reason: str = Field("", max_length=REASON_MAX_CHARS, description="Why: needed to reject or reverse.")


@router.post("{code}/expenses/{int:expense_id}/decision/", response=ExpenseDetail,
             summary="Approve, reject or reverse an expense (the coordinator, not their own)")  # fmt: skip
def decide_expense(request: HttpRequest, code: str, expense_id: int, payload: DecisionIn):
    enter(request, code)
    expense = get_expense_for_view(request.access, expense_id)
    if payload.decision == Decision.APPROVE:
        approve_expense(expense, by=request.user)
    elif payload.decision == Decision.REJECT:
        reject_expense(expense, by=request.user, reason=payload.reason)
    else:
        reverse_expense(expense, by=request.user, reason=payload.reason)
    return expense_detail(get_expense_for_view(request.access, expense_id), request.user)
