from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language

from values.network.permissions import can_see_contact_details
from values.programme.views import programme_or_404
from values.publishing.factsheets import build_factsheet, factsheet_html, factsheet_pdf
from values.publishing.infographics import build_infographic, infographic_keys


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
    """Every infographic with its alt text and its data; public, like the figures they are made of."""
    programme = programme_or_404()
    graphics = [build_infographic(programme, key) for key in infographic_keys()]
    return render(request, "publishing/infographics.html", {"graphics": graphics})


def infographic(request: HttpRequest, key: str) -> HttpResponse:
    """One infographic as an SVG image, to embed by its address."""
    graphic = build_infographic(programme_or_404(), key)
    svg = render_to_string("publishing/bar_chart.svg", {"graphic": graphic, "chart": graphic.chart})
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=600"  # live data, yet cheap to serve to many embeds
    return response
