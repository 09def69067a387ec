"""Good practices: find them (the same search as the pages), read, propose, change, translate and publish."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from values.api.callers import Forbidden
from values.api.context import enter
from values.api.openapi import GUARDED_MARK, PUBLIC_MARK
from values.api.paging import Page, Paging, paged
from values.api.programmes import organisation_name
from values.api.schemas import OrganisationRef, Texts
from values.api.translations import Translated
from values.knowledge.enums import PracticeStatus, TargetGroup
from values.knowledge.models import Practice
from values.knowledge.permissions import get_practice_for_edit, get_practice_for_view, proposing_organisations
from values.knowledge.queries import filter_practices, practices_visible_to, ranked_practices
from values.knowledge.services import practice_texts, publish_practice, save_practice, translate_practice
from values.network.models import Organisation
from values.publishing.translations import check_target_language

router = Router(tags=["good practices"])
MOST_RANKED = 200  # a search ranks this many at most; the pages go through them


class PracticeOut(Schema):
    id: int
    organisation: OrganisationRef
    original_language: str = Field(examples=["it"])
    title: Texts = Field(examples=[{"it": "Volontari in biblioteca", "en": "Volunteers in the library"}])
    summary: Texts
    themes: list[str] = Field(examples=[["social_inclusion"]])
    target_groups: list[str] = Field(examples=[["newcomers"]])
    status: str = Field(examples=["published"])
    published_at: datetime | None
    snippet: str | None = Field(None, description="With `q`: where the words were found, words marked <mark>.")


class PracticeDetail(PracticeOut):
    body: Texts = Field(description="Markdown.")
    results: Texts
    volunteers: int | None
    period_start: date | None
    period_end: date | None
    contact: str


class PracticeFilters(Schema):
    q: str = Field("", max_length=500, description="Words to find, in any language; best matches first.")
    theme: str = Field("", max_length=64, description="A theme's key.")
    city: str = Field("", max_length=64, description="The proposing organisation's key.")
    country: str = Field("", max_length=2, description="ISO 3166-1 alpha-2.")
    target_group: str = Field("", max_length=32)
    language: str = Field("", max_length=8, description="Written in this language (ISO 639-1).")


class PracticeIn(Schema):
    organisation: str = Field(max_length=64, description="The key of an organisation you propose from.")
    original_language: str = Field(max_length=8, examples=["it"])
    title: str = Field(max_length=20_000)
    summary: str = Field(max_length=20_000)
    body: str = Field("", max_length=200_000, description="Markdown.")
    results: str = Field("", max_length=200_000)
    themes: list[str] = Field(max_length=100, examples=[["social_inclusion"]])
    target_groups: list[TargetGroup] = Field([], max_length=20)
    volunteers: int | None = Field(None, ge=0)
    period_start: date | None = None
    period_end: date | None = None
    contact: str = Field("", max_length=300)


class TranslationIn(Schema):
    title: str = Field(max_length=20_000)
    summary: str = Field("", max_length=20_000)
    body: str = Field("", max_length=200_000)
    results: str = Field("", max_length=200_000)


def practice_out(practice: Practice, snippet: str | None = None) -> dict:
    return {
        "id": practice.pk,
        "organisation": {"key": practice.organisation.key, "name": organisation_name(practice.organisation)},
        "original_language": practice.original_language, "title": practice.title, "summary": practice.summary,
        "themes": [theme.key for theme in practice.themes.all()], "target_groups": list(practice.target_groups),
        "status": practice.status, "published_at": practice.published_at, "snippet": snippet,
    }  # fmt: skip


def practice_detail(practice: Practice) -> dict:
    return practice_out(practice) | {
        "body": practice.body, "results": practice.results or {}, "volunteers": practice.volunteers,
        "period_start": practice.period_start, "period_end": practice.period_end, "contact": practice.contact,
    }  # fmt: skip


def _filtered(request: HttpRequest, programme, filters: PracticeFilters):
    """The filters as the list page's form takes them (a theme of the programme, one of its partners), by key."""
    theme = programme.themes.filter(key=filters.theme).first() if filters.theme else None
    partners = Organisation.objects.filter(partnerships__programme=programme)
    city = partners.filter(key=filters.city).first() if filters.city else None
    if (filters.theme and theme is None) or (filters.city and city is None):
        return Practice.objects.none()
    practices = (
        practices_visible_to(request.user, programme).prefetch_related("themes").order_by("-published_at", "-pk")
    )
    return filter_practices(practices, theme=theme, city=city, country=filters.country.upper(),
                            target_group=filters.target_group, language=filters.language)  # fmt: skip


@router.get("{code}/practices/", response=Page[PracticeOut], openapi_extra={PUBLIC_MARK: True},
            summary="Find good practices")  # fmt: skip
