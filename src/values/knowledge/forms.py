from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from values.core.text import pick
from values.knowledge.models import LEVELS, BenchmarkStandard
from values.knowledge.services import record_self_assessment

LEVEL_NAMES = {1: _("not started"), 2: _("emerging"), 3: _("established"), 4: _("embedded")}


class SelfAssessmentForm(forms.Form):
    """A score and its evidence for every standard; a standard left without a score is skipped."""

    assessed_on = forms.DateField(label=_("Assessed on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, standards: list[BenchmarkStandard], latest: dict[int, tuple[int, str]], **kwargs) -> None:
        kwargs.setdefault("initial", {"assessed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.standards = standards
        for standard in standards:
            choices = [("", "—"), *((str(level), f"{level}: {pick(standard.levels[str(level)])}") for level in LEVELS)]
            score, evidence = latest.get(standard.pk, (None, ""))
            self.fields[f"score_{standard.key}"] = forms.CharField(
                label=f"{standard.key}. {pick(standard.title)}",
                help_text=pick(standard.statement),
                required=False,
                widget=forms.Select(choices=choices),
                initial=str(score) if score else "",
            )
            self.fields[f"evidence_{standard.key}"] = forms.CharField(
                label=_("Evidence for %(key)s") % {"key": standard.key},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=evidence,
            )

    def save(self, organisation, *, by) -> bool:
        data = self.cleaned_data
        scores = {
            s: (data[f"score_{s.key}"], data[f"evidence_{s.key}"]) for s in self.standards if data[f"score_{s.key}"]
        }
        if not scores:
            self.add_error(None, _("Score at least one standard."))
            return False
        try:
            record_self_assessment(organisation, scores=scores, on=data["assessed_on"], by=by)
        except ValidationError as problem:
            self.add_error(None, problem)
            return False
        return True
