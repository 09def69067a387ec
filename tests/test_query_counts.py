"""Query counts of every list page, flat as data grows.

A site of 2 programmes (tests/query_world.py) is built and every programme page whose address takes no
object id is requested for the first programme, as the people who use it; then 18 more programmes are loaded
(sharing Cesena and Riga with the others) and the first programme gets a second batch of rows of every kind, and
every page is requested again. Each page must make exactly as many queries as before: a count that grows with
the programmes is a query that forgets its programme, one that grows with the rows is an N+1. Each page must
also answer 200 and show the first programme's data, so that an empty page cannot pass. The API's reading
operations whose address names only the programme (its lists) are counted the same way, as the coordinator
with a personal token and as a reader who is not signed in.

The routes come from Django's URL resolver: a new programme page without an id in its address and without a
row here fails `test_every_list_route_has_a_row`.
"""

import io
import re
import zipfile
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation

from tests.query_world import add_programmes, code_of, grow_programme
from values.api.api import api
from values.api.services import create_token
from values.programme.models import Programme
from values.urls import programme_urlconf

COORDINATOR, CITY_STAFF, ANONYMOUS = "coordinator", "city_staff", "anonymous"
VOLUNTEER = "volunteer"  # an account whose volunteer the first programme's pages speak for
# Arguments of an address that name a format, not an object.
NOT_IDS = {"file_format"}


@dataclass(frozen=True)
class Page:
    route: str
    roles: tuple[str, ...]  # who uses it; () for a form's address that shows no page (POST only)
    shows: str = ""  # a text of the first programme's data the page must show (of an export: in its bytes)
    kwargs: tuple[tuple[str, str], ...] = ()
    more: str = ""  # and a text of the first programme's second batch of rows, shown at 20 programmes

    @property
    def label(self) -> str:
        return "/".join([self.route, *(value for _, value in self.kwargs)])


# Every programme page whose address takes no object id, and who uses it.
# fmt: off
PAGES = [
    Page("home", (ANONYMOUS,), "Programme 0"),
    Page("partners", (ANONYMOUS,), "Town 0-1"),
    Page("start", (CITY_STAFF, COORDINATOR), "What you can do here"),
    Page("budget_check", (CITY_STAFF, COORDINATOR), "Town 0-1"),
    Page("finance", (COORDINATOR, CITY_STAFF), "City of Cesena"),
    Page("finance_export", (COORDINATOR,), "Town 0-1", (("file_format", "xlsx"),)),
    Page("finance_export", (COORDINATOR,), "%PDF", (("file_format", "pdf"),)),
    Page("monitoring", (COORDINATOR, CITY_STAFF), "Spending rate: City of Cesena"),
    Page("monitoring_csv", (COORDINATOR,), "Spending rate: City of Cesena"),
    Page("amendments", (COORDINATOR,), "Amendment reason 0-0", more="Amendment reason 0-1"),
    Page("amendment_new", (COORDINATOR,), "Town 0-1"),  # the partners whose budgets may move
    Page("expenses", (CITY_STAFF, COORDINATOR), "Train tickets 0-0", more="Train tickets 0-3"),
    Page("expense_add", (CITY_STAFF,), "City of Cesena"),
    Page("exchange_rates", (COORDINATOR,), "GBP"),
    Page("subsistence_rate", ()),
    Page("benchmarks", (CITY_STAFF,), "Standard 0-0", more="Standard 0-10"),
    Page("standard_add", (COORDINATOR,), "Welcome desks"),
    Page("practices", (ANONYMOUS, CITY_STAFF), "Practice 0-0", more="Practice 0-3"),
    Page("practice_add", (CITY_STAFF,), "Welcome desks"),
    Page("opportunities", (ANONYMOUS, CITY_STAFF), "Opportunity 0-0", more="Opportunity 0-3"),
    Page("opportunity_map", (ANONYMOUS, CITY_STAFF), "Opportunity 0-0", more="Opportunity 0-3"),
    Page("opportunity_add", (CITY_STAFF,), "Welcome desks"),
    Page("volunteer_certificate", (VOLUNTEER,), "%PDF"),
    Page("volunteer_signup", (ANONYMOUS,), "Welcome desks"),
    Page("volunteer_signup_sent", (ANONYMOUS,)),
    Page("volunteer_indicators", (ANONYMOUS,), "Welcome desks"),
    Page("volunteer_me", (ANONYMOUS,)),
    Page("volunteer_link", (ANONYMOUS,)),
    Page("volunteer_people", (COORDINATOR,), "Volunteer 0-0", more="Volunteer 0-3"),
    # A volunteer's own pages show one person's rows, never a list of the programme's: nothing grows there.
    Page("volunteer_details", ()),
    Page("volunteer_shifts_ics", ()),
    Page("volunteer_data", ()),
    Page("volunteer_erase", ()),
    Page("volunteer_sign_out", ()),
    Page("volunteer_account", ()),
    Page("volunteer_match", (CITY_STAFF, COORDINATOR), "Opportunity 0-0", more="Opportunity 0-3"),
    Page("training", (ANONYMOUS, CITY_STAFF), "Training 0-0", more="Training 0-3"),
    Page("training_add", (CITY_STAFF,), "Welcome desks"),
    Page("plan", (COORDINATOR, CITY_STAFF), "Town 0-1"),
    Page("plan_start", ()),
    Page("plan_rule_add", ()),
    Page("calendar", (CITY_STAFF, COORDINATOR), "Mentoring visit to Town 0-"),
    Page("activities_switch", (COORDINATOR,), "Town 0-1"),  # the choice: its themes and partner cities
    Page("feed_create", ()),
    Page("report_templates", (COORDINATOR,), "After the visit 0", more="After the visit 0-1"),
    Page("report_export", (COORDINATOR,), "A buddy scheme", (("file_format", "csv"),), more="After the visit 0-1"),
    Page("report_export", (COORDINATOR,), "%PDF", (("file_format", "pdf"),)),
    Page("action_plans", (COORDINATOR,), "Town 0-1"),
    Page("infographics", (ANONYMOUS, COORDINATOR), "Town 0-1"),
    Page("portal", (ANONYMOUS,), "Practice 0-0", more="Practice 0-4"),
    Page("toolkits", (ANONYMOUS,), "Welcome desks"),
    Page("campaign_current", (ANONYMOUS,), "Campaign 0-0"),
    Page("campaigns", (COORDINATOR,), "Campaign 0-1", more="Campaign 0-3"),
    Page("translations", (CITY_STAFF, COORDINATOR), "Practice 0-2", more="Practice 0-5"),
]
# fmt: on


