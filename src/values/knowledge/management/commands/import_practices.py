import csv
from pathlib import Path

from django.core.management import BaseCommand, CommandError

from values.core.database import require_migrated_database
from values.knowledge.practice_io import check_records, import_records, records_from_csv, records_from_json
from values.programme.queries import NoProgramme, named_programme


class Command(BaseCommand):
    help = "Add good practices from FILE.json or FILE.csv; a file with any problem changes nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--programme", dest="code")

    def handle(self, *args, file: Path, code: str | None, **options) -> None:
        require_migrated_database()
        try:
            programme = named_programme(code)
            text = file.read_text(encoding="utf-8")
            records = records_from_csv(text) if file.suffix == ".csv" else records_from_json(text)
        except NoProgramme as problem:
            raise CommandError(str(problem), returncode=2) from None
        # A JSONDecodeError is a ValueError; nesting too deep for the parser is a RecursionError.
        except (OSError, UnicodeDecodeError, ValueError, RecursionError, csv.Error) as problem:
            raise CommandError(f"{file}: (file): cannot be read: {problem}", returncode=2) from None
        problems = check_records(programme, records)
        for problem in problems:
            self.stdout.write(problem.format(str(file)))
        if problems:
            raise CommandError(f"{len(problems)} error(s): nothing was imported", returncode=2)
        self.stdout.write(f"Imported {import_records(programme, records)} practices")
