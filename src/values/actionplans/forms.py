from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from values.actionplans.models import Action
from values.actionplans.queries import action_organisations
from values.actionplans.services import MAX_FIGURE, TEXT_LIMITS, add_progress, figure_problem, save_action
from values.core.forms import IdChoicesField, ServiceForm, ServiceMixin
from values.core.text import pick


def figure_field(name: str, label) -> forms.DecimalField:
    """An indicator's figure; every refusal (not a number, NaN, negative, too big) names the field, and so does
    the service's refusal of more than two decimals."""
    message = lazy(figure_problem, str)(name)
    return forms.DecimalField(
        label=label, required=False, min_value=0, max_value=MAX_FIGURE,
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), message),
    )  # fmt: skip


FIELDS = [
    "title",
    "owner",
    "owner_person",
    "partners",
    "start",
    "end",
    "unit",
    "baseline",
    "target",
    "current",
    "status",
]


class ActionForm(ServiceMixin, forms.ModelForm):
    partners = IdChoicesField(
        label=_("Partner organisations"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    baseline = figure_field("baseline", _("Baseline"))
    target = figure_field("target", _("Target"))
    current = figure_field("current", _("Current value"))

    class Meta:
        model = Action
        fields = FIELDS
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organisations = action_organisations(programme)
        for name in ("owner", "partners"):
            self.fields[name].queryset = organisations
            self.fields[name].label_from_instance = lambda o: pick(o.name)

    def _post_clean(self) -> None:
        pass  # the service checks and saves; the model's clean() would apply half the changes

    def save(self, plan, commit: bool = True) -> Action | None:
        data = dict(self.cleaned_data)
        partners = data.pop("partners")
        action = self.instance if self.instance.pk else None
        return self.call_service(save_action, plan, action=action, partners=partners, **data)


class ProgressForm(ServiceForm):
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_LIMITS["note"]})
    )
    value = figure_field("value", _("Indicator value on that day"))

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def save(self, action, *, by) -> object:
        return self.call_service(add_progress, action, by=by, **self.cleaned_data)
