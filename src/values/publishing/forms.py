from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from values.core.forms import ServiceForm
from values.core.text import pick
from values.knowledge.enums import PracticeStatus
from values.knowledge.models import PracticeVideo
from values.publishing.enums import AssetKind, ChannelKind
from values.publishing.infographics import TITLES, infographic_keys
from values.publishing.services import (
    MAX_COUNT,
    TEXT_LIMITS,
    add_asset,
    add_channel,
    add_message,
    count_problem,
    record_reach,
    save_campaign,
)


def count_field(name: str, label, *, required: bool = True) -> forms.IntegerField:
    """A count of people from 0 to MAX_COUNT; every refusal (not a number, negative, too big) names the field."""
    message = lazy(count_problem, str)(name)
    return forms.IntegerField(
        label=label, min_value=0, max_value=MAX_COUNT, required=required,
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), message),
    )  # fmt: skip


class TranslatedFieldsMixin:
    """One field per language of the programme for each translatable text; gathered back into {code: text}."""

    def add_translated(self, name: str, label, *, rows: int = 0, required_hint: bool = False) -> None:
        attrs = {"maxlength": TEXT_LIMITS[name]}  # the browser's bound; the service names a longer text's field
        for code in self.languages:
            widget = forms.Textarea(attrs={"rows": rows, **attrs}) if rows else forms.TextInput(attrs=attrs)
            self.fields[f"{name}_{code}"] = forms.CharField(
                label=_("%(label)s (%(code)s)") % {"label": label, "code": code}, required=False, widget=widget
            )

    def translated(self, name: str) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"{name}_{code}", "") for code in self.languages}

    def translated_initial(self, name: str, value) -> dict[str, str]:
        value = value if isinstance(value, dict) else {}
        return {f"{name}_{code}": value.get(code, "") for code in self.languages}


class CampaignForm(TranslatedFieldsMixin, ServiceForm):
    key = forms.SlugField(
        label=_("Address"), max_length=50, help_text=_("Letters, digits and hyphens, e.g. volunteer-2020")
    )
    starts_on = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    volunteer_url = forms.URLField(label=_("Where to sign up"), required=False, assume_scheme="https")
    published = forms.BooleanField(
        label=_("Public"), required=False, help_text=_("Show the campaign page to everyone.")
    )

    def __init__(self, *args, programme, campaign=None, by=None, **kwargs) -> None:
        self.languages, self.programme, self.campaign, self.by = programme.languages or ["en"], programme, campaign, by
        if campaign is not None:
            initial = {name: getattr(campaign, name) for name in ("key", "starts_on", "ends_on", "volunteer_url")}
            initial["published"] = campaign.published
            for name in ("title", "call_to_action", "pitch"):
                initial.update(self.translated_initial(name, getattr(campaign, name)))
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.add_translated("title", _("Title"))
        self.add_translated("call_to_action", _("Call to action"), rows=2)
        self.add_translated("pitch", _("Pitch (Markdown)"), rows=4)

    def save(self):
        data = {name: self.cleaned_data[name] for name in ("key", "starts_on", "ends_on", "volunteer_url", "published")}
        texts = {name: self.translated(name) for name in ("title", "call_to_action", "pitch")}
        return self.call_service(save_campaign, self.programme, campaign=self.campaign, by=self.by, **data, **texts)


class MessageForm(TranslatedFieldsMixin, ServiceForm):
    audience = forms.CharField(label=_("Audience"), max_length=100, help_text=_("e.g. students, retired people"))

    def __init__(self, *args, campaign, **kwargs) -> None:
        self.languages, self.campaign = campaign.programme.languages or ["en"], campaign
        super().__init__(*args, **kwargs)
        self.add_translated("text", _("Message"), rows=2)

    def save(self):
        return self.call_service(
            add_message, self.campaign, audience=self.cleaned_data["audience"], text=self.translated("text")
        )


class ChannelForm(ServiceForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ChannelKind.choices)
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("e.g. Cesena on Instagram"))
    organisation = forms.ModelChoiceField(label=_("Run by"), queryset=None, required=False)
    url = forms.URLField(label=_("Address"), required=False, assume_scheme="https")
    target_reach = count_field("target_reach", _("Target reach"), required=False)

    def __init__(self, *args, campaign, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        field = self.fields["organisation"]
        field.queryset = (
            type(campaign.programme.partners.first().organisation)
            .objects.filter(partnerships__programme=campaign.programme)
            .order_by("key")
        )
        field.label_from_instance = lambda organisation: pick(organisation.name)
        field.empty_label = _("the coordinator")

    def save(self):
        return self.call_service(add_channel, self.campaign, **self.cleaned_data)


class AssetForm(TranslatedFieldsMixin, ServiceForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=AssetKind.choices)
    infographic = forms.ChoiceField(label=_("Infographic"), required=False)
    video = forms.ModelChoiceField(label=_("Video"), queryset=None, required=False)
    file = forms.FileField(label=_("Kit file"), required=False, help_text=_("PDF, image or ZIP."))

    def __init__(self, *args, campaign, **kwargs) -> None:
        self.languages, self.campaign = campaign.programme.languages or ["en"], campaign
        super().__init__(*args, **kwargs)
        self.add_translated("title", _("Title"))
        keys = infographic_keys(with_budgets=False)
        self.fields["infographic"].choices = [("", "—")] + [(key, TITLES[key]) for key in keys]
        self.fields["video"].queryset = PracticeVideo.objects.filter(
            practice__programme=campaign.programme, practice__status=PracticeStatus.PUBLISHED
        ).exclude(captions="")
        self.fields["video"].label_from_instance = lambda video: f"{pick(video.practice.title)}: {pick(video.title)}"

    def save(self):
        data = self.cleaned_data
        return self.call_service(
            add_asset, self.campaign, kind=data["kind"], title=self.translated("title"),
            infographic=data["infographic"], video=data["video"], file=data["file"],
        )  # fmt: skip


class ReachForm(ServiceForm):
    channel = forms.ModelChoiceField(label=_("Channel"), queryset=None)
    month = forms.DateField(
        label=_("Month"), input_formats=["%Y-%m"], widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("Year and month, e.g. 2020-03"),
    )  # fmt: skip
    reach = count_field("reach", _("People reached"))
    engagements = count_field("engagements", _("Engagements"), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, channels, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = channels
        self.fields["channel"].empty_label = None

    def save(self, *, by):
        data = dict(self.cleaned_data)
        return self.call_service(record_reach, data.pop("channel"), by=by, **data)


class SideBySideForm(ServiceForm):
    """A translation's texts beside the original, in `language`; `seen` is the fingerprint of the texts the
    page showed (core.text.translation_fingerprint), so that a save over texts changed since is refused."""

    seen = forms.CharField(widget=forms.HiddenInput, max_length=80)

    def __init__(self, *args, kind, language: str, direction: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind, self.language = kind, language
        for field in kind.fields:
            attrs = {"lang": language, "dir": direction, "maxlength": field.limit}
            widget = forms.Textarea(attrs=attrs | {"rows": field.rows}) if field.rows else forms.TextInput(attrs=attrs)
            self.fields[field.name] = forms.CharField(
                label=field.label,
                widget=widget,
                required=False,  # the service names what is missing
            )

    def save(self, item):
        data = dict(self.cleaned_data)
        seen = data.pop("seen")
        return self.call_service(self.kind.translate, item, language=self.language, texts=data, seen=seen)
