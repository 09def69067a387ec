"""The gazetteer of the distance filter: what a person types ("Cesena", "Oltresavio", "47521") → a place.

A programme's places are its partner cities (by their name, key or organisation name), the neighbourhoods of its
published opportunities, and the postcodes of its partner cities' countries. Nothing is fetched at run time. No
package carries postcode centroids for the programme's countries, is looked after, and is small enough (in
November 2026 countrystatecity-postal-codes had positions for Poland, Greece and Belgium only; pgeocode downloads
GeoNames at run time), so the postcodes are a table the city staff fill: `Postcode`, changed in the admin or
loaded from a CSV file by `values load_postcodes FILE` (`load_postcodes`: all rows or none, every error with its
row number).
"""

import csv
import io
import math
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from values.network.codes import country_code
from values.programme.models import Programme
from values.programme.queries import city_partners
from values.volunteering.enums import OpportunityStatus
from values.volunteering.maps import OpportunityMap, Spot, layout
from values.volunteering.models import Opportunity, Postcode

CODE_LIMIT = 12
LABEL_LIMIT = 200
# "LV-1001", "IT 47521": a country's code before the postcode picks the country.
COUNTRY_PREFIX = re.compile(r"^([A-Za-z]{2})[\s-]*(\d.*)$")


@dataclass(frozen=True)
class Place:
    label: str
    latitude: float
    longitude: float


class _Ambiguous:
    """More than one place answers to the text: none is chosen."""


AMBIGUOUS = _Ambiguous()


def locate(text: str, programme: Programme) -> Place | None:
    """The place the text names in this programme: a partner city first, then a neighbourhood (optionally
    "neighbourhood, city"), then a postcode; None for an unknown or ambiguous name."""
    wanted = folded(text)
    if not wanted:
        return None
    for finder in (_partner_city, _neighbourhood, _postcode):
        found = finder(text, programme)
        if found is AMBIGUOUS:
            return None
        if found is not None:
            return found  # type: ignore[return-value]
    return None


