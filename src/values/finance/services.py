"""Every change to budgets, exchange rates and expenses."""

import csv
import io
import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from values.core.money import MoneyError, parse_money, to_euro
from values.core.text import pick
from values.core.uploads import RECEIPT, check_upload_field, delete_on_commit, save_with_files, store
from values.core.versions import check_version
from values.finance.enums import ExpenseStatus
from values.finance.models import DESCRIPTION_MAX_CHARS, REASON_MAX_CHARS, ExchangeRate, Expense, SubsistenceRate
from values.finance.permissions import can_decide_expenses, can_keep_rate_tables, can_submit_expenses
from values.finance.queries import budget_lines_of, partner_activities
from values.network.codes import country_code, currency_code
from values.network.enums import AuditAction
from values.network.models import User
from values.network.services import record_audit
from values.programme.enums import DIRECT_CATEGORIES
from values.programme.models import BudgetLine, Partner, PartnerBudget

# -- exchange rates ---------------------------------------------------------------------------
RATE_COLUMNS = ("currency", "month", "rate")
FIRST_RATE_MONTH = date(1999, 1, 1)  # the euro's first month
MAX_RATE_FILE_MB = 1  # a monthly table of thirty currencies over thirty years is a tenth of this
MAX_LISTED_PROBLEMS = 100
# The column holds 18 digits, 6 of them decimals, but SQLite keeps a decimal as a REAL, whose 15 significant
# digits are all that survive: 999999999999.999999 would come back as 1000000000000 and break every page
# that reads it. Nine digits before the point keep every rate exact on SQLite and PostgreSQL alike.
MAX_RATE = Decimal("999999999.999999")
_RATE = re.compile(r"\d+(\.\d+)?", re.ASCII)
_MONTH = re.compile(r"(\d{4})-(\d{1,2})", re.ASCII)


def largest_kept(model, name: str) -> Decimal:
    """The largest value a decimal column keeps: 14 digits with 2 decimals keep 999999999999.99."""
    field = model._meta.get_field(name)
    return Decimal(10) ** (field.max_digits - field.decimal_places) - Decimal(10) ** -field.decimal_places


def read_exchange_rates(text: str, *, today: date) -> tuple[list[tuple[str, date, Decimal]], list[str]]:
    """Rates from CSV (`currency,month,rate`: units per euro, e.g. `NOK,2020-03,11.7235`), or every problem
    as `line N: column: reason`. A month is kept from the euro's first one to the month after `today`."""
    reader = csv.DictReader(io.StringIO(text))
    rows, problems, seen = [], [], set()
    try:
        if tuple(name.strip().lower() for name in reader.fieldnames or ()) != RATE_COLUMNS:
            return [], [_("line 1: the columns must be %(columns)s.") % {"columns": ", ".join(RATE_COLUMNS)}]
        for number, raw in enumerate(reader, start=2):
            values = {key.strip().lower(): (value or "").strip() for key, value in raw.items() if key}
            row, row_problems = _rate_row(values, today)
            problems += [_("line %(n)d: %(problem)s") % {"n": number, "problem": p} for p in row_problems]
            if row and (row[0], row[1]) in seen:
                problems.append(_("line %(n)d: month: %(currency)s %(month)s is given twice.") % {
                    "n": number, "currency": row[0], "month": f"{row[1]:%Y-%m}"})  # fmt: skip
            if row:
                seen.add((row[0], row[1]))
                rows.append(row)
    except csv.Error as problem:  # a value longer than the csv module reads, say
        line = reader.reader.line_num  # the line that failed (the DictReader counts only the lines it gave)
        problems.append(_("line %(n)d: not CSV: %(reason)s.") % {"n": line, "reason": problem})
    return (rows, []) if not problems else ([], _listed(problems))


def rate_file_problem(size: int) -> str | None:
    """Why a rate file of `size` bytes is refused before it is read or decoded (over MAX_RATE_FILE_MB), or None."""
    if size <= MAX_RATE_FILE_MB * 1024 * 1024:
        return None
    return _("The file is %(size).1f MB; the limit is %(limit)d MB.") % {
        "size": size / 1024 / 1024, "limit": MAX_RATE_FILE_MB}  # fmt: skip


