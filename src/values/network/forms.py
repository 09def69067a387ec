from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.http import HttpRequest
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from values.core.http import client_address
from values.core.text import pick
from values.network.codes import country_code, language_code
from values.network.enums import AuditAction
from values.network.models import Organisation, Person
from values.network.services import record_audit
from values.network.tasks import send_email
from values.network.throttle import password_reset_allowed, sign_in_wait


class OrganisationForm(forms.Form):
    """An organisation's name (one field per programme language), country and city."""

    country = forms.CharField(label=_("Country code"), max_length=2, help_text=_("ISO 3166-1, e.g. IT"))
    city_name = forms.CharField(label=_("City"), max_length=200, required=False)
    lat = forms.DecimalField(label=_("Latitude"), min_value=-90, max_value=90, decimal_places=6, required=False)
    lon = forms.DecimalField(label=_("Longitude"), min_value=-180, max_value=180, decimal_places=6, required=False)
    city_languages = forms.CharField(
        label=_("Languages of the city"),
        required=False,
        help_text=_("ISO 639-1 codes separated by commas, e.g. it, en"),
    )

    def __init__(self, data: Any = None, *, organisation: Organisation, languages: list[str]) -> None:
        self.organisation = organisation
        self.languages = languages
        super().__init__(data, initial=self._initial())
        for position, code in enumerate(languages):
            field = forms.CharField(label=_("Name (%(language)s)") % {"language": code}, max_length=200)
            field.required = position == 0
            self.fields[f"name_{code}"] = field
            self.order_fields([f"name_{c}" for c in languages])
        if not organisation.is_city:
            for name in ("city_name", "lat", "lon", "city_languages"):
                del self.fields[name]
        else:
            for name in ("city_name", "lat", "lon"):
                self.fields[name].required = True

    def _initial(self) -> dict[str, Any]:
        organisation = self.organisation
        initial: dict[str, Any] = {f"name_{code}": pick(organisation.name, code) for code in self.languages}
        initial["country"] = organisation.country
        city = getattr(organisation, "city", None)
        if city is not None:
            initial.update(city_name=city.name, lat=city.lat, lon=city.lon, city_languages=", ".join(city.languages))
        return initial

    def clean_country(self) -> str:
        code = country_code(self.cleaned_data["country"].strip())
        if code is None:
            raise forms.ValidationError(_("Enter an ISO 3166-1 alpha-2 country code, e.g. IT."))
        return code

    def clean_city_languages(self) -> list[str]:
        raw = [item.strip() for item in self.cleaned_data["city_languages"].split(",") if item.strip()]
        unknown = [item for item in raw if language_code(item) is None]
        if unknown:
            raise forms.ValidationError(_("Not ISO 639-1 language codes: %(codes)s.") % {"codes": ", ".join(unknown)})
        return [language_code(item) for item in raw]  # type: ignore[misc]

    def cleaned_changes(self) -> dict[str, Any]:
        """The keyword arguments of `update_organisation` that this form gives."""
        data = self.cleaned_data
        names = {code: data[f"name_{code}"].strip() for code in self.languages if data.get(f"name_{code}", "").strip()}
        changes: dict[str, Any] = {"name": _merge_names(self.organisation.name, names), "country": data["country"]}
        if self.organisation.is_city:
            changes["city"] = {
                "name": data["city_name"],
                "lat": data["lat"],
                "lon": data["lon"],
                "languages": data["city_languages"],
            }
        return changes


def _merge_names(current: str | dict[str, str], edited: dict[str, str]) -> str | dict[str, str]:
    """Keep translations in languages the form does not show; a single name stays a plain text."""
    if isinstance(current, str) and len(set(edited.values())) == 1:
        return next(iter(edited.values()))
    merged = {} if isinstance(current, str) else dict(current)
    merged.update(edited)
    return merged


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "role", "email"]


class _PeopleFormSet(forms.BaseInlineFormSet):
    def cleaned_people(self) -> list[dict[str, Any]]:
        """The contacts to keep, in order, with what the form does not edit (their office)."""
        people = []
        for form in self.forms:
            if not form.has_changed() and form.instance.pk is None:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            data = form.cleaned_data
            people.append(
                {"name": data["name"], "role": data["role"], "email": data["email"], "unit": form.instance.unit}
            )
        return people


PeopleFormSet = inlineformset_factory(
    Organisation, Person, form=PersonForm, formset=_PeopleFormSet, extra=1, can_delete=True
)


class SignInForm(AuthenticationForm):
    """Django's sign-in form, which says so when the throttle refuses (the password is then not checked)."""

    throttled = False

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except ValidationError:
            wait = sign_in_wait(self.cleaned_data.get("username") or "", client_address(self.request))
            if wait is None:
                raise
            self.throttled = True
            minutes = max(1, round(wait.total_seconds() / 60))
            raise ValidationError(
                ngettext(
                    "Too many failed sign-ins. Try again in %(minutes)d minute, or reset your password.",
                    "Too many failed sign-ins. Try again in %(minutes)d minutes, or reset your password.",
                    minutes,
                )
                % {"minutes": minutes},
                code="throttled",
            ) from None


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )


class QueuedPasswordResetForm(PasswordResetForm):
    """Sends the reset e-mail from the background worker, so the page answers at once.

    Mails are limited per e-mail address and per requesting address (`throttle`); past the limit
    nothing is sent and the page says the same as always, so it never tells who has an account.
    """

    def save(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        email = self.cleaned_data["email"].strip().lower()
        address = client_address(request) if request is not None else None
        if not password_reset_allowed(email, address):
            record_audit(AuditAction.PASSWORD_RESET_THROTTLED, actor_name="", target=email, address=address)
            return
        record_audit(AuditAction.PASSWORD_RESET_REQUESTED, actor_name="", target=email, address=address)
        super().save(*args, request=request, **kwargs)

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_email.enqueue(subject=subject, body=body, to=[to_email])
