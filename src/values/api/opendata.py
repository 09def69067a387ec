"""Open data (issue #18): a programme's public datasets as CSV and JSON, one at a time or all in one ZIP, with
their DCAT-AP description (`dcat.py`) for the EU data portal to harvest. Anyone downloads them, with no account.

Each dataset is what the public pages show, read by the queries those pages use, and the same for every caller:
it is made as for a reader who is not signed in, so that a coordinator's token adds no proposal and no e-mail.
Texts are picked in English (`settings.LANGUAGE_CODE`) and pages' addresses are the English ones, so the files do
not change with the caller's Accept-Language; the catalogue's own words (titles, README) are in the caller's.
"""

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Path, Router, Schema

from values.activities.queries import activities_per_quarter
from values.api import dcat
from values.api.context import enter
from values.api.openapi import PUBLIC_MARK
from values.api.problems import rate_headers
from values.api.programmes import texts
from values.core.spreadsheets import to_csv_row
from values.core.text import pick
from values.knowledge.models import Practice
from values.knowledge.queries import practices_visible_to, themes_with_published_practices
from values.programme.enums import PartnerRole
from values.programme.models import Partner, Programme
from values.programme.queries import key_figures, partners_of, themes_of
from values.publishing.models import PROGRAMME_TOOLKIT_KEY
from values.publishing.queries import ready_toolkits
from values.volunteering.indicators import programme_indicators

router = Router(tags=["open data"])
FORMATS = ("csv", "json")
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
README = "README.txt"
CATALOGUE_FILE = "catalog.ttl"
_ENCODER = DjangoJSONEncoder()


# -- the tables ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Table:
    fields: tuple[str, ...]
    records: list[dict]
    texts: tuple[str, ...] = ()  # fields holding language → text: one CSV column per language (title_en, title_it)


class Source:
    """What the tables are made from: the programme, as its public pages show it to a reader not signed in."""

    def __init__(self, request: HttpRequest, programme: Programme) -> None:
        self.request, self.programme = request, programme

    @cached_property
    def partners(self) -> list[Partner]:
        return list(partners_of(self.programme))

    def page(self, name: str, language: str | None = None, **kwargs) -> str:
        """The absolute address of a public page of the programme, in `language` (English by default)."""
        with translation.override(language or settings.LANGUAGE_CODE):
            return self.request.build_absolute_uri(reverse(name, kwargs=kwargs or None))


def _name(value) -> str:
    return pick(value, settings.LANGUAGE_CODE)


PARTNER_FIELDS = ("key", "name", "kind", "role", "country", "city", "lat", "lon", "budget_total", "eu_contribution",
                  "cofinancing", "currency", "page")  # fmt: skip


def partners_table(source: Source) -> Table:
    """Where each partner is and its budget as the grant gives it (both on its public page); nobody's contact."""
    records = []
    for partner in source.partners:
        organisation = partner.organisation
        city = getattr(organisation, "city", None)
        budget = getattr(partner, "budget", None)
        records.append({
            "key": organisation.key, "name": _name(organisation.name), "kind": organisation.kind,
            "role": partner.role, "country": organisation.country, "city": city.name if city else None,
            "lat": city.lat if city else None, "lon": city.lon if city else None,
            "budget_total": budget.total if budget else None,
            "eu_contribution": budget.eu_contribution if budget else None,
            "cofinancing": budget.cofinancing if budget else None, "currency": source.programme.currency,
            "page": source.page("partner", key=organisation.key),
        })  # fmt: skip
    return Table(PARTNER_FIELDS, records)


def themes_table(source: Source) -> Table:
    records = [
        {"key": theme.key, "title": texts(theme.title), "published_practices": theme.published_practices,
         "volunteers_involved": theme.volunteers}
        for theme in themes_with_published_practices(source.programme)
    ]  # fmt: skip
    return Table(("key", "title", "published_practices", "volunteers_involved"), records, texts=("title",))


def activities_table(source: Source) -> Table:
    """How many visits and exchanges each quarter holds, as the public timeline shows: no single activity is
    public (its page and the calendar are for the people of the programme)."""
    records = [
        {"quarter": row.quarter, "kind": row.kind, "activities": row.activities}
        for row in activities_per_quarter(source.programme)
    ]
    return Table(("quarter", "kind", "activities"), records)


