"""The texts partners translate side by side (issue #16): good practices, volunteer opportunities and training
sessions. Each kind names its owning app's rules: who may change which text (its permissions), which texts lack
a translation (its queries) and how a translation is saved (its service). This module only puts them together.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from values.core.languages import language_name
from values.core.text import Texts, Untranslated, pick
from values.knowledge import services as knowledge_services
from values.knowledge.permissions import get_practice_for_edit, proposing_organisations
from values.knowledge.queries import practices_to_translate
from values.knowledge.services import practice_texts, translate_practice
from values.network.permissions import AnyUser
from values.programme.models import Programme
from values.programme.permissions import is_coordinator
from values.volunteering import services as volunteering_services
from values.volunteering import training
from values.volunteering.permissions import (
    can_offer_opportunities,
    can_organise_training,
    get_opportunity_for_edit,
    get_training_for_edit,
)
from values.volunteering.queries import opportunities_to_translate, training_sessions_to_translate
from values.volunteering.services import opportunity_texts, translate_opportunity
from values.volunteering.training import training_texts, translate_training_session


@dataclass(frozen=True)
class TextField:
    name: str
    label: Promise
    limit: int
    rows: int = 0  # 0: one line


@dataclass(frozen=True)
class Kind:
    key: str  # in the address: translations/<key>/<id>/<language>/
    label: Promise
    fields: tuple[TextField, ...]
    page: str  # the URL name of the item's own page, which takes `page_argument`
    page_argument: str
    to_translate: Callable[..., list[Untranslated]]  # (user, programme, *, organisation=None)
    for_edit: Callable[[AnyUser, Programme, int], Any]  # the item if this person may change it, else 403/404
    texts: Callable[[Any], Texts]
    translate: Callable[..., Any]  # (item, *, language, texts, seen)


def _fields(limits: dict[str, int], labels: dict, names: tuple[str, ...], rows: dict[str, int]) -> tuple:
    return tuple(TextField(name, labels[name], limits[name], rows.get(name, 0)) for name in names)


KINDS = {
    kind.key: kind
    for kind in (
        Kind(
            "practice", _("Good practice"),
            _fields(knowledge_services.TEXT_LIMITS, knowledge_services.LABELS, knowledge_services.PRACTICE_TEXTS,
                    {"summary": 3, "body": 10, "results": 4}),
            "practice", "practice_id", practices_to_translate, get_practice_for_edit, practice_texts,
            translate_practice,
        ),
        Kind(
            "opportunity", _("Volunteer opportunity"),
            _fields(volunteering_services.TEXT_LIMITS, volunteering_services.LABELS,
                    volunteering_services.OPPORTUNITY_TEXTS, {"description": 10}),
            "opportunity", "opportunity_id", opportunities_to_translate, get_opportunity_for_edit, opportunity_texts,
            translate_opportunity,
        ),
        Kind(
            "training", _("Training session"),
            _fields(training.TEXT_LIMITS, training.LABELS, training.TRAINING_TEXTS, {"syllabus": 10}),
            "training_session", "session_id", training_sessions_to_translate, get_training_for_edit, training_texts,
            translate_training_session,
        ),
    )
}  # fmt: skip


def check_target_language(programme: Programme, item, language: str) -> None:
    """A text is translated into one of the programme's languages other than its original: else 404, on the
    translation page and in the API alike."""
    if language not in programme.languages or language == item.original_language:
        raise Http404("not a language to translate this text into")


def kind_of(key: str) -> Kind:
    if key not in KINDS:
        raise Http404("no such kind of text")
    return KINDS[key]


def may_translate(user: AnyUser, programme: Programme) -> bool:
    """Whoever may change a practice, an opportunity or a training session of the programme by its app's rules."""
    if programme is None:
        return False
    return (
        is_coordinator(user, programme)
        or proposing_organisations(user, programme).exists()
        or can_offer_opportunities(user, programme)
        or can_organise_training(user, programme)
    )


@dataclass(frozen=True)
class Gap:
    """A text of the list: its kind and what it lacks."""

    kind: Kind
    item: Any
    missing: dict[str, list[str]]  # language → missing fields

    @property
    def languages(self) -> list[tuple[str, str, str]]:
        """Each missing language: its code, its name (CLDR, in the reader's language) and the fields it lacks."""
        labels = {field.name: str(field.label) for field in self.kind.fields}
        return [
            (code, language_name(code), ", ".join(labels[name] for name in names))
            for code, names in self.missing.items()
        ]

    @property
    def title(self) -> str:
        return pick(self.item.title, self.item.original_language)


def gaps(user: AnyUser, programme: Programme, *, organisation=None) -> list[Gap]:
    """Every text this person may change that lacks a translation into one of the programme's languages."""
    return [
        Gap(kind, found.item, found.missing)
        for kind in KINDS.values()
        for found in kind.to_translate(user, programme, organisation=organisation)
    ]
