"""Generating a programme's sample data from its file, and removing it again."""

import calendar
import random
import time
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model

from values.demo import content, scenario
from values.demo.accounts import DEMO_ACCOUNTS, ensure_demo_accounts
from values.demo.models import SampleData, SampleRecord, Scenario
from values.network.enums import Role
from values.network.models import AuditEntry, User
from values.programme.models import Programme
from values.programme.services import load_programme_file
from values.programme.spec import ProgrammeFile

MONTH_SHOWN = 16


def moved_start(today: date, *, month: int = MONTH_SHOWN) -> date:
    """The first day of the programme's first month, moved so that `today` falls in its month `month`."""
    months = today.year * 12 + today.month - 1 - (month - 1)
    return date(months // 12, months % 12 + 1, 1)


def month_of(programme: Programme, day: date) -> int:
    """The programme month `day` falls in: 1 for its first month."""
    return (day.year - programme.start.year) * 12 + day.month - programme.start.month + 1


def last_day_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


@dataclass(frozen=True)
class Generated:
    programme: Programme
    sample: SampleData | None
    counts: dict[str, int]
    seconds: float
    kept: bool = False  # the sample was there already and stays


def load_moved(document: ProgrammeFile, *, today: date) -> Programme:
    """Load the programme file through its own loader, its start moved so that today is month 16."""
    moved = replace(document, programme=replace(document.programme, start=moved_start(today)))
    return load_programme_file(moved).programme


def generate_sample(
    document: ProgrammeFile, *, scenario_name: str, seed: int, today: date, fresh: bool = False
) -> Generated:
    """The programme of `document` with the scenario's sample: the empty scenario is the file alone (its start
    moved all the same, so that both show the same dates). A sample already there is kept unless `fresh`."""
    began = time.monotonic()
    existing = SampleData.objects.filter(programme__code=document.programme.code).first()
    if existing is not None and not fresh:
        ensure_demo_accounts(existing.programme)  # their known passwords again, as the start-up prints them
        return Generated(existing.programme, existing, sample_counts(existing), time.monotonic() - began, kept=True)
    if existing is not None:
        remove_sample(existing)
    programme = load_moved(document, today=today)
    ensure_demo_accounts(programme)
    if scenario_name == Scenario.EMPTY:
        return Generated(programme, None, {}, time.monotonic() - began)
    sample, counts = _generate_midway(programme, document=document, seed=seed, today=today)
    return Generated(programme, sample, counts, time.monotonic() - began)


@transaction.atomic
def _generate_midway(
    programme: Programme, *, document: ProgrammeFile, seed: int, today: date
) -> tuple[SampleData, dict[str, int]]:
    sample = SampleData.objects.create(
        programme=programme,
        scenario=Scenario.MIDWAY,
        month=MONTH_SHOWN,
        file_start=document.programme.start,
        seed=seed,
    )
    rows: list[Model] = []
    audit_before = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    rng = random.Random(seed)  # noqa: S311 -- sample data, not secrets: the seed must give the same sample
    coordinator = User.objects.get(username=next(a.username for a in DEMO_ACCOUNTS if a.role == Role.COORDINATOR))
    scene = scenario.Scene(programme=programme, today=today, rng=rng, record=rows.append, coordinator=coordinator)
    counts: Counter[str] = Counter()
    for step in (
        scenario.add_city_staff,
        lambda scene: scenario.accept_plan(scene, seed=seed),
        scenario.hold_visits,
        scenario.run_exchanges,
        scenario.give_partner_budgets,
        scenario.import_rates,
        scenario.record_expenses,
        scenario.ask_for_more_time,
    ):
        counts.update(step(scene))
    counts.update(content.add_content(programme, today=today, rng=rng, record=rows.append))
    # The services' own audit entries (roles granted, the plan accepted, expenses decided) go with the sample.
    rows += list(AuditEntry.objects.filter(pk__gt=audit_before).order_by("pk"))
    _save_records(sample, rows)
    return sample, dict(counts)


def _save_records(sample: SampleData, rows: list[Model]) -> None:
    types = {}
    records = []
    for row in rows:
        model = type(row)
        if model not in types:
            types[model] = ContentType.objects.get_for_model(model, for_concrete_model=True)
        records.append(SampleRecord(sample=sample, content_type=types[model], object_id=row.pk))
    SampleRecord.objects.bulk_create(records, ignore_conflicts=True)


def sample_counts(sample: SampleData) -> dict[str, int]:
    counts = Counter(
        record.content_type.model_class()._meta.verbose_name_plural
        for record in sample.records.select_related("content_type")
    )
    return {str(kind): count for kind, count in sorted(counts.items())}


@transaction.atomic
def remove_sample(sample: SampleData) -> int:
    """Delete every recorded row, the last made first (so what refers to a row goes before it), then the mark
    itself: the programme is left as the empty scenario makes it. Returns how many rows were deleted."""
    deleted = 0
    records = list(sample.records.select_related("content_type").order_by("-pk"))
    for record in records:
        model = record.content_type.model_class()
        found = model._base_manager.filter(pk=record.object_id)
        if found.exists():  # a row may have gone already, with the one it belonged to
            found.delete()
            deleted += 1
    sample.delete()
    return deleted
