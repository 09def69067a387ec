"""Benchmark of the generated documents: time to build a partner factsheet as PDF and as HTML.

Builds a throwaway SQLite database in a temporary VALUES_VAR_DIR, loads data/values.yaml and
accepts a plan (seed 1), then times --runs factsheets for Cesena in Italian and English and each
infographic as SVG and PNG, after one untimed warm-up each (the first PDF loads WeasyPrint and
the fonts). Always exits with code 0. Toolkits are not built yet; their row will come with them.

    .venv/bin/python bench/publishing.py [--runs 10]
"""

import argparse
import datetime
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_FACTSHEET_S = 1.0
TARGET_INFOGRAPHIC_S = 0.3


def prepare_database() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "values.settings")
    os.environ["DEBUG"] = "1"
    os.environ.pop("DATABASE_URL", None)
    os.environ["VALUES_VAR_DIR"] = tempfile.mkdtemp(prefix="values-bench-publishing-")
    sys.path.insert(0, str(ROOT / "src"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("load", str(ROOT / "data" / "values.yaml"), verbosity=0)
    _accept_a_plan()


def _accept_a_plan() -> None:
    """The timeline infographic draws the accepted plan's visits and exchanges."""
    from values.activities.plan_services import execute_plan_run
    from values.activities.services import accept_plan_run
    from values.network.models import User
    from values.programme.models import PlanRun, Programme

    run = PlanRun.objects.create(programme=Programme.objects.get(), seed=1, time_limit=5, rules=[])
    execute_plan_run(run)
    accept_plan_run(run, by=User.objects.create_superuser("bench", password=None))


def time_factsheets(runs: int) -> list[tuple[str, float, float, int]]:
    from values.programme.queries import current_programme
    from values.publishing.factsheets import build_factsheet, factsheet_html, factsheet_pdf

    programme = current_programme()
    rows = []
    for language in ("it", "en"):
        for name, render in (("PDF", factsheet_pdf), ("HTML", factsheet_html)):
            render(build_factsheet(programme, "cesena", language=language))  # warm-up, not timed
            timings, size = [], 0
            for _ in range(runs):
                start = time.perf_counter()
                size = len(render(build_factsheet(programme, "cesena", language=language)))
                timings.append(time.perf_counter() - start)
            rows.append((f"factsheet {name} ({language})", statistics.median(timings), max(timings), size))
    return rows


def time_infographics(runs: int) -> list[tuple[str, float, float, int]]:
    from values.programme.queries import current_programme
    from values.publishing.infographics import build_infographic, infographic_keys, infographic_png, infographic_svg

    programme = current_programme()
    rows = []
    for key in infographic_keys(with_budgets=True):
        for name, render in (("SVG", infographic_svg), ("PNG", infographic_png)):
            render(build_infographic(programme, key))  # warm-up, not timed
            timings, size = [], 0
            for _ in range(runs):
                start = time.perf_counter()
                size = len(render(build_infographic(programme, key)))
                timings.append(time.perf_counter() - start)
            rows.append((f"{key} {name}", statistics.median(timings), max(timings), size))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs of each document")
    args = parser.parse_args()
    prepare_database()
    rows = time_factsheets(args.runs) + time_infographics(args.runs)
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    print(f"Publishing benchmark, {now}: {args.runs} runs each, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}.")  # fmt: skip
    print(f"{'document':30} {'median s':>9} {'max s':>7} {'size':>9}")
    for name, median, worst, size in rows:
        print(f"{name:30} {median:>9.3f} {worst:>7.3f} {size:>9,}")
        target = TARGET_FACTSHEET_S if name.startswith("factsheet") else TARGET_INFOGRAPHIC_S
        if worst >= target:
            print(f"TARGET MISSED: {name} took up to {worst:.3f} s, target under {target} s")


if __name__ == "__main__":
    main()