PRACTICE_FIELDS = ("id", "organisation", "organisation_name", "country", "original_language", "title", "summary",
                   "themes", "target_groups", "published_at", "page")  # fmt: skip
PRACTICE_COLUMNS = ("pk", "organisation__key", "organisation__name", "organisation__country", "original_language",
                    "title", "summary", "target_groups", "published_at")  # fmt: skip
PAGE_MARK = 999_999_999  # an id no practice has, replaced in the page's address by each practice's


def practices_table(source: Source) -> Table:
    """The published practices, as the public list finds them (the programme's and those shown in it). Read as
    values, not models, and each page's address made from one: fifty thousand practices are a file, not a wait."""
    practices = practices_visible_to(AnonymousUser(), source.programme).order_by("published_at", "pk")
    themes: dict[int, list[str]] = {}
    for practice_id, key in (
        Practice.themes.through.objects.filter(practice__in=practices.values("pk"))
        .order_by("theme__position", "theme_id")
        .values_list("practice_id", "theme__key")
    ):
        themes.setdefault(practice_id, []).append(key)
    page = source.page("practice", practice_id=PAGE_MARK).replace(str(PAGE_MARK), "{}")
    names = {}
    records = []
    for row in practices.values(*PRACTICE_COLUMNS):
        organisation = row["organisation__key"]
        if organisation not in names:
            names[organisation] = _name(row["organisation__name"])
        records.append({
            "id": row["pk"], "organisation": organisation, "organisation_name": names[organisation],
            "country": row["organisation__country"], "original_language": row["original_language"],
            "title": row["title"] or {}, "summary": row["summary"] or {}, "themes": themes.get(row["pk"], []),
            "target_groups": list(row["target_groups"]), "published_at": row["published_at"],
            "page": page.format(row["pk"]),
        })  # fmt: skip
    return Table(PRACTICE_FIELDS, records, texts=("title", "summary"))


def practices_count(source: Source) -> int:
    return practices_visible_to(AnonymousUser(), source.programme).count()


def toolkits_table(source: Source) -> Table:
    """The editions a reader can open, each at its web page and, once made, its PDF (in its own language)."""
    records = []
    for edition in ready_toolkits(source.programme):
        key = edition.theme.key if edition.theme else PROGRAMME_TOOLKIT_KEY
        pdf = source.page("toolkit_pdf", edition.language, key=key) if edition.pdf else None
        records.append({
            "key": key, "theme": edition.theme.key if edition.theme else None, "language": edition.language,
            "html": source.page("toolkit", edition.language, key=key), "pdf": pdf, "pages": edition.pages,
            "built_at": edition.built_at,
        })  # fmt: skip
    return Table(("key", "theme", "language", "html", "pdf", "pages", "built_at"), records)


def _figure(indicator: str, grouping: str, group: str, value, unit: str) -> dict:
    return {"indicator": indicator, "grouping": grouping, "group": group, "value": value, "unit": unit}


def _volunteering(grouping: str, group: str, figures) -> list[dict]:
    rows = [
        _figure("volunteers_engaged", grouping, group, figures.engaged, "people"),
        _figure("confirmed_shifts", grouping, group, figures.confirmed_shifts, "shifts"),
        _figure("approved_hours", grouping, group, figures.approved_hours, "hours"),
    ]
    for months, share in ((3, figures.retained_after_3), (6, figures.retained_after_6)):
        if share is not None:  # nobody engaged long enough to tell
            rows.append(_figure(f"retained_after_{months}_months", grouping, group, share, "share"))
    return rows


def indicators_table(source: Source) -> Table:
    """The programme's figures (its home page) and the volunteering indicators (`/volunteer/indicators/`), in all
    and per city, theme, month and campaign channel: counts, never a person."""
    figures = key_figures(source.programme)
    records = [
        _figure(name, "programme", "", value, "months" if name == "months" else name) for name, value in figures.items()
    ]
    indicators = programme_indicators(source.programme)
    records += _volunteering("all", "", indicators.total)
    for grouping, groups in indicators.groups.items():
        for group, group_figures in groups.items():
            records += _volunteering(grouping, group, group_figures)
    return Table(("indicator", "grouping", "group", "value", "unit"), records)


