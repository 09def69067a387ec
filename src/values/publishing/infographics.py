"""Infographics from live data: each an SVG with its alt text and its data as a table."""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from babel.numbers import format_decimal
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from values.activities.enums import ActivityKind, ParticipantStatus
from values.activities.models import Participant
from values.activities.queries import activities_per_quarter
from values.core.templatetags.values_tags import amount, country_name
from values.core.text import active_language, pick
from values.finance.queries import budget_against_actual
from values.knowledge.queries import themes_with_published_practices
from values.network.enums import Role
from values.programme.models import Programme
from values.programme.queries import memberships_in, partner_cities
from values.publishing.charts import BarChart, bar_chart
from values.publishing.maps import WIDTH as MAP_WIDTH
from values.publishing.maps import MapChart, Place, map_chart
from values.publishing.queries import ReachReport
from values.volunteering.indicators import programme_indicators

PARTICIPANT_ROLES = (Role.CITY_STAFF, Role.VOLUNTEER_LEADER)


@dataclass(frozen=True)
class Infographic:
    key: str
    title: str
    alt: str
    columns: list[str]  # the table's header; the first names the rows
    rows: list[list[str]]
    chart: BarChart | MapChart
    template: str = "publishing/bar_chart.svg"
    text_columns: int = 1  # the table's leading columns of words; the others hold numbers


# Each infographic's title, known without building it (for lists and choices).
TITLES = {
    "practices-per-theme": gettext_lazy("Good practices and volunteers per theme"),
    "participation": gettext_lazy("Participants in visits and exchanges by city and role"),
    "timeline": gettext_lazy("Programme timeline: visits and exchanges per quarter"),
    "budget-against-actual": gettext_lazy("Budget against actual"),
    "partner-map": gettext_lazy("Partner cities in Europe"),
    "volunteering": gettext_lazy("Volunteers engaged, confirmed shifts and approved hours by city"),
}

# Infographics made of what the budget readers see (spending); the others are public.
BUDGET_INFOGRAPHICS = {"budget-against-actual"}


def infographic_keys(*, with_budgets: bool) -> list[str]:
    return [key for key in _BUILDERS if with_budgets or key not in BUDGET_INFOGRAPHICS]


def build_infographic(programme: Programme, key: str) -> Infographic:
    """The infographic in the active language, from the data as it is now."""
    if key not in _BUILDERS:
        raise Http404("no such infographic")
    return _BUILDERS[key](programme)


@dataclass(frozen=True)
class Chart:
    """A bar chart drawn inside a page or document (a toolkit, the reach report), with its accessible name."""

    key: str
    title: str
    alt: str
    svg: str


def svg_chart(key: str, title: str, alt: str, chart: BarChart) -> Chart:
    """The chart as inline SVG, drawn by the same template as the infographics."""
    graphic = {"key": key, "title": title, "alt": alt}
    return Chart(key, title, alt, render_to_string("publishing/bar_chart.svg", {"graphic": graphic, "chart": chart}))


def infographic_svg(graphic: Infographic) -> str:
    return render_to_string(graphic.template, {"graphic": graphic, "chart": graphic.chart})


def infographic_png(graphic: Infographic) -> bytes:
    import cairosvg  # lazy: only PNGs need Cairo

    return cairosvg.svg2png(bytestring=infographic_svg(graphic).encode("utf-8"), scale=2)


def _practices_per_theme(programme: Programme) -> Infographic:
    themes = list(themes_with_published_practices(programme))
    labels = [f"{theme.key}. {pick(theme.title)}" for theme in themes]
    practices = [theme.published_practices for theme in themes]
    volunteers = [theme.volunteers or 0 for theme in themes]
    title = str(TITLES["practices-per-theme"])
    summary = "; ".join(
        f"{label}: "
        + ngettext("%(count)d practice", "%(count)d practices", count) % {"count": count}
        + ", "
        + ngettext("%(count)d volunteer", "%(count)d volunteers", people) % {"count": people}
        for label, count, people in zip(labels, practices, volunteers, strict=True)
    )
    return Infographic(
        key="practices-per-theme",
        title=title,
        alt=f"{title}. {summary}.",
        columns=[_("Theme"), _("Published practices"), _("Volunteers involved")],
        rows=[
            [label, str(count), str(people)] for label, count, people in zip(labels, practices, volunteers, strict=True)
        ],
        chart=bar_chart(labels, [(_("Published practices"), practices), (_("Volunteers involved"), volunteers)]),
    )


