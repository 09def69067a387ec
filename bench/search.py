"""Benchmark of the practice search: latency of `search()` against a naive `icontains` baseline.

Builds a throwaway database (SQLite in a temporary VALUES_VAR_DIR, or with --postgres the
database values_bench on 127.0.0.1:5432, dropped and created again), loads data/values.yaml,
generates --count published practices in 11 languages from small inline vocabularies (a title,
a summary, a description of three paragraphs and results, 100 to 300 words in each language), fills
the search index directly, then times --queries mixed queries. Always exits with code 0.

    .venv/bin/python bench/search.py [--count 50000] [--queries 200] [--postgres] [--seed 1]
"""

import argparse
import datetime
import itertools
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = "postgres://postgres@127.0.0.1:5432/values_bench"
TARGET_P95_MS = 30.0
TARGET_SPEEDUP = 20.0

# About 40 words per language, ASCII-ish; drawn with Zipf-like weights so some words are common.
VOCABULARY = {
    "en": "youth volunteer city school community training mentor sport culture inclusion network project "
    "citizens digital skills elderly migrants workshop festival library park neighbourhood support health "
    "education music theatre garden environment employment women children family partnership local council "
    "welcome language exchange dialogue",
    "it": "giovani volontari citta scuola comunita formazione tutor sport cultura inclusione rete progetto "
    "cittadini digitale competenze anziani migranti laboratorio festa biblioteca parco quartiere sostegno "
    "salute educazione musica teatro orto ambiente lavoro donne bambini famiglia partenariato comune "
    "accoglienza lingua scambio dialogo",
    "nl": "jongeren vrijwilligers stad school gemeenschap opleiding mentor sport cultuur inclusie netwerk project "
    "burgers digitaal vaardigheden ouderen migranten werkplaats feest bibliotheek park wijk steun "
    "gezondheid onderwijs muziek theater tuin milieu werk vrouwen kinderen gezin samenwerking gemeente "
    "welkom taal uitwisseling dialoog",
    "cs": "mladez dobrovolnici mesto skola komunita vzdelavani mentor sport kultura zaclenovani sit projekt "
    "obcane digitalni dovednosti seniori migranti dilna slavnost knihovna park ctvrt podpora zdravi "
    "vychova hudba divadlo zahrada prostredi zamestnani zeny deti rodina partnerstvi obec vitani jazyk "
    "vymena dialog",
    "de": "jugend freiwillige stadt schule gemeinschaft ausbildung mentor sport kultur inklusion netzwerk projekt "
    "buerger digital kompetenzen senioren migranten werkstatt fest bibliothek park viertel unterstuetzung "
    "gesundheit bildung musik theater garten umwelt arbeit frauen kinder familie partnerschaft gemeinde "
    "willkommen sprache austausch dialog",
    "es": "jovenes voluntarios ciudad escuela comunidad formacion mentor deporte cultura inclusion red proyecto "
    "ciudadanos digital habilidades mayores migrantes taller fiesta biblioteca parque barrio apoyo salud "
    "educacion musica teatro huerto ambiente empleo mujeres ninos familia colaboracion ayuntamiento "
    "acogida idioma intercambio dialogo",
    "ca": "joves voluntaris ciutat escola comunitat formacio mentor esport cultura inclusio xarxa projecte "
    "ciutadans digital habilitats gent gran migrants taller festa biblioteca parc barri suport salut "
    "educacio musica teatre hort entorn feina dones infants familia aliança ajuntament acollida llengua "
    "intercanvi",
    "no": "ungdom frivillige by skole fellesskap opplaering mentor idrett kultur inkludering nettverk prosjekt "
    "innbyggere digital ferdigheter eldre innvandrere verksted festival bibliotek park nabolag stotte helse "
    "utdanning musikk teater hage miljo arbeid kvinner barn familie samarbeid kommune velkommen sprak "
    "utveksling dialog",
    "fr": "jeunes benevoles ville ecole communaute formation tuteur sport culture inclusion reseau projet "
    "citoyens numerique competences aines migrants atelier fete bibliotheque parc quartier soutien sante "
    "education musique theatre jardin environnement emploi femmes enfants famille partenariat mairie "
    "accueil langue echange dialogue",
    "lv": "jaunieši brivpratigie pilseta skola kopiena apmaciba mentors sports kultura ieklausana tikls projekts "
    "iedzivotaji digitals prasmes seniori migranti darbnica svetki biblioteka parks apkaime atbalsts "
    "veseliba izglitiba muzika teatris darzs vide nodarbinatiba sievietes berni gimene partneriba "
    "pasvaldiba uznemsana valoda apmaina dialogs",
    "el": "neoi ethelontes poli scholeio koinotita ekpaideusi mentoras athlitismos politismos entaxi diktyo "
    "ergo polites psifiako dexiotites ilikiomenoi metanastes ergastirio giorti vivliothiki parko geitonia "
    "stirixi ygeia paideia mousiki theatro kipos perivallon apascholisi gynaikes paidia oikogeneia "
    "synergasia dimos ypodochi glossa antallagi dialogos",
}
LANGUAGES = list(VOCABULARY)
WORDS = {language: text.split() for language, text in VOCABULARY.items()}  # what queries ask for
# The words texts are written with, by language, and their cumulative Zipf weights; set by use_vocabulary().
TEXT_WORDS: dict[str, list[str]] = {}
TEXT_WEIGHTS: dict[str, list[float]] = {}
FILLER_WORDS = 5000  # per language in the large vocabulary
DOMAIN_RANK_STEP = 10  # the domain words' ranks among them: 10, 20, ... 400


