from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from values.finance.permissions import can_see_budget_report
from values.network.permissions import can_see_contact_details
from values.programme.views import programme_or_404
from values.publishing.factsheets import build_factsheet, factsheet_html, factsheet_pdf
from values.publishing.infographics import (
    BUDGET_INFOGRAPHICS,
    build_infographic,
    infographic_keys,
    infographic_png,
    infographic_svg,
)


def factsheet(request: HttpRequest, key: str, file_format: str) -> HttpResponse:
    """A partner's factsheet in the page's language; its contacts for signed-in readers, as on the partner page."""
    programme = programme_or_404()
    language = (get_language() or "en").split("-")[0]
    sheet = build_factsheet(programme, key, language=language, with_contacts=can_see_contact_details(request.user))
    if file_format == "html":
        return HttpResponse(factsheet_html(sheet, standalone=False))
    response = HttpResponse(factsheet_pdf(sheet), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{programme.acronym}-{key}-{language}.pdf"'
    return response


def infographics(request: HttpRequest) -> HttpResponse:
    """Every infographic this reader may see, with its alt text and its data."""
    programme = programme_or_404()
    keys = infographic_keys(with_budgets=can_see_budget_report(request.user))
    return render(
        request, "publishing/infographics.html", {"graphics": [build_infographic(programme, k) for k in keys]}
    )


def infographic(request: HttpRequest, key: str, file_format: str) -> HttpResponse:
    """One infographic as an SVG or PNG image, to embed by its address."""
    if key in BUDGET_INFOGRAPHICS and not can_see_budget_report(request.user):
        raise PermissionDenied(_("The budgets are for the coordinator, experts and the partners' staff."))
    graphic = build_infographic(programme_or_404(), key)
    if file_format == "png":
        response = HttpResponse(infographic_png(graphic), content_type="image/png")
    else:
        response = HttpResponse(infographic_svg(graphic), content_type="image/svg+xml; charset=utf-8")
    # Live data, yet cheap to serve to many embeds; the budget one is private to its readers.
    response["Cache-Control"] = "private, no-store" if key in BUDGET_INFOGRAPHICS else "public, max-age=600"
    return response
