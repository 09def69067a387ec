"""Benchmark of the REST API's list operations: p95 latency and queries per request, at two sizes.

Builds a throwaway database (SQLite in a temporary VALUES_VAR_DIR, or with --postgres the database
values_bench on 127.0.0.1:5432, dropped and created again), loads data/values.yaml and
data/benchmarks.yaml, accepts a plan (seed 1) and makes a coordinator with a read-only personal API
token. The operations come from the API's own OpenAPI description: every GET whose only path parameter
is `code` (and the programmes' list), plus the practices' list searched for a common and a rare word.
Each is requested --requests times (after 3 warm-ups) through Django's test client with the token,
first page: once with the programme as loaded plus modest content (--small-practices practices, public
action plans, reports), then again after growing it to Europe scale (--cities partner cities with their
staff, action plans, opportunities, volunteers and expenses, --practices more practices). Prints the
median and p95 in ms, the bytes, the rows and the queries of each. Always exits with code 0.

    .venv/bin/python bench/api.py [--cities 1000] [--practices 50000] [--requests 30] [--postgres]
"""

import argparse
import datetime
import faulthandler
import gc
import json
import os
import platform
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import metadata
from pathlib import Path

import bench_content
import search as search_bench

ROOT = Path(__file__).resolve().parent.parent
PG_URL = "postgres://postgres@127.0.0.1:5432/values_bench"
PREFIX = "/api/v1"
TARGET_P95_MS = 100.0  # every JSON operation at the large size (issue #21 gives pages the same)
WARM_UPS = 3
MIN_TIMED = 3  # an operation slower than --budget is still timed this many times (once if one answer is)
PAGE = 25
CHUNK = 10_000  # practices generated at a time, so that their texts need not all be in memory
# Where the grown cities are: a country and a language spoken there.
COUNTRIES = [("AT", "de"), ("BE", "nl"), ("BE", "fr"), ("BG", "bg"), ("CZ", "cs"), ("DE", "de"), ("DK", "da"),
             ("EE", "et"), ("ES", "es"), ("ES", "ca"), ("FI", "fi"), ("FR", "fr"), ("GR", "el"), ("HR", "hr"),
             ("HU", "hu"), ("IE", "en"), ("IT", "it"), ("LT", "lt"), ("LV", "lv"), ("NL", "nl"), ("NO", "no"),
             ("PL", "pl"), ("PT", "pt"), ("RO", "ro"), ("SE", "sv"), ("SI", "sl"), ("SK", "sk")]  # fmt: skip


@dataclass
class Operation:
    name: str  # as the rows show it: the path after /api/v1, with its query
    url: str
    json: bool = True  # its answer is JSON (a list or a record) by the description, not a file: the p95 target holds
    skipped: str = ""  # why it is not timed (a required parameter the script cannot fill)


@dataclass
class Figures:
    timings: list[float] = field(default_factory=list)
    size: int = 0  # bytes of the answer
    rows: int | None = None  # the whole list's count (a page's `count`, or a list's length)
    queries: int | None = None
    error: str = ""

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.timings)
        return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# The database and the caller


