import sys
from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command

from values.core.processes import Supervisor, run_until_stopped
from values.programme.demo import ensure_demo_accounts
from values.programme.models import Programme
from values.programme.programme_file import read_programme_file

RESTART_PAUSE_SECONDS = 2


class Command(BaseCommand):
    help = (
        "Set up and run the demo: migrate, load the VALUES programme, create the demo accounts, "
        "then serve the web app and run the worker until Ctrl-C."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--file", type=Path, default=settings.BASE_DIR / "data" / "values.yaml")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--setup-only", action="store_true", help="prepare everything, serve nothing")

    def handle(self, *args, file: Path, port: int, setup_only: bool, **options) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("load", str(file))
        benchmarks = settings.BASE_DIR / "data" / "benchmarks.yaml"
        if benchmarks.exists():
            call_command("load_benchmarks", str(benchmarks))
        code = read_programme_file(file.read_bytes()).document.programme.code
        programme = Programme.objects.get(code=code)
        accounts = ensure_demo_accounts(programme)
        self._print_accounts(accounts, programme, port)
        if not setup_only:
            self._run(port)

    def _print_accounts(self, accounts, programme: Programme, port: int) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"VALUES demo at http://127.0.0.1:{port}/"))
        self.stdout.write(f"Demo accounts (user name / password: role at organisation, in {programme.acronym}):")
        for account in accounts:
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