@dataclass(frozen=True)
class About:
    """What the catalogue says of a dataset, and how it is made."""

    title: Promise
    description: Promise
    keywords: tuple[Promise, ...]
    landing_page: str  # the URL name of the public page that shows it
    make: Callable[[Source], Table]
    count: Callable[[Source], int] | None = None  # how many records, without making them (else: made and counted)

    def rows(self, source: Source) -> int:
        return self.count(source) if self.count else len(self.make(source).records)


DATASETS = {
    "partners": About(
        gettext_lazy("Partners"),
        gettext_lazy("The organisations of the partnership: kind, role, country, city with its coordinates, and the "
                     "budget the grant gives each (total, EU contribution, co-financing)."),
        (gettext_lazy("partners"), gettext_lazy("cities")), "partners", partners_table,
        lambda source: source.programme.partners.count(),
    ),
    "themes": About(
        gettext_lazy("Themes"),
        gettext_lazy("The programme's themes, with the good practices published in each and the volunteers they "
                     "involve."),
        (gettext_lazy("themes"),), "portal", themes_table, lambda source: themes_of(source.programme).count(),
    ),
    "activities": About(
        gettext_lazy("Activities per quarter"),
        gettext_lazy("How many mentoring visits and exchanges between cities begin in each quarter of the "
                     "programme."),
        (gettext_lazy("mentoring visits"), gettext_lazy("exchanges")), "infographics", activities_table,
    ),
    "practices": About(
        gettext_lazy("Good practices"),
        gettext_lazy("The published good practices: who proposed them, their title and summary in each language, "
                     "themes, target groups, date of publication and page."),
        (gettext_lazy("good practices"),), "practices", practices_table, practices_count,
    ),
    "toolkits": About(
        gettext_lazy("Toolkits"),
        gettext_lazy("The Integrating Cities toolkits, of the whole programme and of each theme, in each language: "
                     "their web and PDF editions."),
        (gettext_lazy("toolkits"),), "toolkits", toolkits_table,
    ),
    "indicators": About(
        gettext_lazy("Indicators"),
        gettext_lazy("The programme in figures, and the volunteering indicators (volunteers engaged, confirmed "
                     "shifts, approved hours, retention after 3 and 6 months) in all and per city, theme, month and "
                     "campaign channel."),
        (gettext_lazy("indicators"),), "volunteer_indicators", indicators_table,
    ),
}  # fmt: skip
COMMON_KEYWORDS = (gettext_lazy("volunteering"), gettext_lazy("integration of migrants"))


# -- the files ----------------------------------------------------------------------------------------------------
def _cell(value):
    """A value as a CSV cell takes it: numbers stay numbers (written as they are), dates in ISO 8601, lists joined
    by ";" and nothing empty; `to_csv_row` then keeps every text from being run as a formula."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    if isinstance(value, date | datetime):
        return _ENCODER.default(value)
    return value


def _languages(table: Table, programme: Programme) -> list[str]:
    """The languages of the text columns: the programme's, then any other a text is written in."""
    found = {language for record in table.records for name in table.texts for language in record[name]}
    return list(dict.fromkeys([*programme.languages, *sorted(found)]))


def _header(table: Table, languages: list[str]) -> list[str]:
    return [column for name in table.fields
            for column in ([f"{name}_{code}" for code in languages] if name in table.texts else [name])]  # fmt: skip


def csv_file(table: Table, programme: Programme) -> bytes:
    languages = _languages(table, programme)
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(to_csv_row(_header(table, languages)))
    for record in table.records:
        cells = []
        for name in table.fields:
            value = record[name]
            cells += [value.get(code, "") for code in languages] if name in table.texts else [_cell(value)]
        writer.writerow(to_csv_row(cells))
    return stream.getvalue().encode("utf-8")