def prepare_database(postgres: bool) -> str:
    """A fresh database with the programme and an accepted plan, as a deployment runs (DEBUG off); its name."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "values.settings")
    os.environ["DEBUG"] = "0"
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["API_RATE_PER_MINUTE"] = str(10**9)  # the rate limit is not what is measured
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"  # the plan's e-mails, unprinted
    os.environ["VALUES_VAR_DIR"] = var = tempfile.mkdtemp(prefix="values-bench-api-")
    Path(var, "static").mkdir()  # whitenoise's, empty: the API serves no static file
    if postgres:
        psql = ["psql", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-q", "-d", "postgres", "-c"]
        subprocess.run([*psql, "DROP DATABASE IF EXISTS values_bench"], check=True)  # noqa: S603 (fixed arguments)
        subprocess.run([*psql, "CREATE DATABASE values_bench"], check=True)  # noqa: S603
        os.environ["DATABASE_URL"] = PG_URL
    else:
        os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT / "src"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("load", str(ROOT / "data" / "values.yaml"), verbosity=0)
    call_command("load_benchmarks", str(ROOT / "data" / "benchmarks.yaml"), verbosity=0)
    bench_content._accept_a_plan()
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
    return f"SQLite {connection.Database.sqlite_version}"


def coordinator_token() -> tuple[object, str]:
    """The programme's coordinator (who sees the most) and a read-only token of theirs."""
    from values.api.services import create_token
    from values.network.enums import Role
    from values.network.services import create_account
    from values.programme.enums import PartnerRole
    from values.programme.queries import current_programme
    from values.programme.services import grant_role

    programme = current_programme()
    lead = programme.partners.get(role=PartnerRole.COORDINATOR).organisation
    user = create_account(username="bench-coordinator", email="bench-coordinator@example.org", password="")
    user.set_unusable_password()
    user.save(update_fields=["password"])
    grant_role(user, programme=programme, organisation=lead, role=Role.COORDINATOR)
    token, secret = create_token(user, name="bench/api.py", scope="read", days=1)
    return token, secret


# Content


def add_small_content(practices: int, seed: int) -> list[str]:
    """Self-assessments and public action plans of the programme's cities (bench_content), accepted reports of
    the exchanges, what the grown cities have for each of them too (so that no list is empty at the small size),
    and `practices` published practices written as bench/search.py writes them."""
    from values.programme.queries import current_programme

    rng = random.Random(seed)
    programme = current_programme()
    steps = [("self-assessments, public action plans, reports", lambda: _bench_content(programme, rng))]
    steps += [(name, lambda step=step: step(rng, _programme_cities()))
              for name, step in PER_CITY if name != "action plans"]  # bench_content made theirs  # fmt: skip
    steps.append(("practices", lambda: search_bench.generate(practices, seed) or f"{practices:,} practices"))
    return _run(steps)


def _bench_content(programme, rng: random.Random) -> str:
    bench_content._self_assessments(programme, rng)
    bench_content._action_plans(programme, rng)
    bench_content._reports(programme, rng)
    return "two self-assessments and an adopted public action plan per city, two accepted reports per exchange"


