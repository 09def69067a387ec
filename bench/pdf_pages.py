"""Render a sample of the pages of the generated PDFs to PNG, so that a person can look at them.

The tests check a PDF by extracting its text; they cannot see text that overflows its box, a
missing font or a table split across pages. This script draws the pages instead. Like
bench/publishing.py it builds a throwaway SQLite database in a temporary VALUES_VAR_DIR, loads
data/values.yaml and accepts a plan (seed 1). Then it generates Cesena's factsheet in Italian
and English, the budget summary (the finance export, as the coordinator downloads it, in
English) and the whole programme's toolkit in Italian with a programme's worth of generated
content (bench/bench_content.py: --practices practices with photos, self-assessments, plans and
reports), adds any PDF given with --pdf, and renders the first page, the last
page and evenly spread pages between them with PDFium (pypdfium2) into bench/out/pages/. For
each document it prints the pages, the PNG files written and the time to render each page
(rasterising and encoding the PNG). Always exits with code 0.

    .venv/bin/python bench/pdf_pages.py [--pages N] [--dpi 100] [--practices 8] [--pdf FILE ...]
"""

import argparse
import datetime
import os
import platform
import statistics
import time
from pathlib import Path

from bench_content import ROOT, prepare_database

OUT = ROOT / "bench" / "out" / "pages"
MM_PER_POINT = 25.4 / 72


def generated_pdfs(user) -> list[tuple[str, bytes]]:
    """(name, PDF) for each document the platform generates today."""
    from django.utils import timezone, translation

    from values.finance.exports import budget_summary_pdf
    from values.finance.queries import actuals_visible_to
    from values.programme.queries import current_programme
    from values.publishing.factsheets import build_factsheet, factsheet_pdf

    programme = current_programme()
    documents = [
        (f"factsheet-cesena-{language}", factsheet_pdf(build_factsheet(programme, "cesena", language=language)))
        for language in ("it", "en")
    ]
    today = timezone.localdate()
    with translation.override("en"):  # the view renders it in the reader's language
        actuals = actuals_visible_to(user, programme, today=today)
        documents.append(("finance-summary-en", budget_summary_pdf(programme, actuals, today=today)))
    return documents


def toolkit_pdf_with_content(practices: int) -> tuple[str, bytes]:
    """The whole programme's toolkit in Italian, after adding generated content to compile."""
    from bench_content import add_programme_content

    from values.programme.queries import current_programme
    from values.publishing.toolkits import compile_toolkit, toolkit_pdf

    add_programme_content(practices)
    pdf, _pages = toolkit_pdf(compile_toolkit(current_programme(), None, "it"), edition="bench")
    return "toolkit-programme-it", pdf


def sample(count: int, wanted: int | None) -> list[int]:
    """Page indexes: all of them, or the first, the last and evenly spread pages between, `wanted` in all."""
    if wanted is None or wanted >= count:
        return list(range(count))
    wanted = max(wanted, 2)  # the first and the last page are always drawn
    return sorted({round(i * (count - 1) / (wanted - 1)) for i in range(wanted)})


def render(name: str, data: bytes, *, wanted: int | None, dpi: int) -> None:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        print(f"{name}: not a readable PDF ({error})")
        return
    for stale in OUT.glob(f"{name}-p*.png"):  # pages of an earlier, longer run of the same document
        stale.unlink()
    count = len(document)
    indexes = sample(count, wanted)
    width, height = document[0].get_size() if count else (0, 0)
    pages = f"{count} page{'' if count == 1 else 's'}"
    size = f"{width * MM_PER_POINT:.0f} × {height * MM_PER_POINT:.0f} mm"
    print(f"{name}: {pages} ({size}), {len(data):,} bytes, drawing {len(indexes)}")
    timings = []
    for index in indexes:
        path = OUT / f"{name}-p{index + 1:0{len(str(count))}d}.png"
        start = time.perf_counter()
        page = document[index]
        image = page.render(scale=dpi / 72).to_pil()
        image.save(path)
        timings.append(time.perf_counter() - start)
        page.close()
        print(f"  page {index + 1:>3}  {timings[-1] * 1000:>7.1f} ms  {image.width}×{image.height}  "
              f"{path.relative_to(ROOT)}")  # fmt: skip
    document.close()
    if timings:
        print(f"  render per page: median {statistics.median(timings) * 1000:.1f} ms, "
              f"max {max(timings) * 1000:.1f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, help="pages to draw per document, first and last included (default all)")
    parser.add_argument("--dpi", type=int, default=100, help="resolution of the PNG files (default 100)")
    parser.add_argument("--practices", type=int, default=8, help="generated practices in the toolkit (default 8)")
    parser.add_argument("--pdf", nargs="+", action="extend", default=[], type=Path, metavar="FILE",
                        help="other PDF files to draw as well, a toolkit for instance")  # fmt: skip
    args = parser.parse_args()
    import pypdfium2.version

    OUT.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    print(f"PDF pages, {now}: {args.dpi} dpi, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"pypdfium2 {pypdfium2.version.PYPDFIUM_INFO}, PDFium {pypdfium2.version.PDFIUM_INFO.build}.")  # fmt: skip
    if not (ROOT / "src" / "values" / "locale" / "it" / "LC_MESSAGES" / "django.mo").exists():
        print("warning: the translations are not compiled (no django.mo), so the Italian factsheet shows English "
              "labels; run `make messages` first")  # fmt: skip
    documents = generated_pdfs(prepare_database("pdf-pages"))
    documents.append(toolkit_pdf_with_content(args.practices))
    for path in args.pdf:
        try:
            documents.append((path.stem, path.read_bytes()))
        except OSError as error:
            print(f"{path}: cannot read it ({error.strerror})")
    for name, data in documents:
        render(name, data, wanted=args.pages, dpi=args.dpi)
    print(f"PNG files in {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
