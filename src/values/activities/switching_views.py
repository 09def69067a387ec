"""The coordinator's page that switches many activities to another mode: choose, preview, confirm (switching.py)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from values.activities.enums import Mode
from values.activities.queries import calendar_title, city_name
from values.activities.switching import StaleVersion, SwitchPlan, preview_switch, switch_mode
from values.core.forms import ServiceForm
from values.programme.queries import city_partners, themes_of


class CityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return city_name(obj)


class SwitchForm(ServiceForm):
    mode = forms.ChoiceField(label=gettext_lazy("Switch to"), choices=Mode.choices, widget=forms.RadioSelect)
    first_day = forms.DateField(
        label=gettext_lazy("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Activities that start on this day or later…"),
    )
    last_day = forms.DateField(
        label=gettext_lazy("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("…up to this day included."),
    )
    theme = forms.ModelChoiceField(
        label=gettext_lazy("Theme"), queryset=None, required=False, empty_label=gettext_lazy("Every theme")
    )
    city = CityChoiceField(
        label=gettext_lazy("City"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Every city"),
        help_text=gettext_lazy("What it hosts, and the exchanges it visits."),
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["theme"].queryset = themes_of(programme)
        self.fields["city"].queryset = city_partners(programme)

    def choice(self) -> dict:
        """What the services take from the form: the mode, the period and the filters."""
        return {key: self.cleaned_data[key] for key in ("mode", "first_day", "last_day", "theme", "city")}

    def preview(self) -> SwitchPlan | None:
        return self.call_service(preview_switch, self.programme, **self.choice())

    def save(self, *, by, site: str) -> SwitchPlan | None:
        """Switch what the preview showed: a confirmation names the preview's version (none: nothing seen yet)."""
        version = self.cleaned_data["version"]
        if not version:
            self.add_error(None, _("Look at what would change first, then confirm the switch."))
            return None
        return self.call_service(switch_mode, self.programme, **self.choice(), by=by, version=version, site=site)


@login_required
@require_http_methods(["GET", "POST"])
def switch_page(request: HttpRequest) -> HttpResponse:
    """GET: the choice, and with it its preview; POST: the confirmation of what the preview showed."""
    if not request.access.coordinate:
        raise PermissionDenied
    programme = request.programme
    if request.method == "GET":
        form = SwitchForm(request.GET or None, programme=programme)
        plan = form.preview() if form.is_bound and form.is_valid() else None
        return _page(request, form, plan, status=400 if form.errors else 200)
    form = SwitchForm(request.POST, programme=programme)
    try:
        plan = form.save(by=request.user, site=f"{request.scheme}://{request.get_host()}") if form.is_valid() else None
    except StaleVersion as stale:
        # Never switch what the coordinator did not see: show what a switch would do now.
        messages.warning(
            request, _("The activities changed since the preview; nothing was switched. Here is the new one.")
        )
        return _page(request, form, stale.current, status=409)
    if plan is None:
        return _page(request, form, None, status=400)
    messages.success(request, _switched_text(plan))
    return redirect("calendar")


def _switched_text(plan: SwitchPlan) -> str:
    count, mode = len(plan.to_switch), Mode(plan.mode).label
    text = ngettext(
        "%(count)d activity is now %(mode)s; its participants are told by e-mail.",
        "%(count)d activities are now %(mode)s; their participants are told by e-mail.",
        count,
    ) % {"count": count, "mode": mode}
    if plan.mode == Mode.IN_PERSON:
        return text + " " + _("Their host cities are asked to check the venues.")
    return text + " " + _("Their host cities are asked for the video links.")


def _page(request: HttpRequest, form: SwitchForm, plan: SwitchPlan | None, *, status: int) -> HttpResponse:
    context = {"form": form, "plan": plan}
    if plan is not None:
        context["switched"] = [(activity, calendar_title(activity)) for activity in plan.to_switch]
        context["kept"] = [(kept.activity, calendar_title(kept.activity), kept.reason) for kept in plan.kept]
        context["mode_label"] = Mode(plan.mode).label
    return render(request, "activities/switch.html", context, status=status)
