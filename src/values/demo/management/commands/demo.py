import sys
from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command
from django.utils import timezone

from values.core.processes import Supervisor, run_until_stopped
from values.demo.accounts import DEMO_ACCOUNTS
from values.demo.models import SampleData, Scenario
from values.demo.services import generate_sample, load_moved, remove_sample
from values.programme.models import Programme
from values.programme.programme_file import read_programme_file

RESTART_PAUSE_SECONDS = 2


class Command(BaseCommand):
    help = (
        "Set up and run the demo: migrate, load the VALUES programme with its sample data (the midway scenario: "
        "month 16 is now), create the demo accounts, then serve the web app and run the worker until Ctrl-C."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--file", type=Path, default=settings.BASE_DIR / "data" / "values.yaml")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--setup-only", action="store_true", help="prepare everything, serve nothing")
        parser.add_argument("--scenario", choices=[s.value for s in Scenario], default=Scenario.MIDWAY)
        parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same sample")
        parser.add_argument("--fresh", action="store_true", help="generate the sample again, replacing the one there")
        parser.add_argument("--remove-sample", action="store_true", help="remove the sample data, serve nothing")

    def handle(self, *args, file: Path, port: int, setup_only: bool, **options) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        result = read_programme_file(file.read_bytes())
        if result.document is None:
            for problem in result.problems:
                self.stderr.write(problem.format(str(file)))
            raise CommandError(f"{file}: the programme file has errors: nothing was loaded", returncode=2)
        if options["remove_sample"]:
            self._remove(result.document.programme.code)
            return
        kept = SampleData.objects.filter(programme__code=result.document.programme.code).exists()
        if options["fresh"] or not kept:
            # The benchmarks need the programme, and the planner needs the benchmarks. A sample kept keeps the
            # dates it was made with: loading the file again would move the start under its activities.
            load_moved(result.document, today=timezone.localdate())
            self._load_benchmarks()
        generated = generate_sample(
            result.document,
            scenario_name=options["scenario"],
            seed=options["seed"],
            today=timezone.localdate(),
            fresh=options["fresh"],
        )
        self._print_summary(generated)
        self._print_accounts(generated.programme, port)
        if not setup_only:
            self._run(port)

    def _load_benchmarks(self) -> None:
        benchmarks = settings.BASE_DIR / "data" / "benchmarks.yaml"
        if benchmarks.exists():
            call_command("load_benchmarks", str(benchmarks))

    def _remove(self, code: str) -> None:
        sample = SampleData.objects.filter(programme__code=code).first()
        if sample is None:
            self.stdout.write(f"Programme {code} holds no sample data.")
            return
        deleted = remove_sample(sample)
        self.stdout.write(self.style.SUCCESS(f"Removed the sample data of {code}: {deleted} rows."))

    def _print_summary(self, generated) -> None:
        if generated.kept:
            self.stdout.write("The sample data is there already and is kept (--fresh generates it again).")
        elif generated.sample is None:
            self.stdout.write("Empty scenario: the programme file alone, no sample data.")
        else:
            sample = generated.sample
            self.stdout.write(f"Sample data, seed {sample.seed}: the programme as it stood at month {sample.month}.")
        for kind, count in generated.counts.items():
            self.stdout.write(f"  {kind:<20} {count:>6}")
        self.stdout.write(f"Set up in {generated.seconds:.1f} s.")

    def _print_accounts(self, programme: Programme, port: int) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"VALUES demo at http://127.0.0.1:{port}/"))
        self.stdout.write(f"Demo accounts (user name / password: role at organisation, in {programme.acronym}):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(
                f"  {account.username:<18} {account.password:<26} {account.role.label} at {account.organisation_key}"
            )
        self.stdout.write("Password-reset e-mails appear in this terminal. Press Ctrl-C to stop.\n")

    def _run(self, port: int) -> None:
        values = [sys.executable, "-m", "values"]
        # A worker that dies (or a web app) is started again: one bad task must not take the demo down.
        supervisor = Supervisor(
            {"web app": [*values, "serve", "--port", str(port)], "worker": [*values, "worker"]},
            pause=RESTART_PAUSE_SECONDS, report=self.stderr.write,
        )  # fmt: skip
        run_until_stopped(supervisor)
        self.stdout.write("\nThe web app and the worker are stopped.")
