"""Each VALUES partner's factsheet fits one A4 page, in English and in its city's own language."""

import pytest

from values.core.pdf import render_pdf
from values.programme.models import Partner
from values.publishing.factsheets import FIT_SCALES, build_factsheet, factsheet_html, factsheet_pdf

pytestmark = pytest.mark.django_db


def _pages(pdf: bytes) -> int:
    from io import BytesIO

    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf)).pages)


def test_every_partners_factsheet_is_one_page_in_english_and_its_own_language(programme):
    made = []
    for partner in Partner.objects.filter(programme=programme).select_related("organisation__city"):
        city = getattr(partner.organisation, "city", None)
        languages = {"en", *((city.languages or [])[:1] if city else [])}
        for language in sorted(languages):
            sheet = build_factsheet(programme, partner.organisation.key, language=language)
            assert _pages(factsheet_pdf(sheet)) == 1, (partner.organisation.key, language)
            made.append(language)
    assert {"en", "it", "nl", "de", "el"} <= set(made)


def test_the_english_cesena_factsheet_needed_a_smaller_setting_to_fit(programme):
    # The stumble: at the style sheet's own sizes the English factsheet ran on to a second page.
    sheet = build_factsheet(programme, "cesena", language="en")

    _pdf, pages_at_full_size = render_pdf(factsheet_html(sheet, scale=FIT_SCALES[0]))

    assert pages_at_full_size == 2
    assert _pages(factsheet_pdf(sheet)) == 1
