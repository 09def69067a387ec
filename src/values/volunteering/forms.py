from datetime import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from values.core.forms import ServiceForm
from values.core.languages import language_choices
from values.core.text import active_language, pick
from values.network.codes import language_code
from values.programme.queries import city_partners
from values.volunteering.enums import OpportunityKind
from values.volunteering.places import Place, locate
from values.volunteering.services import (
    TEXT_LIMITS,
    add_shift,
    add_weekly_shifts,
    save_opportunity,
)

WITHIN_KM = (2, 5, 10, 25, 50)
WITHIN_KM_DEFAULT = 10
DATE = forms.DateInput(attrs={"type": "date"})
TIME = forms.TimeInput(attrs={"type": "time"})
WEEKDAYS = [
    ("0", _("Monday")), ("1", _("Tuesday")), ("2", _("Wednesday")), ("3", _("Thursday")), ("4", _("Friday")),
    ("5", _("Saturday")), ("6", _("Sunday")),
]  # fmt: skip


def text_field(limit: int, label, *, rows: int = 0, required: bool = False) -> forms.CharField:
    """A text (a text area when it has `rows`) whose limit the browser knows too."""
    attrs = {"maxlength": limit, **({"rows": rows} if rows else {})}
    widget = forms.Textarea(attrs=attrs) if rows else forms.TextInput(attrs=attrs)
    return forms.CharField(label=label, widget=widget, required=required, strip=True)


def _text(name: str, label, *, rows: int = 0, required: bool = False) -> forms.CharField:
    return text_field(TEXT_LIMITS[name], label, rows=rows, required=required)


def _organisation_label(organisation) -> str:
    return pick(organisation.name)


class OpportunityForm(ServiceForm):
    organisation = forms.ModelChoiceField(label=_("Offered by"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=OpportunityKind.choices)
    original_language = forms.ChoiceField(label=_("Language of these texts"))
    title = _text("title", _("Title"), required=True)
    description = _text("description", _("Description"), rows=8)
    description.help_text = _("Markdown: **bold**, *italic*, lists, [links](https://example.org).")
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None)
    city = forms.ModelChoiceField(label=_("City where it happens"), queryset=None)
    neighbourhood = _text("neighbourhood", _("Neighbourhood"))
    latitude = forms.FloatField(label=_("Latitude"), required=False, help_text=_("From -90 to 90; optional."))
    longitude = forms.FloatField(label=_("Longitude"), required=False, help_text=_("From -180 to 180; optional."))
    languages = forms.CharField(
        label=_("Languages wanted"), required=False, max_length=200,
        help_text=_("ISO 639-1 codes separated by commas, such as it, en, ar."),
    )  # fmt: skip
    skills = forms.CharField(
        label=_("Skills"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        help_text=_("One a line."),
    )  # fmt: skip
    places = forms.IntegerField(label=_("Places"), help_text=_("From 1 to 500."))
    minimum_age = forms.IntegerField(label=_("Minimum age"), initial=0, help_text=_("From 0 to 99."))
    vulnerable_people = forms.BooleanField(label=_("Works with minors or vulnerable people"), required=False)
    background_check_seen = forms.BooleanField(
        label=_("The required background check was seen"), required=False,
        help_text=_("Needed before publishing an opportunity with minors or vulnerable people. No document is stored."),
    )  # fmt: skip
    accessibility = _text("accessibility", _("Accessibility"), rows=3)
    start_date = forms.DateField(label=_("From"), widget=DATE)
    end_date = forms.DateField(label=_("Until"), widget=DATE, required=False)

    def __init__(self, *args, programme, organisations, opportunity=None, **kwargs) -> None:
        if opportunity is not None:
            kwargs.setdefault("initial", _initial(opportunity))
        super().__init__(*args, **kwargs)
        self.programme, self.opportunity = programme, opportunity
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].label_from_instance = _organisation_label
        self.fields["city"].queryset = city_partners(programme)
        self.fields["city"].label_from_instance = _organisation_label
        self.fields["theme"].queryset = programme.themes.order_by("position")
        self.fields["theme"].label_from_instance = lambda t: f"{t.key}. {pick(t.title)}"
        languages = list(dict.fromkeys([*(programme.languages or ["en"]), active_language()]))
        if opportunity is not None and opportunity.original_language not in languages:
            languages.append(opportunity.original_language)
        self.fields["original_language"].choices = language_choices(languages)
        self.fields["original_language"].initial = active_language()

    def save(self, *, by):
        data = dict(self.cleaned_data)
        data["languages"] = [code.strip() for code in data["languages"].split(",") if code.strip()]
        data["skills"] = data["skills"].splitlines()
        return self.call_service(save_opportunity, self.programme, opportunity=self.opportunity, by=by, **data)


