"""Every PDF is made by core.pdf: tagged (PDF/UA-1) with its language, so screen readers can follow it."""

import io

import pytest
from pypdf import PdfReader

from values.core.pdf import render_pdf

pytestmark = pytest.mark.unit

TWO_PAGES = (
    '<!DOCTYPE html><html lang="it"><head><title>Prova</title></head><body>'
    '<h1>Titolo</h1><p>Primo foglio.</p><p style="break-before: page">Secondo foglio.</p></body></html>'
)


def test_a_pdf_is_tagged_with_its_language_and_counts_its_pages():
    data, pages = render_pdf(TWO_PAGES)

    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert pages == 2
    assert root["/Lang"] == "it"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
