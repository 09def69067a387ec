from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from values.core.forms import IdChoicesField, ServiceForm
from values.core.languages import country_name, language_choices
from values.core.text import active_language, pick
from values.knowledge.enums import TargetGroup
from values.knowledge.models import LEVELS, BenchmarkStandard
from values.knowledge.services import (
    MAX_VOLUNTEERS,
    TEXT_LIMITS,
    add_captions,
    add_photo,
    add_video,
    record_self_assessment,
    save_practice,
    save_standard,
    translate_practice,
    volunteers_problem,
)
from values.network.codes import language_code
from values.network.models import Organisation

LEVEL_NAMES = {1: _("not started"), 2: _("emerging"), 3: _("established"), 4: _("embedded")}


def _text_field(name: str, label, *, rows: int = 0, required: bool = False) -> forms.CharField:
    """A text whose length the browser bounds; the service refuses a longer one with its field and length."""
    attrs = {"maxlength": TEXT_LIMITS[name], **({"rows": rows} if rows else {})}
    widget = forms.Textarea(attrs=attrs) if rows else forms.TextInput(attrs=attrs)
    return forms.CharField(label=label, widget=widget, required=required)


class SelfAssessmentForm(ServiceForm):
    """A score and its evidence for every standard; a standard left without a score is skipped."""

    assessed_on = forms.DateField(label=_("Assessed on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, standards: list[BenchmarkStandard], latest: dict[int, tuple[int, str]], **kwargs) -> None:
        kwargs.setdefault("initial", {"assessed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.standards = standards
        for standard in standards:
            choices = [("", "—"), *((str(level), f"{level}: {pick(standard.levels[str(level)])}") for level in LEVELS)]
            score, evidence = latest.get(standard.pk, (None, ""))
            self.fields[f"score_{standard.key}"] = forms.CharField(
                label=f"{standard.key}. {pick(standard.title)}",
                help_text=pick(standard.statement),
                required=False,
                widget=forms.Select(choices=choices),
                initial=str(score) if score else "",
            )
            self.fields[f"evidence_{standard.key}"] = forms.CharField(
                label=_("Evidence for %(key)s") % {"key": standard.key},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=evidence,
            )

    def save(self, organisation, *, by) -> bool:
        data = self.cleaned_data
        scores = {
            s: (data[f"score_{s.key}"], data[f"evidence_{s.key}"]) for s in self.standards if data[f"score_{s.key}"]
        }
        if not scores:
            self.add_error(None, _("Score at least one standard."))
            return False
        saved = self.call_service(record_self_assessment, organisation, scores=scores, on=data["assessed_on"], by=by)
        return saved is not None


class StandardForm(ServiceForm):
    """A standard's id, theme and texts, one field per language of the programme."""

    key = forms.SlugField(label=_("Id"), max_length=16)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None)

    def __init__(self, *args, programme, standard=None, **kwargs) -> None:
        self.languages = programme.languages or ["en"]
        if standard is not None:
            kwargs.setdefault("initial", _initial(standard, self.languages))
        super().__init__(*args, **kwargs)
        self.programme, self.standard = programme, standard
        self.fields["theme"].queryset = programme.themes.order_by("position")
        self.fields["theme"].label_from_instance = lambda t: f"{t.key}. {pick(t.title)}"
        for code in self.languages:
            self.fields[f"title_{code}"] = _text_field("title", _("Title (%(code)s)") % {"code": code})
            self.fields[f"statement_{code}"] = _text_field(
                "statement", _("Statement (%(code)s)") % {"code": code}, rows=2
            )
        for level in LEVELS:
            for code in self.languages:
                label = _("Level %(level)d: %(name)s (%(code)s)")
                label %= {"level": level, "name": LEVEL_NAMES[level], "code": code}
                self.fields[f"level_{level}_{code}"] = _text_field("level", label, rows=2)

    def save(self):
        data = self.cleaned_data
        texts = {name: {c: data[f"{name}_{c}"] for c in self.languages} for name in ("title", "statement")}
        levels = {str(n): {c: data[f"level_{n}_{c}"] for c in self.languages} for n in LEVELS}
        return self.call_service(
            save_standard, self.programme, standard=self.standard, key=data["key"], theme=data["theme"], levels=levels,
            **texts,
        )  # fmt: skip


def _initial(standard, languages) -> dict:
    initial = {"key": standard.key, "theme": standard.theme_id}
    for code in languages:
        initial[f"title_{code}"] = _text_in(standard.title, code)
        initial[f"statement_{code}"] = _text_in(standard.statement, code)
        for level in LEVELS:
            initial[f"level_{level}_{code}"] = _text_in(standard.levels.get(str(level), ""), code)
    return initial


def _text_in(value, code: str) -> str:
    return value.get(code, "") if isinstance(value, dict) else value


class PracticeForm(ServiceForm):
    organisation = forms.ModelChoiceField(label=_("Proposed by"), queryset=None)
    original_language = forms.ChoiceField(label=_("Language of these texts"))
    title = _text_field("title", _("Title"), required=True)
    summary = _text_field("summary", _("Summary"), rows=3, required=True)
    body = _text_field("body", _("Description"), rows=10)
    body.help_text = _("Markdown: **bold**, *italic*, lists, [links](https://example.org).")
    results = _text_field("results", _("Results and evidence"), rows=4)
    themes = IdChoicesField(label=_("Themes"), queryset=None, widget=forms.CheckboxSelectMultiple)
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), choices=TargetGroup.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    volunteers = forms.IntegerField(
        label=_("Volunteers involved"), min_value=0, max_value=MAX_VOLUNTEERS, required=False,
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), lazy(volunteers_problem, str)()),
    )  # fmt: skip
    period_start = forms.DateField(label=_("Since"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    contact = forms.CharField(label=_("Contact"), max_length=300, required=False)

    def __init__(self, *args, programme, organisations, practice=None, **kwargs) -> None:
        if practice is not None:
            kwargs.setdefault("initial", _practice_initial(practice))
        else:  # people write in the language they read the site in, not the first one alphabetically
            kwargs.setdefault("initial", {"original_language": active_language()})
        super().__init__(*args, **kwargs)
        self.programme, self.practice = programme, practice
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None  # one's own organisation, chosen already
        self.fields["organisation"].label_from_instance = lambda o: pick(o.name)
        self.fields["themes"].queryset = programme.themes.order_by("position")
        self.fields["themes"].label_from_instance = lambda t: f"{t.key}. {pick(t.title)}"
        codes = sorted({*programme.languages, *(language_code(c) for c in LANGUAGE_CHOICES)} - {None})
        self.fields["original_language"].choices = language_choices(codes)

    def save(self, *, by):
        data = dict(self.cleaned_data)
        texts = {name: data.pop(name) for name in ("title", "summary", "body", "results")}
        return self.call_service(save_practice, self.programme, practice=self.practice, by=by, texts=texts, **data)


class TranslationForm(ServiceForm):
    language = forms.CharField(label=_("Language code"), max_length=2, help_text=_("ISO 639-1, e.g. it, de, lv"))
    title = _text_field("title", _("Title"), required=True)
    summary = _text_field("summary", _("Summary"), rows=3)
    body = _text_field("body", _("Description"), rows=10)
    results = _text_field("results", _("Results and evidence"), rows=4)
    # What the page showed (core.text.translation_fingerprint): a save over texts changed since is refused.
    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=80)

    def save(self, practice):
        data = dict(self.cleaned_data)
        language = data.pop("language").strip().lower()
        seen = data.pop("seen") or None
        return self.call_service(translate_practice, practice, language=language, texts=data, seen=seen)


# The languages a practice is usually written in: the partners' languages in the VALUES programme.
LANGUAGE_CHOICES = ("en", "it", "nl", "cs", "de", "es", "ca", "no", "fr", "lv", "el")


def _practice_initial(practice) -> dict:
    code = practice.original_language
    return {
        "organisation": practice.organisation_id,
        "original_language": code,
        **{name: (getattr(practice, name) or {}).get(code, "") for name in ("title", "summary", "body", "results")},
        "themes": list(practice.themes.values_list("pk", flat=True)),
        "target_groups": practice.target_groups,
        "volunteers": practice.volunteers,
        "period_start": practice.period_start,
        "period_end": practice.period_end,
        "contact": practice.contact,
    }


class PracticeFilterForm(forms.Form):
    """The search box and its filters; every field may stay empty."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None, required=False)
    city = forms.ModelChoiceField(label=_("City or organisation"), queryset=None, required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    target_group = forms.ChoiceField(label=_("Target group"), required=False)
    language = forms.ChoiceField(label=_("Written in"), required=False)

    def __init__(self, *args, programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = programme.themes.order_by("position")
        self.fields["theme"].label_from_instance = lambda t: f"{t.key}. {pick(t.title)}"
        organisations = Organisation.objects.filter(partnerships__programme=programme).order_by("key")
        self.fields["city"].queryset = organisations
        self.fields["city"].label_from_instance = lambda o: pick(o.name)
        countries = sorted(set(organisations.values_list("country", flat=True)))
        self.fields["country"].choices = [
            ("", "—"),
            *sorted(((c, country_name(c)) for c in countries), key=lambda c: c[1]),
        ]
        self.fields["target_group"].choices = [("", "—"), *TargetGroup.choices]
        self.fields["language"].choices = [("", "—"), *language_choices(LANGUAGE_CHOICES)]


class PhotoForm(ServiceForm):
    image = forms.FileField(
        label=_("Photo"), help_text=_("JPEG, PNG or WebP. Its location and camera data are removed."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )  # fmt: skip
    alt_text = forms.CharField(
        label=_("Alt text"), max_length=300,
        help_text=_("What the photo shows, for people who cannot see it."),
    )  # fmt: skip
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)

    def save(self, practice, *, by):
        data = self.cleaned_data
        return self.call_service(
            add_photo, practice, image=data["image"], alt_text=data["alt_text"], caption=data["caption"], by=by
        )


class VideoForm(ServiceForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("Video file"), required=False, help_text=_("MP4 or WebM."),
        widget=forms.ClearableFileInput(attrs={"accept": "video/mp4,video/webm"}),
    )  # fmt: skip
    url = forms.CharField(label=_("Or a link"), max_length=500, required=False, help_text=_("https://…"))
    captions = forms.FileField(
        label=_("Captions (WebVTT)"), required=False,
        help_text=_("Needed before the practice is published."),
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
    )  # fmt: skip
    captions_language = forms.CharField(
        label=_("Language of the captions"), max_length=2, required=False,
        help_text=_("ISO 639-1; the practice's language when left empty."),
    )  # fmt: skip

    def save(self, practice, *, by):
        return self.call_service(add_video, practice, by=by, **self.cleaned_data)


class CaptionsForm(ServiceForm):
    captions = forms.FileField(
        label=_("Captions (WebVTT)"), widget=forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"})
    )
    captions_language = forms.CharField(label=_("Language of the captions"), max_length=2, required=False)

    def save(self, video):
        return self.call_service(add_captions, video, **self.cleaned_data)


class ShowInProgrammeForm(forms.Form):
    """Another programme, among those the person coordinates, whose readers find the practice too."""

    programme = forms.ModelChoiceField(label=_("Also show in"), queryset=None, to_field_name="code")

    def __init__(self, *args, programmes, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["programme"].label_from_instance = lambda programme: f"{programme.acronym} ({programme.code})"
