"""`values factsheet ORG [--lang it] [--format pdf|html] [--out FILE]`: a partner's factsheet."""

import sys
from pathlib import Path

from django.core.management import BaseCommand, CommandError
from django.http import Http404

from values.core.database import require_migrated_database
from values.programme.queries import NoProgramme, named_programme
from values.publishing.factsheets import build_factsheet, factsheet_html, factsheet_pdf


class Command(BaseCommand):
    help = "Write a partner's factsheet as PDF or HTML, to standard output or to --out FILE."

    def add_arguments(self, parser) -> None:
        parser.add_argument("organisation", help="the partner's id in the programme file, e.g. cesena")
        parser.add_argument("--lang", default="en", help="language of the factsheet (en, it)")
        parser.add_argument("--format", choices=("pdf", "html"), default="pdf", dest="file_format")
        parser.add_argument("--out", help="file to write (default: standard output)")
        parser.add_argument("--programme", metavar="CODE", help="the programme's code (default: the loaded one)")

    def handle(self, *args, organisation: str, lang: str, file_format: str, out: str | None, **options) -> None:
        require_migrated_database()
        try:
            programme = named_programme(options.get("programme"))
            sheet = build_factsheet(programme, organisation, language=lang)
        except NoProgramme as problem:
            raise CommandError(str(problem), returncode=2) from None
        except Http404:
            raise CommandError(f"{organisation}: not a partner of {programme.acronym}", returncode=2) from None
        content = factsheet_pdf(sheet) if file_format == "pdf" else factsheet_html(sheet).encode("utf-8")
        if out:
            Path(out).write_bytes(content)
            self.stderr.write(f"{out}: {len(content):,} bytes")
        else:
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
