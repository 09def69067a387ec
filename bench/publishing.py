"""Benchmark of the generated documents: factsheets, infographics and the whole programme's toolkit.

Builds a throwaway SQLite database in a temporary VALUES_VAR_DIR, loads data/values.yaml and
data/benchmarks.yaml and accepts a plan (seed 1), then times --runs factsheets for Cesena in Italian
and English and each infographic as SVG and PNG, after one untimed warm-up each (the first PDF loads
WeasyPrint and the fonts). The whole programme's toolkit (PDF, English and Italian) is timed twice:
on the demo data as loaded, and after adding a programme's worth of content (--practices published
practices with a 1200x900 photo each, two self-assessments of every standard by every city, an
adopted public action plan per city, two accepted reports with two long answers per exchange).
Always exits with code 0.

    .venv/bin/python bench/publishing.py [--runs 10] [--toolkit-runs 3] [--practices 48]
"""

import argparse
import datetime
import os
import platform
import statistics
import time

from bench_content import prepare_database

TARGET_FACTSHEET_S = 1.0
TARGET_INFOGRAPHIC_S = 0.3
TARGET_TOOLKIT_S = 15.0


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


def time_toolkits(runs: int, label: str) -> list[tuple[str, float, float, int]]:
    """The whole programme's toolkit as PDF, compiled from the data each time, as its background task does."""
    from values.programme.queries import current_programme
    from values.publishing.toolkits import compile_toolkit, toolkit_pdf

    programme = current_programme()
    rows = []
    for language in ("en", "it"):
        timings, size, pages = [], 0, 0
        for _ in range(runs):
            start = time.perf_counter()
            pdf, pages = toolkit_pdf(compile_toolkit(programme, None, language), edition="bench")
            timings.append(time.perf_counter() - start)
            size = len(pdf)
        rows.append((f"toolkit PDF ({language}, {label}, {pages} p.)", statistics.median(timings), max(timings), size))
    return rows


def add_content(practices: int) -> None:
    """A programme's worth of what toolkits compile, made through the same services the web app calls."""
    from bench_content import add_programme_content

    add_programme_content(practices)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs of each factsheet and infographic")
    parser.add_argument("--toolkit-runs", type=int, default=3, help="timed runs of each toolkit")
    parser.add_argument("--practices", type=int, default=48, help="published practices added for the full toolkit")
    args = parser.parse_args()
    prepare_database("publishing")
    rows = time_factsheets(args.runs) + time_infographics(args.runs)
    rows += time_toolkits(args.toolkit_runs, "demo data")
    add_content(args.practices)
    rows += time_toolkits(args.toolkit_runs, f"{args.practices} practices")
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    print(f"Publishing benchmark, {now}: {args.runs} runs each ({args.toolkit_runs} of each toolkit), "
          f"{os.cpu_count()} cores, Python {platform.python_version()}.")  # fmt: skip
    print(f"{'document':42} {'median s':>9} {'max s':>7} {'size':>10}")
    for name, median, worst, size in rows:
        print(f"{name:42} {median:>9.3f} {worst:>7.3f} {size:>10,}")
        target = _target(name)
        if worst >= target:
            print(f"TARGET MISSED: {name} took up to {worst:.3f} s, target under {target} s")


def _target(name: str) -> float:
    if name.startswith("factsheet"):
        return TARGET_FACTSHEET_S
    return TARGET_TOOLKIT_S if name.startswith("toolkit") else TARGET_INFOGRAPHIC_S


if __name__ == "__main__":
    main()
