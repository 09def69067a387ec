from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from values.actionplans.models import Action
from values.actionplans.services import add_progress, save_action
from values.core.forms import ServiceForm, ServiceMixin
from values.core.text import pick
from values.network.models import Organisation

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
    class Meta:
        model = Action
        fields = FIELDS
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
            "partners": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(partnerships__programme=programme).order_by("key")
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
    note = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}))
    value = forms.DecimalField(label=_("Indicator value on that day"), required=False, max_digits=12, decimal_places=2)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def save(self, action, *, by) -> object:
        return self.call_service(add_progress, action, by=by, **self.cleaned_data)
