from pathlib import Path

from django.core.management import BaseCommand, CommandError

from values.core.database import require_migrated_database
from values.knowledge.practice_io import practice_records, to_csv, to_json
from values.network.enums import AuditAction
from values.network.services import COMMAND_LINE, record_audit
from values.programme.queries import NoProgramme, named_programme


class Command(BaseCommand):
    help = "Write the programme's good practices to FILE.json or FILE.csv (- for JSON on standard output)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--programme", dest="code")

    def handle(self, *args, file: str, code: str | None, **options) -> None:
        require_migrated_database()
        try:
            programme = named_programme(code)
        except NoProgramme as problem:
            raise CommandError(str(problem), returncode=2) from None
        records = practice_records(programme.practices.all())
        text = to_csv(records) if file.endswith(".csv") else to_json(records)
        # Practices carry a contact, often a person's name and address.
        record_audit(
            AuditAction.PERSONAL_DATA_EXPORTED, actor_name=COMMAND_LINE, target=f"practices of {programme.code}"
        )
        if file == "-":
            self.stdout.write(text, ending="")
            return
        Path(file).write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {len(records)} practices to {file}")