def read_exchange_rate_rows(
    rows: list[dict[str, str]], *, today: date, given: Sequence[tuple[str, date, Decimal]] = ()
) -> tuple[list[tuple[str, date, Decimal]], dict[int, list[str]]]:
    """Rates given as rows of currency, month and rate (the API's JSON), each checked as a line of the rate file
    (`read_exchange_rates`): the rates, or every bad row's problems by its position. A month may not be given twice,
    nor given again after `given` (the rates of a file read with the rows)."""
    seen = {(currency, month) for currency, month, _rate in given}
    found, problems = [], {}
    for index, raw in enumerate(rows):
        values = {key.strip().lower(): (value or "").strip() for key, value in raw.items()}
        row, row_problems = _rate_row(values, today)
        if row and (row[0], row[1]) in seen:
            row_problems.append(_("month: %(currency)s %(month)s is given twice.") % {
                "currency": row[0], "month": f"{row[1]:%Y-%m}"})  # fmt: skip
        if row:
            seen.add((row[0], row[1]))
            found.append(row)
        if row_problems:
            problems[index] = row_problems
    return (found, {}) if not problems else ([], problems)


def _listed(problems: list[str]) -> list[str]:
    """The first problems of a long list, and how many more: a page of thousands helps nobody."""
    if len(problems) <= MAX_LISTED_PROBLEMS:
        return problems
    more = len(problems) - MAX_LISTED_PROBLEMS
    return [*problems[:MAX_LISTED_PROBLEMS], _("… and %(n)d more problems.") % {"n": more}]


def _rate_row(values: dict[str, str], today: date) -> tuple[tuple[str, date, Decimal] | None, list[str]]:
    problems = []
    currency = currency_code(values.get("currency"))
    if currency is None:
        problems.append(_("currency: “%(value)s” is not an ISO 4217 code.") % {"value": values.get("currency")})
    month, problem = _month(values.get("month", ""), today)
    problems += [problem] if problem else []
    rate, problem = _rate(values.get("rate", ""))
    problems += [problem] if problem else []
    return (None if problems else (currency, month, rate)), problems


