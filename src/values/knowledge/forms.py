from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from values.core.text import pick
from values.knowledge.models import LEVELS, BenchmarkStandard
from values.knowledge.services import record_self_assessment, save_standard

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


class StandardForm(forms.Form):
    """A standard's id, theme and texts, one field per language of the programme."""

    key = forms.SlugField(label=_("Id"), max_length=16)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None)

    def __init__(self, *args, programme, standard=None, **kwargs) -> None:
        self.languages = programme.languages or ["en"]
        if standard is not None:
            kwargs.setdefault("initial", _initial(standard, self.languages))
        super().__init__(*args, **kwargs)
        self.programme, self.standard = programme, standard
        self.fields["theme"].queryset = programme.themes.order_by("position")
        self.fields["theme"].label_from_instance = lambda t: f"{t.key}. {pick(t.title)}"
        for code in self.languages:
            self.fields[f"title_{code}"] = forms.CharField(label=_("Title (%(code)s)") % {"code": code}, required=False)
            self.fields[f"statement_{code}"] = forms.CharField(
                label=_("Statement (%(code)s)") % {"code": code},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
        for level in LEVELS:
            for code in self.languages:
                self.fields[f"level_{level}_{code}"] = forms.CharField(
                    label=_("Level %(level)d: %(name)s (%(code)s)")
                    % {"level": level, "name": LEVEL_NAMES[level], "code": code},
                    widget=forms.Textarea(attrs={"rows": 2}),
                    required=False,
                )

    def save(self):
        data = self.cleaned_data
        texts = {name: {c: data[f"{name}_{c}"] for c in self.languages} for name in ("title", "statement")}
        levels = {str(n): {c: data[f"level_{n}_{c}"] for c in self.languages} for n in LEVELS}
        try:
            return save_standard(
                self.programme, standard=self.standard, key=data["key"], theme=data["theme"], levels=levels, **texts
            )
        except ValidationError as problem:
            self.add_error(None, problem)
            return None


def _initial(standard, languages) -> dict:
    initial = {"key": standard.key, "theme": standard.theme_id}
    for code in languages:
        initial[f"title_{code}"] = _text_in(standard.title, code)
        initial[f"statement_{code}"] = _text_in(standard.statement, code)
        for level in LEVELS:
            initial[f"level_{level}_{code}"] = _text_in(standard.levels.get(str(level), ""), code)
    return initial


def _text_in(value, code: str) -> str:
    return value.get(code, "") if isinstance(value, dict) else value
