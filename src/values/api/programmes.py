"""Programmes, their themes, partners (with contact people for who is signed in) and communities of practice."""

from datetime import date
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import StringConstraints

from values.api.context import enter, require_access
from values.api.openapi import PUBLIC_MARK
from values.api.paging import Page, Paging, paged
from values.api.schemas import OrganisationRef, Texts, ThemeRef
from values.core.templatetags.values_tags import person
from values.core.text import pick
from values.network.enums import PersonRole
from values.network.forms import OrganisationForm, PersonForm
from values.network.permissions import can_see_contact_details
from values.network.services import kept_units, update_organisation
from values.programme.models import Community, Programme
from values.programme.permissions import get_partner_organisation_for_edit
from values.programme.queries import all_programmes, memberships_in, partner_detail, partners_of, themes_of

router = Router(tags=["programmes"])
PUBLIC = {PUBLIC_MARK: True}


def texts(value) -> Texts:
    """A translatable text as language → text; a plain text (older files) is the programme's first language's."""
    return value if isinstance(value, dict) else ({"en": value} if value else {})


def organisation_name(organisation) -> str:
    """In the caller's language (Accept-Language), else English, else the first given."""
    return pick(organisation.name) or organisation.key


class ProgrammeOut(Schema):
    code: str = Field(examples=["820885"])
    acronym: str = Field(examples=["VALUES"])
    title: Texts
    fund: str = Field(examples=["AMIF"])
    start: date
    end: date
    duration_months: int
    total_cost: Decimal = Field(examples=["899973.58"])
    currency: str = Field(examples=["EUR"])
    languages: list[str] = Field(examples=[["en", "it"]])


class ProgrammeDetail(ProgrammeOut):
    objective: Texts
    summary: Texts
    community_size: int
    themes: list[ThemeRef]


def programme_out(programme: Programme) -> dict:
    return {
        "code": programme.code, "acronym": programme.acronym, "title": texts(programme.title),
        "fund": programme.fund, "start": programme.start, "end": programme.end,
        "duration_months": programme.duration_months, "total_cost": programme.total_cost,
        "currency": programme.currency, "languages": list(programme.languages),
    }  # fmt: skip


def theme_out(theme) -> dict:
    return {"key": theme.key, "name": texts(theme.title)}


@router.get("", response=Page[ProgrammeOut], openapi_extra=PUBLIC, summary="List the programmes")
def list_programmes(request: HttpRequest, paging: Query[Paging]):
    return paged(request, all_programmes(), paging, lambda rows: [programme_out(p) for p in rows])


@router.get("{code}/", response=ProgrammeDetail, openapi_extra=PUBLIC, summary="Read a programme")
def read_programme(request: HttpRequest, code: str):
    programme = enter(request, code)
    themes = [theme_out(theme) for theme in themes_of(programme)]
    return programme_out(programme) | {
        "objective": texts(programme.objective), "summary": texts(programme.summary),
        "community_size": programme.community_size, "themes": themes,
    }  # fmt: skip


@router.get("{code}/themes/", response=list[ThemeRef], openapi_extra=PUBLIC, summary="List a programme's themes")
def list_themes(request: HttpRequest, code: str):
    return [theme_out(theme) for theme in themes_of(enter(request, code))]


class Place(Schema):
    name: str = Field(examples=["Cesena"])
    lat: Decimal = Field(examples=["44.1391"])
    lon: Decimal = Field(examples=["12.2431"])
    languages: list[str] = Field(examples=[["it"]])


class Interest(Schema):
    theme: str
    score: int = Field(ge=0, le=5)


class PartnerOut(OrganisationRef):
    kind: str = Field(examples=["city"])
    role: str = Field(examples=["partner"])
    country: str = Field(examples=["IT"])
    city: Place | None
    interests: list[Interest]


class ContactPerson(Schema):
    name: str
    role: str
    email: str | None = Field(description="Only for who is signed in.")


