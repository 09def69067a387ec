from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from values.activities.enums import FeedKind, SessionKind
from values.activities.models import MAX_PLACES, MINUTES_MAX_CHARS, OUTCOMES_MAX_CHARS, Activity, Session
from values.activities.queries import people_to_nominate, practices_to_show
from values.activities.services import (
    INVITABLE_ROLES,
    NAME_MAX_CHARS,
    create_calendar_feed,
    invite_participant,
    nominate_participant,
    record_attendance,
    record_minutes,
    save_session,
    update_activity_details,
)
from values.core.forms import ServiceForm, ServiceMixin
from values.core.templatetags.values_tags import person
from values.core.text import pick
from values.knowledge.models import Practice
from values.network.models import Organisation, User
from values.programme.models import Membership


class ActivityDetailsForm(ServiceMixin, forms.ModelForm):
    capacity = forms.IntegerField(
        label=_("Places per city"),
        min_value=1,
        max_value=MAX_PLACES,
        help_text=_("How many people each city may nominate."),
        error_messages={
            "min_value": _("Places per city: from 1 to %(most)d.") % {"most": MAX_PLACES},
            "max_value": _("Places per city: from 1 to %(most)d.") % {"most": MAX_PLACES},
        },
    )

    class Meta:
        model = Activity
        fields = ["start", "end", "mode", "venue", "video_link", "capacity", "nomination_deadline"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
            "nomination_deadline": forms.DateInput(attrs={"type": "date"}),
        }

    def _post_clean(self) -> None:
        # The service checks and saves; the model's own clean() would apply half the changes.
        pass

    def save(self, commit: bool = True) -> Activity | None:
        return self.call_service(update_activity_details, self.instance, **self.cleaned_data)


class SessionForm(ServiceForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    speakers = forms.CharField(label=_("Speakers"), max_length=500, required=False)
    practice = forms.ModelChoiceField(label=_("Good practice shown"), queryset=Practice.objects.none(), required=False)

    # The service names the moments; the form shows its errors beside the fields people fill in.
    FIELD_OF = {"starts_at": "starts", "ends_at": "ends"}

    def __init__(self, *args, activity: Activity, session: Session | None = None, **kwargs) -> None:
        if session is not None and "initial" not in kwargs:
            local_start = session.starts_at.astimezone(activity.time_zone)
            local_end = session.ends_at.astimezone(activity.time_zone)
            kwargs["initial"] = {
                "kind": session.kind,
                "title": session.title,
                "day": local_start.date(),
                "starts": local_start.time(),
                "ends": local_end.time(),
                "place": session.place,
                "speakers": session.speakers,
                "practice": session.practice_id,
            }
        super().__init__(*args, **kwargs)
        self.activity, self.session = activity, session
        self.fields["practice"].queryset = practices_to_show(activity)
        self.fields["practice"].label_from_instance = lambda p: pick(p.title)
        zone_name = str(activity.time_zone)
        self.fields["starts"].help_text = _("Local time in %(zone)s.") % {"zone": zone_name}

    def save(self) -> Session | None:
        data, zone = self.cleaned_data, self.activity.time_zone
        try:
            return save_session(
                self.activity,
                session=self.session,
                kind=data["kind"],
                title=data["title"],
                starts_at=datetime.combine(data["day"], data["starts"], tzinfo=zone),
                ends_at=datetime.combine(data["day"], data["ends"], tzinfo=zone),
                place=data["place"],
                speakers=data["speakers"],
                practice=data["practice"],
            )
        except ValidationError as problem:
            for field, messages in problem.message_dict.items():
                self.add_error(self.FIELD_OF.get(field, None), messages)
            return None


class NominationForm(ServiceForm):
    membership = forms.ModelChoiceField(label=_("Person"), queryset=Membership.objects.none())

    def __init__(self, *args, activity: Activity, cities, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.activity = activity
        field = self.fields["membership"]
        field.queryset = people_to_nominate(activity, cities)
        field.label_from_instance = lambda m: f"{person(m.user)} ({m.organisation})"

    def save(self, *, by: User, today) -> object:
        membership = self.cleaned_data["membership"]
        try:
            return nominate_participant(
                self.activity, user=membership.user, organisation=membership.organisation, by=by, today=today
            )
        except ValidationError as problem:
            self.add_error("membership", [m for messages in problem.message_dict.values() for m in messages])
            return None


class InvitationForm(ServiceForm):
    """A person with no account yet (or whose account the nominator does not know): invited by e-mail."""

    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_CHARS,
        help_text=_("First and last name."),
        error_messages={"required": _("Name: write the person's name.")},
    )
    email = forms.CharField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput,
        error_messages={"required": _("E-mail address: enter a valid address, such as name@example.org.")},
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(role.value, role.label) for role in INVITABLE_ROLES],
        error_messages={"invalid_choice": _("Role: choose city staff or volunteer leader.")},
    )
    organisation = forms.ModelChoiceField(
        label=_("City"),
        queryset=Organisation.objects.none(),
        error_messages={"invalid_choice": _("City: choose one of the cities you nominate for.")},
    )

    def __init__(self, *args, activity: Activity, cities, **kwargs) -> None:
        super().__init__(*args, prefix="invite", **kwargs)
        self.activity = activity
        self.fields["organisation"].queryset = cities.select_related("city")
        self.fields["organisation"].label_from_instance = lambda o: o.city.name if hasattr(o, "city") else str(o)

    def save(self, *, by: User, today, language: str, site: str) -> object:
        return self.call_service(invite_participant, self.activity, by=by, today=today, language=language,
                                 site=site, **self.cleaned_data)  # fmt: skip


class AttendanceForm(ServiceForm):
    """The ticked participants of the activity's page; any other id is refused, not ignored."""

    present = forms.TypedMultipleChoiceField(label=_("Present"), coerce=int, required=False)

    def __init__(self, *args, activity: Activity, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.fields["present"].choices = [(pk, pk) for pk in activity.participants.values_list("pk", flat=True)]

    def save(self) -> Activity | None:
        return self.call_service(record_attendance, self.activity, present=set(self.cleaned_data["present"]))


class MinutesForm(ServiceForm):
    minutes = forms.CharField(
        label=_("Minutes"), max_length=MINUTES_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    outcomes = forms.CharField(
        label=_("Outcomes for the host city's action plan"),
        max_length=OUTCOMES_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )

    def save(self, activity: Activity) -> Activity | None:
        return self.call_service(record_minutes, activity, **self.cleaned_data)


class FeedForm(ServiceForm):
    """A new calendar address; the markup is the calendar page's own, so errors are shown as messages."""

    kind = forms.ChoiceField(
        label=_("The calendar shows"),
        choices=FeedKind.choices,
        error_messages={
            "required": _("Choose what the calendar shows."),
            "invalid_choice": _("Choose what the calendar shows."),
        },
    )
    organisation = forms.ModelChoiceField(
        label=_("City"),
        queryset=Organisation.objects.all(),
        required=False,
        error_messages={"invalid_choice": _("Choose one of your own cities.")},
    )

    def save(self, programme, *, owner: User):
        return self.call_service(create_calendar_feed, programme, owner=owner, **self.cleaned_data)