# -- the routes ---------------------------------------------------------------------------------
def list_routes() -> set[tuple[str, tuple[str, ...]]]:
    """The programme pages' routes whose address takes no object id, each with the format arguments it takes."""
    routes: set[tuple[str, tuple[str, ...]]] = set()

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                step = "" if isinstance(pattern.pattern, LocalePrefixPattern) else str(pattern.pattern)
                walk(pattern.url_patterns, prefix + step)
            elif isinstance(pattern, URLPattern) and prefix.startswith("p/"):
                arguments = set(pattern.pattern.regex.groupindex) | set(getattr(pattern.pattern, "converters", {}))
                if arguments <= NOT_IDS:
                    routes.add((pattern.name, tuple(sorted(arguments))))

    walk(get_resolver(programme_urlconf(code_of(0))).url_patterns, "")
    return routes


def test_every_list_route_has_a_row():
    declared = {(page.route, tuple(sorted(name for name, _ in page.kwargs))) for page in PAGES}

    assert sorted(list_routes() - declared) == [], "list pages without a row in tests/test_query_counts.py"
    assert sorted(declared - list_routes()) == [], "rows whose route no longer exists"


# -- counting -----------------------------------------------------------------------------------
def url_of(page: Page) -> str:
    with translation.override("en"):
        return reverse(page.route, kwargs=dict(page.kwargs), urlconf=programme_urlconf(code_of(0)))


def clients(people) -> dict[str, Client]:
    signed_in = {}
    for role, person in people.items():
        signed_in[role] = Client()
        if person is not None:
            signed_in[role].force_login(person)  # with the second factor (tests/conftest.py)
    return signed_in


@dataclass
class Answer:
    status: int
    body: str
    queries: list[str]


def get(client: Client, url: str) -> Answer:
    client.get(url)  # once before, so that caches filled by a first request (content types, …) count for none
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    if url.endswith(".xlsx"):
        body = _xlsx_text(body)
    return Answer(response.status_code, body.decode("utf-8", errors="replace"), [q["sql"] for q in captured])


def _xlsx_text(body: bytes) -> bytes:
    """The XML of a workbook's parts, where the texts of its cells are."""
    with zipfile.ZipFile(io.BytesIO(body)) as workbook:
        return b"".join(workbook.read(name) for name in workbook.namelist() if name.endswith(".xml"))


