from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from values.network.permissions import can_see_contact_details
from values.programme.views import programme_or_404
from values.publishing.factsheets import build_factsheet, factsheet_html, factsheet_pdf


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
