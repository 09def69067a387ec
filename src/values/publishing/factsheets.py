"""Partner factsheets like the programme's printed one (seeds/values-factsheet-cesena.txt), from live data.

The figures are the record's: the percentages are what the amounts give, not what a label said.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_percent
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from values.core.pdf import render_pdf
from values.core.templatetags.values_tags import format_money
from values.core.text import pick
from values.finance.queries import budget_shares
from values.network.enums import PersonRole
from values.programme.enums import PartnerRole
from values.programme.models import Partner, Programme
from values.programme.queries import partner_detail, partners_of, themes_of

# The EU funds a programme names by its acronym, written out on the factsheet.
FUND_NAMES = {
    "AMIF": "Asylum, Migration and Integration Fund",
    "ESF+": "European Social Fund Plus",
    "ERDF": "European Regional Development Fund",
    "CERV": "Citizens, Equality, Rights and Values programme",
    "ISF": "Internal Security Fund",
}
CONTACT_ROLES = (PersonRole.PROJECT_MANAGER, PersonRole.CONTACT_PERSON)
# A factsheet is one A4 page: when a language's longer words push it on to a second, it is set again
# smaller, step by step, down to 70 % of the sizes of factsheet.css (9 pt text becomes 6.3 pt).
FIT_SCALES = (1.0, 0.92, 0.85, 0.78, 0.7)
# The print sizes of factsheet.css, in points, that a scale multiplies: (selector, property, size).
PRINT_SIZES = (
    ("body", "font-size", 9), ("h1", "font-size", 15), ("h1", "margin-bottom", 6), ("h2", "font-size", 10.5),
    ("h2", "margin-top", 10), ("h3", "font-size", 9.5), ("h3", "margin-top", 6), (".facts dd", "font-size", 10),
    (".facts dt", "margin-top", 5), ("p", "margin-bottom", 4), (".contact", "margin-bottom", 4),
)  # fmt: skip


@dataclass(frozen=True)
class Contact:
    role: str
    name: str
    unit: str
    email: str


@dataclass(frozen=True)
class Factsheet:
    language: str
    programme: Programme
    partner_name: str
    facts: list[tuple[str, str]]  # label, value: the box of key figures
    coordinator: str
    partners: list[str]
    title: str
    objective: str
    summary: str
    activities: list[tuple[str, str]]
    themes: list[str]
    expected_results: list[str]
    contacts: list[Contact]


def build_factsheet(programme: Programme, key: str, *, language: str, with_contacts: bool = True) -> Factsheet:
    """Everything a partner's factsheet says, in `language` (texts fall back to the original)."""
    with translation.override(language):
        partner = partner_detail(programme, key)
        partnership = list(partners_of(programme))
        name = pick(partner.organisation.name)
        return Factsheet(
            language=language,
            programme=programme,
            partner_name=name,
            facts=_facts(programme, partner, name, language),
            coordinator=next((pick(p.organisation.name) for p in partnership if p.role == PartnerRole.COORDINATOR), ""),
            partners=[_partner_label(p) for p in partnership],
            title=pick(programme.title),
            objective=pick(programme.objective),
            summary=pick(programme.summary),
            activities=[(pick(a.get("title")), pick(a.get("text"))) for a in programme.activities or []],
            themes=[pick(theme.title) for theme in themes_of(programme)],
            expected_results=[pick(result) for result in programme.expected_results or []],
            contacts=_contacts(partner) if with_contacts else [],
        )


def _facts(programme: Programme, partner: Partner, name: str, language: str) -> list[tuple[str, str]]:
    currency = programme.currency
    facts = [
        (_("EU code"), programme.code),
        (_("Start date"), _month_year(programme.start, language)),
        (_("Duration"), ngettext("%(months)d month", "%(months)d months", programme.duration_months)
         % {"months": programme.duration_months}),
        (_("Project total cost"), format_money(programme.total_cost, currency, language)),
    ]  # fmt: skip
    budget = getattr(partner, "budget", None)
    if budget is not None:
        facts += _budget_facts(budget_shares(budget), name, currency, language)
    fund = FUND_NAMES.get(programme.fund)
    facts.append((_("Funding programme"), f"{fund} ({programme.fund})" if fund else programme.fund))
    return facts


def _budget_facts(shares, name: str, currency: str, language: str) -> list[tuple[str, str]]:
    eu = {"partner": name, "rate": _rate(shares.eu_rate, language)}
    co = {"partner": name, "rate": _rate(shares.cofinancing_rate, language)}
    return [
        (_("Total cost for %(partner)s") % {"partner": name}, format_money(shares.total, currency, language)),
        (_("EU contribution to %(partner)s (%(rate)s)") % eu, format_money(shares.eu_contribution, currency, language)),
        (_("Co-financing by %(partner)s (%(rate)s)") % co, format_money(shares.cofinancing, currency, language)),
    ]


def _month_year(day: date, language: str) -> str:
    text = format_date(day, "LLLL yyyy", locale=language)
    return text[:1].upper() + text[1:]  # Italian months are written in lower case, a heading is not


def _rate(rate: Decimal | None, language: str) -> str:
    return "—" if rate is None else format_percent(rate, format="#,##0.#%", locale=language)


def _partner_label(partner: Partner) -> str:
    name = pick(partner.organisation.name)
    return f"{name} ({partner.organisation.country})" if partner.organisation.is_city else name


def _contacts(partner: Partner) -> list[Contact]:
    return [
        Contact(person.get_role_display(), person.name, pick(person.unit), person.email)
        for person in partner.organisation.people.all()
        if person.role in CONTACT_ROLES
    ]


def static_css(name: str) -> str:
    """A style sheet of the static files, to inline in a document that must stand alone (a PDF, a download)."""
    return Path(finders.find(name)).read_text(encoding="utf-8")


def factsheet_html(sheet: Factsheet, *, standalone: bool = True, scale: float = 1.0) -> str:
    """The factsheet as an HTML document; standalone, it carries its style (a file, a PDF), else it
    links the site's stylesheet (the web page, whose content security policy forbids inline style).
    `scale` below 1 sets the printed page smaller (see FIT_SCALES)."""
    css = static_css("publishing/factsheet.css") + _scaled_print_css(scale) if standalone else ""
    with translation.override(sheet.language):
        return render_to_string("publishing/factsheet.html", {"sheet": sheet, "inline_css": css})


def _scaled_print_css(scale: float) -> str:
    if scale == 1.0:
        return ""
    rules = "".join(f"{selector} {{ {prop}: {size * scale:.2f}pt; }}" for selector, prop, size in PRINT_SIZES)
    return f"\n@media print {{ @page {{ margin: 10mm 12mm 12mm; }} {rules} }}\n"


def factsheet_pdf(sheet: Factsheet) -> bytes:
    """The factsheet on one A4 page: set at the largest scale at which it fits (the smallest if none does)."""
    for scale in FIT_SCALES:
        pdf, pages = render_pdf(factsheet_html(sheet, scale=scale))
        if pages == 1:
            break
    return pdf
