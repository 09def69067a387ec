"""The amendment form: what is asked of the funder, a new duration and up to five budget moves."""

from django import forms
from django.utils.translation import gettext_lazy as _

from values.amendments.changes import BUDGET_MOVE, DURATION, MAX_MONTHS
from values.amendments.models import REASON_MAX_CHARS
from values.core.text import pick
from values.programme.enums import DIRECT_CATEGORIES
from values.programme.models import Programme

MOVES = 5  # rows of the form; an amendment with more moves is recorded as two


class AmendmentForm(forms.Form):
    requested_on = forms.DateField(label=_("Requested on"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}), max_length=REASON_MAX_CHARS)
    funder_reference = forms.CharField(
        label=_("Funder's reference"), required=False, max_length=100,
        help_text=_("The number the funder gave the request, if any."),
    )  # fmt: skip
    months = forms.IntegerField(
        label=_("New duration in months"), required=False, min_value=1, max_value=MAX_MONTHS,
        help_text=_("Leave empty to keep the end date."),
    )  # fmt: skip

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        partners = [("", "—")] + [
            (key, pick(name))
            for key, name in programme.partners.filter(budget__isnull=False)
            .order_by("position")
            .values_list("organisation__key", "organisation__name")
        ]
        categories = [("", "—")] + [(category.value, category.label) for category in DIRECT_CATEGORIES]
        for row in range(1, MOVES + 1):
            self.fields[f"move{row}_from"] = forms.ChoiceField(
                label=_("Move %(row)d: from partner") % {"row": row}, choices=partners, required=False
            )
            self.fields[f"move{row}_from_category"] = forms.ChoiceField(
                label=_("Move %(row)d: from category") % {"row": row}, choices=categories, required=False
            )
            self.fields[f"move{row}_to"] = forms.ChoiceField(
                label=_("Move %(row)d: to partner") % {"row": row}, choices=partners, required=False
            )
            self.fields[f"move{row}_to_category"] = forms.ChoiceField(
                label=_("Move %(row)d: to category") % {"row": row}, choices=categories, required=False
            )
            self.fields[f"move{row}_amount"] = forms.DecimalField(
                label=_("Move %(row)d: amount in euro") % {"row": row}, required=False, min_value=0,
                max_digits=14, decimal_places=2)  # fmt: skip
        self.rows: list[str] = []  # the field each change came from, in the order of `changes`

    def move_rows(self) -> list[list[forms.BoundField]]:
        """The move fields row by row, for the page's fieldsets."""
        parts = ("from", "from_category", "to", "to_category", "amount")
        return [[self[f"move{row}_{part}"] for part in parts] for row in range(1, MOVES + 1)]

    def changes(self) -> list[dict]:
        """The changes the form gives, as the service reads them; `rows` names the field of each."""
        data, changes, self.rows = self.cleaned_data, [], []
        if data.get("months"):
            changes.append({"kind": DURATION, "months": data["months"]})
            self.rows.append("months")
        for row in range(1, MOVES + 1):
            names = [f"move{row}_{part}" for part in ("from", "from_category", "to", "to_category", "amount")]
            values = [data.get(name) for name in names]
            if all(value in (None, "") for value in values):
                continue
            giver, giving, taker, taking, amount = values
            changes.append({
                "kind": BUDGET_MOVE, "from": {"partner": giver, "category": giving},
                "to": {"partner": taker, "category": taking}, "amount": "" if amount is None else f"{amount:.2f}",
            })  # fmt: skip
            self.rows.append(f"move{row}")
        return changes

    def add_change_errors(self, errors: dict[str, list[str]]) -> None:
        """The service's refusals (`changes[1].from.partner`) on the form's fields (`move1_from`)."""
        for key, messages in errors.items():
            field = None
            if key.startswith("changes[") and "]" in key:
                index, _dot, part = key[len("changes[") :].partition("].")
                row = self.rows[int(index)]
                field = row if row == "months" else f"{row}_{_MOVE_PARTS.get(part, 'amount')}"
            elif key in self.fields:
                field = key
            for message in messages:
                self.add_error(field, message)


_MOVE_PARTS = {"from.partner": "from", "from.category": "from_category", "to.partner": "to",
               "to.category": "to_category", "amount": "amount", "kind": "amount"}  # fmt: skip


class DecisionForm(forms.Form):
    decided_on = forms.DateField(label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), required=False, max_length=REASON_MAX_CHARS,
                           widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
