"""`values import_rates FILE.csv`: the monthly accounting rates (currency,month,rate in units per euro)."""

from pathlib import Path

from django.core.management import BaseCommand, CommandError
from django.utils import timezone

from values.core.database import require_migrated_database
from values.finance.services import read_exchange_rates, save_exchange_rates


class Command(BaseCommand):
    help = "Import monthly exchange rates from CSV (currency,month,rate); a file with any problem imports nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="CSV with the columns currency, month (YYYY-MM) and rate (units per euro)")

    def handle(self, *args, file: str, **options) -> None:
        require_migrated_database()
        try:
            text = Path(file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as problem:
            raise CommandError(f"{file}: cannot be read: {problem}", returncode=2) from None
        rows, problems = read_exchange_rates(text, today=timezone.localdate())
        for problem in problems:
            self.stdout.write(f"{file}: {problem}")
        if problems:
            raise CommandError(f"{len(problems)} problem(s): nothing was imported", returncode=2)
        self.stdout.write(self.style.SUCCESS(f"{save_exchange_rates(rows)} rate(s) imported"))
