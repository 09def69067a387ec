"""The open data's description in DCAT-AP 3.0 (the EU's profile of W3C DCAT), which data.europa.eu harvests: a
catalogue, a dataset per table, a CSV and a JSON distribution of each, every term from the EU's vocabularies.

It is made from plain data (`Catalogue`), so that the same facts give the same graph however they were asked for;
`values.api.opendata` gathers them from the programme and the request.
"""

from dataclasses import dataclass
from datetime import date

import pycountry
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
AUTHORITY = "http://publications.europa.eu/resource/authority/"
DATA_THEME = URIRef(f"{AUTHORITY}data-theme/SOCI")  # population and society
DATA_THEMES = URIRef(f"{AUTHORITY}data-theme")
PUBLIC_ACCESS = URIRef(f"{AUTHORITY}access-right/PUBLIC")
FILE_TYPES = {"csv": "CSV", "json": "JSON"}
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}
# The serialisations of the description: rdflib's name of each and the media type it is served as.
SERIALISATIONS = {
    "ttl": ("turtle", "text/turtle"),
    "rdf": ("pretty-xml", "application/rdf+xml"),
    "jsonld": ("json-ld", "application/ld+json"),
}
Texts = dict[str, str]  # language code (ISO 639-1) → text


@dataclass(frozen=True)
class Distribution:
    format: str  # csv | json
    url: str  # absolute
    byte_size: int | None = None  # known where the files are made with it (the ZIP); optional in DCAT-AP


@dataclass(frozen=True)
class Dataset:
    name: str
    title: Texts
    description: Texts
    keywords: dict[str, list[str]]  # language → keywords
    landing_page: str
    distributions: list[Distribution]


@dataclass(frozen=True)
class Catalogue:
    address: str  # absolute: the catalogue's own (the datasets' and distributions' names are below it)
    title: Texts
    description: Texts
    homepage: str
    publisher: str  # the coordinating organisation's name
    publisher_page: str
    languages: list[str]  # ISO 639-1
    countries: list[str]  # ISO 3166-1 alpha-2
    issued: date
    modified: date
    start: date
    end: date
    licence: str
    datasets: list[Dataset]


def _language(code: str) -> URIRef | None:
    language = pycountry.languages.get(alpha_2=code)
    return URIRef(f"{AUTHORITY}language/{language.alpha_3.upper()}") if language else None


def _country(code: str) -> URIRef | None:
    country = pycountry.countries.get(alpha_2=code)
    return URIRef(f"{AUTHORITY}country/{country.alpha_3}") if country else None


def _texts(graph: Graph, subject, predicate, texts: Texts) -> None:
    for language, text in texts.items():
        graph.add((subject, predicate, Literal(text, lang=language)))


def _publisher(graph: Graph, catalogue: Catalogue) -> tuple[URIRef, URIRef]:
    """The coordinating organisation, as the publisher (an agent) and as the contact point (a vCard with its
    public page: nobody's personal e-mail address). Each dataset names both: named nodes, not blank ones, so that
    every serialisation keeps what it says of them (RDF/XML writers describe a shared blank node only once)."""
    agent = URIRef(catalogue.publisher_page)
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, FOAF.name, Literal(catalogue.publisher)))
    contact = URIRef(f"{catalogue.address}#contact-point")
    graph.add((contact, RDF.type, VCARD.Kind))
    graph.add((contact, VCARD.fn, Literal(catalogue.publisher)))
    graph.add((contact, VCARD.hasURL, URIRef(catalogue.publisher_page)))
    return agent, contact


def _period(graph: Graph, catalogue: Catalogue) -> URIRef:
    period = URIRef(f"{catalogue.address}#programme-period")
    graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
    graph.add((period, DCAT.startDate, Literal(catalogue.start, datatype=XSD.date)))
    graph.add((period, DCAT.endDate, Literal(catalogue.end, datatype=XSD.date)))
    return period


def _where(catalogue: Catalogue) -> list[URIRef]:
    return [place for place in map(_country, catalogue.countries) if place is not None]


