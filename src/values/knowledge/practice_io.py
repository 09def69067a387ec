"""Practices to and from JSON and CSV: what `values export_practices` writes, `import_practices` reads.

Translations travel as one column (CSV) or one mapping (JSON) per text and language;
themes and target groups as lists (CSV: separated by ";"). A CSV text that a spreadsheet would
run as a formula is written with a leading "'", which the import removes (`core.spreadsheets`), so
that export, import and export give the same file. An import checks every row before it changes
anything, and names the row and the key of each problem.
"""

import csv
import io
import json
from datetime import date
from typing import Any

from django.db import transaction

from values.core.spreadsheets import from_csv_cell, to_csv_cell
from values.knowledge.enums import PracticeStatus, TargetGroup
from values.knowledge.models import Practice
from values.knowledge.search import index_practice
from values.knowledge.services import PRACTICE_TEXTS, practice_value_problems, text_problem
from values.network.codes import language_code
from values.network.models import Organisation
from values.programme.models import Programme
from values.programme.spec import Problem

CONTACT_LIMIT = Practice._meta.get_field("contact").max_length
SCALAR_FIELDS = ("organisation", "original_language", "themes", "target_groups", "volunteers", "period_start",
                 "period_end", "contact", "status")  # fmt: skip


def practice_records(practices) -> list[dict[str, Any]]:
    records = []
    for practice in practices.select_related("organisation").prefetch_related("themes"):
        record = {
            "organisation": practice.organisation.key,
            "original_language": practice.original_language,
            **{name: dict(sorted((getattr(practice, name) or {}).items())) for name in PRACTICE_TEXTS},
            "themes": sorted(theme.key for theme in practice.themes.all()),
            "target_groups": list(practice.target_groups),
            "volunteers": practice.volunteers,
            "period_start": practice.period_start.isoformat() if practice.period_start else None,
            "period_end": practice.period_end.isoformat() if practice.period_end else None,
            "contact": practice.contact,
            "status": practice.status,
        }
        records.append(record)
    return sorted(records, key=lambda r: (r["organisation"], r["title"].get(r["original_language"], "")))


def to_json(records: list[dict]) -> str:
    return json.dumps({"practices": records}, ensure_ascii=False, indent=2) + "\n"


def to_csv(records: list[dict]) -> str:
    languages = sorted({code for r in records for name in PRACTICE_TEXTS for code in r[name]})
    text_columns = [f"{name}_{code}" for name in PRACTICE_TEXTS for code in languages]
    stream = io.StringIO()
    fieldnames = [*SCALAR_FIELDS, *text_columns]
    writer = csv.DictWriter(stream, fieldnames=fieldnames)
    writer.writerow({name: to_csv_cell(name) for name in fieldnames})
    for record in records:
        row = {field: record[field] for field in SCALAR_FIELDS}
        row["themes"], row["target_groups"] = ";".join(record["themes"]), ";".join(record["target_groups"])
        row.update({f"{name}_{code}": record[name].get(code, "") for name in PRACTICE_TEXTS for code in languages})
        writer.writerow({key: "" if value is None else to_csv_cell(value) for key, value in row.items()})
    return stream.getvalue()


def records_from_csv(text: str) -> list[dict]:
    records = []
    for row in _csv_rows(text):
        record: dict[str, Any] = {field: row.get(field, "") for field in SCALAR_FIELDS}
        record["themes"] = [t for t in (row.get("themes") or "").split(";") if t]
        record["target_groups"] = [g for g in (row.get("target_groups") or "").split(";") if g]
        for name in PRACTICE_TEXTS:
            record[name] = {
                key.split("_", 1)[1]: value
                for key, value in row.items()
                if isinstance(key, str) and key.startswith(f"{name}_") and value  # a row longer than its header
            }
        record["volunteers"] = record["volunteers"] or None
        record["period_start"] = record["period_start"] or None
        record["period_end"] = record["period_end"] or None
        records.append(record)
    return records


def _csv_rows(text: str):
    """The rows as mappings of column to text, each cell as `to_csv` was given it; ValueError for a row
    with more cells than the header has columns, or a file the csv module cannot parse."""
    reader = csv.DictReader(io.StringIO(text))
    try:
        reader.fieldnames = [from_csv_cell(name) for name in reader.fieldnames or ()]
        for row in reader:
            if None in row:  # DictReader's key for the cells past the last column
                raise ValueError(f"line {reader.line_num}: more cells than the header has columns")
            # A short row's missing cells are None.
            yield {key: None if value is None else from_csv_cell(value) for key, value in row.items()}
    except csv.Error as problem:
        raise ValueError(f"line {reader.line_num}: {problem}") from None