def api_lists() -> list[str]:
    """The API's reading operations whose address names only the programme, as paths to fill with its code."""
    paths = api.get_openapi_schema()["paths"]
    return sorted(path for path, operations in paths.items()
                  if "get" in operations and set(re.findall(r"{(\w+)}", path)) == {"code"})  # fmt: skip


# The query an API list needs when its parameters are required: the switch preview of the programme's whole span.
API_QUERIES = {"/api/v1/programmes/{code}/activities/switch/": "?mode=online&from=2019-01-01&to=2030-12-31"}


def count_all(people, api_clients: dict[str, Client]) -> dict[tuple[str, str], Answer]:
    by_role = clients(people)
    answers = {(page.label, role): get(by_role[role], url_of(page)) for page in PAGES for role in page.roles}
    answers["programmes", ANONYMOUS] = get(by_role[ANONYMOUS], "/en/")
    for path in api_lists():
        # A volunteer's own operations (`…/me/…`) speak for the volunteer of the calling account.
        for role in (VOLUNTEER if "/me/" in path else COORDINATOR, ANONYMOUS):
            answers[path, role] = get(api_clients[role], path.replace("{code}", code_of(0)) + API_QUERIES.get(path, ""))
    return answers


def token_clients(people) -> dict[str, Client]:
    signed = {}
    for role in (COORDINATOR, VOLUNTEER):
        secret = create_token(people[role], name="query counts", scope="read", days=1)[1]
        signed[role] = Client(headers={"Authorization": f"Bearer {secret}"})
    return signed | {ANONYMOUS: Client()}


def problems_of(answers: dict[tuple[str, str], Answer], programmes: int) -> list[str]:
    """What is wrong with the answers: not a 200, the first programme's data missing, another programme's shown."""
    shows = {(p.label, role): (p.shows, p.more if programmes > 2 else "") for p in PAGES for role in p.roles}
    shows["programmes", ANONYMOUS] = (f"Programme {programmes - 1}", "")
    problems = []
    for (label, role), answer in answers.items():
        where = f"{label} as {role} at {programmes} programmes"
        if answer.status != 200 and not _refused_as_described(label, role, answer):
            problems.append(f"{where}: {answer.status}")
        problems += [
            f"{where}: does not show {text!r}" for text in shows.get((label, role), ()) if text not in answer.body
        ]
        if label != "programmes" and f"Town {programmes - 1}-" in answer.body:
            problems.append(f"{where}: shows the last programme's own town")
    return problems


def _refused_as_described(label: str, role: str, answer: Answer) -> bool:
    """An API list that is not for everyone refuses a reader not signed in (the permission matrix says which)."""
    return label.startswith("/api/") and role == ANONYMOUS and answer.status == 401


def programme_list_queries(answer: Answer) -> list[str]:
    """The index's queries of the programmes table that are not limited to a row or two."""
    return [sql for sql in answer.queries if re.search(r'FROM "programme_programme"', sql) and " LIMIT " not in sql]


@pytest.mark.django_db
def test_list_pages_make_as_many_queries_at_20_programmes_as_at_2(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.API_RATE_PER_MINUTE = settings.API_ANONYMOUS_RATE_PER_MINUTE = 10**9  # counted, not limited
    people = add_programmes(range(2))
    api_clients = token_clients(people)
    at_2 = count_all(people, api_clients)
    assert problems_of(at_2, 2) == [], "\n" + "\n".join(problems_of(at_2, 2))

    add_programmes(range(2, 20), people)
    grow_programme(Programme.objects.get(code=code_of(0)), people)
    at_20 = count_all(people, api_clients)
    assert problems_of(at_20, 20) == [], "\n" + "\n".join(problems_of(at_20, 20))

    table = "\n".join(f"{label:32} {role:12} {len(at_2[label, role].queries):4} {len(at_20[label, role].queries):4}"
                      for label, role in at_2)  # fmt: skip
    print(f"\n{'page':32} {'as':12} {'at 2':>4} {'at 20':>4}\n{table}")
    grown = [
        f"{label} as {role}: {len(at_2[label, role].queries)} → {len(at_20[label, role].queries)} queries"
        for label, role in at_2
        if len(at_2[label, role].queries) != len(at_20[label, role].queries)
    ]
    assert grown == [], "\n" + "\n".join(grown)
    assert len(programme_list_queries(at_20["programmes", ANONYMOUS])) == 1, "the index lists programmes in one query"
