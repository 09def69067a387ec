from pathlib import Path

from django.core.management import BaseCommand, CommandError

from values.core.database import require_migrated_database
from values.volunteering.places import load_postcodes


class Command(BaseCommand):
    help = (
        "Load postcodes for the distance filter from a CSV file (UTF-8, a header, columns country, code, latitude, "
        "longitude and optionally label); updates a country's code that is there already. All rows or none."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        require_migrated_database()
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as problem:
            raise CommandError(f"{file}: cannot be read as UTF-8 text: {problem}", returncode=2) from None
        loaded = load_postcodes(text)
        for problem in loaded.problems:
            self.stdout.write(f"{file}: {problem}")
        if loaded.problems:
            raise CommandError(f"{len(loaded.problems)} error(s): nothing was loaded", returncode=2)
        self.stdout.write(self.style.SUCCESS(f"Postcodes added: {loaded.added}, updated: {loaded.updated}"))