def records_from_json(text: str) -> list[dict]:
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("practices"), list):
        raise ValueError('expected {"practices": [...]}')
    return data["practices"]


def check_records(programme: Programme, records: list[dict]) -> list[Problem]:
    organisations = set(Organisation.objects.filter(partnerships__programme=programme).values_list("key", flat=True))
    themes = set(programme.themes.values_list("key", flat=True))
    problems = []
    for index, record in enumerate(records):
        problems += [
            Problem(f"practices[{index}].{key}", reason)
            for key, reason in _record_problems(record, organisations, themes)
        ]
    return problems


def _record_problems(record: Any, organisations: set[str], themes: set[str]):
    """Each problem of one record as (key, reason); a value of the wrong type is a problem, never a crash."""
    if not isinstance(record, dict):
        yield "(row)", "is not a mapping of keys to values"
        return
    organisation, language = record.get("organisation"), record.get("original_language")
    if not isinstance(organisation, str) or organisation not in organisations:
        yield "organisation", f'"{organisation}" is not an organisation of the programme'
    if not isinstance(language, str) or language_code(language) is None:
        yield "original_language", f'"{language}" is not an ISO 639-1 language code'
    yield from _text_problems(record, language)
    yield from _list_problems(record, "themes", sorted(themes))
    yield from _list_problems(record, "target_groups", TargetGroup.values)
    if record.get("status", PracticeStatus.PROPOSED) not in PracticeStatus.values:
        yield "status", f"allowed: {', '.join(PracticeStatus.values)}"
    if not isinstance(record.get("contact") or "", str) or len(record.get("contact") or "") > CONTACT_LIMIT:
        yield "contact", f"a text of at most {CONTACT_LIMIT} characters"
    yield from _value_problems(record)


def _text_problems(record: dict, language: Any):
    for name in PRACTICE_TEXTS:
        texts = record.get(name) or {}
        if not isinstance(texts, dict) or not all(isinstance(t, str) for t in [*texts, *texts.values()]):
            yield name, "is a mapping of language codes to texts"
            continue
        original = texts.get(language, "") if isinstance(language, str) else ""
        if name in ("title", "summary") and not original.strip():
            yield name, "is needed in the original language"
        for code, text in texts.items():
            if problem := text_problem(name, text):
                yield f"{name}.{code}", problem


def _list_problems(record: dict, key: str, allowed: list[str]):
    values = record.get(key) or []
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        yield key, "is a list of ids"
    elif key == "themes" and ((unknown := [v for v in values if v not in allowed]) or not values):
        yield key, f"unknown themes: {', '.join(unknown)}" if unknown else "at least one theme is needed"
    elif any(value not in allowed for value in values):
        yield key, f"allowed: {', '.join(allowed)}"


def _value_problems(record: dict):
    """The dates and the number of volunteers, parsed as the import reads them, within their bounds."""
    days = {}
    for key in ("period_start", "period_end"):
        if record.get(key):
            try:
                days[key] = date.fromisoformat(str(record[key]))
            except ValueError:
                yield key, f'"{record[key]}" is not a date like 2020-01-31'
    volunteers = record.get("volunteers")
    if volunteers not in (None, "") and not str(volunteers).isdigit():
        yield "volunteers", "must be a whole number"
        volunteers = None
    number = int(volunteers) if volunteers not in (None, "") else None
    yield from practice_value_problems({}, volunteers=number, **days).items()


@transaction.atomic
def import_records(programme: Programme, records: list[dict]) -> int:
    """Create one practice per record (after `check_records` found nothing)."""
    organisations = {o.key: o for o in Organisation.objects.filter(partnerships__programme=programme)}
    themes = {t.key: t for t in programme.themes.all()}
    for record in records:
        practice = Practice.objects.create(
            programme=programme,
            organisation=organisations[record["organisation"]],
            original_language=record["original_language"],
            **{name: {c: t for c, t in (record.get(name) or {}).items() if t} for name in PRACTICE_TEXTS},
            target_groups=list(record.get("target_groups") or []),
            volunteers=int(record["volunteers"]) if record.get("volunteers") not in (None, "") else None,
            period_start=date.fromisoformat(record["period_start"]) if record.get("period_start") else None,
            period_end=date.fromisoformat(record["period_end"]) if record.get("period_end") else None,
            contact=record.get("contact") or "",
            status=record.get("status") or PracticeStatus.PROPOSED,
        )
        practice.themes.set([themes[key] for key in record["themes"]])
        index_practice(practice)
    return len(records)
