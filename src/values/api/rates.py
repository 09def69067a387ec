"""The finance settings the coordinator keeps: monthly exchange rates, a partner's budget lines and the subsistence
rates, as on the finance pages (`values.finance.services`)."""

from decimal import Decimal
from typing import Annotated

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError as SchemaValidationError
from pydantic import StringConstraints

from values.api.context import enter, etag, if_match, require_signed_in
from values.api.finance import Category, FindingOut, Money
from values.api.openapi import GUARDED_MARK
from values.api.paging import Page, Paging, paged
from values.api.programmes import organisation_name
from values.api.schemas import OrganisationRef
from values.core.versions import StaleVersion
from values.finance.models import ExchangeRate, SubsistenceRate
from values.finance.permissions import require_budget_keeper, require_rate_keeper
from values.finance.queries import (
    BudgetLines,
    budget_against_actual,
    budget_for_lines,
    budget_lines_of,
    budget_report,
    exchange_rates,
    subsistence_rates,
)
from values.finance.services import (
    MAX_LISTED_PROBLEMS,
    MAX_RATE_FILE_MB,
    RATE_COLUMNS,
    rate_file_problem,
    read_exchange_rate_rows,
    read_exchange_rates,
    save_budget_lines,
    save_exchange_rates,
    save_subsistence_rate,
)
from values.programme.enums import DIRECT_CATEGORIES
from values.programme.models import PartnerBudget

router = Router(tags=["finance"])
GUARDED = {GUARDED_MARK: True}
MAX_RATE_ROWS = 5_000  # a request's JSON rows; a longer table comes as the CSV file's text
CSV_EXAMPLE = "currency,month,rate\nNOK,2020-03,11.7235\nSEK,2020-03,10.9475\n"


def _rate_keeper(request: HttpRequest, code: str) -> None:
    """The rate tables serve every programme of the site, kept by a coordinator of any (as on the rates page)."""
    enter(request, code)
    require_signed_in(request)
    require_rate_keeper(request.user)


# -- exchange rates ---------------------------------------------------------------------------
class ExchangeRateOut(Schema):
    currency: str = Field(examples=["NOK"], description="ISO 4217.")
    month: str = Field(pattern=r"^\d{4}-\d{2}$", examples=["2020-03"])
    rate: Decimal = Field(examples=["11.723500"], description="Units of the currency per euro in that month.")


class RateFilters(Schema):
    currency: str = Field("", max_length=3, description="Only this currency's rates (ISO 4217).")


class RateRowIn(Schema):
    """A line of the rate file as JSON: each value is checked as the file's would be."""

    currency: str = Field(max_length=16, examples=["NOK"], description="ISO 4217.")
    month: str = Field(max_length=16, examples=["2020-03"], description="From 1999-01 to the month after this one.")
    rate: str = Field(max_length=32, examples=["11.7235"], description="Units per euro: at most six decimals.")


class RatesIn(Schema):
    csv: str | None = Field(
        None, max_length=MAX_RATE_FILE_MB * 1024 * 1024, examples=[CSV_EXAMPLE],
        description=f"The rate file's text, as the rates page takes it: the columns {', '.join(RATE_COLUMNS)}; "
        f"at most {MAX_RATE_FILE_MB} MB.",
    )  # fmt: skip
    rows: list[RateRowIn] | None = Field(
        None, max_length=MAX_RATE_ROWS, examples=[[{"currency": "NOK", "month": "2020-03", "rate": "11.7235"}]],
        description="Rates as JSON rows, with the CSV's or without it.",
    )  # fmt: skip


class RatesSaved(Schema):
    saved: int = Field(examples=[2], description="How many rates were added or replaced.")


def rate_out(rate: ExchangeRate) -> dict:
    return {"currency": rate.currency, "month": f"{rate.month:%Y-%m}", "rate": rate.rate}


@router.get("{code}/exchange-rates/", response=Page[ExchangeRateOut], summary="The monthly exchange rates")
def list_exchange_rates(request: HttpRequest, code: str, filters: Query[RateFilters], paging: Query[Paging]):
    """By currency, newest month first: the rates an expense is converted to euro at (for the coordinator)."""
    _rate_keeper(request, code)
    rates = exchange_rates(currency=filters.currency)
    return paged(request, rates, paging, lambda rows: [rate_out(rate) for rate in rows])


