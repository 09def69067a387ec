"""The forms of shifts and hours: a volunteer's hours (a day and two times in the city's time) and the
organisation's decision on them."""

from datetime import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from values.core.forms import ServiceForm
from values.volunteering.enums import HoursStatus
from values.volunteering.hours import MAX_MINUTES, NOTE_LIMIT, booked_shifts, decide_hours, log_hours

DATE = forms.DateInput(attrs={"type": "date"})
TIME = forms.TimeInput(attrs={"type": "time"})
DECISIONS = [("approve", _("Approve")), ("correct", _("Approve other minutes")), ("reject", _("Reject"))]


class HoursForm(ServiceForm):
    """Hours given on one day, from one time to another in the opportunity's city's time."""

    day = forms.DateField(label=_("Day"), widget=DATE)
    starts = forms.TimeField(label=_("From"), widget=TIME)
    ends = forms.TimeField(label=_("Until"), widget=TIME)
    shift = forms.ModelChoiceField(label=_("Shift"), queryset=None, required=False, empty_label="—")
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE_LIMIT,
                           widget=forms.Textarea(attrs={"rows": 2, "maxlength": NOTE_LIMIT}))  # fmt: skip

    def __init__(self, *args, opportunity, volunteer, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.opportunity, self.volunteer = opportunity, volunteer
        zone = opportunity.time_zone
        self.fields["shift"].queryset = booked_shifts(volunteer, opportunity)
        self.fields["shift"].label_from_instance = lambda shift: (
            f"{shift.starts_at.astimezone(zone):%Y-%m-%d %H:%M}–{shift.ends_at.astimezone(zone):%H:%M}"
        )
        self.fields["starts"].help_text = _("In %(zone)s time.") % {"zone": zone.key}

    def save(self):
        data, zone = self.cleaned_data, self.opportunity.time_zone
        return self.call_service(
            log_hours, self.opportunity, volunteer=self.volunteer, shift=data["shift"], note=data["note"],
            starts_at=datetime.combine(data["day"], data["starts"], tzinfo=zone),
            ends_at=datetime.combine(data["day"], data["ends"], tzinfo=zone),
        )  # fmt: skip


class DecisionForm(ServiceForm):
    """The organisation's decision on one entry, with the status the page showed (to notice another's)."""

    entry = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    seen_status = forms.ChoiceField(widget=forms.HiddenInput, choices=HoursStatus.choices)
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    approved_minutes = forms.IntegerField(
        label=_("Minutes approved"), required=False, min_value=0, max_value=MAX_MINUTES,
        help_text=_("Only to approve other minutes than logged; more than logged needs a note."),
    )  # fmt: skip
    decision_note = forms.CharField(label=_("Note"), required=False, max_length=NOTE_LIMIT)

    def __init__(self, *args, entries, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.entries = entries

    def clean_entry(self):
        entry = self.entries.filter(pk=self.cleaned_data["entry"]).first()
        if entry is None:
            raise forms.ValidationError(_("Entry: one of this opportunity's hours."))
        return entry

    def save(self, *, by):
        data = self.cleaned_data
        return self.call_service(
            decide_hours, data["entry"], decision=data["decision"], seen_status=data["seen_status"], by=by,
            approved_minutes=data["approved_minutes"], decision_note=data["decision_note"],
        )  # fmt: skip