def _participation(programme: Programme) -> Infographic:
    """Confirmed places in visits and exchanges, by city and by the person's role there."""
    cities = partner_cities(programme)
    counts = _participants_by_city_and_role(programme)
    labels = [pick(city.name) for city in cities]
    series = [
        (str(role.label).capitalize(), [counts[(city.pk, role)] for city in cities]) for role in PARTICIPANT_ROLES
    ]
    series.append((_("Others"), [counts[(city.pk, None)] for city in cities]))
    title = str(TITLES["participation"])
    summary = _nonzero_summary(labels, series) or _("no participant is confirmed yet")
    return Infographic(
        key="participation",
        title=title,
        alt=f"{title}. {summary}.",
        columns=[_("City"), *(name for name, _values in series)],
        rows=[[labels[i], *(str(values[i]) for _name, values in series)] for i in range(len(cities))],
        chart=bar_chart(labels, series),
    )


def _volunteering(programme: Programme) -> Infographic:
    """What volunteers did in each partner city, counted from their records (volunteering's indicators)."""
    groups = programme_indicators(programme).groups["city"]
    cities = [city.city.name for city in partner_cities(programme)]
    figures = [groups.get(city) for city in cities]
    series = [
        (_("Volunteers engaged"), [f.engaged if f else 0 for f in figures]),
        (_("Confirmed shifts"), [f.confirmed_shifts if f else 0 for f in figures]),
        (_("Approved hours"), [f.approved_hours if f else Decimal(0) for f in figures]),
    ]
    title = str(TITLES["volunteering"])
    summary = _nonzero_summary(cities, series) or _("no volunteer is engaged yet")
    return Infographic(
        key="volunteering",
        title=title,
        alt=f"{title}. {summary}.",
        columns=[_("City"), *(name for name, _values in series)],
        rows=[[cities[i], *(str(values[i]) for _name, values in series)] for i in range(len(cities))],
        chart=bar_chart(cities, series),
    )


def _participants_by_city_and_role(programme: Programme) -> Counter:
    confirmed = Participant.objects.filter(activity__programme=programme, status=ParticipantStatus.CONFIRMED)
    places = list(confirmed.values_list("organisation_id", "user_id"))
    roles = {
        (organisation, user): role
        for organisation, user, role in memberships_in(programme)
        .filter(
            user_id__in={user for _organisation, user in places},
            role__in=PARTICIPANT_ROLES,
        )
        .values_list("organisation_id", "user_id", "role")
    }
    return Counter((organisation, _role(roles.get((organisation, user)))) for organisation, user in places)


def _role(value: str | None) -> Role | None:
    return Role(value) if value else None


def _timeline(programme: Programme) -> Infographic:
    """Visits and exchanges per quarter of the programme, from the accepted plan."""
    per_quarter = activities_per_quarter(programme)
    quarters = list(dict.fromkeys(row.quarter for row in per_quarter))
    counts = {(row.quarter, row.kind): row.activities for row in per_quarter}
    names = {ActivityKind.VISIT: _("Mentoring visits"), ActivityKind.EXCHANGE: _("Exchanges")}
    series = [(names[kind], [counts[(q, kind)] for q in quarters]) for kind in ActivityKind]
    title = str(TITLES["timeline"])
    summary = _nonzero_summary(quarters, series) or _("no activity is planned yet")
    return Infographic(
        key="timeline",
        title=title,
        alt=f"{title}. {summary}.",
        columns=[_("Quarter"), *(name for name, _values in series)],
        rows=[[quarter, *(str(values[i]) for _n, values in series)] for i, quarter in enumerate(quarters)],
        chart=bar_chart(quarters, series),
    )


