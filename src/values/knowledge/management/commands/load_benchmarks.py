from pathlib import Path

from django.core.management import BaseCommand, CommandError

from values.core.database import require_migrated_database
from values.knowledge.services import load_benchmarks, read_benchmark_file
from values.programme.queries import NoProgramme, named_programme


class Command(BaseCommand):
    help = "Load benchmark standards (e.g. data/benchmarks.yaml) into a programme; updates by id."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--programme", dest="code")

    def handle(self, *args, file: Path, code: str | None, **options) -> None:
        require_migrated_database()
        try:
            programme = named_programme(code)
        except NoProgramme as problem:
            raise CommandError(str(problem), returncode=2) from None
        try:
            source = file.read_bytes()
        except OSError as problem:
            raise CommandError(f"{file}: (file): cannot be read: {problem.strerror}", returncode=2) from None
        themes = set(programme.themes.values_list("key", flat=True))
        standards, problems = read_benchmark_file(source, theme_ids=themes)
        for problem in problems:
            self.stdout.write(problem.format(str(file)))
        if standards is None:
            raise CommandError(f"{len(problems)} error(s): nothing was loaded", returncode=2)
        count = load_benchmarks(programme, standards)
        self.stdout.write(self.style.SUCCESS(f"Loaded {count} benchmark standards into {programme.acronym}"))