class PartnerDetail(PartnerOut):
    people: list[ContactPerson]


def partner_out(partner) -> dict:
    organisation = partner.organisation
    city = getattr(organisation, "city", None)
    place = {"name": city.name, "lat": city.lat, "lon": city.lon, "languages": list(city.languages)} if city else None
    return {
        "key": organisation.key, "name": organisation_name(organisation), "kind": organisation.kind,
        "role": partner.role, "country": organisation.country, "city": place,
        "interests": [{"theme": i.theme.key, "score": i.score} for i in partner.interests.all()],
    }  # fmt: skip


@router.get("{code}/partners/", response=Page[PartnerOut], openapi_extra=PUBLIC, summary="List the partners")
def list_partners(request: HttpRequest, code: str, paging: Query[Paging]):
    programme = enter(request, code)
    return paged(request, partners_of(programme), paging, lambda rows: [partner_out(p) for p in rows])


@router.get("{code}/partners/{key}/", response=PartnerDetail, openapi_extra=PUBLIC, summary="Read a partner")
def read_partner(request: HttpRequest, code: str, key: str):
    return _partner_answer(request, enter(request, code), key)


def _partner_answer(request: HttpRequest, programme: Programme, key: str) -> dict:
    partner = partner_detail(programme, key)
    shown = can_see_contact_details(request.user)
    people = [
        {"name": person.name, "role": person.role, "email": (person.email or None) if shown else None}
        for person in partner.organisation.people.all()
    ]
    return partner_out(partner) | {"people": people}


Line = Annotated[str, StringConstraints(max_length=200)]
LanguageCode = Annotated[str, StringConstraints(max_length=16)]


class PlaceIn(Schema):
    name: Line = Field(examples=["Cesena"])
    lat: Decimal = Field(examples=["44.139"], description="-90 to 90, at most 6 decimals.")
    lon: Decimal = Field(examples=["12.243"], description="-180 to 180, at most 6 decimals.")
    languages: list[LanguageCode] = Field([], max_length=20, examples=[["it"]], description="ISO 639-1 codes.")


class ContactIn(Schema):
    name: Line = Field(examples=["Roberto Zoffoli"])
    role: PersonRole
    email: str = Field("", max_length=254, examples=["zoffoli_r@comune.cesena.fc.it"])


class PartnerIn(Schema):
    name: dict[LanguageCode, Line] = Field(
        max_length=20, examples=[{"en": "City of Cesena", "it": "Comune di Cesena"}],
        description="Language → name, in the programme's languages: the first one's is required; a language "
        "not given keeps its name.",
    )  # fmt: skip
    country: str = Field(max_length=2, examples=["IT"], description="ISO 3166-1 alpha-2.")
    city: PlaceIn | None = Field(None, description="A city's place: required for a city, refused for another kind.")
    people: list[ContactIn] | None = Field(
        None, max_length=100, description="The contact people, in order, instead of the current ones; "
        "not given: unchanged. A contact's office is kept for the same e-mail (else name).",
    )  # fmt: skip


# Where each field of the page's form is in the body.
FORM_FIELDS = {"country": "country", "city_name": "city/name", "lat": "city/lat", "lon": "city/lon",
               "city_languages": "city/languages"}  # fmt: skip


def _form_data(payload: PartnerIn, languages: list[str]) -> dict:
    """The page's form as it would be posted: a name per language of the programme, the country and the city."""
    unknown = sorted(set(payload.name) - set(languages))
    if unknown:
        pointers = {code: code.replace("~", "~0").replace("/", "~1") for code in unknown}
        raise ValidationError({f"name/{pointers[code]}": [_("Not a language of the programme.")] for code in unknown})
    data = {f"name_{code}": payload.name.get(code, "") for code in languages} | {"country": payload.country}
    if payload.city is not None:
        city = payload.city
        data |= {"city_name": city.name, "lat": str(city.lat), "lon": str(city.lon),
                 "city_languages": ", ".join(city.languages)}  # fmt: skip
    return data


