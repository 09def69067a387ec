from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from values.core.text import pick
from values.core.todo import offers_for, todos_for
from values.network.enums import Role
from values.network.forms import OrganisationForm, PeopleFormSet
from values.network.permissions import can_see_contact_details
from values.network.services import update_organisation
from values.programme.addresses import programme_addresses, programme_home
from values.programme.maps import LocatorMap, locator_map
from values.programme.models import Partner, Programme
from values.programme.permissions import (
    can_change_organisation,
    get_partner_organisation_for_edit,
    programmes_with_role,
)
from values.programme.queries import (
    all_programmes,
    key_figures,
    partner_detail,
    partners_of,
    start_page_asker,
    themes_of,
)


def programme_index(request: HttpRequest) -> HttpResponse:
    """Every programme on the site; with only one, its home page."""
    if request.menu_programme is not None:  # the only one (ProgrammeMiddleware)
        return redirect(programme_home(request.menu_programme))
    programmes = [(programme, programme_home(programme)) for programme in all_programmes()]
    if not programmes:
        return render(request, "programme/empty.html")
    starts = {programme.pk: _start_page(programme) for programme in programmes_with_role(request.user)}
    rows = [(programme, home, starts.get(programme.pk)) for programme, home in programmes]
    return render(request, "programme/index.html", {"programmes": rows})


def _start_page(programme: Programme) -> str:
    with programme_addresses(programme):
        return reverse("start")


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    """Where signing in leads: the start page of one's only programme, else the index of programmes."""
    programmes = list(programmes_with_role(request.user).order_by("code")[:2])
    if len(programmes) == 1:
        return redirect(_start_page(programmes[0]))
    # Several: the index links to each start page; none: the index, as before there were start pages.
    return redirect("programmes")


@login_required
def start_page(request: HttpRequest) -> HttpResponse:
    """The person's own page in the programme: what needs them now, and what each of their roles does here."""
    programme = request.programme
    if not request.access.open_start_page:  # asked once: the menu asks it again
        raise PermissionDenied
    asker = start_page_asker(request.access, timezone.localdate())
    held = [role for role in Role.values if role in asker.roles]
    context = {
        "programme": programme,
        "todos": todos_for(asker),
        "roles": [(Role(role).label, offers_for(role, asker)) for role in held],
    }
    return render(request, "programme/start.html", context)


def old_address(request: HttpRequest, rest: str) -> HttpResponse:
    """A programme page's address from before programmes had their own: to the programme, while there is one.

    With several programmes the address names none of them, so the person chooses on the index. A redirect
    keeps the query; one of a form (not GET or HEAD) keeps the method and body (307).
    """
    only = request.menu_programme  # the only one (ProgrammeMiddleware)
    if only is None:
        if not Programme.objects.exists():
            raise Http404("no programme is loaded")
        return redirect("programmes")
    target = iri_to_uri(programme_home(only) + rest)
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    if request.method in ("GET", "HEAD"):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(target, status=307)


def home(request: HttpRequest) -> HttpResponse:
    programme = request.programme
    partners = list(partners_of(programme))
    context = {
        "programme": programme,
        "figures": key_figures(programme),
        "themes": themes_of(programme),
        "coordinator": next((p for p in partners if p.role == "coordinator"), None),
        "partners": partners,
        "has_start_page": request.access.open_start_page,  # the menu asks the same rule
    }
    return render(request, "programme/home.html", context)


def partner_list(request: HttpRequest) -> HttpResponse:
    programme = request.programme
    partners = list(partners_of(programme))
    context = {"programme": programme, "partners": partners, "map": _partner_map(partners)}
    return render(request, "programme/partner_list.html", context)


def partner_page(request: HttpRequest, key: str) -> HttpResponse:
    programme = request.programme
    partner = partner_detail(programme, key)
    context = {
        "programme": programme,
        "partner": partner,
        "organisation": partner.organisation,
        "city": getattr(partner.organisation, "city", None),
        "people": partner.organisation.people.all(),
        "interests": partner.interests.all(),
        "show_contacts": can_see_contact_details(request.user),
        "can_edit": can_change_organisation(request.user, partner.organisation, programme),
        "map": _partner_map(list(partners_of(programme)), highlight=key),
    }
    return render(request, "programme/partner_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, key: str) -> HttpResponse:
    programme = request.programme
    organisation = get_partner_organisation_for_edit(request.user, programme, key)
    languages = programme.languages or ["en"]
    form = OrganisationForm(request.POST or None, organisation=organisation, languages=languages)
    people = PeopleFormSet(request.POST or None, instance=organisation, prefix="people")
    if request.method == "POST" and form.is_valid() and people.is_valid():
        update_organisation(organisation, **form.cleaned_changes(), people=people.cleaned_people())
        messages.success(request, _("The changes to %(name)s were saved.") % {"name": pick(organisation.name)})
        return redirect("partner", key=organisation.key)
    context = {"programme": programme, "organisation": organisation, "form": form, "people": people}
    return render(request, "programme/partner_edit.html", context, status=400 if request.method == "POST" else 200)


def _partner_map(partners: list[Partner], highlight: str | None = None) -> LocatorMap:
    places = [
        (p.organisation.key, p.organisation.city.name, p.organisation.city.lat, p.organisation.city.lon)
        for p in partners
        if p.organisation.is_city and hasattr(p.organisation, "city")
    ]
    return locator_map(places, highlight=highlight)