def _distribution(graph: Graph, dataset: Dataset, distribution: Distribution, uri: URIRef, licence: URIRef) -> None:
    graph.add((uri, RDF.type, DCAT.Distribution))
    graph.add((uri, DCTERMS.title, Literal(f"{dataset.name}.{distribution.format}")))
    graph.add((uri, DCAT.accessURL, URIRef(distribution.url)))
    graph.add((uri, DCAT.downloadURL, URIRef(distribution.url)))
    graph.add((uri, DCTERMS.format, URIRef(f"{AUTHORITY}file-type/{FILE_TYPES[distribution.format]}")))
    media_type = f"http://www.iana.org/assignments/media-types/{MEDIA_TYPES[distribution.format]}"
    graph.add((uri, DCAT.mediaType, URIRef(media_type)))
    graph.add((uri, DCTERMS.license, licence))
    if distribution.byte_size is not None:
        graph.add((uri, DCAT.byteSize, Literal(distribution.byte_size, datatype=XSD.nonNegativeInteger)))


def _dataset(graph: Graph, catalogue: Catalogue, dataset: Dataset, shared: dict) -> URIRef:
    uri = URIRef(f"{catalogue.address}#{dataset.name}")
    graph.add((uri, RDF.type, DCAT.Dataset))
    graph.add((uri, DCTERMS.identifier, Literal(str(uri))))
    _texts(graph, uri, DCTERMS.title, dataset.title)
    _texts(graph, uri, DCTERMS.description, dataset.description)
    for language, keywords in dataset.keywords.items():
        for keyword in keywords:
            graph.add((uri, DCAT.keyword, Literal(keyword, lang=language)))
    graph.add((uri, DCAT.theme, DATA_THEME))
    graph.add((uri, DCAT.landingPage, URIRef(dataset.landing_page)))
    graph.add((uri, DCTERMS.accessRights, PUBLIC_ACCESS))
    graph.add((uri, DCTERMS.publisher, shared["publisher"]))
    graph.add((uri, DCAT.contactPoint, shared["contact"]))
    graph.add((uri, DCTERMS.temporal, shared["period"]))
    for place in shared["spatial"]:
        graph.add((uri, DCTERMS.spatial, place))
    for distribution in dataset.distributions:
        node = URIRef(f"{catalogue.address}#{dataset.name}-{distribution.format}")
        _distribution(graph, dataset, distribution, node, shared["licence"])
        graph.add((uri, DCAT.distribution, node))
    return uri


def catalogue_graph(catalogue: Catalogue) -> Graph:
    """The catalogue with its datasets and their distributions, as an RDF graph."""
    graph = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD)):
        graph.bind(prefix, namespace)
    uri = URIRef(catalogue.address)
    publisher, contact = _publisher(graph, catalogue)
    shared = {"publisher": publisher, "contact": contact, "period": _period(graph, catalogue),
              "spatial": _where(catalogue), "licence": URIRef(catalogue.licence)}  # fmt: skip
    graph.add((uri, RDF.type, DCAT.Catalog))
    _texts(graph, uri, DCTERMS.title, catalogue.title)
    _texts(graph, uri, DCTERMS.description, catalogue.description)
    graph.add((uri, DCTERMS.publisher, publisher))
    graph.add((uri, FOAF.homepage, URIRef(catalogue.homepage)))
    graph.add((uri, DCTERMS.license, shared["licence"]))
    graph.add((uri, DCTERMS.issued, Literal(catalogue.issued, datatype=XSD.date)))
    graph.add((uri, DCTERMS.modified, Literal(catalogue.modified, datatype=XSD.date)))
    graph.add((uri, DCAT.themeTaxonomy, DATA_THEMES))
    for language in filter(None, map(_language, catalogue.languages)):
        graph.add((uri, DCTERMS.language, language))
    for place in shared["spatial"]:
        graph.add((uri, DCTERMS.spatial, place))
    for dataset in catalogue.datasets:
        graph.add((uri, DCAT.dataset, _dataset(graph, catalogue, dataset, shared)))
    return graph


def serialise(catalogue: Catalogue, extension: str) -> tuple[bytes, str]:
    """The description as a file of one of SERIALISATIONS (by its extension), with its media type."""
    rdflib_format, media_type = SERIALISATIONS[extension]
    return catalogue_graph(catalogue).serialize(format=rdflib_format, encoding="utf-8"), media_type
