from pathlib import Path

from django.core.management import BaseCommand, CommandError

from values.core.database import require_migrated_database
from values.network.enums import AuditAction
from values.network.services import COMMAND_LINE, record_audit
from values.programme.programme_file import write_programme_file
from values.programme.queries import NoProgramme, named_programme, programme_as_file


class Command(BaseCommand):
    help = "Write a programme from the database as a programme file (FILE, or - for standard output)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="where to write; - for standard output")
        parser.add_argument("--programme", dest="code", help="the programme's code (default: the only one)")

    def handle(self, *args, file: str, code: str | None, **options) -> None:
        require_migrated_database()
        try:
            programme = named_programme(code)
        except NoProgramme as problem:
            raise CommandError(str(problem), returncode=2) from None
        text = write_programme_file(programme_as_file(programme))
        # The file names every contact person with their e-mail address.
        record_audit(
            AuditAction.PERSONAL_DATA_EXPORTED, actor_name=COMMAND_LINE, target=f"programme file {programme.code}"
        )
        if file == "-":
            self.stdout.write(text, ending="")
            return
        Path(file).write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {programme.acronym} ({programme.code}) to {file}"))