def _nonzero_summary(labels: list[str], series: list[tuple[str, list[int]]]) -> str:
    """The figures an alt text reads out: "Cesena: city staff 1, others 2; …", rows and values of 0 left out."""
    return "; ".join(
        f"{label}: " + ", ".join(f"{name.lower()} {values[i]}" for name, values in series if values[i])
        for i, label in enumerate(labels)
        if any(values[i] for _name, values in series)
    )


def _budget_against_actual(programme: Programme) -> Infographic:
    """Each partner's budget and what its approved expenses and corrections add up to, in euro."""
    partners = [p for p in budget_against_actual(programme, today=timezone.localdate()) if p.total is not None]
    labels = [partner.name for partner in partners]
    budgets, spent = [p.total for p in partners], [p.actual for p in partners]
    title = str(TITLES["budget-against-actual"])
    summary = "; ".join(
        _("%(partner)s: %(spent)s spent of %(budget)s") % {"partner": p.name, "spent": amount(p.actual),
                                                           "budget": amount(p.total)}
        for p in partners
    ) or _("no partner has a budget yet")  # fmt: skip
    return Infographic(
        key="budget-against-actual",
        title=title,
        alt=f"{title} ({programme.currency}). {summary}.",
        columns=[_("Partner"), _("Budget"), _("Spent")],
        rows=[[p.name, amount(p.total), amount(p.actual)] for p in partners],
        chart=bar_chart(labels, [(_("Budget"), budgets), (_("Spent"), spent)], fmt=amount),
    )


def partner_map(programme: Programme, shown_width: float = MAP_WIDTH) -> Infographic:
    """A dot and a name for each partner city on the map of Europe, the countries with partners shaded.

    `shown_width`: the pixels a page shows the map at, so that its names read at 12 px there."""
    cities = partner_cities(programme)
    places = [Place(o.city.name, float(o.city.lon), float(o.city.lat), o.country) for o in cities]
    countries = {place.country: country_name(place.country) for place in places}
    title = str(TITLES["partner-map"])
    summary = _("%(cities)s in %(countries)s") % {
        "cities": ngettext("%(count)d partner city", "%(count)d partner cities", len(places)) % {"count": len(places)},
        "countries": ngettext("%(count)d country", "%(count)d countries", len(countries)) % {"count": len(countries)},
    }
    listed = ", ".join(f"{place.name} ({countries[place.country]})" for place in places)
    return Infographic(
        key="partner-map",
        title=title,
        alt=f"{title}. {summary}: {listed}." if places else f"{title}. {_('no partner city is known yet')}.",
        columns=[_("City"), _("Country"), _("Latitude"), _("Longitude")],
        rows=[[o.city.name, countries[o.country], _degrees(o.city.lat), _degrees(o.city.lon)] for o in cities],
        chart=map_chart(_natural_earth_file(), places, shown_width),
        template="publishing/map.svg",
        text_columns=2,
    )


def _degrees(value: Decimal) -> str:
    return format_decimal(value, format="0.000", locale=active_language())


def _natural_earth_file() -> Path:
    """The country boundaries, which `make install` fetches; without them the map cannot be drawn."""
    path = Path(settings.NATURAL_EARTH_FILE)
    if not path.is_file():
        raise ImproperlyConfigured(
            f"NATURAL_EARTH_FILE={path} does not exist: run `make install` (scripts/fetch-world-atlas) "
            "to fetch the country boundaries the partner map draws"
        )
    return path


_BUILDERS = {
    "practices-per-theme": _practices_per_theme,
    "participation": _participation,
    "timeline": _timeline,
    "partner-map": partner_map,
    "budget-against-actual": _budget_against_actual,
    "volunteering": _volunteering,
}


def reach_chart(report: ReachReport) -> Chart | None:
    """A campaign's people reached per channel, against each channel's target where one is set."""
    if not report.rows:
        return None
    labels = [row.channel.name for row in report.rows]
    series = [(_("People reached"), [row.reach for row in report.rows])]
    if any(row.target for row in report.rows):
        series.append((_("Target reach"), [row.target or 0 for row in report.rows]))
    title = _("People reached per channel")
    summary = "; ".join(f"{row.channel.name}: {row.reach}" for row in report.rows)
    return svg_chart("reach", title, f"{title}. {summary}.", bar_chart(labels, series))
