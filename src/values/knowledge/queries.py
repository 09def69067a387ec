"""Reads of benchmarks: the standards of each theme, and a city's scores over time."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum, TextField
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import get_object_or_404

from values.core.text import Untranslated, untranslated
from values.knowledge.enums import PracticeStatus
from values.knowledge.models import BenchmarkStandard, Practice, SelfAssessment
from values.knowledge.permissions import proposing_organisations
from values.knowledge.search import search, words
from values.knowledge.services import PRACTICE_TEXTS
from values.network.models import Organisation
from values.programme.models import Programme, Theme
from values.programme.permissions import is_coordinator
from values.programme.queries import themes_of


@dataclass(frozen=True)
class StandardScore:
    standard: BenchmarkStandard
    first: int | None  # the earliest score, the baseline
    latest: int | None
    evidence: str

    @property
    def change(self) -> int | None:
        return None if self.first is None or self.latest is None else self.latest - self.first


@dataclass(frozen=True)
class ThemeScores:
    theme: Theme
    rows: tuple[StandardScore, ...]

    @property
    def scored(self) -> bool:
        return any(row.latest is not None for row in self.rows)


def standards_of(programme: Programme) -> QuerySet[BenchmarkStandard]:
    return programme.benchmark_standards.select_related("theme").order_by("theme__position", "position")


def city_scores(organisation: Organisation, programme: Programme) -> tuple[ThemeScores, ...]:
    """Per theme, each standard's first and latest score of this city (in date order)."""
    history: dict[int, list[SelfAssessment]] = {}
    assessments = SelfAssessment.objects.filter(organisation=organisation, standard__programme=programme)
    for assessment in assessments.order_by("assessed_on", "created_at"):
        history.setdefault(assessment.standard_id, []).append(assessment)
    by_theme: dict[int, list[StandardScore]] = {}
    themes = {}
    for standard in standards_of(programme):
        scores = history.get(standard.pk, [])
        themes[standard.theme_id] = standard.theme
        by_theme.setdefault(standard.theme_id, []).append(
            StandardScore(
                standard,
                scores[0].score if scores else None,
                scores[-1].score if scores else None,
                scores[-1].evidence if scores else "",
            )
        )
    return tuple(ThemeScores(themes[theme_id], tuple(rows)) for theme_id, rows in by_theme.items())


def benchmark_levels(programme: Programme) -> dict[str, dict[str, float]]:
    """Each city's latest level per theme (the mean over the theme's scored standards), for the planner."""
    latest: dict[tuple[int, int], SelfAssessment] = {}
    assessments = SelfAssessment.objects.filter(standard__programme=programme).select_related(
        "organisation", "standard__theme"
    )
    for assessment in assessments.order_by("assessed_on", "created_at"):
        latest[assessment.organisation_id, assessment.standard_id] = assessment
    sums: dict[tuple[str, str], list[int]] = {}
    for assessment in latest.values():
        key = (assessment.organisation.key, assessment.standard.theme.key)
        sums.setdefault(key, []).append(assessment.score)
    levels: dict[str, dict[str, float]] = {}
    for (city, theme), scores in sums.items():
        levels.setdefault(city, {})[theme] = round(sum(scores) / len(scores), 2)
    return levels


def themes_with_published_practices(programme: Programme) -> QuerySet[Theme]:
    """The programme's themes in order, each with the count of its published practices (`published_practices`)
    and the volunteers they involve (`volunteers`, None when no practice says)."""
    published = Q(practices__status=PracticeStatus.PUBLISHED, practices__programme=programme)
    return themes_of(programme).annotate(
        published_practices=Count("practices", filter=published, distinct=True),
        volunteers=Sum("practices__volunteers", filter=published),
    )


def practices_of(programme: Programme) -> QuerySet[Practice]:
    """The programme's own practices and the published ones other programmes show in it (a subquery: no
    practice comes twice)."""
    shown = Practice.shown_in_programmes.through.objects.filter(programme=programme).values("practice")
    return Practice.objects.filter(
        Q(programme=programme) | Q(pk__in=shown, status=PracticeStatus.PUBLISHED)
    ).select_related("organisation", "programme")


