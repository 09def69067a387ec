"""`values check FILE...` checks programme files; `values check [--deploy]` is Django's check."""

from pathlib import Path

from django.core.management import CommandError
from django.core.management.commands import check as django_check

from values.core.database import database_ready
from values.programme.programme_file import read_programme_file
from values.programme.shared import shared_changes

PROGRAMME_FILE_SUFFIXES = (".yaml", ".yml")


class Command(django_check.Command):
    help = (
        "Check programme files (values check FILE...): print every problem as 'FILE: key.path: reason', "
        "exit 0 when valid and 2 when not. Without files, run Django's system checks."
    )

    def handle(self, *app_labels: str, **options) -> None:
        files = [label for label in app_labels if _is_programme_file(label)]
        if not files:
            return super().handle(*app_labels, **options)
        error_count = sum(self._check_file(Path(name)) for name in files)
        if error_count:
            raise CommandError(f"{error_count} error(s): the file is not loaded as it stands", returncode=2)

    def _check_file(self, path: Path) -> int:
        try:
            source = path.read_bytes()
        except OSError as problem:
            self.stdout.write(f"{path}: (file): cannot be read: {problem.strerror}")
            return 1
        result = read_programme_file(source)
        # With a database at hand, also what the file would change on records other programmes share.
        shared = shared_changes(result.document) if result.document is not None and database_ready() else []
        for problem in [*result.problems, *shared]:
            self.stdout.write(problem.format(str(path)))
        if not result.errors:
            warnings = len(result.warnings) + len(shared)
            self.stdout.write(self.style.SUCCESS(f"{path}: valid ({warnings} warning(s))"))
        return len(result.errors)


def _is_programme_file(label: str) -> bool:
    return label.endswith(PROGRAMME_FILE_SUFFIXES) or Path(label).is_file() or "/" in label