def folded(text: str) -> str:
    """Compared without case, accents or extra spaces: "Rīga" and "riga" are one name."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _cities(programme: Programme) -> dict[str, list[Place]]:
    """Each folded name of a partner city → its place (a name two cities share has both)."""
    names: dict[str, list[Place]] = {}
    for organisation in city_partners(programme):
        city = getattr(organisation, "city", None)
        if city is None:
            continue
        place = Place(city.name, float(city.lat), float(city.lon))
        translated = organisation.name.values() if isinstance(organisation.name, dict) else [organisation.name]
        for name in {city.name, organisation.key, *translated}:
            if place not in names.setdefault(folded(str(name)), []):
                names[folded(str(name))].append(place)
    return names


def _partner_city(text: str, programme: Programme) -> Place | _Ambiguous | None:
    return _one(_cities(programme).get(folded(text), []))


def _neighbourhood(text: str, programme: Programme) -> Place | _Ambiguous | None:
    """A neighbourhood of the programme's published opportunities, at the mean of its opportunities' positions
    (its city's centre when none has one); a name in several cities needs the city after a comma."""
    name, _comma, city_name = text.rpartition(",") if "," in text else (text, "", "")
    name, city_name = folded(name), folded(city_name)
    cities = _cities(programme).get(city_name, []) if city_name else None
    rows = (
        Opportunity.objects.filter(programme=programme, status=OpportunityStatus.PUBLISHED)
        .exclude(neighbourhood="")
        .values_list("neighbourhood", "latitude", "longitude", "city__city__name", "city__city__lat", "city__city__lon")
    )
    found: dict[str, _Spots] = {}
    for neighbourhood, lat, lon, city, city_lat, city_lon in rows:
        if folded(neighbourhood) != name or city is None:
            continue
        if cities is not None and city not in {place.label for place in cities}:
            continue
        spots = found.setdefault(city, _Spots(f"{neighbourhood}, {city}", float(city_lat), float(city_lon)))
        if lat is not None and lon is not None:
            spots.positions.append((lat, lon))
    return _one([spots.place() for spots in found.values()])


@dataclass
class _Spots:
    label: str
    city_lat: float
    city_lon: float
    positions: list[tuple[float, float]] = field(default_factory=list)

    def place(self) -> Place:
        if not self.positions:
            return Place(self.label, self.city_lat, self.city_lon)
        count = len(self.positions)
        latitude = math.fsum(lat for lat, _ in self.positions) / count
        longitude = math.fsum(lon for _, lon in self.positions) / count
        return Place(self.label, latitude, longitude)


def _postcode(text: str, programme: Programme) -> Place | _Ambiguous | None:
    countries = set(city_partners(programme).values_list("country", flat=True))
    prefixed = COUNTRY_PREFIX.match(text.strip())
    if prefixed and prefixed.group(1).upper() in countries:
        countries = {prefixed.group(1).upper()}
        text = prefixed.group(2)
    code = normalised_code(text)
    if not code:
        return None
    rows = list(Postcode.objects.filter(country__in=countries, code=code)[:2])
    if len(rows) > 1:
        return AMBIGUOUS
    if not rows:
        return None
    postcode = rows[0]
    label = f"{postcode.code} {postcode.label}".strip() if postcode.label else f"{postcode.country} {postcode.code}"
    return Place(label, postcode.latitude, postcode.longitude)


def _one(places: list[Place]) -> Place | _Ambiguous | None:
    if len(places) > 1:
        return AMBIGUOUS
    return places[0] if places else None


def normalised_code(code: str, country: str = "") -> str:
    """Capitals without spaces, and without the country's own prefix ("LV-1001" → "1001")."""
    code = "".join(code.upper().split())
    if country and code.startswith(f"{country.upper()}-"):
        code = code[len(country) + 1 :]
    return code


@dataclass(frozen=True)
class LoadedPostcodes:
    added: int = 0
    updated: int = 0
    problems: tuple[str, ...] = ()


COLUMNS = ("country", "code", "latitude", "longitude", "label")


@transaction.atomic
def load_postcodes(text: str) -> LoadedPostcodes:
    """Add or update postcodes from CSV text with the columns country, code, latitude, longitude and (optional)
    label, a header first. Every row is checked before anything is saved: with any problem nothing is."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in COLUMNS[:4] if column not in (reader.fieldnames or [])]
    if missing:
        return LoadedPostcodes(
            problems=(_("row 1: the columns %(columns)s are missing") % {"columns": ", ".join(missing)},)
        )
    rows: dict[tuple[str, str], Postcode] = {}
    seen_on: dict[tuple[str, str], int] = {}
    problems: list[str] = []
    try:
        numbered = list(enumerate(reader, start=2))
    except csv.Error as problem:
        return LoadedPostcodes(problems=(_("row %(row)d: %(problem)s") % {"row": reader.line_num, "problem": problem},))
    for number, row in numbered:
        postcode, row_problems = _postcode_row(row)
        key = (postcode.country, postcode.code)
        if not row_problems and key in seen_on:
            row_problems = [
                _("code: %(code)s is already on row %(row)d") % {"code": " ".join(key), "row": seen_on[key]}
            ]
        problems += [_("row %(row)d, %(problem)s") % {"row": number, "problem": problem} for problem in row_problems]
        if not row_problems:
            rows[key], seen_on[key] = postcode, number
    if problems:
        return LoadedPostcodes(problems=tuple(problems))
    existing = _existing(rows)
    Postcode.objects.bulk_create(
        rows.values(), batch_size=1000, update_conflicts=True, unique_fields=["country", "code"],
        update_fields=["label", "latitude", "longitude"],
    )  # fmt: skip
    return LoadedPostcodes(added=len(rows) - existing, updated=existing)


def _existing(rows: dict[tuple[str, str], Postcode]) -> int:
    count = 0
    for country in {country for country, _code in rows}:
        codes = [code for each, code in rows if each == country]
        for start in range(0, len(codes), 1000):
            count += Postcode.objects.filter(country=country, code__in=codes[start : start + 1000]).count()
    return count


def _postcode_row(row: dict[str, str | None]) -> tuple[Postcode, list[str]]:
    problems = []
    country = country_code((row.get("country") or "").strip())
    if country is None:
        problems.append(_("country: an ISO 3166-1 alpha-2 code, such as IT"))
    code = normalised_code(row.get("code") or "", country or "")
    if not code or len(code) > CODE_LIMIT:
        problems.append(_("code: from 1 to %(limit)d characters") % {"limit": CODE_LIMIT})
    latitude = _number(row.get("latitude"), 90)
    if latitude is None:
        problems.append(_("latitude: a number from -90 to 90"))
    longitude = _number(row.get("longitude"), 180)
    if longitude is None:
        problems.append(_("longitude: a number from -180 to 180"))
    label = " ".join((row.get("label") or "").split())
    if len(label) > LABEL_LIMIT:
        problems.append(_("label: at most %(limit)d characters") % {"limit": LABEL_LIMIT})
    postcode = Postcode(country=country or "", code=code, label=label, latitude=latitude or 0, longitude=longitude or 0)
    return postcode, problems


def _number(value: str | None, limit: float) -> float | None:
    try:
        number = float((value or "").strip())
    except ValueError:
        return None
    return number if math.isfinite(number) and -limit <= number <= limit else None


def position(
    latitude: float | None, longitude: float | None, city_latitude: object, city_longitude: object
) -> tuple[float, float] | None:
    """Where an opportunity is: its own position, else its city's centre, else nowhere."""
    if latitude is not None and longitude is not None:
        return latitude, longitude
    if city_latitude is not None and city_longitude is not None:
        return float(city_latitude), float(city_longitude)  # type: ignore[arg-type]
    return None


def opportunity_layout(
    opportunities: list[Opportunity], *, place: Place | None, within_km: float | None
) -> OpportunityMap:
    """The map of these opportunities (their cities already fetched) around the searched place, if any."""
    spots = []
    for opportunity in opportunities:
        city = getattr(opportunity.city, "city", None)
        at = position(opportunity.latitude, opportunity.longitude, city and city.lat, city and city.lon)
        if at is not None:
            spots.append(Spot(str(opportunity.pk), str(opportunity), *at))
    searched = Spot("searched", place.label, place.latitude, place.longitude) if place else None
    return layout(spots, searched=searched, within_km=within_km)