def _initial(opportunity) -> dict:
    language = opportunity.original_language
    return {
        "organisation": opportunity.organisation_id, "kind": opportunity.kind, "original_language": language,
        "title": opportunity.title.get(language, ""), "description": opportunity.description.get(language, ""),
        "theme": opportunity.theme_id, "city": opportunity.city_id, "neighbourhood": opportunity.neighbourhood,
        "latitude": opportunity.latitude, "longitude": opportunity.longitude,
        "languages": ", ".join(opportunity.languages), "skills": "\n".join(opportunity.skills),
        "places": opportunity.places, "minimum_age": opportunity.minimum_age,
        "vulnerable_people": opportunity.vulnerable_people, "background_check_seen": opportunity.background_check_seen,
        "accessibility": opportunity.accessibility, "start_date": opportunity.start_date,
        "end_date": opportunity.end_date,
    }  # fmt: skip


class ShiftForm(ServiceForm):
    """One shift on one day, its times in the city's time zone."""

    day = forms.DateField(label=_("Day"), widget=DATE)
    starts = forms.TimeField(label=_("Starts"), widget=TIME)
    ends = forms.TimeField(label=_("Ends"), widget=TIME)
    places = forms.IntegerField(label=_("Places"), required=False, help_text=_("Empty: the opportunity's places."))

    def __init__(self, *args, opportunity, **kwargs) -> None:
        super().__init__(*args, prefix="one", **kwargs)
        self.opportunity = opportunity

    def save(self):
        data, zone = self.cleaned_data, self.opportunity.time_zone
        starts_at = datetime.combine(data["day"], data["starts"], tzinfo=zone)
        ends_at = datetime.combine(data["day"], data["ends"], tzinfo=zone)
        return self.call_service(
            add_shift, self.opportunity, starts_at=starts_at, ends_at=ends_at, places=data["places"]
        )


class WeeklyShiftsForm(ServiceForm):
    """A shift every week on one day, between two dates."""

    weekday = forms.TypedChoiceField(label=_("Day of the week"), choices=WEEKDAYS, coerce=int)
    starts = forms.TimeField(label=_("Starts"), widget=TIME)
    ends = forms.TimeField(label=_("Ends"), widget=TIME)
    first_date = forms.DateField(label=_("First date"), widget=DATE)
    last_date = forms.DateField(label=_("Last date"), widget=DATE)
    places = forms.IntegerField(label=_("Places"), required=False, help_text=_("Empty: the opportunity's places."))

    def __init__(self, *args, opportunity, **kwargs) -> None:
        super().__init__(*args, prefix="weekly", **kwargs)
        self.opportunity = opportunity

    def save(self):
        return self.call_service(add_weekly_shifts, self.opportunity, **self.cleaned_data)


class OpportunityFilterForm(forms.Form):
    """The list's filters, each optional; a value that names nothing is refused with its field."""

    city = forms.ModelChoiceField(label=_("City"), queryset=None, required=False, to_field_name="key")
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None, required=False, to_field_name="key")
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *OpportunityKind.choices], required=False)
    language = forms.CharField(
        label=_("Language"), required=False, max_length=2, help_text=_("An ISO 639-1 code, such as it or ar.")
    )
    on = forms.DateField(label=_("On"), required=False, widget=DATE)
    # The distance filter (issue #15, finding them: places).
    near = forms.CharField(
        label=_("Near"), required=False, max_length=100,
        help_text=_("A partner city, a neighbourhood or a postcode."),
    )  # fmt: skip
    within = forms.TypedChoiceField(
        label=_("Within"), required=False, coerce=int, empty_value=WITHIN_KM_DEFAULT, initial=WITHIN_KM_DEFAULT,
        choices=[(km, f"{km} km") for km in WITHIN_KM],  # a unit symbol, the same in every language
    )  # fmt: skip

    def __init__(self, *args, programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["city"].queryset = city_partners(programme)
        self.fields["city"].label_from_instance = _organisation_label
        self.fields["city"].empty_label = "—"
        self.fields["theme"].queryset = programme.themes.order_by("position")
        self.fields["theme"].label_from_instance = lambda t: f"{t.key}. {pick(t.title)}"
        self.fields["theme"].empty_label = "—"

    def clean_language(self) -> str:
        value = self.cleaned_data["language"].strip()
        if value and language_code(value) is None:
            raise forms.ValidationError(_("Language: an ISO 639-1 code, such as it or ar."))
        return language_code(value) or ""

    def clean_near(self) -> Place | None:
        text = self.cleaned_data["near"].strip()
        if not text:
            return None
        place = locate(text, self.programme)
        if place is None:
            raise forms.ValidationError(
                _("We do not know the place “%(place)s”: try a partner city, a neighbourhood or a postcode."),
                params={"place": text},
            )
        return place

    def criteria(self) -> dict:
        """The valid filters as `filter_opportunities` takes them."""
        data = dict(self.cleaned_data)
        place, within = data.pop("near"), data.pop("within")
        return data | ({"near": (place.latitude, place.longitude), "within_km": within} if place else {})
