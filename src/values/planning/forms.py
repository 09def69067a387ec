from django import forms
from django.utils.translation import gettext_lazy as _

from values.core.text import pick
from values.network.models import Organisation
from values.planning.enums import PlanRuleKind
from values.planning.models import PlanRule
from values.planning.queries import rule_cities, rule_themes
from values.planning.services import PlanRuleError, add_plan_rule
from values.programme.models import Programme, Theme


class PlanRunForm(forms.Form):
    seed = forms.IntegerField(label=_("Seed"), min_value=0, max_value=2**31 - 1, initial=0)
    time_limit = forms.IntegerField(
        label=_("Time limit (seconds)"),
        min_value=1,
        max_value=600,
        initial=10,
        help_text=_("The planner stops searching after this; small programmes finish at once."),
    )


class PlanRuleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Rule"), choices=PlanRuleKind.choices)
    city = forms.ModelChoiceField(label=_("City"), queryset=Organisation.objects.none())
    other_city = forms.ModelChoiceField(
        label=_("Second city"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("For every rule but a pin."),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.none(), required=False, help_text=_("For a pin.")
    )

    def __init__(self, *args, programme: Programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        for name in ("city", "other_city"):
            self.fields[name].queryset = rule_cities(programme)
            self.fields[name].label_from_instance = lambda o: o.city.name if hasattr(o, "city") else pick(o.name)
        self.fields["theme"].queryset = rule_themes(programme)
        self.fields["theme"].label_from_instance = lambda t: f"{t.key}. {pick(t.title)}"

    def save(self) -> PlanRule | None:
        """The rule, or None with the error added to the field it concerns."""
        data = self.cleaned_data
        try:
            return add_plan_rule(
                self.programme, kind=data["kind"], city=data["city"], other_city=data["other_city"], theme=data["theme"]
            )
        except PlanRuleError as problem:
            self.add_error(problem.field, str(problem))
            return None
