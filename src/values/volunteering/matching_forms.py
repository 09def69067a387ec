"""The forms of the matching pages: a decision on an application, the city to match, the lines of a matching."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from values.core.http import posted_id
from values.network.models import Organisation
from values.volunteering.enums import CommitmentStatus
from values.volunteering.models import Opportunity

MAX_LINES = 20_000


class DecisionForm(forms.Form):
    """Accept or decline one applicant; `seen` is the status the page showed, so that a later decision by
    someone else is not overwritten."""

    commitment = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Applicant"))
    decision = forms.ChoiceField(
        choices=[("accept", gettext_lazy("accept")), ("decline", gettext_lazy("decline"))],
        label=gettext_lazy("Decision"),
    )
    seen = forms.ChoiceField(choices=CommitmentStatus.choices, label=gettext_lazy("Status seen"))

    def __init__(self, *args, opportunity: Opportunity, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commitment"].queryset = opportunity.commitments.all()


class CityForm(forms.Form):
    city = forms.ModelChoiceField(queryset=None, to_field_name="key", label=gettext_lazy("City"), empty_label=None)

    def __init__(self, *args, cities: QuerySet[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities


def chosen_lines(data: QueryDict) -> dict[int, int | None]:
    """The lines of a matching as sent: each `volunteer` id with its `line-<id>` choice (an opportunity id, or
    empty for none). Anything malformed is a ValidationError naming the line."""
    volunteers = data.getlist("volunteer")
    if len(volunteers) > MAX_LINES:
        raise ValidationError({"volunteer": [_("Volunteers: at most %(count)d lines.") % {"count": MAX_LINES}]})
    lines: dict[int, int | None] = {}
    for text in volunteers:
        volunteer = posted_id(text)
        if volunteer is None:
            raise ValidationError({"volunteer": [_("Volunteer: %(value)s is not a volunteer's number.") % {
                "value": text[:20]}]})  # fmt: skip
        choice = data.get(f"line-{volunteer}", "")
        opportunity = posted_id(choice)
        if choice and opportunity is None:
            raise ValidationError({f"line-{volunteer}": [_("Opportunity for volunteer %(number)d: %(value)s is not "
                                                           "an opportunity's number.") % {
                "number": volunteer, "value": choice[:20]}]})  # fmt: skip
        lines[volunteer] = opportunity
    return lines
