"""`values plan`: communities of practice, exchange pairs and the schedule, explained."""

from pathlib import Path

from django.core.management import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from values.core.database import require_migrated_database
from values.knowledge.queries import benchmark_levels
from values.planner import Infeasible, Plan, Rule, TimedOut, plan_programme
from values.planner.checker import violations
from values.planner.model import Instance, RuleKind, english
from values.planning.instances import plan_as_ics, plan_as_json, planning_instance
from values.programme.programme_file import read_programme_file
from values.programme.queries import AmbiguousProgramme, NoProgramme, named_programme, programme_as_file
from values.programme.spec import ProgrammeFile


class Command(BaseCommand):
    help = "Plan the communities, pairs and schedule of the loaded programme (or of --file, no database)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--file", type=Path, help="plan this programme file instead of the database")
        parser.add_argument("--programme", dest="code", help="the programme's code (default: the only one)")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--time-limit", type=float, default=10.0, help="seconds of solver effort")
        parser.add_argument("--out", type=Path, help="also write plan.json and schedule.ics into this folder")
        parser.add_argument("--pin", action="append", default=[], metavar="CITY=THEME")
        parser.add_argument("--together", action="append", default=[], metavar="CITY,CITY")
        parser.add_argument("--apart", action="append", default=[], metavar="CITY,CITY")
        parser.add_argument("--no-pair", action="append", default=[], metavar="CITY,CITY")

    def handle(self, *args, **options) -> None:
        document, code, levels = self._document(options["file"], options["code"])
        instance = planning_instance(document, rules=_rules(options), levels=levels)
        # Piped to a file, the tables keep a readable width instead of rich's default of 80.
        console = Console(file=self.stdout, highlight=False, width=None if self.stdout.isatty() else 160)
        result = self._solve(console, instance, seed=options["seed"], time_limit=options["time_limit"])
        if isinstance(result, Infeasible | TimedOut):
            for reason in result.reasons:
                self.stdout.write(f"- {english(reason)}")  # the command line speaks English
        if isinstance(result, Infeasible):
            raise CommandError("no plan exists with these constraints", returncode=2)
        if isinstance(result, TimedOut):
            raise CommandError("the planner ran out of time: allow it more with --time-limit", returncode=3)
        problems = violations(instance, result)
        if problems:  # the checker is independent of the solver: never print a plan that fails it
            raise CommandError("the plan fails its own check: " + "; ".join(problems))
        _print_plan(console, instance, result)
        if options["out"]:
            self._write(options["out"], result, instance, code)

    def _solve(
        self, console: Console, instance: Instance, *, seed: int, time_limit: float
    ) -> Plan | Infeasible | TimedOut:
        if not console.is_terminal:  # no progress line in a pipe or a log
            return plan_programme(instance, seed=seed, time_limit=time_limit)
        with console.status("Planning…") as status:

            def progress(stage: str, objective: float, bound: float) -> None:
                status.update(f"Planning: {stage}, best {objective:.0f}, bound {bound:.0f}")

            return plan_programme(instance, seed=seed, time_limit=time_limit, progress=progress)

    def _document(self, file: Path | None, code: str | None) -> tuple[ProgrammeFile, str, dict]:
        """The programme, its code and its cities' benchmark levels (none for a file)."""
        if file is not None:
            try:
                result = read_programme_file(file.read_bytes())
            except OSError as problem:
                raise CommandError(f"{file}: (file): cannot be read: {problem.strerror}", returncode=2) from None
            for problem in result.errors:
                self.stdout.write(problem.format(str(file)))
            if result.document is None:
                raise CommandError(f"{len(result.errors)} error(s) in {file}", returncode=2)
            return result.document, result.document.programme.code, {}
        require_migrated_database()
        try:
            programme = named_programme(code)
        except AmbiguousProgramme as problem:
            raise CommandError(str(problem), returncode=2) from None
        except NoProgramme as problem:
            raise CommandError(f"{problem}: load one with `values load FILE` or use --file", returncode=2) from None
        return programme_as_file(programme), programme.code, benchmark_levels(programme)

    def _write(self, folder: Path, plan: Plan, instance: Instance, code: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "plan.json").write_text(plan_as_json(plan), encoding="utf-8")
        (folder / "schedule.ics").write_bytes(plan_as_ics(plan, instance, programme_code=code))
        self.stdout.write(f"Wrote {folder / 'plan.json'} and {folder / 'schedule.ics'}")


def _rules(options: dict) -> tuple[Rule, ...]:
    rules = []
    for text in options["pin"]:
        city, _, theme = text.partition("=")
        if not city or not theme:
            raise CommandError(f"--pin {text}: expected CITY=THEME, e.g. --pin cesena=A", returncode=2)
        rules.append(Rule(RuleKind.PIN, city.strip(), theme.strip()))
    for option, kind in (("together", RuleKind.TOGETHER), ("apart", RuleKind.APART), ("no_pair", RuleKind.NO_PAIR)):
        for text in options[option]:
            first, _, second = text.partition(",")
            if not first or not second:
                flag = option.replace("_", "-")
                raise CommandError(f"--{flag} {text}: expected CITY,CITY, e.g. --{flag} cesena,riga", returncode=2)
            rules.append(Rule(kind, first.strip(), second.strip()))
    return tuple(rules)


def _print_plan(console: Console, instance: Instance, plan: Plan) -> None:
    names = {**instance.city_names(), **{f.id: f.name for f in instance.facilitators}}
    proven = "proven optimal" if plan.optimal else f"not proven optimal: gap {plan.gap:.2%} to the bound {plan.bound}"
    console.print(
        f"Objective {plan.objective} (total interest minus country penalties), {proven}; "
        f"{plan.wall_seconds:.2f} s, seed {plan.seed}."
    )
    for note in plan.notes:
        console.print(f"- {english(note)}", soft_wrap=True)  # one line per note, as the reasons of a failure
    communities = Table(title="Communities of practice")
    for column in ("Community", "Theme", "City", "Why"):
        communities.add_column(column)
    for community in plan.communities:
        theme = f"{community.theme}. {instance.theme_names.get(community.theme, '')}".strip()
        for index, member in enumerate(community.members):
            first = index == 0
            why = community.why.get(member)
            communities.add_row(
                community.id if first else "", theme if first else "", names[member], english(why) if why else ""
            )
    console.print(communities)
    pairs = Table(title="Exchange pairs")
    for column in ("Community", "Cities", "Complementarity", "Why"):
        pairs.add_column(column)
    for pair in plan.pairs:
        cities = " ↔ ".join(names[c] for c in pair.cities)
        pairs.add_row(pair.community, cities, f"{pair.complementarity:g}", english(pair.why))
    console.print(pairs)
    schedule = Table(title="Schedule")
    for column in ("Week of", "Activity", "Host", "Guests", "Facilitators"):
        schedule.add_column(column)
    for activity in sorted(plan.activities, key=lambda a: (a.start, a.kind, a.host)):
        schedule.add_row(
            activity.start.isoformat(),
            f"{activity.kind.value} ({activity.community})",
            names[activity.host],
            ", ".join(names[g] for g in activity.guests),
            ", ".join(names[f] for f in activity.facilitators),
        )
    console.print(schedule)