def _month(text: str, today: date) -> tuple[date | None, str | None]:
    match = _MONTH.fullmatch(text)
    if match is None or not 1 <= int(match[2]) <= 12:
        return None, _("month: “%(value)s” is not a month like 2020-03.") % {"value": text}
    year, month = int(match[1]), int(match[2])
    last = date(today.year + today.month // 12, today.month % 12 + 1, 1)  # rates are published a month ahead
    if not (FIRST_RATE_MONTH.year, FIRST_RATE_MONTH.month) <= (year, month) <= (last.year, last.month):
        return None, _("month: “%(value)s” is not between %(first)s (the euro's first month) and %(last)s.") % {
            "value": text, "first": f"{FIRST_RATE_MONTH:%Y-%m}", "last": f"{last:%Y-%m}"}  # fmt: skip
    return date(year, month, 1), None


def _rate(text: str) -> tuple[Decimal | None, str | None]:
    """Units per euro as the database keeps them: a plain positive number, not NaN, Infinity or 1e400."""
    if _RATE.fullmatch(text) is None or Decimal(text) == 0:
        return None, _("rate: “%(value)s” is not a positive number of units per euro.") % {"value": text}
    rate, largest = Decimal(text), MAX_RATE
    if rate > largest:
        return None, _("rate: “%(value)s” is larger than the largest rate kept, %(largest)s.") % {
            "value": text, "largest": largest}  # fmt: skip
    places = ExchangeRate._meta.get_field("rate").decimal_places
    if rate != rate.quantize(Decimal(10) ** -places):
        return None, _("rate: “%(value)s” has more than %(places)d decimals.") % {"value": text, "places": places}
    return rate, None


@transaction.atomic
def save_exchange_rates(rows: list[tuple[str, date, Decimal]]) -> int:
    """Add or replace the rates; an expense keeps the rate it was converted at."""
    latest = {(currency, month): rate for currency, month, rate in rows}  # a month given twice: the last one
    ExchangeRate.objects.bulk_create(
        [ExchangeRate(currency=currency, month=month, rate=rate) for (currency, month), rate in latest.items()],
        update_conflicts=True, unique_fields=["currency", "month"], update_fields=["rate"],
    )  # fmt: skip
    return len(rows)


def rate_for(currency: str, day: date) -> Decimal | None:
    """Units per euro in the month of `day`: 1 for the euro, None when the month's rate is missing."""
    if currency == "EUR":
        return Decimal(1)
    found = ExchangeRate.objects.filter(currency=currency, month=day.replace(day=1)).first()
    return found.rate if found else None


# -- expenses ---------------------------------------------------------------------------------
def _money(text: str, field: str, errors: dict[str, list[str]]) -> Decimal | None:
    """An amount from a form or a file; its problem, if any, goes into `errors` under `field`."""
    try:
        return parse_money(text)
    except MoneyError as problem:
        reason = str(problem)  # capitalize() would lower the rest, and misquote "NaN" as "nan"
        errors[field] = [_("%(reason)s.") % {"reason": reason[:1].upper() + reason[1:]}]
        return None


def _check_length(text: str, field: str, most: int, errors: dict[str, list[str]]) -> None:
    if len(text) > most:
        errors[field] = [
            _("At most %(most)d characters; this text has %(length)d.") % {"most": most, "length": len(text)}
        ]


def _parse_amount(value: str, errors: dict[str, list[str]]) -> Decimal | None:
    amount = _money(value, "amount", errors)
    if amount is None:
        return None
    if amount == 0:
        errors["amount"] = [_("An expense is more than zero.")]
        return None
    return amount


def submit_expense(
    partner: Partner, *, by: User, spent_on: date | None, category: str, amount: object, currency: str,
    description: str, receipt: UploadedFile | None, activity=None, expense: Expense | None = None,
) -> Expense:  # fmt: skip
    """Record an expense (or change one not yet decided), converted to euro at its month's rate.

    The receipt is checked (an image decoded) before the transaction opens: SQLite would hold its write lock meanwhile.
    """
    _require_changeable(partner, expense, by=by)
    errors: dict[str, list[str]] = {}
    checked = _checked_receipt(receipt, required=expense is None or not expense.receipt, errors=errors)
    value = _parse_amount(amount, errors)
    currency = currency_code(currency) or ""
    if not currency:
        errors["currency"] = [_("Not an ISO 4217 currency code.")]
    rate = _rate_of_the_day(partner.programme, spent_on, currency, errors)
    if category not in {c.value for c in DIRECT_CATEGORIES}:
        errors["category"] = [_("Choose one of the funder's direct cost categories.")]
    if not description.strip():
        errors["description"] = [_("Say what the money was spent on.")]
    _check_length(description, "description", DESCRIPTION_MAX_CHARS, errors)
    if value is not None and rate is not None and to_euro(value, rate) > largest_kept(Expense, "amount_eur"):
        errors["amount"] = [_("In euro this is more than the largest amount kept, %(largest)s.") % {
            "largest": largest_kept(Expense, "amount_eur")}]  # fmt: skip
    if activity is not None and not partner_activities([partner]).filter(pk=activity.pk).exists():
        errors["activity"] = [
            _("%(partner)s takes no part in this visit or exchange.") % {"partner": pick(partner.organisation.name)}
        ]
    if errors:
        raise ValidationError(errors)
    expense = expense or Expense(submitted_by=by)
    expense.partner = partner
    expense.spent_on, expense.category, expense.activity = spent_on, category, activity
    expense.amount, expense.currency, expense.rate = value, currency, rate
    expense.amount_eur, expense.description = to_euro(value, rate), description.strip()
    previous = expense.receipt.name if checked and expense.receipt else None
    with transaction.atomic():
        if checked:
            store(expense.receipt, checked, "receipt")
            expense.receipt_type = checked.format.mime
        save_with_files(expense, expense.receipt if checked else None)
        delete_on_commit(expense.receipt, previous)
    return expense


def _require_changeable(partner: Partner, expense: Expense | None, *, by: User) -> None:
    if not can_submit_expenses(by, partner):
        raise PermissionDenied(_("Only the partner's own staff submit its expenses."))
    if expense is not None and expense.status != ExpenseStatus.SUBMITTED:
        raise ValidationError(
            _("A decided expense cannot be changed; the coordinator reverses it with a correcting entry.")
        )


def _rate_of_the_day(programme, spent_on: date | None, currency: str, errors: dict[str, list[str]]) -> Decimal | None:
    """The month's rate for an expense dated inside the programme and not in the future."""
    if spent_on is None:  # a form asks for the date itself; the API's multipart fields may leave it out
        errors["spent_on"] = [_("Give the date the money was spent on.")]
        return None
    if not programme.start <= spent_on <= programme.end:
        errors["spent_on"] = [_("The date is outside the programme (%(start)s to %(end)s).") % {
            "start": programme.start.isoformat(), "end": programme.end.isoformat()}]  # fmt: skip
        return None
    if spent_on > timezone.localdate():
        errors["spent_on"] = [_("An expense cannot be dated in the future.")]
        return None
    rate = rate_for(currency, spent_on) if currency else None
    if currency and rate is None:
        errors["currency"] = [_("There is no %(currency)s rate for %(month)s: the coordinator imports it first.") % {
            "currency": currency, "month": f"{spent_on:%Y-%m}"}]  # fmt: skip
    return rate


def _checked_receipt(receipt: UploadedFile | None, *, required: bool, errors: dict[str, list[str]]):
    if receipt is None and required:
        errors["receipt"] = [_("Attach the receipt (PDF or image).")]
    return check_upload_field(receipt, RECEIPT, "receipt", errors)


def _decide(expense: Expense, *, by: User, status: str, reason: str = "") -> Expense:
    if not can_decide_expenses(by, expense.partner.programme_id):
        raise PermissionDenied(_("Only the coordinator approves or rejects expenses."))
    if expense.status != ExpenseStatus.SUBMITTED:
        raise ValidationError(_("This expense was decided already."))
    if expense.submitted_by_id == by.pk:
        raise ValidationError(_("An expense is approved or rejected by someone other than who submitted it."))
    expense.status, expense.reason = status, reason.strip()
    expense.decided_by, expense.decided_at = by, timezone.now()
    expense.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    _audit_decision(expense, status, by=by)
    return expense


def _audit_decision(expense: Expense, decision: str, *, by: User) -> None:
    detail = {"decision": decision, "partner": expense.partner.organisation.key, "euro": str(expense.amount_eur)}
    record_audit(AuditAction.EXPENSE_DECIDED, by=by, target=f"expense {expense.pk}", detail=detail)


def _raise_if_long(reason: str) -> None:
    errors: dict[str, list[str]] = {}
    _check_length(reason, "reason", REASON_MAX_CHARS, errors)
    if errors:
        raise ValidationError(errors)


def approve_expense(expense: Expense, *, by: User) -> Expense:
    return _decide(expense, by=by, status=ExpenseStatus.APPROVED)


def reject_expense(expense: Expense, *, by: User, reason: str) -> Expense:
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the expense is rejected.")]})
    _raise_if_long(reason)
    return _decide(expense, by=by, status=ExpenseStatus.REJECTED, reason=reason)


@transaction.atomic
def reverse_expense(expense: Expense, *, by: User, reason: str) -> Expense:
    """Cancel an approved expense with a correcting entry of the opposite amount, at the same rate."""
    if not can_decide_expenses(by, expense.partner.programme_id):
        raise PermissionDenied(_("Only the coordinator reverses expenses."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the expense is reversed.")]})
    _raise_if_long(reason)
    if expense.correcting_entry is not None:
        raise ValidationError(_("This expense is reversed already."))
    if not expense.reversible:
        raise ValidationError(_("Only an approved expense is reversed."))
    _audit_decision(expense, "reversed", by=by)
    return Expense.objects.create(
        partner=expense.partner, spent_on=expense.spent_on, category=expense.category, activity=expense.activity,
        amount=-expense.amount, currency=expense.currency, rate=expense.rate, amount_eur=-expense.amount_eur,
        description=_("Correction of: %(description)s") % {"description": expense.description},
        status=ExpenseStatus.APPROVED, reason=reason.strip(), corrects=expense, submitted_by=by,
        decided_by=by, decided_at=timezone.now(),
    )  # fmt: skip


# -- budget lines -----------------------------------------------------------------------------
@transaction.atomic
def save_budget_lines(
    budget: PartnerBudget, *, amounts: dict[str, object], indirect_rate: object, by: User, version: str | None = None
) -> PartnerBudget:
    """The planned direct costs per category and the indirect flat rate; the total stays the grant's. The budget
    check (`queries.budget_report`) says when the categories and the rate do not give the total; they are saved.

    With `version` (`queries.budget_lines_of(budget).version`, as the page and the API read it), only if the lines
    are still those of that version: else `StaleVersion` with the lines saved now, and nothing is saved, so that two
    coordinators saving the same budget at once do not save over each other. None (the programme file) checks none.
    """
    if not can_decide_expenses(by, budget.partner.programme_id):
        raise PermissionDenied(_("The budget lines are kept by the coordinator."))
    # The budget's row, for the rest of the transaction: a second save of it waits here, then sees this one's lines.
    PartnerBudget.objects.select_for_update().filter(pk=budget.pk).first()
    if version is not None:
        current = budget_lines_of(budget)
        check_version(version, current.version, current)
    errors: dict[str, list[str]] = {}
    parsed = {}
    for category in DIRECT_CATEGORIES:
        parsed[category] = _money(str(amounts.get(category.value) or "0"), category.value, errors)
    rate = _indirect_rate(indirect_rate)
    if rate is None:
        errors["indirect_rate"] = [_("A rate between 0 and 1 with at most four decimals, e.g. 0.07 for 7 %.")]
    if errors:
        raise ValidationError(errors)
    budget.indirect_rate = rate
    budget.save(update_fields=["indirect_rate"])
    for category, amount in parsed.items():
        BudgetLine.objects.update_or_create(budget=budget, category=category.value, defaults={"amount": amount})
    return budget


def _indirect_rate(value: object) -> Decimal | None:
    """A share between 0 and 1 that the column keeps exactly (four decimals): 0.00001 is not rounded to 0."""
    places = PartnerBudget._meta.get_field("indirect_rate").decimal_places
    try:
        rate = Decimal(str(value).strip())
        if not rate.is_finite() or not 0 <= rate <= 1 or rate != rate.quantize(Decimal(10) ** -places):
            return None
    except InvalidOperation:
        return None
    return rate


def save_subsistence_rate(*, country: str, daily_rate: object, by: User) -> SubsistenceRate:
    """Set a host country's daily subsistence rate in euro (the coordinator keeps the table)."""
    if not can_keep_rate_tables(by):
        raise PermissionDenied(_("The rate tables are kept by the coordinator."))
    errors: dict[str, list[str]] = {}
    code = country_code(country)
    if code is None:
        errors["country"] = [_("Not an ISO 3166-1 country code.")]
    rate = _money(str(daily_rate), "daily_rate", errors)
    if rate is not None and rate > largest_kept(SubsistenceRate, "daily_rate"):
        errors["daily_rate"] = [_("At most %(largest)s euro a day.") % {
            "largest": largest_kept(SubsistenceRate, "daily_rate")}]  # fmt: skip
    if errors:
        raise ValidationError(errors)
    saved, _created = SubsistenceRate.objects.update_or_create(country=code, defaults={"daily_rate": rate})
    return saved
