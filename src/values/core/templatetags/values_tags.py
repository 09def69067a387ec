"""Template filters: translatable texts, users' Markdown, money, percentages and countries in the reader's language."""

from decimal import Decimal

from babel.numbers import format_currency, format_decimal, format_percent
from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from values.core import languages, text
from values.core.markdown import render_markdown
from values.core.panels import panels_in
from values.core.text import active_language, pick

register = template.Library()


@register.filter
def markdown(value: str) -> SafeString:
    """A user's Markdown as HTML: `core.markdown` keeps only harmless tags, so its output may be marked safe."""
    return mark_safe(render_markdown(value))  # noqa: S308


@register.filter
def tr(value: object) -> str:
    """A translatable text in the active language (or its fallback)."""
    return pick(value)  # type: ignore[arg-type]


# Money as the programme's documents write it: "€ 899.973,58" in Italian, symbol first with a space,
# where the CLDR's Italian default puts it after the number.
CURRENCY_FORMATS = {"it": "¤\u00a0#,##0.00"}


def format_money(amount: Decimal, currency: str, language: str) -> str:
    return format_currency(amount, currency, format=CURRENCY_FORMATS.get(language), locale=language)


@register.filter
def money(amount: Decimal | None, currency: str = "EUR") -> str:
    if amount is None:
        return ""
    return format_money(amount, currency, active_language())


@register.filter
def amount(value: Decimal | None) -> str:
    """An amount with its cents and the language's grouping, without a currency: 22,732.15 or 22.732,15."""
    if value is None:
        return ""
    return format_decimal(value, format="#,##0.00", locale=active_language(), decimal_quantization=False)


@register.filter
def percent(rate: Decimal | None) -> str:
    if rate is None:
        return ""
    return format_percent(rate, format="#,##0.0%", locale=active_language())


@register.filter
def country_name(code: str) -> str:
    return languages.country_name(code)


@register.filter
def language_name(code: str) -> str:
    return languages.language_name(code)


@register.filter
def shown_language(value: object) -> str:
    """The language `tr` shows a translatable text in (for the note on a text not yet translated)."""
    return text.shown_language(value) or ""


@register.filter
def text_direction(code: str) -> str:
    """The `dir` of a text written in this language: "rtl" for Arabic, Persian..., else "ltr"."""
    return "rtl" if languages.is_right_to_left(code) else "ltr"


@register.filter
def get_item(mapping: dict, key: str) -> object:
    """`mapping[key]` in a template; empty when the key is missing."""
    return mapping.get(key, "") if isinstance(mapping, dict) else ""


@register.simple_tag(takes_context=True)
def panels(context: template.Context, slot: str, *arguments: object) -> SafeString:
    """The parts higher apps add to this page (core.panels), each rendered like an inclusion tag's template."""
    parts = []
    for panel in panels_in(slot):
        values = panel.context(context, *arguments)
        if values is None:
            continue
        own = context.new(values)
        if context.get("csrf_token") is not None:
            own["csrf_token"] = context["csrf_token"]
        parts.append(context.template.engine.get_template(panel.template).render(own))
    return mark_safe("".join(parts))  # noqa: S308 - our own templates, rendered with autoescape


@register.filter
def person(user: object) -> str:
    """A person as others see them: their name, never their login (a login is a credential's half, and people
    choose it to be typed, not read). Duck-typed on `get_full_name()`: core knows no accounts."""
    if user is None:
        return ""
    name = getattr(user, "get_full_name", lambda: "")().strip()
    return name or gettext("Unnamed person")
