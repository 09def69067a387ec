"""Integrating Cities toolkits compiled from live data, as a web edition and a PDF.

A toolkit turns the programme's commitments into recommendations: the benchmark standards of
a theme (and where the cities stand on them), the published good practices with their photos,
highlights of the published action plans, and lessons from the accepted exchange reports. Only
what the public may read goes in: nothing unpublished, no person's name.
"""

import base64
import hashlib
import io
import json
import re
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from values.actionplans.enums import ActionStatus, PlanStatus, Section
from values.actionplans.models import Action, ActionPlan
from values.actionplans.queries import with_latest_text
from values.activities.models import Exchange
from values.core.markdown import render_markdown
from values.core.pdf import render_pdf
from values.core.text import active_language, pick
from values.knowledge.enums import PracticeStatus, TargetGroup
from values.knowledge.models import LEVELS, BenchmarkStandard, Practice, PracticePhoto, SelfAssessment
from values.network.models import Organisation
from values.programme.addresses import programme_addresses
from values.programme.models import CommunityMember, Programme, Theme
from values.programme.queries import themes_of
from values.publishing.charts import bar_chart
from values.publishing.infographics import Chart, svg_chart
from values.reports.enums import QuestionKind, ReportStatus
from values.reports.models import Question, Report

PHOTOS_PER_PRACTICE = 2
PDF_PHOTO_PIXELS = 900  # the longest side of a photo in the PDF: sharp at print size, small in the file
HIGHLIGHTED_ACTIONS = (ActionStatus.IN_PROGRESS, ActionStatus.DONE)


@dataclass(frozen=True)
class Photo:
    name: str  # the file's name in storage: new content always gets a new name
    url: str
    alt: str
    caption: str


@dataclass(frozen=True)
class PracticeEntry:
    pk: int
    url: str
    title: str
    place: str
    summary: str
    body_html: str
    results_html: str
    volunteers: int | None
    target_groups: list[str]
    photos: list[Photo]
    in_original_language: bool  # True when no translation into the toolkit's language exists


@dataclass(frozen=True)
class StandardEntry:
    key: str
    title: str
    statement: str
    levels: list[str]
    cities: int  # how many cities assessed themselves on it
    first_mean: str  # the cities' mean level at their first and latest assessment ("" when none)
    latest_mean: str
    next_level: int | None
    next_step: str  # the descriptor of the level above where most cities stand


@dataclass(frozen=True)
class PlannedAction:
    title: str
    status: str
    indicator: str


@dataclass(frozen=True)
class Highlight:
    city: str
    objectives: str
    actions: list[PlannedAction]


@dataclass(frozen=True)
class Lesson:
    question: str
    text: str
    source: str  # the city and the exchange, never the person


@dataclass(frozen=True)
class Chapter:
    key: str
    title: str
    cities: list[str]
    standards: list[StandardEntry]
    chart: Chart | None
    practices: list[PracticeEntry]
    highlights: list[Highlight]
    lessons: list[Lesson]


@dataclass(frozen=True)
class ToolkitContent:
    language: str
    acronym: str
    programme_title: str
    subject: str  # the theme's title, or the programme's
    objective: str
    chapters: list[Chapter]
    figures: list[tuple[str, int]]  # label, count: the toolkit in numbers
    overview: Chart  # what each chapter gathers, side by side

    def digest(self) -> str:
        """A fingerprint of everything the toolkit shows: it changes exactly when a new edition would differ."""
        canonical = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def compile_toolkit(programme: Programme, theme: Theme | None, language: str) -> ToolkitContent:
    """The toolkit's content from the data as it is now, in `language`."""
    with translation.override(language), programme_addresses(programme):
        themes = [theme] if theme else list(themes_of(programme))
        return _content(programme, theme, language, [_chapter(programme, each, language) for each in themes])


def compile_all_toolkits(programme: Programme, language: str) -> dict[int | None, ToolkitContent]:
    """Every toolkit's content in `language`, keyed by theme id (None: the programme's), each chapter compiled once."""
    with translation.override(language), programme_addresses(programme):
        themes = list(themes_of(programme))
        chapters = [_chapter(programme, theme, language) for theme in themes]
        contents = {
            theme.pk: _content(programme, theme, language, [chapter])
            for theme, chapter in zip(themes, chapters, strict=True)
        }
        contents[None] = _content(programme, None, language, chapters)
        return contents


