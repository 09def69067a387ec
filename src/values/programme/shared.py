"""Organisations, cities and contacts are shared by every programme that names them.

Loading a programme file must not quietly undo what another programme's file gave a shared
organisation. Translations merge (a file that names a city in English keeps its Italian name),
contacts are added to, never dropped; anything else that a file would change on a record that
another programme shares (a country, coordinates, a city's languages, a contact's details) is
reported by `values check` and `values load` as a warning with its key path, and refused
altogether by `values load --keep-shared`.
"""

from collections.abc import Iterator
from decimal import Decimal

from django.db.models import Prefetch

from values.core.text import TranslatableText
from values.network.models import Organisation, Person
from values.programme.programme_file import path_with_id
from values.programme.spec import OrganisationSpec, PersonSpec, Problem, ProgrammeFile


def merged_text(current: TranslatableText, given: TranslatableText) -> TranslatableText:
    """A shared text after a file gives its own: the file's languages win, the others stay."""
    if isinstance(current, dict) and isinstance(given, dict):
        return {**current, **given}
    if isinstance(current, dict) and isinstance(given, str) and given in current.values():
        return current  # the same name, said without a language
    if isinstance(current, str) and isinstance(given, dict) and current in given.values():
        return given
    return given


def merged_people(current: list[Person], given: tuple[PersonSpec, ...]) -> list[dict]:
    """A shared organisation's contacts after a file: those it names (matched by e-mail, else by name)
    take its details, the others are kept after them."""
    given_rows = [_person_row(person) for person in given]
    named = {_person_key(row) for row in given_rows}
    kept = [
        {"name": p.name, "role": p.role, "email": p.email, "unit": p.unit}
        for p in current
        if _person_key({"name": p.name, "email": p.email}) not in named
    ]
    return given_rows + kept


def sharing_programmes(organisation: Organisation, code: str) -> list[str]:
    """The codes of the other programmes this organisation is a partner in."""
    return sorted(
        organisation.partnerships.exclude(programme__code=code).values_list("programme__code", flat=True).distinct()
    )


def shared_changes(document: ProgrammeFile, *, severity: str = "warning") -> list[Problem]:
    """What loading `document` would change on organisations that other programmes share, key by key."""
    keys = [spec.id for spec in document.organisations]
    people = Prefetch("people", queryset=Person.objects.order_by("position"))
    existing = Organisation.objects.filter(key__in=keys).select_related("city").prefetch_related(people)
    organisations = {organisation.key: organisation for organisation in existing}
    problems = []
    for index, spec in enumerate(document.organisations):
        organisation = organisations.get(spec.id)
        others = sharing_programmes(organisation, document.programme.code) if organisation else []
        if not others:
            continue
        shared_with = ", ".join(others)
        for path, before, after in _differences(organisation, spec):
            reason = f"changes a record shared with {shared_with}: {before} → {after}"
            where = path_with_id("organisations", index, spec.id)
            problems.append(Problem(f"{where}.{path}", reason, severity=severity))
    return problems


def _differences(organisation: Organisation, spec: OrganisationSpec) -> Iterator[tuple[str, str, str]]:
    yield from _text_differences("name", organisation.name, merged_text(organisation.name, spec.name))
    for name in ("kind", "country"):
        if getattr(organisation, name) != getattr(spec, name):
            yield name, getattr(organisation, name), getattr(spec, name)
    yield from _city_differences(getattr(organisation, "city", None), spec)
    yield from _people_differences(list(organisation.people.all()), spec.people)


def _text_differences(path: str, before: TranslatableText, after: TranslatableText) -> Iterator[tuple[str, str, str]]:
    if before == after:
        return
    if isinstance(before, dict) and isinstance(after, dict):
        for language in sorted(set(before) | set(after)):
            if before.get(language) != after.get(language):
                yield f"{path}.{language}", _shown(before.get(language)), _shown(after.get(language))
        return
    yield path, _shown(before), _shown(after)


def _city_differences(city, spec: OrganisationSpec) -> Iterator[tuple[str, str, str]]:
    if city is None and spec.city is None:
        return
    if city is None or spec.city is None:
        yield "city", _shown(city.name if city else None), _shown(spec.city.name if spec.city else None)
        return
    given = {"name": spec.city.name, "lat": spec.city.lat, "lon": spec.city.lon, "languages": list(spec.city.languages)}
    for name, value in given.items():
        current = getattr(city, name)
        if current != value:
            yield f"city.{name}", _shown(current), _shown(value)


def _people_differences(current: list[Person], given: tuple[PersonSpec, ...]) -> Iterator[tuple[str, str, str]]:
    existing = {_person_key({"name": p.name, "email": p.email}): p for p in current}
    for position, person in enumerate(given):
        row = _person_row(person)
        before = existing.get(_person_key(row))
        if before is None:
            yield f"people[{position}]", "(none)", f"{row['name']} added"
            continue
        for name in ("name", "role", "email", "unit"):
            if getattr(before, name) != row[name]:
                yield f"people[{position}].{name}", _shown(getattr(before, name)), _shown(row[name])


def _person_row(person: PersonSpec) -> dict:
    return {"name": person.name, "role": person.role, "email": person.email, "unit": person.unit}


def _person_key(row: dict) -> str:
    return (row.get("email") or "").lower() or f"name:{row['name']}"


def _shown(value: object) -> str:
    if value in (None, "", [], {}):
        return "(none)"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"  # 44.139, as the file writes it, not the column's 44.139000
    return str(value)
