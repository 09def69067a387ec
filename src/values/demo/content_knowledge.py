"""The demo's good practices (with photos and a captioned video) and the cities' self-assessments."""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Model

from values.activities.models import Visit
from values.demo.content_media import captions_upload, photo_upload, video_upload
from values.knowledge.models import BenchmarkStandard, Practice
from values.knowledge.services import (
    add_photo,
    add_video,
    publish_practice,
    record_self_assessment,
    save_practice,
    translate_practice,
)
from values.network.models import Organisation, User
from values.programme.models import Programme
from values.programme.queries import themes_of


@dataclass(frozen=True)
class PracticeTemplate:
    theme: str
    title: str
    summary: str
    body: str
    results: str
    groups: tuple[str, ...]
    titles: dict[str, str]  # the title in the cities' languages


PRACTICES = (
    PracticeTemplate(
        "B",
        "Language café in the library",
        "Volunteers and newcomers meet every week to talk, in the city's language and in theirs.",
        "## How it works\n\nEvery **Tuesday evening** volunteers host tables of four to six people in the city "
        "library. Each table has a theme card (work, school, health, the neighbourhood).\n\n"
        "- no registration\n- children welcome\n- volunteers trained in two short sessions",
        "About 40 people come each week; a third of the volunteers are former participants.",
        ("newcomers", "volunteers"),
        {
            "it": "Caffè linguistico in biblioteca",
            "de": "Sprachcafé in der Bibliothek",
            "es": "Café de idiomas en la biblioteca",
            "fr": "Café des langues à la bibliothèque",
            "nl": "Taalcafé in de bibliotheek",
            "lv": "Valodu kafejnīca bibliotēkā",
        },
    ),
    PracticeTemplate(
        "A",
        "Welcome walks with neighbours",
        "Residents show newly arrived families their neighbourhood: services, schools, sports clubs.",
        "## The walk\n\nA resident volunteer and a family walk together for **two hours**, with a map of the "
        "services printed in five languages.\n\n1. meet at the community centre\n2. walk the agreed route\n"
        "3. end with tea and a follow-up date",
        "120 families walked with 35 neighbours in the first year.",
        ("families", "newcomers"),
        {
            "it": "Passeggiate di benvenuto con i vicini",
            "de": "Willkommensspaziergänge mit Nachbarn",
            "es": "Paseos de bienvenida con vecinos",
            "fr": "Balades d'accueil avec les voisins",
            "nl": "Welkomstwandelingen met buren",
            "lv": "Sagaidīšanas pastaigas ar kaimiņiem",
        },
    ),
    PracticeTemplate(
        "D",
        "Young mentors in sports clubs",
        "Young migrants are paired with young volunteers who bring them into a local sports club.",
        "## Pairs\n\nEach pair meets at least **twice a month** for six months. The club waives the first "
        "year's fee; the city covers insurance.\n\n*Mentors are 18 to 25 and trained on safeguarding.*",
        "Two thirds of the young people still play after a year.",
        ("young_migrants", "volunteers"),
        {
            "it": "Giovani mentori nelle società sportive",
            "de": "Junge Mentoren in Sportvereinen",
            "es": "Jóvenes mentores en clubes deportivos",
            "fr": "Jeunes mentors dans les clubs sportifs",
            "nl": "Jonge mentoren in sportclubs",
            "lv": "Jauni mentori sporta klubos",
        },
    ),
    PracticeTemplate(
        "C",
        "Neighbourhood volunteer desk",
        "A desk in the district office matches residents who offer time with newcomers' everyday needs.",
        "## The desk\n\nOpen **three mornings a week**, staffed by a city officer and two volunteers. Requests "
        "range from filling in forms to finding a football team.\n\n> One address for both sides.",
        "300 requests answered, 80 volunteers registered.",
        ("newcomers", "elderly", "refugees"),
        {
            "it": "Sportello di quartiere per il volontariato",
            "de": "Freiwilligenbüro im Stadtteil",
            "es": "Punto de voluntariado en el barrio",
            "fr": "Guichet de quartier du bénévolat",
            "nl": "Vrijwilligersloket in de wijk",
            "lv": "Apkaimes brīvprātīgo punkts",
        },
    ),
)