def _content(programme: Programme, theme: Theme | None, language: str, chapters: list[Chapter]) -> ToolkitContent:
    return ToolkitContent(
        language=language,
        acronym=programme.acronym,
        programme_title=pick(programme.title, language),
        subject=pick(theme.title, language) if theme else pick(programme.title, language),
        objective=pick(programme.objective, language),
        chapters=chapters,
        figures=_figures(chapters),
        overview=_overview_chart(chapters),
    )


def _figures(chapters: list[Chapter]) -> list[tuple[str, int]]:
    practices = {entry.pk for chapter in chapters for entry in chapter.practices}
    return [
        (_("Benchmark standards"), sum(len(chapter.standards) for chapter in chapters)),
        (_("Good practices"), len(practices)),
        (_("Action-plan highlights"), sum(len(chapter.highlights) for chapter in chapters)),
        (_("Lessons from exchanges"), sum(len(chapter.lessons) for chapter in chapters)),
    ]


def _chapter(programme: Programme, theme: Theme, language: str) -> Chapter:
    cities = _theme_cities(programme, theme)
    standards = _standards(programme, theme, language)
    return Chapter(
        key=theme.key,
        title=pick(theme.title, language),
        cities=[_city_name(city, language) for city in cities],
        standards=standards,
        chart=_levels_chart(theme, standards),
        practices=_practices(programme, theme, language),
        highlights=_highlights(programme, cities, language),
        lessons=_lessons(programme, theme),
    )


def _theme_cities(programme: Programme, theme: Theme) -> list[Organisation]:
    """The cities of the theme's communities of practice, by name."""
    members = CommunityMember.objects.filter(community__programme=programme, community__theme=theme)
    return list(
        Organisation.objects.filter(pk__in=members.values("organisation")).select_related("city").order_by("key")
    )


def _city_name(organisation: Organisation, language: str) -> str:
    city = getattr(organisation, "city", None)
    return pick(city.name if city else organisation.name, language)


def _standards(programme: Programme, theme: Theme, language: str) -> list[StandardEntry]:
    standards = list(BenchmarkStandard.objects.filter(programme=programme, theme=theme).order_by("position", "pk"))
    scores = _first_and_latest_scores(standards)
    return [_standard_entry(standard, scores.get(standard.pk, []), language) for standard in standards]


def _first_and_latest_scores(standards: list[BenchmarkStandard]) -> dict[int, list[tuple[int, int]]]:
    """Per standard, each city's (first, latest) score, in the order the cities assessed themselves."""
    history: dict[tuple[int, int], list[int]] = {}
    assessments = SelfAssessment.objects.filter(standard__in=standards).order_by("assessed_on", "created_at", "pk")
    for standard_id, organisation_id, score in assessments.values_list("standard_id", "organisation_id", "score"):
        history.setdefault((standard_id, organisation_id), []).append(score)
    scores: dict[int, list[tuple[int, int]]] = {}
    for (standard_id, _organisation), values in history.items():
        scores.setdefault(standard_id, []).append((values[0], values[-1]))
    return scores


def _standard_entry(standard: BenchmarkStandard, scores: list[tuple[int, int]], language: str) -> StandardEntry:
    levels = [pick(standard.levels.get(str(level), ""), language) for level in LEVELS]
    first = _mean([first for first, _latest in scores])
    latest = _mean([latest for _first, latest in scores])
    # Where most cities stand is the mean rounded down; the toolkit recommends the level above it.
    next_level = None if latest is None or int(latest) >= len(levels) else int(latest) + 1
    return StandardEntry(
        key=standard.key,
        title=pick(standard.title, language),
        statement=pick(standard.statement, language),
        levels=levels,
        cities=len(scores),
        first_mean="" if first is None else str(first),
        latest_mean="" if latest is None else str(latest),
        next_level=next_level,
        next_step=levels[next_level - 1] if next_level else "",
    )