def _form_errors(errors: dict, fields: dict[str, str], prefix: str = "") -> dict[str, list[str]]:
    return {prefix + fields.get(name, name): list(messages) for name, messages in errors.items()}


def _changes(organisation, payload: PartnerIn, languages: list[str]) -> dict:
    """`update_organisation`'s arguments, checked by the page's forms (names, country, city; each contact)."""
    if payload.city is not None and not organisation.is_city:
        raise ValidationError({"city": [_("Only a city has a place.")]})
    form = OrganisationForm(_form_data(payload, languages), organisation=organisation, languages=languages)
    names = {f"name_{code}": f"name/{code}" for code in languages}
    errors = {} if form.is_valid() else _form_errors(form.errors, FORM_FIELDS | names)
    people = None
    if payload.people is not None:
        forms = [PersonForm(contact.dict()) for contact in payload.people]
        for position, contact in enumerate(forms):
            if not contact.is_valid():
                errors |= _form_errors(contact.errors, {}, prefix=f"people/{position}/")
        people = [contact.cleaned_data for contact in forms if contact.is_valid()]
    if errors:
        raise ValidationError(errors)
    return form.cleaned_changes() | {"people": kept_units(organisation, people) if people is not None else None}


@router.put("{code}/partners/{key}/", response=PartnerDetail, summary="Change a partner organisation's page")
def change_partner(request: HttpRequest, code: str, key: str, payload: PartnerIn):
    """As the partner's edit page: its coordinator changes every partner of the programme, a member their own
    organisation (an organisation other programmes share changes for them too, as on the page)."""
    programme = enter(request, code)
    organisation = get_partner_organisation_for_edit(request.user, programme, key)
    update_organisation(organisation, **_changes(organisation, payload, programme.languages or ["en"]))
    return _partner_answer(request, programme, key)


class CommunityOut(Schema):
    key: str = Field(examples=["c1"])
    theme: str = Field(examples=["social_inclusion"])
    language: str = Field(examples=["en"])
    members: list[OrganisationRef]


@router.get("{code}/communities/", response=list[CommunityOut], openapi_extra=PUBLIC,
            summary="List the communities of practice")  # fmt: skip
def list_communities(request: HttpRequest, code: str):
    programme = enter(request, code)
    communities = (
        Community.objects.filter(programme=programme).select_related("theme")
        .prefetch_related("members__organisation").order_by("key")
    )  # fmt: skip
    return [
        {"key": c.key, "theme": c.theme.key, "language": c.language, "members": [
            {"key": m.organisation.key, "name": organisation_name(m.organisation)} for m in c.members.all()]}
        for c in communities
    ]  # fmt: skip


class MemberOut(Schema):
    name: str = Field(description="The person's name, never their login.", examples=["Anna Rossi"])
    email: str
    organisation: OrganisationRef
    role: str = Field(examples=["city_staff"])


@router.get("{code}/members/", response=Page[MemberOut], summary="List the people with a role (the coordinator)")
def list_members(request: HttpRequest, code: str, paging: Query[Paging]):
    """Who holds which role in the programme, for its coordinator (who gives the roles)."""
    programme = enter(request, code)
    require_access(request, "coordinate", _("Only the programme's coordinator lists the people who hold its roles."))
    memberships = (
        memberships_in(programme).filter(user__is_active=True).select_related("user", "organisation")
        .order_by("organisation__key", "role", "user__last_name", "user__first_name", "pk")
    )  # fmt: skip
    return paged(request, memberships, paging, lambda rows: [
        {"name": person(m.user), "email": m.user.email, "role": m.role,
         "organisation": {"key": m.organisation.key, "name": organisation_name(m.organisation)}} for m in rows
    ])  # fmt: skip
