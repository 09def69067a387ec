from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from values.reports.enums import CHOICE_KINDS, QuestionKind
from values.reports.models import Question, ReportTemplate
from values.reports.services import ANSWER_LIMITS, DESCRIPTION_LIMIT

SCALE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class TemplateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3, "maxlength": DESCRIPTION_LIMIT}), required=False
    )
    # The template's version when the page was opened: a save over another coordinator's later one is refused.
    version = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)

    def saved_meanwhile(self, current_version: str) -> None:
        """Someone saved the template since the page was opened: say so, and keep what this person typed with the
        new version, so that saving it again is their choice, made knowing the other's questions."""
        self.add_error(None, gettext(
            "Someone saved this template since you opened it, and nothing was saved. Open it again to see their "
            "questions, or save again to replace them with yours."
        ))  # fmt: skip
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = current_version


class QuestionForm(forms.Form):
    # Which question this row changes: the answers drafted to it stay when its wording or help change.
    id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    # The first kind is the initial one, as the select shows it: an untouched blank slot has not changed,
    # so the formset lets it pass empty (empty_permitted) instead of asking for its question.
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices, initial=QuestionKind.choices[0][0])
    text = forms.CharField(label=_("Question"), max_length=500)
    help_text = forms.CharField(label=_("Help text"), max_length=500, required=False)
    required = forms.BooleanField(label=_("Required"), required=False)
    choices = forms.CharField(
        label=_("Answers to choose from"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line; for single and multiple choice."),
    )

    quotable = forms.BooleanField(
        label=_("Quotable in the toolkits"),
        required=False,
        help_text=_("Long text only: accepted answers appear in the public toolkits, attributed to a city."),
    )

    def clean_choices(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["choices"].splitlines() if line.strip()]


QuestionFormSet = forms.formset_factory(QuestionForm, extra=2, can_delete=True)


def question_initial(template: ReportTemplate | None) -> list[dict]:
    if template is None:
        return []
    return [
        {
            "id": q.pk,
            "kind": q.kind,
            "text": q.text,
            "help_text": q.help_text,
            "required": q.required,
            "choices": "\n".join(q.choices),
            "quotable": q.quotable,
        }
        for q in template.questions.all()
    ]


def questions_from(formset) -> list[dict]:
    return [
        {key: form.cleaned_data[key] for key in ("id", "kind", "text", "help_text", "required", "choices", "quotable")}
        for form in formset.forms
        if not form.cleaned_data.get("DELETE") and form.cleaned_data.get("text")
    ]


class ReportRequestForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Template"), queryset=ReportTemplate.objects.none())
    due = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = programme.report_templates.all()


class ReportForm(forms.Form):
    """One field per question of the template, named after the question's id."""

    def __init__(self, *args, questions: list[Question], answers: dict, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            field = _field_for(question)
            field.initial = _initial(question, answers.get(str(question.pk)))
            self.fields[f"q{question.pk}"] = field

    def answers(self) -> dict:
        """Raw answers keyed by question id; the service checks them (types, ranges, required)."""
        return {
            str(q.pk): self.data.getlist(f"q{q.pk}")
            if q.kind == QuestionKind.MULTIPLE_CHOICE
            else self.data.get(f"q{q.pk}", "")
            for q in self.questions
        }

    def add_service_errors(self, problem: ValidationError) -> None:
        for key, messages in problem.message_dict.items():
            self.add_error(None if key == "__all__" else f"q{key}", messages)


def _help_text(question: Question) -> str:
    """The question's own help, and for a quotable one what happens to the answer: the participant knows first."""
    if not question.quotable:
        return question.help_text
    note = _("Once accepted, your answer may be quoted in the public toolkits, with your city's name but not yours.")
    return f"{question.help_text} {note}".strip()


def _field_for(question: Question) -> forms.Field:
    label = question.text + (" *" if question.required else "")
    common = {"label": label, "help_text": _help_text(question), "required": False}
    kind = question.kind
    if kind == QuestionKind.LONG_TEXT:
        attrs = {"rows": 5, "maxlength": ANSWER_LIMITS[kind]}  # the browser's bound; the service names a longer one
        return forms.CharField(widget=forms.Textarea(attrs=attrs), **common)
    if kind in CHOICE_KINDS:
        choices = [(c, c) for c in question.choices]
        if kind == QuestionKind.SINGLE_CHOICE:
            return forms.ChoiceField(choices=[("", "—"), *choices], **common)
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
    if kind == QuestionKind.SCALE:
        return forms.ChoiceField(choices=[("", "—"), *SCALE_CHOICES], **common)
    if kind == QuestionKind.NUMBER:
        return forms.CharField(widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common)
    return forms.CharField(max_length=500, **common)


def _initial(question: Question, value):
    if value is None:
        return None
    return value if question.kind == QuestionKind.MULTIPLE_CHOICE else str(value)


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the author"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
        help_text=_("Required when you return the report."),
    )  # fmt: skip