def list_practices(request: HttpRequest, code: str, filters: Query[PracticeFilters], paging: Query[Paging]):
    practices = _filtered(request, enter(request, code), filters)
    if not filters.q.strip():
        return paged(request, practices, paging, lambda rows: [practice_out(p) for p in rows])
    ranked = ranked_practices(practices, filters.q, limit=MOST_RANKED)
    return paged(request, ranked, paging, lambda rows: [practice_out(r.practice, r.snippet) for r in rows])


@router.get("{code}/practices/{int:practice_id}/", response=PracticeDetail, openapi_extra={PUBLIC_MARK: True},
            summary="Read a good practice")  # fmt: skip
def read_practice(request: HttpRequest, code: str, practice_id: int):
    return practice_detail(get_practice_for_view(request.user, enter(request, code), practice_id))


def _save(request: HttpRequest, programme, payload: PracticeIn, practice: Practice | None) -> Practice:
    organisation = proposing_organisations(request.user, programme).filter(key=payload.organisation).first()
    if practice is not None and payload.organisation == practice.organisation.key:
        organisation = practice.organisation  # whoever may change it keeps it where it is (the coordinator too)
    if organisation is None:
        raise Forbidden(_("You propose practices only from your own organisation; “%(key)s” is not one.")
                        % {"key": payload.organisation})  # fmt: skip
    data = payload.dict()
    keys = data.pop("themes")
    themes = list(programme.themes.filter(key__in=keys))
    if len(themes) != len(set(keys)):
        raise ValidationError({"themes": [_("Unknown themes: %(keys)s.") % {
            "keys": ", ".join(sorted(set(keys) - {t.key for t in themes}))}]})  # fmt: skip
    texts = {name: data.pop(name) for name in ("title", "summary", "body", "results")}
    data.pop("organisation")
    data["target_groups"] = [str(group) for group in data["target_groups"]]
    return save_practice(programme, practice=practice, organisation=organisation, by=request.user, texts=texts,
                         themes=themes, **data)  # fmt: skip


@router.post("{code}/practices/", response={201: PracticeDetail}, summary="Propose a good practice")
def create_practice(request: HttpRequest, code: str, payload: PracticeIn, response: HttpResponse):
    programme = enter(request, code)
    if not proposing_organisations(request.user, programme).exists():
        raise Forbidden(_("Only a partner's city staff, volunteer leaders and the coordinator propose practices."))
    practice = _save(request, programme, payload, None)
    response["Location"] = request.build_absolute_uri(f"{request.path}{practice.pk}/")
    return Status(201, practice_detail(practice))


@router.put("{code}/practices/{int:practice_id}/", response=PracticeDetail, summary="Change a good practice")
def change_practice(request: HttpRequest, code: str, practice_id: int, payload: PracticeIn):
    programme = enter(request, code)
    practice = get_practice_for_edit(request.user, programme, practice_id)
    return practice_detail(_save(request, programme, payload, practice))


@router.post("{code}/practices/{int:practice_id}/publish/", response=PracticeDetail,
             summary="Publish a good practice (the coordinator)")  # fmt: skip
def publish(request: HttpRequest, code: str, practice_id: int):
    programme = enter(request, code)
    practice = get_practice_for_view(request.user, programme, practice_id)
    if not request.access.coordinate or practice.programme_id != programme.pk:
        raise Forbidden(_("Only the programme's coordinator publishes a practice."))
    if practice.status != PracticeStatus.PUBLISHED:
        publish_practice(practice, by=request.user)
    return practice_detail(practice)


class TranslationOut(Schema):
    language: str
    texts: Texts = Field(description="The practice's texts in this language (empty where there are none).")


TRANSLATED = Translated(texts_of=practice_texts, save=translate_practice)


def _translatable(request: HttpRequest, code: str, practice_id: int, language: str, *, edit: bool) -> Practice:
    programme = enter(request, code)
    get = get_practice_for_edit if edit else get_practice_for_view
    practice = get(request.user, programme, practice_id)
    check_target_language(programme, practice, language)
    return practice


@router.get(
    "{code}/practices/{int:practice_id}/translations/{language}/", response=TranslationOut,
    openapi_extra={PUBLIC_MARK: True}, summary="Read a practice's texts in one language (with the ETag)",
)  # fmt: skip
def read_translation(request: HttpRequest, code: str, practice_id: int, language: str, response: HttpResponse):
    practice = _translatable(request, code, practice_id, language, edit=False)
    return TRANSLATED.read(practice, language, response)


@router.put("{code}/practices/{int:practice_id}/translations/{language}/", response=TranslationOut,
            openapi_extra={GUARDED_MARK: True}, summary="Translate a practice (If-Match: the ETag read)")  # fmt: skip
def translate(request: HttpRequest, code: str, practice_id: int, language: str, payload: TranslationIn,
              response: HttpResponse):  # fmt: skip
    practice = _translatable(request, code, practice_id, language, edit=True)
    return TRANSLATED.change(request, response, practice, language, payload.dict())
