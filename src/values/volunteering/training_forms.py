"""The training pages' forms: a session (its times typed in its city's time), and attendance per seat."""

from datetime import UTC, datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from values.core.forms import IdChoicesField, ServiceForm
from values.core.languages import language_choices
from values.core.text import active_language, pick
from values.knowledge.enums import PracticeStatus
from values.knowledge.queries import practices_of
from values.volunteering.enums import TrainingAudience
from values.volunteering.forms import text_field
from values.volunteering.models import TrainingSession
from values.volunteering.training import TEXT_LIMITS, record_attendance, save_training_session, training_time_zone

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class WallTimeField(forms.DateTimeField):
    """A day and a time as typed, without a time zone (the session's city gives it)."""

    widget = LOCAL

    def to_python(self, value) -> datetime | None:
        with timezone.override(UTC):  # no time is missing in UTC: the wall time comes back as typed
            moment = super().to_python(value)
        return moment.replace(tzinfo=None) if moment is not None else None


def _text(name: str, label, *, rows: int = 0, required: bool = False) -> forms.CharField:
    return text_field(TEXT_LIMITS[name], label, rows=rows, required=required)


class TrainingSessionForm(ServiceForm):
    organisation = forms.ModelChoiceField(label=_("Given by"), queryset=None)
    original_language = forms.ChoiceField(label=_("Language of these texts"))
    title = _text("title", _("Title"), required=True)
    syllabus = _text("syllabus", _("Syllabus"), rows=8)
    syllabus.help_text = _("Markdown: **bold**, *italic*, lists, [links](https://example.org).")
    audience = forms.ChoiceField(label=_("For"), choices=TrainingAudience.choices)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None, required=False)
    practices = IdChoicesField(
        label=_("Good practices"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Published good practices of the programme that the session uses."),
        error_messages={"invalid_choice": _("Good practices: %(value)s is not a published practice of this "
                                            "programme.")},
    )  # fmt: skip
    place = _text("place", _("Place"))
    starts_at = WallTimeField(label=_("Starts"), help_text=_("In the time of the city that gives it."))
    ends_at = WallTimeField(label=_("Ends"))
    places = forms.IntegerField(label=_("Places"), help_text=_("From 1 to 500."))

    def __init__(self, *args, programme, organisations, session: TrainingSession | None = None, **kwargs) -> None:
        if session is not None:
            kwargs.setdefault("initial", _initial(session))
        super().__init__(*args, **kwargs)
        self.programme, self.session = programme, session
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].label_from_instance = lambda organisation: pick(organisation.name)
        self.fields["theme"].queryset = programme.themes.order_by("position")
        self.fields["theme"].label_from_instance = lambda t: f"{t.key}. {pick(t.title)}"
        self.fields["theme"].empty_label = _("No theme")
        # Published ones only: a proposal's title is its organisation's and the coordinator's to read.
        published = practices_of(programme).filter(status=PracticeStatus.PUBLISHED)
        self.fields["practices"].queryset = published.order_by("pk")
        self.fields["practices"].label_from_instance = lambda practice: pick(practice.title)
        languages = list(dict.fromkeys([*(programme.languages or ["en"]), active_language()]))
        if session is not None and session.original_language not in languages:
            languages.append(session.original_language)
        self.fields["original_language"].choices = language_choices(languages)
        self.fields["original_language"].initial = active_language()

    def save(self, *, by):
        data = dict(self.cleaned_data)
        zone = training_time_zone(self.programme, data["organisation"])
        for name in ("starts_at", "ends_at"):
            data[name] = data[name].replace(tzinfo=zone)
        return self.call_service(save_training_session, self.programme, session=self.session, by=by, **data)


def _initial(session: TrainingSession) -> dict:
    language, zone = session.original_language, training_time_zone(session.programme, session.organisation)
    return {
        "organisation": session.organisation_id, "original_language": language,
        "title": session.title.get(language, ""), "syllabus": session.syllabus.get(language, ""),
        "audience": session.audience, "theme": session.theme_id, "practices": [p.pk for p in session.practices.all()],
        "place": session.place, "places": session.places,
        "starts_at": session.starts_at.astimezone(zone).replace(tzinfo=None),
        "ends_at": session.ends_at.astimezone(zone).replace(tzinfo=None),
    }  # fmt: skip


ATTENDED = [("", _("not recorded")), ("yes", _("attended")), ("no", _("did not attend"))]
VALUES = {"": None, "yes": True, "no": False}


class AttendanceForm(ServiceForm):
    """One choice per seat: attended, did not attend, or not recorded."""

    def __init__(self, *args, session: TrainingSession, seats, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.session, self.seats = session, list(seats)
        for seat in self.seats:
            initial = {True: "yes", False: "no"}.get(seat.attended, "")
            self.fields[f"seat_{seat.pk}"] = forms.ChoiceField(
                label=str(seat.volunteer or seat.user), choices=ATTENDED, initial=initial, required=False,
                widget=forms.RadioSelect,
            )  # fmt: skip

    def save(self, *, now=None):
        attended = {seat.pk: VALUES[self.cleaned_data[f"seat_{seat.pk}"]] for seat in self.seats}
        return self.call_service(record_attendance, self.session, attended, now=now)
