"""Benchmark of the planner: quality, time and memory on the VALUES file and generated instances.

    .venv/bin/python bench/planner.py [--sizes 16,200,1000] [--seed 1]

Size 16 is the VALUES programme file (data/values.yaml); any other size is a generated instance
(`generated_instance(n, seed=...)`). Each instance is planned in its own spawned process, so
that the peak memory reported is that instance's alone. Every plan is run through the
independent checker. The figures depend on the machine; the exit code is always 0 (this is a
benchmark, not a test), but a missed target is printed as TARGET MISSED.
"""

import argparse
import datetime
import multiprocessing
import os
import platform
import sys
import time
import traceback
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VALUES_FILE = ROOT / "data" / "values.yaml"
VALUES_CITIES = 16
MEMORY_LIMIT_BYTES = 2 * 10**9  # 2 GB
SLACK_SECONDS = 60  # beyond four times the limit (the solver's safety net), the child is stopped


@dataclass(frozen=True)
class Target:
    time_limit: float  # seconds given to the planner, and the wall time to stay within
    optimal: bool  # proven optimal required
    max_gap: float | None  # else a relative gap at most this
    max_memory: int | None  # bytes of peak resident memory, when bounded


def target_for(cities: int) -> Target:
    """16 → optimal in < 1 s; 200 → gap ≤ 1 % within 10 s; 1,000 → gap ≤ 2 % within 60 s and < 2 GB.
    Other sizes take the tier of the next size up (above 1,000: the 1,000 tier)."""
    if cities <= VALUES_CITIES:
        return Target(1.0, optimal=True, max_gap=None, max_memory=None)
    if cities <= 200:
        return Target(10.0, optimal=False, max_gap=0.01, max_memory=None)
    return Target(60.0, optimal=False, max_gap=0.02, max_memory=MEMORY_LIMIT_BYTES)


def values_instance():
    """The VALUES programme file as the planner's input (this needs Django; the planner does not)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "values.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from values.planning.instances import planning_instance
    from values.programme.programme_file import read_programme_file

    result = read_programme_file(VALUES_FILE.read_bytes())
    if result.document is None:
        problems = "; ".join(str(problem) for problem in result.problems)
        raise SystemExit(f"{VALUES_FILE} does not check: {problems}")
    return planning_instance(result.document)


def run_one(instance, seed: int, time_limit: float, connection) -> None:
    """In the child process: plan, read the peak memory, then check the plan and the greedy."""
    import resource

    try:
        from values.planner import Infeasible, TimedOut, plan_programme
        from values.planner.checker import violations
        from values.planner.greedy import greedy_objective

        started = time.perf_counter()
        plan = plan_programme(instance, seed=seed, time_limit=time_limit)
        wall = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak_bytes = peak if sys.platform == "darwin" else peak * 1024  # Linux reports KiB
        greedy = greedy_objective(instance)
        if isinstance(plan, Infeasible | TimedOut):
            kind = "infeasible" if isinstance(plan, Infeasible) else f"timed out in {plan.stage}"
            connection.send({"error": f"{kind}: " + " ".join(plan.reasons), "wall": wall, "peak": peak_bytes})
            return
        connection.send(
            {
                "objective": plan.objective,
                "bound": plan.bound,
                "gap": plan.gap,
                "optimal": plan.optimal,
                "wall": wall,
                "peak": peak_bytes,
                "greedy": greedy,
                "violations": violations(instance, plan),
            }
        )
    except BaseException:
        connection.send({"error": traceback.format_exc(limit=3).strip().splitlines()[-1]})
    finally:
        connection.close()


def measure(instance, seed: int, time_limit: float) -> dict:
    """Plan in a fresh spawned process; stop it when it overruns far beyond its limit."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=run_one, args=(instance, seed, time_limit, sender))
    child.start()
    sender.close()
    deadline = time_limit * 4 + SLACK_SECONDS
    try:
        result = receiver.recv() if receiver.poll(deadline) else {"error": f"no answer within {deadline:.0f} s"}
    except EOFError:
        result = {"error": "the child process died without answering"}
    child.join(5)
    if child.is_alive():
        child.kill()
        child.join()
    if child.exitcode not in (0, None) and "error" not in result:
        result["error"] = f"the child process exited with code {child.exitcode}"
    return result