def use_vocabulary(kind: str, seed: int) -> None:
    """ "small": texts use only the 40 domain words, so a query word occurs in most practices of its
    language (the worst case for ranking). "large": the domain words sit at ranks 10, 20, ... 400 of a
    Zipf vocabulary of 5,000 generated words per language, as topic words do in real text."""
    rng = random.Random(seed)
    for language, domain in WORDS.items():
        if kind == "small":
            words = list(domain)
        else:
            words = [_filler(rng, language) for _ in range(FILLER_WORDS)]
            for index, word in enumerate(domain):
                words.insert((index + 1) * DOMAIN_RANK_STEP, word)
        TEXT_WORDS[language] = words
        # Cumulative, so that drawing a word does not add up 5,000 weights each time.
        TEXT_WEIGHTS[language] = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))


def _filler(rng: random.Random, language: str) -> str:
    syllables = rng.randint(2, 4)
    return language + "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(syllables))


def sentence(rng: random.Random, language: str, low: int, high: int) -> str:
    return " ".join(rng.choices(TEXT_WORDS[language], cum_weights=TEXT_WEIGHTS[language], k=rng.randint(low, high)))


def prepare_database(postgres: bool) -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "values.settings")
    os.environ["DEBUG"] = "1"
    if postgres:
        psql = ["psql", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-q", "-d", "postgres", "-c"]
        subprocess.run([*psql, "DROP DATABASE IF EXISTS values_bench"], check=True)  # noqa: S603 (fixed arguments)
        subprocess.run([*psql, "CREATE DATABASE values_bench"], check=True)  # noqa: S603
        os.environ["DATABASE_URL"] = PG_URL
        os.environ["VALUES_VAR_DIR"] = tempfile.mkdtemp(prefix="values-bench-search-")
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["VALUES_VAR_DIR"] = tempfile.mkdtemp(prefix="values-bench-search-")
    sys.path.insert(0, str(ROOT / "src"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("load", str(ROOT / "data" / "values.yaml"))
    from django.db import connection

    return f"{connection.vendor} {connection.Database.sqlite_version if connection.vendor == 'sqlite' else ''}".strip()


def generate(count: int, seed: int) -> None:
    from django.db import connection, transaction

    from values.knowledge.enums import PracticeStatus
    from values.knowledge.models import Practice
    from values.knowledge.search import _insert
    from values.network.models import Organisation
    from values.programme.models import Programme

    rng = random.Random(seed)
    programme = Programme.objects.first()
    organisations = list(Organisation.objects.all()) or sys.exit("data/values.yaml has no organisations")
    themes = list(programme.themes.all()) if hasattr(programme, "themes") else []
    if not themes:
        from values.programme.models import Theme

        themes = list(Theme.objects.all())
    now = datetime.datetime.now(datetime.UTC)
    practices = []
    for _ in range(count):
        languages = rng.sample(LANGUAGES, rng.randint(1, 3))
        title = {lang: sentence(rng, lang, 3, 8) for lang in languages}
        summary = {lang: sentence(rng, lang, 8, 30) for lang in languages}
        # A description of a few paragraphs and a short account of results, as real practices have.
        body = {lang: "\n\n".join(sentence(rng, lang, 30, 80) for _ in range(3)) for lang in languages}
        results = {lang: sentence(rng, lang, 10, 40) for lang in languages}
        practices.append(
            Practice(
                programme=programme,
                organisation=rng.choice(organisations),
                original_language=languages[0],
                title=title,
                summary=summary,
                body=body,
                results=results,
                status=PracticeStatus.PUBLISHED,
                published_at=now,
            )
        )
    through = Practice.themes.through
    with transaction.atomic():
        created = Practice.objects.bulk_create(practices, batch_size=2000)
        if created and created[0].pk is None:  # backends without RETURNING: read the ids back
            created = list(Practice.objects.order_by("pk"))[-count:]
        through.objects.bulk_create(
            [through(practice_id=p.pk, theme_id=rng.choice(themes).pk) for p in created], batch_size=5000
        )
        with connection.cursor() as cursor:
            for p in created:
                for language in p.title:
                    _insert(
                        cursor,
                        p.pk,
                        language,
                        [p.title[language], p.summary[language], p.body[language], p.results[language]],
                    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run_queries(count: int, seed: int) -> dict:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Q

    from values.knowledge.queries import filter_practices, practices_visible_to, ranked_practices
    from values.knowledge.search import words
    from values.programme.models import Programme, Theme

    rng = random.Random(seed + 1)
    programme = Programme.objects.first()
    themes = list(Theme.objects.filter(practices__isnull=False).distinct())
    queries = []
    for _ in range(count):
        language = rng.choice(LANGUAGES)
        terms = rng.sample(WORDS[language], rng.randint(1, 3))
        theme = rng.choice(themes) if rng.random() < 0.3 else None
        queries.append((" ".join(terms), theme))

    reader = AnonymousUser()

    def visible(theme):
        # What the practices page does for a reader who is not signed in.
        return filter_practices(practices_visible_to(reader, programme), theme=theme)

    def run_search(q, theme):
        return ranked_practices(visible(theme), q)

    def run_baseline(q, theme):
        # The same job done naively: every word somewhere in any translation of any text.
        matches = Q()
        for term in words(q):
            matches &= (
                Q(title__icontains=term)
                | Q(summary__icontains=term)
                | Q(body__icontains=term)
                | Q(results__icontains=term)
            )
        return list(visible(theme).filter(matches)[:50])

    for q, theme in queries[:5]:  # warm-up, not timed
        run_search(q, theme)
        run_baseline(q, theme)
    timings = {"search": [], "search (theme)": [], "search (plain)": [], "baseline": []}
    hits = 0
    for q, theme in queries:
        start = time.perf_counter()
        result = run_search(q, theme)
        elapsed = (time.perf_counter() - start) * 1000
        hits += len(result)
        timings["search"].append(elapsed)
        timings["search (theme)" if theme is not None else "search (plain)"].append(elapsed)
        start = time.perf_counter()
        run_baseline(q, theme)
        timings["baseline"].append((time.perf_counter() - start) * 1000)
    timings["mean hits"] = hits / len(queries)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50000, help="practices to generate")
    parser.add_argument("--queries", type=int, default=200, help="queries to time")
    parser.add_argument("--postgres", action="store_true", help=f"use {PG_URL} (dropped and created)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--vocabulary", choices=("small", "large"), default="small",
        help="small: 40 words per language, every query word in most practices (worst case); "
        "large: the same words among 5,000 per language",
    )  # fmt: skip
    args = parser.parse_args()

    use_vocabulary(args.vocabulary, args.seed)
    engine = prepare_database(args.postgres)
    start = time.perf_counter()
    generate(args.count, args.seed)
    build = time.perf_counter() - start

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM knowledge_practice_search")
        rows = cursor.fetchone()[0]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            engine = f"postgresql {cursor.fetchone()[0]}"
    timings = run_queries(args.queries, args.seed)

    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    print(
        f"Search benchmark, {now}: {engine}, {args.count:,} practices ({rows:,} index rows), "
        f"{args.queries} queries, seed {args.seed}, {args.vocabulary} vocabulary."
    )
    print(
        f"Figures depend on the machine ({os.cpu_count()} cores here, {platform.machine()}; "
        f"the targets assume a 2-core server). Python {platform.python_version()}. Build took {build:.1f} s."
    )
    print(f"{'':16} {'n':>5} {'p50 ms':>9} {'p95 ms':>9}")
    for name in ("search", "search (plain)", "search (theme)", "baseline"):
        values = timings[name]
        if values:
            print(f"{name:16} {len(values):>5} {percentile(values, 0.5):>9.2f} {percentile(values, 0.95):>9.2f}")
    search_p95 = percentile(timings["search"], 0.95)
    baseline_p95 = percentile(timings["baseline"], 0.95)
    ratio = baseline_p95 / search_p95 if search_p95 else float("inf")
    print(f"mean hits per search: {timings['mean hits']:.1f}")
    print(f"baseline p95 / search p95 = {ratio:.1f}x")
    if search_p95 >= TARGET_P95_MS:
        print(f"TARGET MISSED: search p95 {search_p95:.2f} ms, target under {TARGET_P95_MS:.0f} ms")
    if ratio < TARGET_SPEEDUP:
        print(f"TARGET MISSED: search only {ratio:.1f}x faster than the baseline at p95, target {TARGET_SPEEDUP:.0f}x")


if __name__ == "__main__":
    main()
