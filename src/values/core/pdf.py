"""PDF documents from HTML, made one way everywhere: WeasyPrint, tagged as PDF/UA-1.

Tagging keeps the headings, lists, tables, the language and the images' alt text in the file,
so that a screen reader can follow a factsheet or a toolkit as it follows the web page.
"""

from PIL import ImageFile

PDF_VARIANT = "pdf/ua-1"


def render_pdf(html: str) -> tuple[bytes, int]:
    """The tagged PDF and its number of pages."""
    from weasyprint import HTML  # lazy: WeasyPrint is slow to import and only PDFs need it

    # Importing WeasyPrint makes Pillow accept truncated images in the whole process, uploads included, which must
    # refuse them. Our PDFs need no such leniency: the images in them are uploads we decoded whole and re-encoded.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    document = HTML(string=html).render()
    return document.write_pdf(pdf_variant=PDF_VARIANT), len(document.pages)


def html_to_pdf(html: str) -> bytes:
    return render_pdf(html)[0]
