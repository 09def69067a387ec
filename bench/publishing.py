"""Benchmark of the generated documents: time to build a partner factsheet as PDF and as HTML.

Builds a throwaway SQLite database in a temporary VALUES_VAR_DIR, loads data/values.yaml, then
times --runs factsheets for Cesena in Italian and English, after one untimed warm-up each (the
first PDF loads WeasyPrint and the fonts). Always exits with code 0. Infographics and toolkits
are not built yet; their rows will come with them.

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs of each document")
    args = parser.parse_args()
    prepare_database()
    rows = time_factsheets(args.runs)
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    print(f"Publishing benchmark, {now}: {args.runs} runs each, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}.")  # fmt: skip
    print(f"{'document':24} {'median s':>9} {'max s':>7} {'size':>9}")
    for name, median, worst, size in rows:
        print(f"{name:24} {median:>9.3f} {worst:>7.3f} {size:>9,}")
        if name.startswith("factsheet PDF") and worst >= TARGET_FACTSHEET_S:
            print(f"TARGET MISSED: {name} took up to {worst:.2f} s, target under {TARGET_FACTSHEET_S:.0f} s")


if __name__ == "__main__":
    main()
