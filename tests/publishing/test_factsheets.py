"""Cesena's factsheet carries every figure of the printed one (seeds/values-factsheet-cesena.txt), in IT and EN,
with the shares its amounts really give."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

pytestmark = pytest.mark.django_db

# The seed's figures as it writes them in Italian, and as English writes them.
SEED_FIGURES_IT = ["820885", "Febbraio 2019", "24 mesi", "€ 899.973,58", "€ 22.732,15", "€ 20.458,94", "€ 2.273,21",
                   "Asylum, Migration and Integration Fund (AMIF)"]  # fmt: skip
SEED_FIGURES_EN = ["820885", "February 2019", "24 months", "€899,973.58", "€22,732.15", "€20,458.94", "€2,273.21",
                   "Asylum, Migration and Integration Fund (AMIF)"]  # fmt: skip
SEED_PARTNERS = [
    "Amsterdam (NL)", "Bristol (GB)", "Brno (CZ)", "Düsseldorf (DE)", "Madrid (ES)", "Nuremberg (DE)", "Oslo (NO)",
    "Ostend (BE)", "Riga (LV)", "Sheffield (GB)", "Terrassa (ES)", "Thessaloniki (GR)", "Toulouse (FR)", "Turin (IT)",
    "Zurich (CH)", "Cesena (IT)", "EUROCITIES", "European Volunteer Centre",
]  # fmt: skip


def _pdf_text(path) -> tuple[str, int]:
    pages = PdfReader(io.BytesIO(path.read_bytes())).pages
    text = " ".join(page.extract_text() for page in pages)
    return re.sub(r"\s+", " ", text), len(pages)


def test_the_italian_factsheet_carries_every_figure_of_the_seed(programme, tmp_path):
    out = tmp_path / "cesena-it.pdf"

    call_command("factsheet", "cesena", lang="it", file_format="pdf", out=str(out))

    text, pages = _pdf_text(out)
    assert pages <= 2
    for figure in SEED_FIGURES_IT:
        assert figure in text
    # The seed labels the EU share "80%"; the amounts give 90 % and 10 %.
    assert "Contributo UE per Comune di Cesena (90%) € 20.458,94" in text
    assert "(80%)" not in text
    assert "Roberto Zoffoli" in text
    assert "est_burioli_s@comune.cesena.fc.it" in text


def test_the_english_factsheet_carries_the_seeds_partnership_objective_and_results(programme, tmp_path):
    out = tmp_path / "cesena-en.pdf"

    call_command("factsheet", "cesena", lang="en", out=str(out))

    text, _pages = _pdf_text(out)
    for figure in [*SEED_FIGURES_EN, *SEED_PARTNERS]:
        assert figure in text
    assert "EU contribution to City of Cesena (90%) €20,458.94" in text
    assert "Co-financing by City of Cesena (10%) €2,273.21" in text
    assert "The objective of the project is to exchange know-how" in text
    assert "Integrating Cities Toolkits to translate commitments into concrete recommendations" in text
    assert "Mentoring visits by the communities of practice to each city" in text


def test_the_html_factsheet_is_a_standalone_document(programme, capsysbinary):
    call_command("factsheet", "cesena", lang="it", file_format="html")

    html = capsysbinary.readouterr().out.decode("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="it" dir="ltr">' in html
    assert "<style>" in html
    assert "@page" in html
    assert "€\u00a0899.973,58" in html


def test_an_unknown_partner_is_refused(programme):
    with pytest.raises(CommandError, match="madrid-north: not a partner of VALUES") as refused:
        call_command("factsheet", "madrid-north")

    assert refused.value.returncode == 2


def test_the_partner_page_offers_the_factsheet_and_only_readers_signed_in_see_contacts(client, programme, volunteer):
    page = client.get("/it/p/820885/partners/cesena/")
    anonymous = client.get("/it/p/820885/partners/cesena/factsheet.html")
    client.force_login(volunteer)
    signed_in = client.get("/it/p/820885/partners/cesena/factsheet.html")
    pdf = client.get("/en/p/820885/partners/cesena/factsheet.pdf")

    assert 'href="/it/p/820885/partners/cesena/factsheet.pdf"' in page.text
    assert "€\u00a0899.973,58" in anonymous.text
    assert "zoffoli_r@comune.cesena.fc.it" not in anonymous.text
    assert "zoffoli_r@comune.cesena.fc.it" in signed_in.text
    assert '<link rel="stylesheet" href="/static/publishing/factsheet.css">' in anonymous.text
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")


def test_the_factsheet_pdf_is_tagged_in_its_language(programme, tmp_path):
    out = tmp_path / "cesena-it.pdf"

    call_command("factsheet", "cesena", lang="it", file_format="pdf", out=str(out))

    root = PdfReader(io.BytesIO(out.read_bytes())).trailer["/Root"]
    assert root["/Lang"] == "it"
    assert "/StructTreeRoot" in root
