from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from values.core.forms import ServiceForm
from values.core.templatetags.values_tags import amount, percent
from values.core.text import pick
from values.core.versions import StaleVersion
from values.finance.models import DESCRIPTION_MAX_CHARS, REASON_MAX_CHARS
from values.finance.queries import activity_label, budget_lines_of
from values.finance.services import (
    rate_file_problem,
    read_exchange_rates,
    reject_expense,
    reverse_expense,
    save_budget_lines,
    save_exchange_rates,
    save_subsistence_rate,
    submit_expense,
)
from values.programme.enums import DIRECT_CATEGORIES


class ExpenseForm(ServiceForm):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=None)
    spent_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    category = forms.ChoiceField(label=_("Category"), choices=[(c.value, c.label) for c in DIRECT_CATEGORIES])
    activity = forms.ModelChoiceField(label=_("Visit or exchange"), queryset=None, required=False)
    amount = forms.CharField(label=_("Amount"), max_length=20, help_text=_("With at most two decimals, e.g. 1234.50"))
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="EUR", help_text=_("ISO 4217, e.g. NOK"))
    description = forms.CharField(
        label=_("Description"), max_length=DESCRIPTION_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 3})
    )
    # Not required here: the service asks for it on a new expense, and keeps the stored one on a change.
    receipt = forms.FileField(
        label=_("Receipt"), help_text=_("PDF or image."), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}),
    )  # fmt: skip

    def __init__(self, *args, partners, activities, **kwargs) -> None:
        kwargs.setdefault("initial", {"spent_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.fields["partner"].empty_label = None
        self.fields["partner"].label_from_instance = lambda p: pick(p.organisation.name)
        self.fields["activity"].queryset = activities
        self.fields["activity"].label_from_instance = activity_label

    def save(self, *, by, expense=None):
        data = dict(self.cleaned_data)
        return self.call_service(submit_expense, data.pop("partner"), by=by, expense=expense, **data)


class ReasonForm(ServiceForm):
    reason = forms.CharField(label=_("Reason"), max_length=REASON_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 2}))

    def reject(self, expense, *, by):
        return self.call_service(reject_expense, expense, by=by, reason=self.cleaned_data["reason"])

    def reverse(self, expense, *, by):
        return self.call_service(reverse_expense, expense, by=by, reason=self.cleaned_data["reason"])


class RatesForm(forms.Form):
    file = forms.FileField(
        label=_("Rates (CSV)"), help_text=_("Columns currency, month, rate: units per euro, e.g. NOK,2020-03,11.7235"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )  # fmt: skip

    def save(self) -> int | None:
        upload = self.cleaned_data["file"]
        if too_large := rate_file_problem(upload.size):
            self.add_error("file", too_large)
            return None
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            self.add_error("file", _("The file is not UTF-8 text."))
            return None
        rows, problems = read_exchange_rates(text, today=timezone.localdate())
        if problems:
            self.add_error("file", problems)
            return None
        return save_exchange_rates(rows)


class BudgetLinesForm(ServiceForm):
    indirect_rate = forms.CharField(label=_("Indirect cost rate"), max_length=8, help_text=_("0.07 for 7 %"))
    # The lines' version when the page was opened: a save over another coordinator's later one is refused.
    version = forms.CharField(max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, budget, **kwargs) -> None:
        saved = budget_lines_of(budget)
        initial = {
            "indirect_rate": saved.indirect_rate,
            "version": saved.version,
            **{c.value: saved.lines.get(c.value, "") for c in DIRECT_CATEGORIES},
        }
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.budget = budget
        for category in DIRECT_CATEGORIES:
            self.fields[category.value] = forms.CharField(label=category.label, max_length=20, required=False)
        self.order_fields([*(c.value for c in DIRECT_CATEGORIES), "indirect_rate"])

    def save(self, *, by):
        data = dict(self.cleaned_data)
        rate, version = data.pop("indirect_rate"), data.pop("version")
        try:
            return self.call_service(
                save_budget_lines, self.budget, amounts=data, indirect_rate=rate, by=by, version=version
            )
        except StaleVersion as stale:
            self._saved_meanwhile(stale.current)
            return None

    def _saved_meanwhile(self, current) -> None:
        """Someone saved the lines since the page was opened: say what they saved, and keep what this person typed
        with the new version, so that saving it again is their choice, made knowing the other's figures."""
        planned = "; ".join(
            f"{c.label}: {amount(current.lines[c.value])}" for c in DIRECT_CATEGORIES if c.value in current.lines
        )
        self.add_error(None, gettext(
            "Someone saved this budget since you opened it, and nothing was saved. It now plans %(lines)s, with "
            "indirect costs of %(rate)s. Save again to replace their figures with yours."
        ) % {"lines": planned or "—", "rate": percent(current.indirect_rate)})  # fmt: skip
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = current.version


class SubsistenceForm(ServiceForm):
    country = forms.CharField(label=_("Country"), max_length=2, help_text=_("ISO 3166-1, e.g. IT"))
    daily_rate = forms.CharField(label=_("Daily rate in euro"), max_length=12)

    def save(self, *, by):
        return self.call_service(save_subsistence_rate, by=by, **self.cleaned_data)