def add_practices(count: int, seed: int) -> None:
    for start in range(0, count, CHUNK):
        search_bench.generate(min(CHUNK, count - start), seed * 1000 + start // CHUNK + 1)


def query_words() -> tuple[str, str]:
    """A common word (the English topic word in most practices) and a rare one (the vocabulary's rarest
    that some practice has), from the practices there are now, so that both find something at both sizes."""
    from values.knowledge.models import Practice

    found: Counter = Counter()
    for texts in Practice.objects.values_list("title", "summary", "body", "results"):
        seen = set()
        for text in texts:
            for value in (text or {}).values() if isinstance(text, dict) else [text or ""]:
                seen.update(word.lower() for word in re.findall(r"\w+", value) if len(word) > 3)
        found.update(seen)
    english = [word for word in search_bench.WORDS["en"] if found[word]]
    common = max(english, key=lambda word: (found[word], word)) if english else "volunteers"
    # The practices' words have Zipf weights by their rank in the vocabulary: the rarest there is, by rank.
    rank = {word: index for words in search_bench.TEXT_WORDS.values() for index, word in enumerate(words)}
    rare = max((word for word in found if word in rank), key=lambda word: (rank[word], word), default="zebra")
    return common, rare


def grow(cities: int, practices: int, seed: int) -> list[str]:
    """Europe scale, as far as bulk-creating it is cheap; what each step added, or why it did not."""
    rng = random.Random(seed)
    steps = [("cities", lambda: _grow_cities(cities, rng))]
    steps += [(name, lambda step=step: step(rng, _bench_cities())) for name, step in PER_CITY]
    steps.append(("practices", lambda: add_practices(practices, seed) or f"{practices:,} practices"))
    return _run(steps)


def _run(steps: list) -> list[str]:
    """Each step in its own transaction: one that fails (a model another helper is changing) is reported."""
    from django.db import connection, transaction

    done = []
    for name, step in steps:
        start = time.perf_counter()
        try:
            with transaction.atomic():
                what = step()
            done.append(f"{what} ({time.perf_counter() - start:.1f} s)")
        except Exception as error:
            done.append(f"{name} NOT grown: {type(error).__name__}: {str(error)[:160]}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return done


def _bench_cities() -> list:
    from values.network.models import Organisation

    return list(Organisation.objects.filter(key__startswith="bench-city-").select_related("city").order_by("key"))


def _programme_cities() -> list:
    from values.programme.queries import current_programme, partners_of

    return [p.organisation for p in partners_of(current_programme()) if hasattr(p.organisation, "city")]


def _grow_cities(count: int, rng: random.Random) -> str:
    from django.db.models import Max

    from values.network.enums import OrganisationKind
    from values.network.models import City, Organisation
    from values.programme.enums import PartnerRole
    from values.programme.models import Partner, ThemeInterest
    from values.programme.queries import current_programme, themes_of

    programme = current_programme()
    themes = list(themes_of(programme))
    places = [rng.choice(COUNTRIES) for _ in range(count)]
    Organisation.objects.bulk_create(
        [Organisation(key=f"bench-city-{number:05d}", kind=OrganisationKind.CITY, country=country,
                      name={"en": f"Bench City {number}", language: f"Bench {language} {number}"})
         for number, (country, language) in enumerate(places)], batch_size=2000,
    )  # fmt: skip
    organisations = _bench_cities()
    City.objects.bulk_create(
        [City(organisation=o, name=o.name["en"], languages=sorted({language, "en"}),
              lat=Decimal(f"{rng.uniform(36, 70):.6f}"), lon=Decimal(f"{rng.uniform(-10, 30):.6f}"))
         for o, (_country, language) in zip(organisations, places, strict=True)], batch_size=2000,
    )  # fmt: skip
    first = (programme.partners.aggregate(last=Max("position"))["last"] or 0) + 1
    Partner.objects.bulk_create(
        [Partner(programme=programme, organisation=o, role=PartnerRole.PARTNER, position=first + number)
         for number, o in enumerate(organisations)], batch_size=2000,
    )  # fmt: skip
    partners = list(programme.partners.filter(organisation__in=organisations))
    ThemeInterest.objects.bulk_create(
        [ThemeInterest(partner=p, theme=t, score=rng.randint(0, 5)) for p in partners for t in themes], batch_size=5000
    )
    return f"{count:,} partner cities with {len(themes)} theme interests each"


def _grow_members(rng: random.Random, cities: list) -> str:
    from django.contrib.auth.hashers import make_password

    from values.network.enums import Role
    from values.network.models import User
    from values.programme.models import Membership
    from values.programme.queries import current_programme

    programme = current_programme()
    roles = (Role.CITY_STAFF, Role.VOLUNTEER_LEADER)
    User.objects.bulk_create(
        [User(username=f"bench-{o.key}-{role}", email=f"{role}@{o.key}.example.org", first_name=f"{role[:4]}",
              last_name=o.name["en"], password=make_password(None))
         for o in cities for role in roles], batch_size=2000,
    )  # fmt: skip
    users = User.objects.filter(username__in=[f"bench-{o.key}-{role}" for o in cities for role in roles])
    users = {u.username: u for u in users}
    Membership.objects.bulk_create(
        [Membership(user=users[f"bench-{o.key}-{role}"], organisation=o, programme=programme, role=role)
         for o in cities for role in roles], batch_size=2000,
    )  # fmt: skip
    return f"{len(users):,} members (city staff and a volunteer leader per city)"


def _grow_action_plans(rng: random.Random, cities: list) -> str:
    from datetime import date

    from values.actionplans.enums import ActionStatus, PlanStatus, Section
    from values.actionplans.models import Action, ActionPlan, SectionRevision
    from values.programme.queries import current_programme

    programme = current_programme()
    ActionPlan.objects.bulk_create(
        [ActionPlan(programme=programme, organisation=o, status=PlanStatus.ADOPTED, published=True) for o in cities],
        batch_size=2000,
    )
    plans = list(ActionPlan.objects.filter(programme=programme, organisation__in=cities)
                 .select_related("organisation"))  # fmt: skip
    SectionRevision.objects.bulk_create(
        [SectionRevision(plan=p, section=Section.OBJECTIVES, number=1, text=bench_content._text(rng, 60))
         for p in plans], batch_size=2000,
    )  # fmt: skip
    statuses = (ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.PLANNED)
    Action.objects.bulk_create(
        [Action(plan=p, title=f"Action {number + 1} of {p.organisation.key}", owner=p.organisation,
                start=date(2020, 1 + 2 * number, 1), end=date(2020, 12, 31), unit="volunteers trained",
                target=Decimal(40), current=Decimal(12 * number), status=status)
         for p in plans for number, status in enumerate(statuses)], batch_size=5000,
    )  # fmt: skip
    return f"{len(plans):,} adopted public action plans with 3 actions each"


def _grow_opportunities(rng: random.Random, cities: list) -> str:
    from datetime import date

    from django.utils import timezone

    from values.programme.queries import current_programme, themes_of
    from values.volunteering.enums import OpportunityKind, OpportunityStatus
    from values.volunteering.models import Opportunity

    programme = current_programme()
    themes = list(themes_of(programme))
    now = timezone.now()
    rows = []
    for o in cities:
        language = (o.city.languages or ["en"])[0]
        for number in range(2):
            rows.append(Opportunity(
                programme=programme, organisation=o, city=o, kind=rng.choice(list(OpportunityKind)),
                original_language=language, title={language: f"Opportunity {number + 1} in {o.city.name}"},
                description={language: bench_content._text(rng, 40)}, theme=rng.choice(themes),
                latitude=float(o.city.lat), longitude=float(o.city.lon), languages=[language],
                places=rng.randint(1, 10), start_date=date(2026, 1, 1), status=OpportunityStatus.PUBLISHED,
                published_at=now,
            ))  # fmt: skip
    Opportunity.objects.bulk_create(rows, batch_size=2000)
    return f"{len(rows):,} published volunteer opportunities"


def _grow_volunteers(rng: random.Random, cities: list) -> str:
    from django.utils import timezone

    from values.programme.queries import current_programme
    from values.volunteering.models import Volunteer

    programme = current_programme()
    now = timezone.now()
    rows = [
        Volunteer(programme=programme, email=f"volunteer{number}@{o.key}.example.org",
                  name=f"Volunteer {number} {o.key}", languages=o.city.languages, city=o,
                  latitude=float(o.city.lat), longitude=float(o.city.lon),
                  consented_at=now, confirmed_at=now, last_active_at=now)
        for o in cities for number in range(5)
    ]  # fmt: skip
    Volunteer.objects.bulk_create(rows, batch_size=2000)
    return f"{len(rows):,} confirmed volunteers"


def _grow_expenses(rng: random.Random, cities: list) -> str:
    from datetime import date

    from values.finance.enums import ExpenseStatus
    from values.finance.models import Expense
    from values.programme.enums import DIRECT_CATEGORIES
    from values.programme.queries import current_programme

    programme = current_programme()
    rows = []
    for partner in programme.partners.filter(organisation__in=cities):
        for number in range(3):
            amount = Decimal(rng.randint(1000, 500_000)) / 100
            rows.append(Expense(
                partner=partner, spent_on=date(2020, 1 + 3 * number, 15), category=rng.choice(DIRECT_CATEGORIES),
                amount=amount, currency="EUR", rate=Decimal(1), amount_eur=amount, description=f"Expense {number + 1}",
                status=(ExpenseStatus.APPROVED, ExpenseStatus.SUBMITTED)[number % 2],
            ))  # fmt: skip
    Expense.objects.bulk_create(rows, batch_size=2000)
    return f"{len(rows):,} expenses"


# What each city brings to the lists, bulk-created: a name, and a function of the random source and the cities.
PER_CITY = [("members", _grow_members), ("action plans", _grow_action_plans), ("opportunities", _grow_opportunities),
            ("volunteers", _grow_volunteers), ("expenses", _grow_expenses)]  # fmt: skip


def sizes() -> str:
    """What the database holds now, for the rows that lists show."""
    from values.actionplans.models import ActionPlan
    from values.activities.models import Activity
    from values.finance.models import Expense
    from values.knowledge.models import Practice
    from values.programme.models import Membership, Partner
    from values.volunteering.models import Opportunity, Volunteer

    counts = {"partners": Partner, "practices": Practice, "memberships": Membership, "action plans": ActionPlan,
              "opportunities": Opportunity, "volunteers": Volunteer, "expenses": Expense,
              "activities": Activity}  # fmt: skip
    return ", ".join(f"{model.objects.count():,} {name}" for name, model in counts.items())


# The operations and their timing


def operations(code: str, common: str, rare: str) -> tuple[list[Operation], str]:
    """Every GET of the OpenAPI description whose path names at most the programme (`code`), first page, and
    the practices' list searched for `common` and for `rare`; or nothing and why the description failed."""
    try:
        from values.api.api import api

        schema = api.get_openapi_schema()
    except Exception as error:
        return [], f"{type(error).__name__}: {error}"
    found = []
    for path, methods in sorted(schema.get("paths", {}).items()):
        operation = methods.get("get")
        if operation is None:
            continue
        parameters = operation.get("parameters", [])
        if {p["name"] for p in parameters if p.get("in") == "path"} - {"code"}:
            continue
        if "/me/" in path:  # a volunteer's own rows (one person's, for their account): no list that grows
            continue
        query, skipped = {}, []
        for parameter in parameters:
            name = parameter["name"]
            if parameter.get("in") != "query":
                continue
            if name == "limit":
                query["limit"] = str(PAGE)
            elif parameter.get("required"):
                value = _example(parameter)
                if value is None:
                    skipped.append(name)
                else:
                    query[name] = str(value)
        url = path.replace("{code}", code)
        name = path.removeprefix(PREFIX)
        shown = "&".join(f"{k}={v}" for k, v in query.items() if k != "limit")
        media = operation.get("responses", {}).get("200", {}).get("content", {})
        found.append(
            Operation(name + (f"?{shown}" if shown else ""), _with(url, query), "application/json" in media,
                      f"needs {', '.join(skipped)}" if skipped else "")
        )  # fmt: skip
        if name.endswith("/practices/") and any(p["name"] == "q" for p in parameters):
            for word in (common, rare):
                found.append(Operation(f"{name}?q={word}", _with(url, query | {"q": word})))
    return found, ""


def _example(parameter: dict):
    schema = parameter.get("schema", {})
    for value in (parameter.get("example"), schema.get("default"), *(schema.get("examples") or []),
                  *(schema.get("enum") or [])):  # fmt: skip
        if value is not None:
            return value
    return None


def _with(url: str, query: dict) -> str:
    from urllib.parse import urlencode

    return f"{url}?{urlencode(query)}" if query else url


def measure(client, token, operation: Operation, requests: int, budget: float) -> Figures:
    """Time `requests` answers after the warm-ups, whose last one gives the queries. Warm-ups and timed answers
    each stop at `budget` seconds (the timed ones after MIN_TIMED, or one when a single answer is slower than the
    budget). An error is kept in the figures, never raised."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from values.api.models import ApiToken

    figures = Figures()
    if operation.skipped:
        figures.error = f"skipped: {operation.skipped}"
        return figures
    try:
        started = time.perf_counter()
        for _ in range(WARM_UPS):
            # The token's use is noted once a minute: noted just now, so that it is not in the count.
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
            with CaptureQueriesContext(connection) as queries:
                response, body = _get(client, operation.url)
            figures.queries = len(queries.captured_queries)
            if response.status_code != 200:
                figures.error = _refusal(response, body)
                return figures
            if time.perf_counter() - started > budget:
                break
        figures.size, figures.rows = len(body), _rows(response, body)
        started = time.perf_counter()
        while len(figures.timings) < requests:
            start = time.perf_counter()
            response, body = _get(client, operation.url)
            figures.timings.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                figures.error = _refusal(response, body)
                return figures
            spent = time.perf_counter() - started
            if spent > budget and (len(figures.timings) >= MIN_TIMED or figures.timings[-1] > budget * 1000):
                break
    except Exception as error:
        figures.error = f"{type(error).__name__}: {error}"
    return figures


def _get(client, url: str):
    response = client.get(url, secure=True)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def _refusal(response, body: bytes) -> str:
    try:
        problem = json.loads(body)
        detail = problem.get("detail") or problem.get("title") or ""
    except (ValueError, AttributeError):
        detail = body[:80].decode(errors="replace")
    return f"{response.status_code} {detail}"


def _rows(response, body: bytes) -> int | None:
    """How many items the whole list holds: a page's `count`, a list's length; None for anything else."""
    if "json" not in response.get("Content-Type", ""):
        return None
    data = json.loads(body)
    if isinstance(data, list):
        return len(data)
    return data.get("count") if isinstance(data, dict) and "results" in data else None


# Output


def settle(freeze: bool) -> None:
    """Collect what building left; with `freeze`, keep what is loaded out of the collector's passes."""
    gc.collect()
    if freeze:
        gc.freeze()


def load() -> str:
    return ", ".join(f"{figure:.2f}" for figure in os.getloadavg())


def _cells(figures: Figures) -> str:
    if figures.error:
        return f"  {figures.error[:39]:39}"
    rows = "" if figures.rows is None else f"{figures.rows:,}"
    queries = "?" if figures.queries is None else figures.queries
    return (f"{figures.percentile(0.5):>7.1f} {figures.percentile(0.95):>7.1f} {figures.size:>9,} {rows:>7} "
            f"{queries:>4} ")  # fmt: skip


def _shown(operation: Operation) -> str:
    return operation.name if operation.json else f"{operation.name} (file)"


def heading(width: int) -> None:
    cells = f"{'med ms':>7} {'p95 ms':>7} {'bytes':>9} {'rows':>7} {'qs':>4} "
    print(f"{'':{width}} | {'small':^39} | {'large':^39}")
    print(f"{'operation (GET)':{width}} | {cells}| {cells}", flush=True)


def row(width: int, operation: Operation, small: Figures, large: Figures, requests: int) -> list[str]:
    """Print the operation's row; its notes and misses, to print under the table."""
    print(f"{_shown(operation):{width}} | {_cells(small)}| {_cells(large)}", flush=True)
    notes = [
        f"note: {operation.name} was timed {len(figures.timings)} time(s) at the {size} size (--budget ran out)"
        for size, figures in (("small", small), ("large", large))
        if figures.timings and len(figures.timings) < requests and not figures.error
    ]
    return notes + _misses(operation, small, large)


def _misses(operation: Operation, small: Figures, large: Figures) -> list[str]:
    name = operation.name
    errors = [(size, f.error) for size, f in (("small", small), ("large", large)) if f.error]
    if errors:
        return [f"TARGET MISSED: {name} failed at the {size} size: {error}" for size, error in errors]
    found = []
    p95 = large.percentile(0.95)
    if operation.json and p95 >= TARGET_P95_MS:  # a file (the open data's ZIP, DCAT-AP) has no time target
        found.append(f"TARGET MISSED: {name} p95 {p95:.1f} ms at the large size, target under {TARGET_P95_MS:.0f} ms")
    if small.queries != large.queries:
        found.append(f"TARGET MISSED: {name} makes {small.queries} queries at the small size and {large.queries} "
                     "at the large size, target the same")  # fmt: skip
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", type=int, default=1000, help="partner cities added for the large size")
    parser.add_argument("--practices", type=int, default=50000, help="published practices added for the large size")
    parser.add_argument("--small-practices", type=int, default=200, help="published practices of the small size")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per operation and size")
    parser.add_argument("--budget", type=float, default=10.0,
                        help=f"seconds of timing per operation and size (at least {MIN_TIMED} requests)")  # fmt: skip
    parser.add_argument("--postgres", action="store_true", help=f"use {PG_URL} (dropped and created)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--gc-freeze", action="store_true",
                        help="gc.freeze() what is loaded before timing each size, as a server that freezes its "
                        "start-up heap: the collector's full passes then skip it")  # fmt: skip
    args = parser.parse_args()

    faulthandler.register(signal.SIGUSR1)  # kill -USR1 <pid> prints where a slow run is
    begun = time.perf_counter()
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    search_bench.use_vocabulary("large", args.seed)
    try:
        engine = prepare_database(args.postgres)
    except Exception:
        traceback.print_exc()
        print("TARGET MISSED: the database could not be prepared (the traceback is above)")
        return
    print(
        f"API benchmark, {now}: {engine}, Django {metadata.version('django')}, django-ninja "
        f"{metadata.version('django-ninja')}, Python {platform.python_version()}, DEBUG off, test client in process"
        f"{', gc.freeze() before timing' if args.gc_freeze else ''}."
    )
    print(f"Figures depend on the machine ({os.cpu_count()} cores here, {platform.machine()}, load {load()}; "
          f"the targets assume a 2-core server). First page ({PAGE}), {args.requests} requests after {WARM_UPS} "
          f"warm-ups, seed {args.seed}.", flush=True)  # fmt: skip
    try:
        run(args)
    except Exception:
        traceback.print_exc()
        print("TARGET MISSED: the benchmark did not finish (the traceback is above)")
    print(f"Total {time.perf_counter() - begun:.0f} s, load {load()} at the end.")


def run(args: argparse.Namespace) -> None:
    from django.test import Client

    from values.programme.queries import current_programme

    start = time.perf_counter()
    token, secret = coordinator_token()
    added = add_small_content(args.small_practices, args.seed)
    code = current_programme().code
    common, rare = query_words()
    found, failure = operations(code, common, rare)
    if failure:
        print(f"TARGET MISSED: the API's OpenAPI description could not be read: {failure}")
        return
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    print(f"Small size ({time.perf_counter() - start:.0f} s to build): programme {code}, {sizes()}. "
          f"Searches: a common word ({common}), a rare one ({rare}). Load {load()}.", flush=True)  # fmt: skip
    for line in added:
        print(f"  added: {line}")
    settle(args.gc_freeze)
    small = {op.name: measure(client, token, op, args.requests, args.budget) for op in found}

    start = time.perf_counter()
    grown = grow(args.cities, args.practices, args.seed)
    print(f"Large size ({time.perf_counter() - start:.0f} s to build): {sizes()}. Load {load()}.")
    for line in grown:
        print(f"  grown: {line}")
    print("  not grown: activities (the plan's visits and exchanges), communities, reports, self-assessments, "
          "themes, programmes; the Europe-scale generator is issue #21's.", flush=True)  # fmt: skip
    settle(args.gc_freeze)
    print(f"Measured (load {load()} before the large size):")
    width = max([len(_shown(op)) for op in found] + [20])
    heading(width)
    lines = []
    for op in found:
        lines += row(width, op, small[op.name], measure(client, token, op, args.requests, args.budget), args.requests)
    for line in lines:
        print(line)


if __name__ == "__main__":
    main()
