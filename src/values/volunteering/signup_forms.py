"""The forms of a volunteer's own: signing up, asking for their link, changing their details, erasing."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from values.core.forms import IdChoicesField, ServiceForm
from values.core.languages import language_choices
from values.core.text import active_language, pick
from values.network.models import Organisation
from values.programme.models import Programme, Theme
from values.programme.queries import city_partners
from values.volunteering.enums import DayPart
from values.volunteering.forms import WEEKDAYS
from values.volunteering.volunteers import LIMITS, MAX_KM, SLOTS, change_details, consent_statement, sign_up


def _slot_choices() -> list[tuple[str, str]]:
    days, parts = dict(WEEKDAYS), dict(DayPart.choices)
    return [(slot, f"{days[slot.split('-')[0]]} {parts[slot.split('-')[1]]}") for slot in SLOTS]


def _words(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


class _ThemeChoices(IdChoicesField):
    def label_from_instance(self, theme: Theme) -> str:
        return f"{theme.key}. {pick(theme.title)}"


class _CityChoice(forms.ModelChoiceField):
    def label_from_instance(self, city: Organisation) -> str:
        return pick(city.name)


class VolunteerDetailsForm(ServiceForm):
    """What a volunteer tells about themselves: the same on the sign-up and on their page."""

    name = forms.CharField(
        label=_("Name"), max_length=LIMITS["name"], widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    language = forms.ChoiceField(label=_("Language of our e-mails"))
    languages = forms.CharField(
        label=_("Languages you speak"), required=False, max_length=200,
        help_text=_("ISO 639-1 codes separated by commas, such as it, en, ar."),
    )  # fmt: skip
    skills = forms.CharField(
        label=_("Skills"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line, such as cooking, first aid, football coaching."),
    )  # fmt: skip
    availability = forms.MultipleChoiceField(
        label=_("When you are free, week by week"), required=False, widget=forms.CheckboxSelectMultiple
    )
    themes = _ThemeChoices(label=_("Themes you care about"), queryset=None, required=False,
                           widget=forms.CheckboxSelectMultiple)  # fmt: skip
    city = _CityChoice(label=_("City"), queryset=None, required=False, empty_label=_("None of these"))
    area = forms.CharField(
        label=_("Area"), required=False, max_length=LIMITS["area"],
        help_text=_("A postcode, a neighbourhood or a place: to suggest opportunities near you."),
    )  # fmt: skip
    max_km = forms.IntegerField(label=_("How far you will go (km)"), initial=10, min_value=1, max_value=MAX_KM)
    birth_year = forms.IntegerField(
        label=_("Year of birth"), required=False,
        help_text=_("Optional: some opportunities have a minimum age."),
    )  # fmt: skip

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["availability"].choices = _slot_choices()
        self.fields["language"].choices = language_choices([code for code, _name in settings.LANGUAGES])
        self.fields["language"].initial = active_language()  # the mails in the language the page is read in
        self.fields["themes"].queryset = Theme.objects.filter(programme=programme).order_by("key")
        self.fields["city"].queryset = city_partners(programme)

    def details(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"], "language": data["language"], "languages": _words(data["languages"]),
            "skills": [line.strip() for line in data["skills"].splitlines() if line.strip()],
            "availability": data["availability"], "themes": [theme.pk for theme in data["themes"]],
            "city": data["city"].pk if data["city"] else None, "area": data["area"], "max_km": data["max_km"],
            "birth_year": data["birth_year"],
        }  # fmt: skip


class SignUpForm(VolunteerDetailsForm):
    email = forms.EmailField(
        label=_("E-mail"), max_length=LIMITS["email"], widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send a link there: your sign-up counts once you follow it."),
    )  # fmt: skip
    consent = forms.BooleanField(
        label=_("I agree"), error_messages={"required": _("Consent: tick it to sign up; without it we keep nothing.")}
    )
    field_order = ["name", "email"]

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, programme=programme, **kwargs)
        self.fields["consent"].help_text = consent_statement(programme)

    def save(self, *, campaign: str, channel: str, opportunity):
        return self.call_service(
            sign_up, self.programme, email=self.cleaned_data["email"], details=self.details(),
            consent=self.cleaned_data["consent"], campaign=campaign, channel=channel, opportunity=opportunity,
        )  # fmt: skip


class ChangeDetailsForm(VolunteerDetailsForm):
    def __init__(self, *args, volunteer, **kwargs):
        initial = {
            "name": volunteer.name, "language": volunteer.language, "languages": ", ".join(volunteer.languages),
            "skills": "\n".join(volunteer.skills), "availability": volunteer.availability,
            "themes": list(volunteer.themes.values_list("pk", flat=True)), "city": volunteer.city_id,
            "area": volunteer.area, "max_km": volunteer.max_km, "birth_year": volunteer.birth_year,
        }  # fmt: skip
        super().__init__(*args, programme=volunteer.programme, initial=initial, **kwargs)
        self.volunteer = volunteer

    def save(self):
        return self.call_service(change_details, self.volunteer, self.details())


class LinkRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"), max_length=LIMITS["email"], widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, erase my data: my name, address and details go, and my places on coming shifts are freed."),
        error_messages={"required": _("Tick the box to confirm: nothing is erased without it.")},
    )
