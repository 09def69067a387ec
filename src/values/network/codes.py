"""ISO codes of countries and languages: the one place that says what a valid code is."""

import pycountry


def country_code(value: object) -> str | None:
    """The ISO 3166-1 alpha-2 code in upper case, or None when `value` is not one."""
    if not isinstance(value, str) or len(value) != 2:
        return None
    return value.upper() if pycountry.countries.get(alpha_2=value.upper()) else None


def language_code(value: object) -> str | None:
    """The ISO 639-1 code in lower case, or None when `value` is not one."""
    if not isinstance(value, str) or len(value) != 2:
        return None
    return value.lower() if pycountry.languages.get(alpha_2=value.lower()) else None


def currency_code(value: object) -> str | None:
    if not isinstance(value, str) or len(value) != 3:
        return None
    return value.upper() if pycountry.currencies.get(alpha_3=value.upper()) else None
