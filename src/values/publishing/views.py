from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from values.core.ranges import open_stored
from values.core.text import active_language
from values.network.permissions import can_see_contact_details
from values.publishing.enums import PENDING_STATUSES
from values.publishing.factsheets import build_factsheet, factsheet_html, factsheet_pdf
from values.publishing.infographics import (
    BUDGET_INFOGRAPHICS,
    TITLES,
    build_infographic,
    infographic_keys,
    infographic_png,
    infographic_svg,
)
from values.publishing.queries import find_toolkit, public_portal, subject_theme, toolkit_shelf
from values.publishing.services import ensure_toolkits, request_build, toolkit_languages


def factsheet(request: HttpRequest, key: str, file_format: str) -> HttpResponse:
    """A partner's factsheet in the page's language; its contacts for signed-in readers, as on the partner page."""
    programme = request.programme
    language = active_language()
    sheet = build_factsheet(programme, key, language=language, with_contacts=can_see_contact_details(request.user))
    if file_format == "html":
        return HttpResponse(factsheet_html(sheet, standalone=False))
    response = HttpResponse(factsheet_pdf(sheet), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{programme.acronym}-{key}-{language}.pdf"'
    return response


def infographics(request: HttpRequest) -> HttpResponse:
    """Every infographic this reader may see, with its alt text and its data."""
    programme = request.programme
    keys = infographic_keys(with_budgets=request.access.read_all_spending)
    return render(
        request, "publishing/infographics.html", {"graphics": [build_infographic(programme, k) for k in keys]}
    )


def infographic(request: HttpRequest, key: str, file_format: str) -> HttpResponse:
    """One infographic as an SVG or PNG image, to embed by its address."""
    # It draws every partner's spending, which only the coordinator reads; staff read their own on /finance/.
    if key in BUDGET_INFOGRAPHICS and not request.access.read_all_spending:
        raise PermissionDenied(_("Every partner's spending is for the coordinator."))
    graphic = build_infographic(request.programme, key)
    if file_format == "png":
        response = HttpResponse(infographic_png(graphic), content_type="image/png")
    else:
        response = HttpResponse(infographic_svg(graphic), content_type="image/svg+xml; charset=utf-8")
    # Live data, yet cheap to serve to many embeds; the budget one is private to its readers.
    response["Cache-Control"] = "private, no-store" if key in BUDGET_INFOGRAPHICS else "public, max-age=600"
    return response


def toolkits(request: HttpRequest) -> HttpResponse:
    """The shelf: the programme's toolkit and one per theme, each as a web page and a PDF in each language."""
    programme = request.programme
    shelf = toolkit_shelf(programme, toolkit_languages(programme))
    building = any(t and t.status in PENDING_STATUSES for entry in shelf for t in entry.editions.values())
    context = {"shelf": shelf, "building": building, "can_build": request.access.build_toolkits}
    return render(request, "publishing/toolkits.html", context)


def toolkit(request: HttpRequest, key: str) -> HttpResponse:
    """The web edition in the page's language, or its progress while the first edition is being built."""
    programme = request.programme
    theme = subject_theme(programme, key)
    edition = find_toolkit(programme, theme, active_language())
    context = {
        "key": key,
        "theme": theme,
        "programme": programme,
        "edition": edition,
        "building": bool(edition and edition.status in PENDING_STATUSES),
        "can_build": request.access.build_toolkits,
    }
    return render(request, "publishing/toolkit.html", context)


def toolkit_pdf_file(request: HttpRequest, key: str) -> FileResponse:
    programme = request.programme
    edition = find_toolkit(programme, subject_theme(programme, key), active_language())
    if edition is None or not edition.pdf:
        raise Http404(_("This toolkit has no PDF edition yet."))
    response = FileResponse(open_stored(edition.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{edition.pdf.name.rsplit("/", 1)[-1]}"'
    return response


@require_POST
def toolkit_build(request: HttpRequest, key: str) -> HttpResponse:
    """The coordinator asks for new editions (every language) of one toolkit, or of all of them."""
    if not request.access.build_toolkits:
        raise PermissionDenied(_("Only the coordinator compiles the toolkits."))
    programme = request.programme
    editions = ensure_toolkits(programme) if key == "all" else ensure_toolkits(programme, subject_theme(programme, key))
    queued = [edition for edition in editions if request_build(edition)]
    if queued:
        messages.success(request, _("New editions are being built; this page shows their progress."))
    else:
        messages.info(request, _("These toolkits are already being built."))
    return redirect("toolkits")


def portal(request: HttpRequest) -> HttpResponse:
    """The public portal: the programme, partners on the map, themes, practices, toolkits, infographics, factsheets."""
    programme = request.programme
    language = active_language()
    context = {
        "portal": public_portal(programme, language),
        "map": build_infographic(programme, "partner-map"),
        "infographics": [(key, TITLES[key]) for key in infographic_keys(with_budgets=False)],
    }
    return render(request, "publishing/portal.html", context)
