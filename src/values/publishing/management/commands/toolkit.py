"""`values toolkit KEY [--lang it] [--format pdf|html] [--out FILE]`: a toolkit from the data as it is now."""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError
from django.http import Http404

from values.core.database import require_migrated_database
from values.programme.queries import NoProgramme, named_programme
from values.publishing.models import PROGRAMME_TOOLKIT_KEY
from values.publishing.queries import subject_theme
from values.publishing.toolkits import compile_toolkit, toolkit_document, toolkit_pdf


class Command(BaseCommand):
    help = (
        f"Write the toolkit of a theme (its id) or of the whole programme ({PROGRAMME_TOOLKIT_KEY}) as PDF or as "
        "one self-contained HTML file, to standard output or to --out FILE. The web app keeps its own editions."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("key", help=f"a theme's id (e.g. A) or {PROGRAMME_TOOLKIT_KEY}")
        parser.add_argument("--lang", default="en", help="language of the toolkit (en, it)")
        parser.add_argument("--format", choices=("pdf", "html"), default="pdf", dest="file_format")
        parser.add_argument("--out", help="file to write (default: standard output)")
        parser.add_argument("--programme", metavar="CODE", help="the programme's code (default: the loaded one)")

    def handle(self, *args, key: str, lang: str, file_format: str, out: str | None, **options) -> None:
        require_migrated_database()
        if lang not in settings.PARTNER_LANGUAGES:
            raise CommandError(
                f"--lang {lang}: toolkits are made in {', '.join(settings.PARTNER_LANGUAGES)}", returncode=2
            )
        try:
            programme = named_programme(options.get("programme"))
            content = compile_toolkit(programme, subject_theme(programme, key), lang)
        except NoProgramme as problem:
            raise CommandError(str(problem), returncode=2) from None
        except Http404:
            problem = f"{key}: not a theme of {programme.acronym} nor {PROGRAMME_TOOLKIT_KEY}"
            raise CommandError(problem, returncode=2) from None
        if file_format == "pdf":
            data, pages = toolkit_pdf(content)
        else:
            data, pages = toolkit_document(content).encode("utf-8"), None
        self._write(data, out, pages)

    def _write(self, data: bytes, out: str | None, pages: int | None) -> None:
        if out:
            Path(out).write_bytes(data)
            self.stderr.write(f"{out}: {len(data):,} bytes" + (f", {pages} pages" if pages else ""))
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