def _mean(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _overview_chart(chapters: list[Chapter]) -> Chart:
    """Per theme, the practices, plan highlights and lessons the toolkit gathers: where the material is."""
    labels = [f"{chapter.key}. {chapter.title}" for chapter in chapters]
    series = [
        (_("Good practices"), [len(chapter.practices) for chapter in chapters]),
        (_("Action-plan highlights"), [len(chapter.highlights) for chapter in chapters]),
        (_("Lessons from exchanges"), [len(chapter.lessons) for chapter in chapters]),
    ]
    title = _("What this toolkit gathers per theme")
    summary = "; ".join(
        f"{label}: " + ", ".join(f"{name.lower()} {values[index]}" for name, values in series)
        for index, label in enumerate(labels)
    )
    return svg_chart("overview", title, f"{title}. {summary}.", bar_chart(labels, series))


def _levels_chart(theme: Theme, standards: list[StandardEntry]) -> Chart | None:
    scored = [entry for entry in standards if entry.cities]
    if not scored:
        return None
    labels = [f"{entry.key}. {entry.title}" for entry in scored]
    series = [
        (_("First assessment"), [Decimal(entry.first_mean) for entry in scored]),
        (_("Latest assessment"), [Decimal(entry.latest_mean) for entry in scored]),
    ]
    title = _("The cities' mean level per standard, theme %(theme)s") % {"theme": theme.key}
    summary = "; ".join(
        _("%(standard)s: from %(first)s to %(latest)s")
        % {"standard": label, "first": entry.first_mean, "latest": entry.latest_mean}
        for label, entry in zip(labels, scored, strict=True)
    )
    return svg_chart(f"levels-{theme.key.lower()}", title, f"{title}. {summary}.", bar_chart(labels, series))


def _practices(programme: Programme, theme: Theme, language: str) -> list[PracticeEntry]:
    photos = PracticePhoto.objects.order_by("position", "pk")
    practices = (
        Practice.objects.filter(programme=programme, themes=theme, status=PracticeStatus.PUBLISHED)
        .select_related("organisation")
        .prefetch_related(Prefetch("photos", queryset=photos))
        .order_by("published_at", "pk")
    )
    return [_practice_entry(practice, language) for practice in practices]


def _practice_entry(practice: Practice, language: str) -> PracticeEntry:
    groups = dict(TargetGroup.choices)
    return PracticeEntry(
        pk=practice.pk,
        url=reverse("practice", args=[practice.pk]),
        title=pick(practice.title, language),
        place=pick(practice.organisation.name, language),
        summary=pick(practice.summary, language),
        body_html=_below_h4(render_markdown(pick(practice.body, language))),
        results_html=_below_h4(render_markdown(pick(practice.results, language))),
        volunteers=practice.volunteers,
        target_groups=[str(groups.get(group, group)) for group in practice.target_groups],
        photos=[_photo(photo, language) for photo in list(practice.photos.all())[:PHOTOS_PER_PRACTICE]],
        in_original_language=not _translated(practice, language),
    )


def _below_h4(html: str) -> str:
    """A practice's own headings (h2 to h4 in its Markdown) under the toolkit's: its title is an h4."""
    return _HEADING.sub(lambda tag: f"<{tag[1]}h{min(6, int(tag[2]) + 3)}>", html)


_HEADING = re.compile(r"<(/?)h([2-4])>")  # the sanitiser leaves headings without attributes


def _translated(practice: Practice, language: str) -> bool:
    title = practice.title
    return practice.original_language == language or (isinstance(title, dict) and bool(title.get(language)))


def _photo(photo: PracticePhoto, language: str) -> Photo:
    return Photo(
        name=photo.image.name,
        url=reverse("practice_file", args=[photo.practice_id, "photo", photo.pk]),
        alt=pick(photo.alt_text, language),
        caption=pick(photo.caption, language),
    )


def _highlights(programme: Programme, cities: list[Organisation], language: str) -> list[Highlight]:
    """The adopted plans that their cities made public: objectives and the actions under way or done."""
    plans = (
        ActionPlan.objects.filter(
            programme=programme, organisation__in=cities, status=PlanStatus.ADOPTED, published=True
        )
        .select_related("organisation")
        .prefetch_related(
            Prefetch("actions", queryset=Action.objects.filter(status__in=HIGHLIGHTED_ACTIONS).order_by("start", "pk"))
        )
        .order_by("organisation__key")
    )
    return [_highlight(plan, language) for plan in with_latest_text(plans, Section.OBJECTIVES)]


def _highlight(plan: ActionPlan, language: str) -> Highlight:
    statuses = dict(ActionStatus.choices)
    return Highlight(
        city=pick(plan.organisation.name, language),
        objectives=plan.latest_text or "",
        actions=[PlannedAction(a.title, str(statuses[a.status]), _indicator(a)) for a in plan.actions.all()],
    )


def _indicator(action: Action) -> str:
    if action.target is None or not action.unit:
        return ""
    reached = "—" if action.current is None else _number(action.current)
    return _("%(current)s of %(target)s %(unit)s") % {
        "current": reached,
        "target": _number(action.target),
        "unit": action.unit,
    }


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _lessons(programme: Programme, theme: Theme) -> list[Lesson]:
    """Answers to the quotable questions of the accepted reports on the theme's exchanges, attributed to a city.

    Only questions that the template marks quotable count: their form told the participant so before they wrote.
    """
    exchanges = Exchange.objects.filter(programme=programme, pair__community__theme=theme)
    reports = (
        Report.objects.filter(request__activity__in=exchanges, status=ReportStatus.ACCEPTED)
        .select_related("participant__organisation", "request__activity__host", "request__template")
        .order_by("request__activity__start", "participant__organisation__key", "pk")
    )
    questions = {
        question.pk: question
        for question in Question.objects.filter(
            kind=QuestionKind.LONG_TEXT, quotable=True, template__requests__activity__in=exchanges
        )
    }
    lessons = []
    for report in reports:
        source = _lesson_source(report)
        for key, answer in sorted(report.answers.items(), key=lambda item: _question_order(questions, item[0])):
            question = questions.get(int(key)) if str(key).isdigit() else None
            if question is not None and isinstance(answer, str) and answer.strip():
                lessons.append(Lesson(question=question.text, text=answer.strip(), source=source))
    return lessons


def _question_order(questions: dict[int, Question], key: str) -> tuple[int, int]:
    question = questions.get(int(key)) if str(key).isdigit() else None
    return (question.position, question.pk) if question else (1 << 30, 0)


def _lesson_source(report: Report) -> str:
    activity = report.request.activity
    return _("A participant from %(city)s, exchange hosted by %(host)s, %(month)s") % {
        "city": pick(report.participant.organisation.name),
        "host": pick(activity.host.name),
        "month": format_date(activity.start, "LLLL y", locale=active_language()),
    }


def toolkit_html(content: ToolkitContent) -> str:
    """The web edition: the chapters as a fragment of a page, photos served by the site."""
    with translation.override(content.language):
        return render_to_string("publishing/toolkit_body.html", {"toolkit": content, "for_pdf": False})


def toolkit_document(content: ToolkitContent, *, edition: str = "") -> str:
    """The whole toolkit as one self-contained HTML document (styles and photos inside): the PDF's source.
    Its cover names the edition: today's date in the toolkit's language unless `edition` says otherwise."""
    edition = edition or format_date(timezone.localdate(), "long", locale=content.language)
    from values.publishing.factsheets import static_css

    with translation.override(content.language):
        body = render_to_string(
            "publishing/toolkit_body.html",
            {"toolkit": content, "for_pdf": True, "photo_sources": _embedded_photos(content)},
        )
        return render_to_string(
            "publishing/toolkit_pdf.html",
            {"toolkit": content, "body": body, "edition": edition, "inline_css": static_css("publishing/toolkit.css")},
        )


def toolkit_pdf(content: ToolkitContent, *, edition: str = "") -> tuple[bytes, int]:
    """The PDF edition and its page count: a cover, the contents with page numbers, the chapters."""
    return render_pdf(toolkit_document(content, edition=edition))


def _embedded_photos(content: ToolkitContent) -> dict[str, str]:
    """Each photo once, scaled down and inlined: the PDF needs no access to the site or the storage."""
    names = {photo.name for chapter in content.chapters for entry in chapter.practices for photo in entry.photos}
    return {name: _photo_data_uri(name) for name in names}


def _photo_data_uri(name: str) -> str:
    from django.core.files.storage import default_storage
    from PIL import Image

    with default_storage.open(name, "rb") as stored, Image.open(stored) as image:
        image.thumbnail((PDF_PHOTO_PIXELS, PDF_PHOTO_PIXELS))
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="JPEG", quality=82)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
