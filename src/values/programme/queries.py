"""Every reusable read of programmes and partnerships, already fetching what pages show."""

from datetime import date

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from values.core.communities import community_count
from values.core.money import DEFAULT_INDIRECT_RATE
from values.core.todo import Asker
from values.network.enums import OrganisationKind, Role
from values.network.models import City, Organisation, Person, User
from values.programme.enums import DIRECT_CATEGORIES
from values.programme.models import Membership, Partner, PartnerBudget, Programme, Theme, ThemeInterest
from values.programme.spec import (
    ActivitySpec,
    BudgetSpec,
    CitySpec,
    OrganisationSpec,
    PersonSpec,
    PlanningSpec,
    ProgrammeFile,
    ProgrammeSpec,
    ThemeSpec,
)


class NoProgramme(LookupError):
    """No programme is loaded, or the one asked for does not exist."""


class AmbiguousProgramme(NoProgramme):
    """Several programmes are loaded and none was named."""


def current_programme(code: str | None = None) -> Programme:
    """The programme asked for by code, else the only (or most recently started) one."""
    programmes = Programme.objects.all()
    if code is not None:
        programme = programmes.filter(code=code).first()
    else:
        programme = programmes.order_by("-start", "code").first()
    if programme is None:
        raise NoProgramme(f"no programme with code {code!r}" if code else "no programme is loaded")
    return programme


def sole_programme() -> Programme | None:
    """The programme, when exactly one is loaded: the site's own pages then lead to it."""
    programmes = list(Programme.objects.order_by("code")[:2])
    return programmes[0] if len(programmes) == 1 else None


def all_programmes() -> QuerySet[Programme]:
    """Every programme, the latest first, with the size of its partnership."""
    return Programme.objects.annotate(partner_count=Count("partners")).order_by("-start", "code")


def named_programme(code: str | None) -> Programme:
    """The programme a command works on: the one named, or the only one; with several, the person must choose."""
    if code is None:
        codes = list(Programme.objects.order_by("code").values_list("code", flat=True))
        if len(codes) > 1:
            raise AmbiguousProgramme(f"several programmes are loaded ({', '.join(codes)}): name one with --programme")
    return current_programme(code)


def memberships_in(programme: Programme | int) -> QuerySet[Membership]:
    """The memberships that hold in the programme: its own and those that name none (every programme)."""
    programme_id = programme.pk if isinstance(programme, Programme) else programme
    return Membership.objects.filter(Q(programme=programme_id) | Q(programme__isnull=True))