def json_file(table: Table) -> bytes:
    return (json.dumps(table.records, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def dataset_file(table: Table, programme: Programme, file_format: str) -> bytes:
    return csv_file(table, programme) if file_format == "csv" else json_file(table)


# -- the catalogue ------------------------------------------------------------------------------------------------
def _metadata_languages(programme: Programme) -> list[str]:
    """English, and each of the programme's languages the interface speaks."""
    spoken = {code for code, _name in settings.LANGUAGES}
    return list(dict.fromkeys([settings.LANGUAGE_CODE, *(code for code in programme.languages if code in spoken)]))


def _in_languages(text: Promise, languages: list[str], params: Callable[[str], dict] | None = None) -> dict[str, str]:
    """The text in each language it is translated into (English always)."""
    with translation.override(settings.LANGUAGE_CODE):
        english = str(text)
    found = {}
    for language in languages:
        with translation.override(language):
            shown = str(text)
        if language == settings.LANGUAGE_CODE or shown != english:
            found[language] = shown % params(language) if params else shown
    return found


CATALOGUE_TITLE = gettext_lazy("%(acronym)s open data")
CATALOGUE_DESCRIPTION = gettext_lazy(
    "The public data of %(title)s (%(fund)s %(code)s): partners, themes, activities, good practices, toolkits and "
    "indicators, as CSV and JSON."
)


class Catalogue:
    """Every dataset of a programme, made once, with the addresses and words that describe them."""

    def __init__(self, request: HttpRequest, programme: Programme) -> None:
        self.source = Source(request, programme)
        self.programme = programme

    @cached_property
    def files(self) -> dict[tuple[str, str], bytes]:
        """Every dataset made, in each format: only the ZIP needs them all."""
        files = {}
        for name, about in DATASETS.items():
            table = about.make(self.source)
            files |= {(name, file_format): dataset_file(table, self.programme, file_format) for file_format in FORMATS}
        return files

    def address(self, view: str, **kwargs) -> str:
        return self.source.request.build_absolute_uri(reverse(f"api:{view}", kwargs={"code": self.programme.code,
                                                                                      **kwargs}))  # fmt: skip

    def dataset_address(self, name: str, file_format: str) -> str:
        return self.address("open_data_file", dataset=name, format=file_format)

    def words(self, text: Promise) -> str:
        """The catalogue's title or description in the caller's language."""
        return str(text) % self._params(translation.get_language() or settings.LANGUAGE_CODE)

    def _params(self, language: str) -> dict:
        programme = self.programme
        return {"acronym": programme.acronym, "title": pick(programme.title, language), "fund": programme.fund,
                "code": programme.code}  # fmt: skip

    @cached_property
    def coordinator(self) -> Partner | None:
        return partners_of(self.programme).filter(role=PartnerRole.COORDINATOR).first()

    @property
    def publisher(self) -> str:
        return _name(self.coordinator.organisation.name) if self.coordinator else self.programme.acronym

    def dcat(self, *, sizes: bool = False) -> dcat.Catalogue:
        """The DCAT-AP description; with `sizes`, each file's byte size (the files are made: the ZIP's)."""
        languages = _metadata_languages(self.programme)
        coordinator = self.coordinator
        datasets = [
            dcat.Dataset(
                name=name, title=_in_languages(about.title, languages),
                description=_in_languages(about.description, languages),
                keywords=self._keywords(about, languages), landing_page=self.source.page(about.landing_page),
                distributions=[dcat.Distribution(file_format, self.dataset_address(name, file_format),
                                                 len(self.files[name, file_format]) if sizes else None)
                               for file_format in FORMATS],
            )
            for name, about in DATASETS.items()
        ]  # fmt: skip
        return dcat.Catalogue(
            address=self.address("open_data_catalogue"),
            title=_in_languages(CATALOGUE_TITLE, languages, self._params),
            description=_in_languages(CATALOGUE_DESCRIPTION, languages, self._params),
            homepage=self.source.page("portal"), publisher=self.publisher,
            publisher_page=(self.source.page("partner", key=coordinator.organisation.key) if coordinator
                            else self.source.page("home")),
            languages=list(self.programme.languages),
            countries=sorted(set(self.programme.partners.values_list("organisation__country", flat=True))),
            issued=self.programme.start, modified=timezone.localdate(), start=self.programme.start,
            end=self.programme.end, licence=settings.OPEN_DATA_LICENCE, datasets=datasets,
        )  # fmt: skip

    def _keywords(self, about: About, languages: list[str]) -> dict[str, list[str]]:
        keywords: dict[str, list[str]] = {}
        for word in (*about.keywords, *COMMON_KEYWORDS):
            for language, text in _in_languages(word, languages).items():
                keywords.setdefault(language, []).append(text)
        keywords.setdefault(settings.LANGUAGE_CODE, []).append(self.programme.acronym)
        return keywords

    def readme(self) -> str:
        lines = [
            self.words(CATALOGUE_TITLE), "", self.words(CATALOGUE_DESCRIPTION), "",
            _("Publisher: %(name)s") % {"name": self.publisher},
            _("Licence: %(licence)s") % {"licence": settings.OPEN_DATA_LICENCE},
            _("Source: %(portal)s (the programme's public pages); %(catalogue)s (this data).")
            % {"portal": self.source.page("portal"), "catalogue": self.address("open_data_catalogue")},
            _("Made: %(moment)s") % {"moment": timezone.now().replace(microsecond=0).isoformat()}, "",
            _("Files:"),
            _("%(file)s: the description of the datasets in DCAT-AP 3.0 (Turtle).") % {"file": CATALOGUE_FILE},
        ]  # fmt: skip
        for name, about in DATASETS.items():
            lines.append(f"{name}.csv, {name}.json: {about.title}. {about.description}")
        lines += ["", _("The CSV files are UTF-8 with a header row; a text in several languages has a column per "
                        "language (title_en, title_it). A text a spreadsheet would run as a formula gets a leading "
                        "apostrophe ('), so that it stays a text. The JSON files hold a list of objects; decimal "
                        "numbers are written as strings.")]  # fmt: skip
        return "\n".join(lines) + "\n"


def zip_file(catalogue: Catalogue) -> bytes:
    """README, the DCAT description, then each dataset as CSV and JSON, always in this order."""
    members = [(README, catalogue.readme().encode("utf-8")),
               (CATALOGUE_FILE, dcat.serialise(catalogue.dcat(sizes=True), "ttl")[0])]  # fmt: skip
    members += [(f"{name}.{file_format}", body) for (name, file_format), body in catalogue.files.items()]
    moment = timezone.localtime().timetuple()[:6]
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, body in members:
            bundle.writestr(zipfile.ZipInfo(name, date_time=moment), body, compress_type=zipfile.ZIP_DEFLATED)
    return archive.getvalue()


# -- the operations -----------------------------------------------------------------------------------------------
class DatasetOut(Schema):
    name: str = Field(examples=["partners"])
    title: str = Field(examples=["Partners"])
    description: str
    rows: int = Field(ge=0, description="How many records the dataset holds.", examples=[18])
    csv_url: str = Field(examples=["https://example.org/api/v1/programmes/820885/open-data/partners.csv"])
    json_url: str = Field(examples=["https://example.org/api/v1/programmes/820885/open-data/partners.json"])


LICENCE_EXAMPLE = "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"


class CatalogueOut(Schema):
    title: str = Field(examples=["VALUES open data"])
    description: str
    publisher: str = Field(description="The coordinating organisation.", examples=["EUROCITIES"])
    licence: str = Field(description="The licence, as the EU's vocabulary names it.", examples=[LICENCE_EXAMPLE])
    zip_url: str = Field(description="Every dataset as CSV and JSON, with a README and the DCAT-AP description.")
    dcat_turtle_url: str
    dcat_rdf_xml_url: str
    dcat_json_ld_url: str
    datasets: list[DatasetOut]


def _file(request: HttpRequest, body: bytes, media_type: str, attachment: str | None = None) -> HttpResponse:
    response = HttpResponse(body, content_type=media_type)
    for name, value in rate_headers(request).items():  # ninja adds them only to what it renders itself
        response[name] = value
    if attachment:
        response["Content-Disposition"] = f'attachment; filename="{attachment}"'
    return response


def _file_name(programme: Programme, what: str) -> str:
    return f"values-{re.sub(r'[^A-Za-z0-9_-]', '-', programme.code)}-{what}"


def _answer(media: dict, description: str) -> dict:
    """The description of a public operation that answers a file: its media types, for the OpenAPI document."""
    return {PUBLIC_MARK: True, "responses": {200: {"description": description, "content": media}}}


@router.get("{code}/open-data/", response=CatalogueOut, openapi_extra={PUBLIC_MARK: True},
            url_name="open_data_catalogue", summary="List the open datasets (no account needed)")  # fmt: skip
def open_data_catalogue(request: HttpRequest, code: str):
    catalogue = Catalogue(request, enter(request, code))
    return {
        "title": catalogue.words(CATALOGUE_TITLE), "description": catalogue.words(CATALOGUE_DESCRIPTION),
        "publisher": catalogue.publisher, "licence": settings.OPEN_DATA_LICENCE,
        "zip_url": catalogue.address("open_data_zip"),
        "dcat_turtle_url": catalogue.address("open_data_turtle"),
        "dcat_rdf_xml_url": catalogue.address("open_data_rdf_xml"),
        "dcat_json_ld_url": catalogue.address("open_data_json_ld"),
        "datasets": [
            {"name": name, "title": str(about.title), "description": str(about.description),
             "rows": about.rows(catalogue.source), "csv_url": catalogue.dataset_address(name, "csv"),
             "json_url": catalogue.dataset_address(name, "json")}
            for name, about in DATASETS.items()
        ],
    }  # fmt: skip


def _description(request: HttpRequest, code: str, extension: str) -> HttpResponse:
    body, media_type = dcat.serialise(Catalogue(request, enter(request, code)).dcat(), extension)
    return _file(request, body, f"{media_type}; charset=utf-8" if extension == "ttl" else media_type)


TEXT = {"schema": {"type": "string"}}
TURTLE = _answer({"text/turtle": TEXT}, "DCAT-AP 3.0 in Turtle.")
RDF_XML = _answer({"application/rdf+xml": TEXT}, "DCAT-AP 3.0 in RDF/XML.")
JSON_LD = _answer({"application/ld+json": {"schema": {"type": ["object", "array"]}}}, "DCAT-AP 3.0 in JSON-LD.")


@router.get("{code}/open-data/catalog.ttl", openapi_extra=TURTLE, url_name="open_data_turtle",
            summary="Describe the open data in DCAT-AP (Turtle)")  # fmt: skip
def open_data_turtle(request: HttpRequest, code: str):
    return _description(request, code, "ttl")


@router.get("{code}/open-data/catalog.rdf", openapi_extra=RDF_XML, url_name="open_data_rdf_xml",
            summary="Describe the open data in DCAT-AP (RDF/XML)")  # fmt: skip
def open_data_rdf_xml(request: HttpRequest, code: str):
    return _description(request, code, "rdf")


@router.get("{code}/open-data/catalog.jsonld", openapi_extra=JSON_LD, url_name="open_data_json_ld",
            summary="Describe the open data in DCAT-AP (JSON-LD)")  # fmt: skip
def open_data_json_ld(request: HttpRequest, code: str):
    return _description(request, code, "jsonld")


@router.get("{code}/open-data.zip",
            openapi_extra=_answer({"application/zip": {"schema": {"type": "string", "format": "binary"}}},
                                  "Every dataset as CSV and JSON, a README and the DCAT-AP description (Turtle)."),
            url_name="open_data_zip", summary="Download all the open data in one ZIP")  # fmt: skip
def open_data_zip(request: HttpRequest, code: str):
    programme = enter(request, code)
    return _file(request, zip_file(Catalogue(request, programme)), "application/zip",
                 attachment=_file_name(programme, "open-data.zip"))  # fmt: skip


DATASET_MEDIA = {
    "text/csv": {"schema": {"type": "string"}, "example": "quarter,kind,activities\r\n2019-Q1,visit,2\r\n"},
    "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
}


@router.get("{code}/open-data/{dataset}.{format}",
            openapi_extra=_answer(DATASET_MEDIA, "The dataset: CSV (UTF-8, a header row) or JSON (a list of objects)."),
            url_name="open_data_file", summary="Download one open dataset as CSV or JSON")  # fmt: skip
def open_data_file(
    request: HttpRequest,
    code: str,
    dataset: str = Path(..., max_length=32, description=f"One of: {', '.join(DATASETS)}."),
    format: str = Path(..., max_length=8, description="csv or json."),
):
    programme = enter(request, code)
    about = DATASETS.get(dataset)
    if about is None or format not in FORMATS:
        raise Http404("no such dataset")
    table = about.make(Source(request, programme))
    attachment = _file_name(programme, f"{dataset}.csv") if format == "csv" else None
    return _file(request, dataset_file(table, programme, format), MEDIA_TYPES[format], attachment=attachment)
