"""Open data through the API, on the permission matrix's world (VALUES with its accepted plan, one published
practice, one proposal, the programme's English toolkit ready and theme B's queued): what the public pages show and
nothing else, the same for every caller, as CSV and JSON, in one ZIP, and described in DCAT-AP for the EU portal."""

import csv
import io
import json
import zipfile
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from tests.permission_world import CESENA, COORDINATOR, PROPOSAL_TITLE
from values.knowledge.services import publish_practice, save_practice
from values.network.models import Organisation, Person
from values.programme.models import Theme

from .conftest import ApiClient, token_client

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("api_opendata")]

BASE = "/api/v1/programmes/820885/open-data"
DATASETS = ("partners", "themes", "activities", "practices", "toolkits", "indicators")
AUTHORITY = "http://publications.europa.eu/resource/authority/"
CC_BY = f"{AUTHORITY}licence/CC_BY_4_0"


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    settings.API_RATE_PER_MINUTE = settings.API_ANONYMOUS_RATE_PER_MINUTE = 10**6


def rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def path_of(address: str) -> str:
    return urlsplit(address).path


def unzipped(response) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_partners_csv_has_the_eighteen_partners_and_no_contact(module_world):
    response = ApiClient().get(f"{BASE}/partners.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="values-820885-partners.csv"'
    text = response.content.decode("utf-8")
    assert text.splitlines()[0] == ("key,name,kind,role,country,city,lat,lon,budget_total,eu_contribution,"
                                    "cofinancing,currency,page")  # fmt: skip
    assert len(text.splitlines()) == 18 + 1
    assert "@" not in text
    assert not [p.email for p in Person.objects.exclude(email="") if p.email.split("@")[0] in text]
    by_key = {row["key"]: row for row in rows(response)}
    assert by_key["cesena"] == {
        "key": "cesena", "name": "City of Cesena", "kind": "city", "role": "partner", "country": "IT",
        "city": "Cesena", "lat": "44.139000", "lon": "12.243000", "budget_total": "22732.15",
        "eu_contribution": "20458.94", "cofinancing": "2273.21", "currency": "EUR",
        "page": "http://testserver/en/p/820885/partners/cesena/",
    }  # fmt: skip
    # A number is written as it is, never taken for a formula: Bristol lies west of Greenwich.
    assert by_key["bristol"]["lon"] == "-2.588000"
    assert (by_key["eurocities"]["role"], by_key["eurocities"]["city"]) == ("coordinator", "")


def test_the_partner_page_shows_the_budget_the_open_data_gives(module_world):
    page = ApiClient().client.get("/en/p/820885/partners/cesena/")

    assert page.status_code == 200
    assert "22,732.15" in page.content.decode()


def test_a_dataset_as_json_is_a_list_of_objects_with_decimals_as_strings(module_world):
    response = ApiClient().get(f"{BASE}/partners.json")

    assert response["Content-Type"] == "application/json"
    cesena = next(partner for partner in response.json() if partner["key"] == "cesena")
    assert (cesena["lat"], cesena["budget_total"], cesena["name"]) == ("44.139000", "22732.15", "City of Cesena")


def test_the_published_practice_is_there_in_each_language_and_its_page_is_public(module_world):
    practice = module_world.practice

    listed = ApiClient().get(f"{BASE}/practices.json").json()

    assert listed == [{
        "id": practice.pk, "organisation": "cesena", "organisation_name": "City of Cesena", "country": "IT",
        "original_language": "en", "title": {"en": "Matrix practice: buddies for newcomers"},
        "summary": {"en": "Matrix practice: buddies for newcomers: the summary."}, "themes": ["B"],
        "target_groups": [],
        "published_at": practice.published_at.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "page": f"http://testserver/en/p/820885/practices/{practice.pk}/",
    }]  # fmt: skip
    assert ApiClient().client.get(path_of(listed[0]["page"])).status_code == 200
    header = ApiClient().get(f"{BASE}/practices.csv").content.decode().splitlines()[0]
    assert header == ("id,organisation,organisation_name,country,original_language,title_en,title_it,summary_en,"
                      "summary_it,themes,target_groups,published_at,page")  # fmt: skip


def test_themes_count_their_published_practices(module_world):
    themes = {row["key"]: row for row in rows(ApiClient().get(f"{BASE}/themes.csv"))}

    assert list(themes) == ["A", "B", "C", "D"]
    assert themes["B"]["title_en"] == "Innovative volunteering activities in integration"
    assert themes["B"]["title_it"] == "Attività innovative di volontariato nell'integrazione"
    assert (themes["A"]["published_practices"], themes["B"]["published_practices"]) == ("0", "1")


def test_activities_are_counted_per_quarter_and_none_is_named(module_world):
    counted = ApiClient().get(f"{BASE}/activities.json").json()

    # February 2019 to January 2021: nine quarters, each with its visits and its exchanges.
    assert len(counted) == 9 * 2
    assert counted[0] == {"quarter": "2019-Q1", "kind": "visit", "activities": counted[0]["activities"]}
    assert sum(row["activities"] for row in counted if row["kind"] == "visit") == 16  # one visit per city
    assert sum(row["activities"] for row in counted if row["kind"] == "exchange") == 16  # both ways of 8 pairs


def test_only_the_toolkit_ready_to_read_is_listed_at_its_public_addresses(module_world):
    toolkits = ApiClient().get(f"{BASE}/toolkits.json").json()

    assert [(t["key"], t["theme"], t["language"], t["pages"]) for t in toolkits] == [("programme", None, "en", 1)]
    assert toolkits[0]["html"] == "http://testserver/en/p/820885/toolkits/programme/"
    assert toolkits[0]["pdf"] == "http://testserver/en/p/820885/toolkits/programme.pdf"
    assert ApiClient().client.get(path_of(toolkits[0]["html"])).status_code == 200
    assert ApiClient().client.get(path_of(toolkits[0]["pdf"]))["Content-Type"] == "application/pdf"


def test_indicators_give_the_programme_figures_and_the_volunteering_counted(module_world):
    indicators = ApiClient().get(f"{BASE}/indicators.json").json()

    found = {(row["indicator"], row["grouping"], row["group"]): (row["value"], row["unit"]) for row in indicators}
    assert found["partners", "programme", ""] == (18, "partners")
    assert found["cities", "programme", ""] == (16, "cities")
    assert found["months", "programme", ""] == (24, "months")
    # The world's one volunteer, accepted at Cesena's language café (theme B), with no shift or hours yet.
    assert found["volunteers_engaged", "all", ""] == (1, "people")
    assert found["volunteers_engaged", "city", "Cesena"] == (1, "people")
    assert found["volunteers_engaged", "theme", "B"] == (1, "people")
    assert found["approved_hours", "all", ""] == ("0.00", "hours")
    assert ("retained_after_3_months", "all", "") not in found  # nobody engaged three months ago


def every_answer(api: ApiClient) -> dict[str, bytes]:
    answers = {f"{name}.{fmt}": api.get(f"{BASE}/{name}.{fmt}").content for name in DATASETS for fmt in ("csv", "json")}
    answers |= {f"catalog.{ext}": api.get(f"{BASE}/catalog.{ext}").content for ext in ("ttl", "rdf", "jsonld")}
    answers["catalogue"] = api.get(f"{BASE}/").content
    return answers | {f"zip/{name}": body for name, body in unzipped(api.get(f"{BASE}.zip")).items()}


@pytest.mark.parametrize("identity", [None, CESENA, COORDINATOR])
def test_a_proposal_never_appears_whoever_asks(module_world, identity):
    api = token_client(module_world.people[identity]) if identity else ApiClient()

    answers = every_answer(api)

    assert [name for name, body in answers.items() if PROPOSAL_TITLE.encode() in body] == []
    assert [name for name, body in answers.items() if b"comune.cesena.fc.it" in body] == []
    assert len(answers) == 12 + 3 + 1 + 14


def test_the_zip_holds_every_dataset_twice_with_a_readme_and_the_description(module_world):
    response = ApiClient().get(f"{BASE}.zip")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="values-820885-open-data.zip"'
    members = unzipped(response)
    assert list(members) == [
        "README.txt", "catalog.ttl", "partners.csv", "partners.json", "themes.csv", "themes.json", "activities.csv",
        "activities.json", "practices.csv", "practices.json", "toolkits.csv", "toolkits.json", "indicators.csv",
        "indicators.json",
    ]  # fmt: skip
    assert members["practices.json"] == ApiClient().get(f"{BASE}/practices.json").content
    assert members["partners.csv"] == ApiClient().get(f"{BASE}/partners.csv").content
    readme = members["README.txt"].decode()
    assert readme.startswith("VALUES open data\n")
    assert f"Licence: {CC_BY}" in readme
    assert "Publisher: EUROCITIES" in readme
    assert "Source: http://testserver/en/p/820885/portal/" in readme
    assert len(Graph().parse(data=members["catalog.ttl"], format="turtle")) > 0


def test_the_zips_description_gives_each_file_its_size_and_the_catalogue_alone_none(module_world):
    """In the ZIP the files are made with their description, which states each one's bytes; the description
    served alone makes no file, and leaves out their sizes (optional in DCAT-AP)."""
    from rdflib.namespace import DCAT  # here: pytest looks into a module's names

    members = unzipped(ApiClient().get(f"{BASE}.zip"))
    graph = Graph().parse(data=members["catalog.ttl"], format="turtle")
    sizes = {str(graph.value(d, DCAT.downloadURL)).rsplit("/", 1)[1]: int(graph.value(d, DCAT.byteSize))
             for d in graph.subjects(DCAT.byteSize, None)}  # fmt: skip

    assert sizes == {name: len(body) for name, body in members.items() if name.endswith((".csv", ".json"))}
    alone = Graph().parse(data=ApiClient().get(f"{BASE}/catalog.ttl").content, format="turtle")
    assert list(alone.subjects(DCAT.byteSize, None)) == []


def test_a_formula_in_a_title_comes_out_as_text(module_world):
    cesena, staff = Organisation.objects.get(key="cesena"), module_world.people[CESENA]
    formula = '=HYPERLINK("https://evil.example","Click")'
    practice = save_practice(module_world.programme, organisation=cesena, by=staff, original_language="en",
                             texts={"title": formula, "summary": "+1 for the library"},
                             themes=[Theme.objects.get(key="A")])  # fmt: skip
    publish_practice(practice)

    written = {row["id"]: row for row in rows(ApiClient().get(f"{BASE}/practices.csv"))}[str(practice.pk)]

    assert written["title_en"] == "'" + formula
    assert written["summary_en"] == "'+1 for the library"
    assert written["organisation"] == "cesena"


VCARD_FN = URIRef("http://www.w3.org/2006/vcard/ns#fn")


def test_the_dcat_description_has_one_catalogue_and_six_datasets_each_downloadable(module_world):
    from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF  # here: pytest looks into a module's names

    response = ApiClient().get(f"{BASE}/catalog.ttl")

    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    graph = Graph().parse(data=response.content, format="turtle")
    (catalogue,) = graph.subjects(RDF.type, DCAT.Catalog)
    assert catalogue == URIRef("http://testserver/api/v1/programmes/820885/open-data/")
    datasets = set(graph.objects(catalogue, DCAT.dataset))
    assert datasets == set(graph.subjects(RDF.type, DCAT.Dataset))
    assert sorted(str(dataset).rsplit("#", 1)[1] for dataset in datasets) == sorted(DATASETS)
    assert Literal("VALUES open data", lang="en") in graph.objects(catalogue, DCTERMS.title)
    for subject in (catalogue, *datasets):
        assert list(graph.objects(subject, DCTERMS.title))
        assert list(graph.objects(subject, DCTERMS.description))
    publisher = graph.value(catalogue, DCTERMS.publisher)
    assert graph.value(publisher, FOAF.name) == Literal("EUROCITIES")
    assert (publisher, RDF.type, FOAF.Agent) in graph
    assert (catalogue, DCTERMS.language, URIRef(f"{AUTHORITY}language/ITA")) in graph
    for dataset in datasets:
        assert (dataset, DCAT.theme, URIRef(f"{AUTHORITY}data-theme/SOCI")) in graph
        assert graph.value(graph.value(dataset, DCAT.contactPoint), VCARD_FN) == Literal("EUROCITIES")
        assert graph.value(dataset, DCTERMS.publisher) == publisher
        period = graph.value(dataset, DCTERMS.temporal)
        assert (str(graph.value(period, DCAT.startDate)), str(graph.value(period, DCAT.endDate))) == (
            "2019-02-01", "2021-01-31")  # fmt: skip
        assert (dataset, DCTERMS.spatial, URIRef(f"{AUTHORITY}country/ITA")) in graph
        distributions = list(graph.objects(dataset, DCAT.distribution))
        formats = {str(graph.value(d, DCTERMS.format)).rsplit("/", 1)[1]: d for d in distributions}
        assert sorted(formats) == ["CSV", "JSON"]
        for kind, distribution in formats.items():
            download = graph.value(distribution, DCAT.downloadURL)
            assert graph.value(distribution, DCAT.accessURL) == download
            assert graph.value(distribution, DCTERMS.license) == URIRef(CC_BY)
            assert str(graph.value(distribution, DCAT.mediaType)).endswith(("text/csv", "application/json"))
            answer = ApiClient().get(path_of(str(download)))
            assert answer.status_code == 200
            assert str(download).endswith(f".{kind.lower()}")


def test_rdf_xml_and_json_ld_say_the_same_as_turtle(module_world):
    turtle = Graph().parse(data=ApiClient().get(f"{BASE}/catalog.ttl").content, format="turtle")
    rdf_xml = ApiClient().get(f"{BASE}/catalog.rdf")
    json_ld = ApiClient().get(f"{BASE}/catalog.jsonld")

    assert rdf_xml["Content-Type"] == "application/rdf+xml"
    assert json_ld["Content-Type"] == "application/ld+json"
    assert isomorphic(turtle, Graph().parse(data=rdf_xml.content, format="xml"))
    assert isomorphic(turtle, Graph().parse(data=json_ld.content, format="json-ld"))


def test_the_catalogue_lists_each_dataset_with_its_rows_and_addresses(module_world):
    catalogue = ApiClient().get(f"{BASE}/").json()

    assert (catalogue["title"], catalogue["publisher"], catalogue["licence"]) == ("VALUES open data", "EUROCITIES",
                                                                                   CC_BY)  # fmt: skip
    assert catalogue["zip_url"] == "http://testserver/api/v1/programmes/820885/open-data.zip"
    counted = {dataset["name"]: dataset["rows"] for dataset in catalogue["datasets"]}
    assert counted == {"partners": 18, "themes": 4, "activities": 18, "practices": 1, "toolkits": 1,
                       "indicators": counted["indicators"]}  # fmt: skip
    for dataset in catalogue["datasets"]:
        assert len(ApiClient().get(path_of(dataset["json_url"])).json()) == dataset["rows"]
    for address in ("dcat_turtle_url", "dcat_rdf_xml_url", "dcat_json_ld_url", "zip_url"):
        assert ApiClient().get(path_of(catalogue[address])).status_code == 200


def test_the_catalogue_speaks_the_callers_language_and_the_data_does_not(module_world):
    italian = ApiClient(headers={"Accept-Language": "it"})

    assert italian.get(f"{BASE}/partners.csv").content == ApiClient().get(f"{BASE}/partners.csv").content
    assert italian.get(f"{BASE}/practices.json").content == ApiClient().get(f"{BASE}/practices.json").content


@pytest.mark.parametrize("address", [f"{BASE}/secrets.csv", f"{BASE}/partners.xlsx", f"{BASE}/partners.CSV",
                                     f"{BASE}/catalog.csv", "/api/v1/programmes/999999/open-data/partners.csv",
                                     "/api/v1/programmes/999999/open-data.zip"])  # fmt: skip
def test_an_unknown_dataset_format_or_programme_is_a_404_problem(module_world, address):
    response = ApiClient().get(address)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_the_zip_costs_the_same_queries_with_twenty_more_practices(module_world):
    cesena, staff = Organisation.objects.get(key="cesena"), module_world.people[CESENA]
    themes = list(Theme.objects.filter(programme=module_world.programme))
    with CaptureQueriesContext(connection) as before:
        first = ApiClient().get(f"{BASE}.zip")
    for number in range(20):
        practice = save_practice(module_world.programme, organisation=cesena, by=staff, original_language="en",
                                 texts={"title": f"Practice {number}", "summary": "More of them."},
                                 themes=themes[: number % 4 + 1])  # fmt: skip
        publish_practice(practice)

    with CaptureQueriesContext(connection) as after:
        second = ApiClient().get(f"{BASE}.zip")

    practices = [len(json.loads(unzipped(response)["practices.json"])) for response in (first, second)]
    assert practices == [1, 21]
    assert len(after.captured_queries) == len(before.captured_queries)