def people_holding(memberships: QuerySet[Membership]) -> QuerySet[User]:
    """The active people who hold these memberships, once each, by name: whom a page names as able to act."""
    return (
        User.objects.filter(is_active=True, memberships__in=memberships)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def start_page_asker(access, today: date) -> Asker:
    """Whom a start page is for, with their roles and the cities whose staff they are, read once for every
    source of to-dos (core.todo)."""
    from values.programme.permissions import organisations_of, roles_held  # permissions reads this module

    user, programme = access.user, access.programme
    roles = frozenset(roles_held(user, programme))
    cities: tuple[Organisation, ...] = ()
    if Role.CITY_STAFF in roles:
        staffed = organisations_of(user, programme, [Role.CITY_STAFF]).filter(kind=OrganisationKind.CITY)
        cities = tuple(staffed.select_related("city"))
    return Asker(access, programme, user, today, roles, cities)


def roles_of(user: User) -> QuerySet[Membership]:
    """A person's memberships, programme by programme (those of every programme first)."""
    return user.memberships.select_related("organisation", "programme").order_by(
        F("programme__start").asc(nulls_first=True), "programme__code", "organisation__key", "role"
    )


def city_languages_of(user: User) -> list[str]:
    """The languages of the partner cities a person holds a role for, in the order of the cities' keys."""
    cities = City.objects.filter(organisation__memberships__user=user).order_by("organisation__key")
    return [code for languages in cities.values_list("languages", flat=True) for code in languages]


def partners_of(programme: Programme) -> QuerySet[Partner]:
    """The partnership in file order, with organisation, city and budget."""
    return (
        programme.partners.select_related("organisation", "organisation__city", "budget")
        .prefetch_related(
            Prefetch("interests", queryset=ThemeInterest.objects.select_related("theme").order_by("theme__position"))
        )
        .order_by("position")
    )


def city_partners(programme: Programme) -> QuerySet[Organisation]:
    """The programme's partners that are cities, in the partnership's order, with their place (one join on the
    partnership: its filter and its order share it)."""
    return (
        Organisation.objects.filter(kind=OrganisationKind.CITY, partnerships__programme=programme)
        .select_related("city")
        .order_by("partnerships__position")
    )


def partner_cities(programme: Programme) -> list[Organisation]:
    """The partners that are cities with a place (name and coordinates), in the partnership's order."""
    return [organisation for organisation in city_partners(programme) if hasattr(organisation, "city")]


def partner_detail(programme: Programme, key: str) -> Partner:
    """A partner with everything its page shows, or 404."""
    queryset = partners_of(programme).prefetch_related(
        Prefetch("organisation__people", queryset=Person.objects.order_by("position"))
    )
    return get_object_or_404(queryset, organisation__key=key)


def themes_of(programme: Programme) -> QuerySet[Theme]:
    return programme.themes.order_by("position")


def key_figures(programme: Programme) -> dict[str, int]:
    """The counts the programme's home page shows, counted by the database: a network of a thousand cities is
    not loaded to be counted."""
    counts = programme.partners.aggregate(
        partners=Count("pk"),
        cities=Count("pk", filter=Q(organisation__kind=OrganisationKind.CITY)),
        countries=Count("organisation__country", distinct=True),
    )
    return {
        "cities": counts["cities"],
        "partners": counts["partners"],
        "countries": counts["countries"],
        "themes": programme.themes.count(),
        "communities": community_count(counts["cities"], programme.community_size),
        "months": programme.duration_months,
    }


def programme_as_file(programme: Programme) -> ProgrammeFile:
    """The programme in the programme-file form, for `values export`."""
    partners = partners_of(programme).prefetch_related(
        Prefetch("organisation__people", queryset=Person.objects.order_by("position"))
    )
    return ProgrammeFile(
        programme=_programme_spec(programme),
        themes=tuple(ThemeSpec(theme.key, theme.title) for theme in themes_of(programme)),
        organisations=tuple(_organisation_spec(partner) for partner in partners),
        planning=PlanningSpec(
            community_size=programme.community_size,
            visit_days=programme.visit_days,
            exchange_days=programme.exchange_days,
            blackout=tuple(programme.blackout),
            country_weight=programme.country_weight,
            score_scale=(programme.score_scale[0], programme.score_scale[1]),
            preparation_months=programme.preparation_months,
        ),
        targets=dict(programme.targets),
    )


def _programme_spec(programme: Programme) -> ProgrammeSpec:
    return ProgrammeSpec(
        code=programme.code,
        acronym=programme.acronym,
        title=programme.title,
        start=programme.start,
        duration_months=programme.duration_months,
        total_cost=programme.total_cost,
        fund=programme.fund,
        currency=programme.currency,
        objective=programme.objective,
        summary=programme.summary,
        activities=tuple(ActivitySpec(a["title"], a["text"]) for a in programme.activities),
        expected_results=tuple(programme.expected_results),
        languages=tuple(programme.languages),
    )


def _organisation_spec(partner: Partner) -> OrganisationSpec:
    organisation = partner.organisation
    city = getattr(organisation, "city", None)
    return OrganisationSpec(
        id=organisation.key,
        name=organisation.name,
        kind=organisation.kind,
        role=partner.role,
        country=organisation.country,
        city=CitySpec(city.name, city.lat, city.lon, tuple(city.languages)) if city else None,
        budget=_budget_spec(getattr(partner, "budget", None)),
        people=tuple(PersonSpec(p.name, p.role, p.email, p.unit) for p in organisation.people.all()),
        interests={interest.theme.key: interest.score for interest in partner.interests.all()},
    )


def _budget_spec(budget: PartnerBudget | None) -> BudgetSpec | None:
    if budget is None:
        return None
    lines = {line.category: line.amount for line in budget.lines.all()}
    categories = tuple((c.value, lines[c.value]) for c in DIRECT_CATEGORIES if c.value in lines) or None
    indirect = None if budget.indirect_rate == DEFAULT_INDIRECT_RATE else budget.indirect_rate
    return BudgetSpec(
        budget.total, budget.eu_contribution, budget.cofinancing, budget.stated_eu_rate, indirect, categories
    )
