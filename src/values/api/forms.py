from django import forms
from django.utils.translation import gettext_lazy as _

from values.api.enums import TokenScope
from values.api.services import MAX_TOKEN_DAYS, create_token
from values.core.forms import ServiceForm


class TokenForm(ServiceForm):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, such as a system's name.")
    )
    scope = forms.ChoiceField(label=_("What it may do"), choices=TokenScope.choices, initial=TokenScope.READ,
                              widget=forms.RadioSelect)  # fmt: skip
    days = forms.IntegerField(label=_("Days it lasts"), min_value=1, max_value=MAX_TOKEN_DAYS, initial=90)

    def save(self, user):
        return self.call_service(create_token, user, **self.cleaned_data)