def practices_visible_to(user, programme: Programme) -> QuerySet:
    """Published practices for everyone (the programme's and those shown in it); proposals too for their
    organisation and the coordinator."""
    # The list shows titles, summaries and snippets: the long texts stay in the database.
    practices = practices_of(programme).defer("body", "results")
    if is_coordinator(user, programme):
        return practices
    # A subquery, not a join: no practice comes twice. For a reader not signed in it is empty and
    # Django drops it, leaving "published" alone.
    mine = proposing_organisations(user, programme)
    return practices.filter(Q(status=PracticeStatus.PUBLISHED) | Q(organisation__in=mine, programme=programme))


def shown_in(practice: Practice) -> list:
    """The visits and exchanges where the practice was shown (a session of their agenda), by date."""
    sessions = practice.sessions.select_related("activity__host__city").order_by("starts_at")
    activities = {}
    for session in sessions:
        activities.setdefault(session.activity_id, session.activity)
    return list(activities.values())


def practice_file(practice: Practice, part: str, item_id: int):
    """The stored file behind a photo, video or captions address, with the type to serve it as."""
    if part == "photo":
        photo = get_object_or_404(practice.photos, pk=item_id)
        return photo.image, photo.content_type
    video = get_object_or_404(practice.videos, pk=item_id)
    if part == "video" and video.file:
        return video.file, video.content_type
    if part == "captions" and video.captions:
        return video.captions, "text/vtt; charset=utf-8"
    raise Http404("no such file")


def filter_practices(practices: QuerySet[Practice], *, q: str = "", theme=None, city=None, country: str = "",
                     target_group: str = "", language: str = "") -> QuerySet[Practice]:  # fmt: skip
    """Narrow by theme, city, country, target group and the languages the practice is written in."""
    if theme is not None:
        practices = practices.filter(themes=theme)
    if city is not None:
        practices = practices.filter(organisation=city)
    if country:
        practices = practices.filter(organisation__country=country)
    if target_group:
        # The list as text, on both databases: '["newcomers", "women"]' holds '"newcomers"'.
        practices = practices.annotate(groups_text=Cast("target_groups", TextField())).filter(
            groups_text__contains=f'"{target_group}"'
        )
    if language:
        practices = practices.filter(title__has_key=language)
    return practices


@dataclass(frozen=True)
class Result:
    practice: Practice
    snippet: str  # safe HTML
    themes: list[str]  # the keys of its themes


def ranked_practices(practices: QuerySet[Practice], query: str, *, limit: int = 50) -> list[Result]:
    """With a query: the matching practices, best first, with snippets. Without: the latest ones."""
    if not words(query):
        hits, found = [], list(practices[:limit])
    else:
        hits = search(query, within=practices, limit=limit)
        loaded = practices.in_bulk([h.practice_id for h in hits])
        found = [loaded[hit.practice_id] for hit in hits if hit.practice_id in loaded]
    snippets = {hit.practice_id: hit.snippet for hit in hits}
    themes = _theme_keys([practice.pk for practice in found])
    return [Result(p, snippets.get(p.pk, ""), themes.get(p.pk, [])) for p in found]


def _theme_keys(practice_ids: list[int]) -> dict[int, list[str]]:
    # Plain values, not Theme objects: a list of fifty results asks for keys only.
    keys: dict[int, list[str]] = {}
    rows = Practice.themes.through.objects.filter(practice_id__in=practice_ids).order_by("theme__position")
    for practice_id, key in rows.values_list("practice_id", "theme__key"):
        keys.setdefault(practice_id, []).append(key)
    return keys


def practices_to_translate(
    user, programme: Programme, *, organisation: Organisation | None = None
) -> list[Untranslated]:
    """The programme's own practices this person may change (their organisations', or all of them for the
    coordinator; `organisation` narrows them) that lack a translation into one of the programme's languages,
    with the fields missing per language. A proposal is among them: its editors translate it before it is out."""
    practices = Practice.objects.filter(programme=programme).select_related("organisation").order_by("pk")
    if not is_coordinator(user, programme):
        practices = practices.filter(organisation__in=proposing_organisations(user, programme))
    if organisation is not None:
        practices = practices.filter(organisation=organisation)
    fields = ("pk", "programme_id", "organisation", "original_language", "status", *PRACTICE_TEXTS)
    return untranslated(practices.only(*fields), PRACTICE_TEXTS, programme.languages)