def _limited(errors: dict[str, list[str]], problems: dict[str, list[str]]) -> None:
    """Add the first MAX_LISTED_PROBLEMS rows' problems, and how many more: a list of thousands helps nobody."""
    entries = list(problems.items())
    errors.update(entries[:MAX_LISTED_PROBLEMS])
    if len(entries) > MAX_LISTED_PROBLEMS:
        more = sum(len(messages) for _row, messages in entries[MAX_LISTED_PROBLEMS:])
        errors[NON_FIELD_ERRORS] = [_("… and %(n)d more problems.") % {"n": more}]


@router.post("{code}/exchange-rates/", response=RatesSaved, summary="Add or replace exchange rates (CSV or rows)")
def import_exchange_rates(request: HttpRequest, code: str, payload: RatesIn):
    """The rate file's text (`csv`), as the rates page's upload takes it, and/or JSON `rows`. Every bad line or row
    is named (`#/csv` with its line, `#/rows/<n>`) and then nothing is saved; a month is given once. A rate already
    kept for a month is replaced; an expense keeps the rate it was converted at."""
    _rate_keeper(request, code)
    if payload.csv is None and payload.rows is None:
        raise ValidationError({"csv": [_("Give the rates as the CSV file's text, as rows, or both.")]})
    today, errors, read = timezone.localdate(), {}, []
    if payload.csv is not None:
        text = payload.csv.removeprefix("\ufeff")  # a byte-order mark, as the page's file reading drops it
        too_large = rate_file_problem(len(text.encode()))
        read, problems = ([], [too_large]) if too_large else read_exchange_rates(text, today=today)
        if problems:
            errors["csv"] = problems
    if payload.rows is not None:
        rows, problems = read_exchange_rate_rows([row.dict() for row in payload.rows], today=today, given=read)
        _limited(errors, {f"rows/{index}": found for index, found in problems.items()})
        read = read + rows
    if errors:
        raise ValidationError(errors)
    return {"saved": save_exchange_rates(read)}


# -- budget lines -----------------------------------------------------------------------------
class BudgetLinesOut(OrganisationRef):
    """A partner's planned costs per category. Amounts are decimal strings in the programme's currency."""

    currency: str = Field(examples=["EUR"])
    total: Money = Field(examples=["22732.15"], description="The grant's total for the partner.")
    lines: dict[Category, Money | None] = Field(
        examples=[{"staff": "10000.00", "travel": "5000.00", "equipment": "1245.00", "external": "4000.00",
                   "other": "1000.00"}],
        description="The planned direct costs per category; null before the lines are first saved.",
    )  # fmt: skip
    indirect_rate: Decimal = Field(examples=["0.0700"], description="Indirect costs as a share of the direct ones.")
    indirect: Money | None = Field(examples=["1487.15"], description="The planned indirect costs (the flat rate).")
    planned: Money | None = Field(
        examples=["22732.15"], description="Direct and indirect costs planned: the budget check compares it with the "
        "total (a finding when they differ; the lines are saved all the same, as on the page).",
    )  # fmt: skip
    findings: list[FindingOut] = Field(description="The budget check's findings about this partner.")
    version: str = Field(examples=['"5f0c…"'], description="The lines' entity tag: send it as If-Match to save.")


class BudgetLinesIn(Schema):
    lines: dict[Category, Annotated[str, StringConstraints(max_length=20)]] = Field(
        examples=[{"staff": "10000.00", "travel": "5000.00", "equipment": "1245.00", "external": "4000",
                   "other": "1000"}],
        description="The planned direct cost of each category, at most two decimals; a category left out plans 0.",
    )  # fmt: skip
    indirect_rate: str = Field(max_length=8, examples=["0.07"], description="A share from 0 to 1, e.g. 0.07 for 7 %.")


def lines_out(request: HttpRequest, budget: PartnerBudget, saved: BudgetLines) -> dict:
    """The lines as saved, with the planned figures and findings the finance pages give them."""
    programme, organisation = request.programme, budget.partner.organisation
    [actuals] = budget_against_actual(programme, today=timezone.localdate(), partner_keys={organisation.key})
    planned = [category.planned for category in actuals.categories]
    report = budget_report(programme, actuals=[actuals])
    return {
        "key": organisation.key, "name": organisation_name(organisation), "currency": programme.currency,
        "total": budget.total, "lines": {c.value: saved.lines.get(c.value) for c in DIRECT_CATEGORIES},
        "indirect_rate": saved.indirect_rate, "indirect": planned[-1],
        "planned": None if None in planned else sum(planned, Decimal(0)),
        "findings": [{"level": f.level, "subject": f.subject, "message": f.message}
                     for f in report.findings if f.subject == organisation.key],
        "version": etag(saved.version),
    }  # fmt: skip


