"""The accessibility statement, in the model of the EU Web Accessibility Directive (Implementing Decision
(EU) 2018/1523): what complies, what does not yet and why, how it was checked, and whom to tell."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# The day this statement's text was written; the last check is a setting, moved on by whoever runs it.
PREPARED_ON = date(2026, 12, 1)


def last_checked() -> date:
    try:
        return date.fromisoformat(settings.ACCESSIBILITY_CHECKED_ON)
    except ValueError as error:
        raise ImproperlyConfigured("ACCESSIBILITY_CHECKED_ON: a date as YYYY-MM-DD.") from error


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    context = {
        "site": request.get_host(),
        "prepared_on": PREPARED_ON,
        "checked_on": last_checked(),
        "contact": settings.ACCESSIBILITY_CONTACT,
        "enforcement_url": settings.ACCESSIBILITY_ENFORCEMENT_URL,
    }
    return render(request, "core/accessibility.html", context)