def misses(cities: int, target: Target, result: dict) -> list[str]:
    """Why the target is missed; empty when it is met."""
    if "error" in result:
        return [result["error"]]
    problems = []
    if target.optimal and not result["optimal"]:
        problems.append("not proven optimal")
    if target.max_gap is not None and result["gap"] > target.max_gap:
        problems.append(f"gap {result['gap']:.2%} > {target.max_gap:.0%}")
    if result["wall"] >= target.time_limit:
        problems.append(f"{result['wall']:.2f} s ≥ {target.time_limit:g} s")
    if target.max_memory is not None and result["peak"] >= target.max_memory:
        problems.append(f"peak memory {result['peak'] / 1e6:,.0f} MB ≥ {target.max_memory / 1e9:g} GB")
    if result["greedy"] is not None and result["objective"] < result["greedy"]:
        problems.append(f"objective {result['objective']} < greedy {result['greedy']}")
    if result["violations"]:
        problems.append(f"{len(result['violations'])} violations: {result['violations'][0]}")
    return problems


COLUMNS = (
    "cities",
    "limit s",
    "objective",
    "bound",
    "gap %",
    "optimal",
    "wall s",
    "peak MB",
    "greedy",
    "÷ greedy",
    "violations",
    "target",
)


def row(cities: int, target: Target, result: dict, missed: list[str]) -> list[str]:
    verdict = "TARGET MISSED" if missed else "met"
    if "error" in result:
        return [f"{cities:,}", f"{target.time_limit:g}", *["–"] * 9, verdict]
    greedy = result["greedy"]
    ratio = f"{result['objective'] / greedy:.4f}" if greedy else "–"
    return [
        f"{cities:,}",
        f"{target.time_limit:g}",
        str(result["objective"]),
        str(result["bound"]),
        f"{result['gap'] * 100:.2f}",
        "yes" if result["optimal"] else "no",
        f"{result['wall']:.2f}",
        f"{result['peak'] / 1e6:,.0f}",
        "–" if greedy is None else str(greedy),
        ratio,
        str(len(result["violations"])),
        verdict,
    ]


def print_table(rows: list[list[str]]) -> None:
    widths = [max(len(cells[i]) for cells in [list(COLUMNS), *rows]) for i in range(len(COLUMNS))]
    line = "  ".join("-" * width for width in widths)
    print("  ".join(name.rjust(width) for name, width in zip(COLUMNS, widths, strict=True)))
    print(line)
    for cells in rows:
        print("  ".join(cell.rjust(width) for cell, width in zip(cells, widths, strict=True)))


def header(seed: int) -> str:
    cores = os.cpu_count()
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    return (
        f"Planner benchmark, {now}: figures depend on the machine ({cores} cores here, {platform.machine()}). "
        f"Python {platform.python_version()}, OR-Tools {metadata.version('ortools')}, seed {seed}."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="16,200,1000", help="cities per instance; 16 is the VALUES file")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated instances and of the solver")
    args = parser.parse_args(argv)
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()]

    from values.planner.generator import generated_instance

    print(header(args.seed), flush=True)
    print(
        "Targets: 16 (VALUES file) optimal in < 1 s; 200 gap ≤ 1 % within 10 s; "
        "1,000 gap ≤ 2 % within 60 s and < 2 GB; every plan ≥ greedy with 0 violations."
    )
    print()
    rows, missed_lines = [], []
    for cities in sizes:
        target = target_for(cities)
        instance = values_instance() if cities == VALUES_CITIES else generated_instance(cities, seed=args.seed)
        print(f"… planning {cities:,} cities ({target.time_limit:g} s)", file=sys.stderr, flush=True)
        result = measure(instance, args.seed, target.time_limit)
        missed = misses(cities, target, result)
        rows.append(row(cities, target, result, missed))
        if missed:
            missed_lines.append(f"TARGET MISSED for {cities:,} cities: {'; '.join(missed)}")
    print_table(rows)
    print()
    for line in missed_lines:
        print(line)
    if not missed_lines:
        print("All targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