def _budget(request: HttpRequest, code: str, key: str) -> PartnerBudget:
    enter(request, code)
    require_signed_in(request)
    require_budget_keeper(request.access)  # as the page: who is not the coordinator learns nothing more (403)
    return budget_for_lines(request.programme, key)


def _answer_lines(request: HttpRequest, budget: PartnerBudget, response: HttpResponse) -> dict:
    saved = budget_lines_of(budget)
    response["ETag"] = etag(saved.version)
    return lines_out(request, budget, saved)


LINES = "{code}/budgets/{key}/lines/"


@router.get(LINES, response=BudgetLinesOut, summary="A partner's budget lines (with their ETag)")
def read_budget_lines(request: HttpRequest, code: str, key: str, response: HttpResponse):
    """What the coordinator plans per cost category for a partner (`key`), as the budget lines page shows it."""
    return _answer_lines(request, _budget(request, code, key), response)


def _in_body(exc: ValidationError) -> ValidationError:
    """The service names a category by itself; in this body it is under `lines`."""
    categories = {category.value for category in DIRECT_CATEGORIES}
    return ValidationError({
        (f"lines/{field}" if field in categories else field): messages for field, messages in exc.message_dict.items()
    })  # fmt: skip


@router.put(LINES, response=BudgetLinesOut, openapi_extra=GUARDED,
            summary="Save a partner's budget lines (If-Match: their ETag)")  # fmt: skip
def save_lines(request: HttpRequest, code: str, key: str, payload: BudgetLinesIn, response: HttpResponse):
    """The planned direct costs per category and the indirect flat rate, checked by the same service as the page
    (each refused figure named: `#/lines/<category>`, `#/indirect_rate`; nothing saved). Someone's save since the
    version you send is never saved over: 412 with the lines saved now and their version."""
    budget = _budget(request, code, key)
    seen = if_match(request)
    amounts = {str(category): amount for category, amount in payload.lines.items()}
    try:
        save_budget_lines(budget, amounts=amounts, indirect_rate=payload.indirect_rate, by=request.user, version=seen)
    except StaleVersion as stale:
        raise StaleVersion(stale.current.version, lines_out(request, budget, stale.current)) from None
    except ValidationError as refused:
        raise _in_body(refused) from None
    return _answer_lines(request, budget, response)


# -- subsistence rates ------------------------------------------------------------------------
class SubsistenceOut(Schema):
    country: str = Field(examples=["IT"], description="The host country (ISO 3166-1).")
    daily_rate: Money = Field(examples=["120.00"], description="The daily allowance in euro.")


class SubsistenceIn(Schema):
    daily_rate: str = Field(max_length=12, examples=["120.00"], description="In euro, at most two decimals.")


def subsistence_out(rate: SubsistenceRate) -> dict:
    return {"country": rate.country, "daily_rate": rate.daily_rate}


@router.get("{code}/subsistence-rates/", response=Page[SubsistenceOut], summary="The daily subsistence rates")
def list_subsistence_rates(request: HttpRequest, code: str, paging: Query[Paging]):
    """The daily allowance in each host country, which an exchange's subsistence is estimated from."""
    _rate_keeper(request, code)
    return paged(request, subsistence_rates(), paging, lambda rows: [subsistence_out(rate) for rate in rows])


Country = Annotated[str, StringConstraints(max_length=64)]


@router.put("{code}/subsistence-rates/{country}/", response=SubsistenceOut,
            summary="Set a host country's daily subsistence rate")  # fmt: skip
def put_subsistence_rate(request: HttpRequest, code: str, country: Country, payload: SubsistenceIn):
    """Adds the country's rate or replaces it, as the rates page's form does (`country`: ISO 3166-1, e.g. IT)."""
    _rate_keeper(request, code)
    try:
        saved = save_subsistence_rate(country=country, daily_rate=payload.daily_rate, by=request.user)
    except ValidationError as refused:
        # The country is the address's: named as its parameter; the rate as the body's field.
        places = {"country": ("path", "country"), "daily_rate": ("body", "payload", "daily_rate")}
        raise SchemaValidationError([
            {"loc": places.get(field, ("body", "payload", field)), "msg": message}
            for field, messages in refused.message_dict.items() for message in messages
        ]) from None  # fmt: skip
    return subsistence_out(saved)