PHOTO_ALT = "An abstract pattern of circles and bands in the programme's colours, illustrating the practice."
VIDEO_CAPTIONS = [
    "Volunteers set up the tables in the library.",
    "Newcomers and residents talk in small groups.",
    "Each table has a theme card in five languages.",
]


def add_practices(
    programme: Programme, cities: list[Organisation], staff: dict[str, User], coordinator: User, *,
    today: date, rng: random.Random, record: Callable[[Model], None],
) -> dict[str, int]:  # fmt: skip
    """Two practices a city, each with a photo, translated into the city's language where we have the words;
    the first city's first practice has a captioned video. All but the last city's are published."""
    themes = {theme.key: theme for theme in themes_of(programme)}
    counts = {"practices": 0, "photos": 0, "videos": 0}
    for index, city in enumerate(cities):
        for template in (PRACTICES[index % 4], PRACTICES[(index + 1) % 4]):
            author = staff[city.key]
            practice = _practice(programme, city, template, themes, author, today=today, rng=rng)
            record(practice)
            record(add_photo(practice, image=photo_upload(rng, f"{city.key}-photo"), alt_text=PHOTO_ALT, by=author))
            counts["practices"] += 1
            counts["photos"] += 1
            if index == 0 and counts["videos"] == 0:
                record(_video(practice, author))
                counts["videos"] += 1
            if index < len(cities) - 1:  # the last city's wait for the coordinator: something to do
                publish_practice(practice, by=coordinator)
    return counts


def _practice(programme, city, template: PracticeTemplate, themes, author, *, today, rng) -> Practice:
    texts = {"title": template.title, "summary": template.summary, "body": template.body, "results": template.results}
    start = programme.start - timedelta(days=rng.randint(120, 900))
    practice = save_practice(
        programme, organisation=city, by=author, original_language="en", texts=texts,
        themes=[themes[template.theme]] if template.theme in themes else list(themes.values())[:1],
        target_groups=list(template.groups), volunteers=rng.randint(8, 90), period_start=start,
        contact=f"volunteering@{city.key}.example.org",
    )  # fmt: skip
    language = next((code for code in city.city.languages if code in template.titles), None)
    if language is not None:
        translate_practice(practice, language=language, texts={"title": template.titles[language]})
    return practice


def _video(practice: Practice, author: User):
    return add_video(
        practice, title="An evening at the language café", file=video_upload("language-cafe"),
        captions=captions_upload("language-cafe", VIDEO_CAPTIONS), captions_language="en", by=author,
    )  # fmt: skip


# -- self-assessments -------------------------------------------------------------------------
def add_assessments(
    programme: Programme, cities: list[Organisation], staff: dict[str, User], *,
    today: date, rng: random.Random, record: Callable[[Model], None],
) -> dict[str, int]:  # fmt: skip
    """Each city scores itself in month 1–2 ("before"); a city whose visit has been held scores itself again two
    to three weeks after it ("after"), mostly a level higher."""
    standards = list(BenchmarkStandard.objects.filter(programme=programme).order_by("position", "pk"))
    counts = {"assessments_before": 0, "assessments_after": 0}
    if not standards:
        return counts
    held = {visit.host_id: visit.end for visit in Visit.objects.filter(programme=programme, end__lt=today)}
    for city in cities:
        before_on = programme.start + timedelta(days=rng.randint(7, 30))
        before = {standard: rng.choice((1, 1, 2, 2, 3)) for standard in standards}
        _assess(city, before, before_on, staff[city.key], "Needs analysis at the start of VALUES.", record)
        counts["assessments_before"] += 1
        if city.pk in held:
            # A visit in the programme's first weeks may end before the needs analysis: the review comes after both.
            reviewed = max(held[city.pk], before_on) + timedelta(days=rng.randint(14, 21))
            after_on = min(reviewed, today)
            after = {standard: min(4, score + rng.choice((0, 1, 1, 1))) for standard, score in before.items()}
            _assess(city, after, after_on, staff[city.key], "Reviewed with the mentors after the visit.", record)
            counts["assessments_after"] += 1
    return counts


def _assess(city, scores: dict, on: date, by: User, evidence: str, record) -> None:
    rows = record_self_assessment(city, scores={s: (score, evidence) for s, score in scores.items()}, on=on, by=by)
    for row in rows:
        record(row)
