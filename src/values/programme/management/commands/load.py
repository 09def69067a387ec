from pathlib import Path

from django.core.management import BaseCommand, CommandError

from values.core.database import require_migrated_database
from values.programme.programme_file import read_programme_file
from values.programme.services import SharedRecordsChanged, load_programme_file


class Command(BaseCommand):
    help = "Check a programme file and load it in one transaction; a rejected file changes nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--keep-shared",
            action="store_true",
            help="refuse the file if it changes an organisation, city or contact that another programme shares",
        )

    def handle(self, *args, file: Path, keep_shared: bool, **options) -> None:
        require_migrated_database()
        try:
            source = file.read_bytes()
        except OSError as problem:
            raise CommandError(f"{file}: (file): cannot be read: {problem.strerror}", returncode=2) from None
        result = read_programme_file(source)
        for problem in result.problems:
            self.stdout.write(problem.format(str(file)))
        if result.document is None:
            raise CommandError(f"{len(result.errors)} error(s): nothing was loaded", returncode=2)
        try:
            summary = load_programme_file(result.document, keep_shared=keep_shared)
        except SharedRecordsChanged as refusal:
            for problem in refusal.problems:
                self.stdout.write(problem.format(str(file)))
            raise CommandError(f"{refusal}: nothing was loaded (--keep-shared)", returncode=2) from None
        for problem in summary.shared_changes:
            self.stdout.write(problem.format(str(file)))
        verb = "Created" if summary.created else "Updated"
        removed = ""
        if summary.removed_partners or summary.removed_themes:
            removed = (
                f"; removed {summary.removed_partners} partner(s), {summary.removed_themes} theme(s) no longer listed"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {summary.programme.acronym} ({summary.programme.code}): "
                f"{summary.themes} themes, {summary.organisations} organisations{removed}"
            )
        )
