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


# The time zone of each European country's capital: the zone of a city's activities. Countries
# with several zones (Spain, Portugal) take the mainland's; a city elsewhere can be added here.
_CAPITAL_TIME_ZONES = {
    "AL": "Europe/Tirane", "AT": "Europe/Vienna", "BA": "Europe/Sarajevo", "BE": "Europe/Brussels",
    "BG": "Europe/Sofia", "CH": "Europe/Zurich", "CY": "Asia/Nicosia", "CZ": "Europe/Prague",
    "DE": "Europe/Berlin", "DK": "Europe/Copenhagen", "EE": "Europe/Tallinn", "ES": "Europe/Madrid",
    "FI": "Europe/Helsinki", "FR": "Europe/Paris", "GB": "Europe/London", "GR": "Europe/Athens",
    "HR": "Europe/Zagreb", "HU": "Europe/Budapest", "IE": "Europe/Dublin", "IS": "Atlantic/Reykjavik",
    "IT": "Europe/Rome", "LI": "Europe/Vaduz", "LT": "Europe/Vilnius", "LU": "Europe/Luxembourg",
    "LV": "Europe/Riga", "MD": "Europe/Chisinau", "ME": "Europe/Podgorica", "MK": "Europe/Skopje",
    "MT": "Europe/Malta", "NL": "Europe/Amsterdam", "NO": "Europe/Oslo", "PL": "Europe/Warsaw",
    "PT": "Europe/Lisbon", "RO": "Europe/Bucharest", "RS": "Europe/Belgrade", "SE": "Europe/Stockholm",
    "SI": "Europe/Ljubljana", "SK": "Europe/Bratislava", "TR": "Europe/Istanbul", "UA": "Europe/Kyiv",
}  # fmt: skip
DEFAULT_TIME_ZONE = "Europe/Brussels"


def country_time_zone(code: str) -> str:
    return _CAPITAL_TIME_ZONES.get(code.upper(), DEFAULT_TIME_ZONE)
