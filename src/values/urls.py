"""The site's addresses: the programme index, accounts and admin at the top, each programme's pages under
/<lang>/p/<code>/.

A programme's pages are named without their programme (`{% url 'partners' %}`): the request that names a
programme is answered with that programme's URLconf (`programme_urlconf`, set by
`programme.middleware.ProgrammeMiddleware` as `request.urlconf`), so every link on its pages stays in it, as
`i18n_patterns` keeps the language.
"""

import re
from functools import cache

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.generic import RedirectView

from values.activities import calendar_views
from values.api.urls import api_patterns
from values.api.urls import page_patterns as api_pages
from values.core.accessibility import accessibility_statement
from values.core.languages import newcomer_page
from values.network import views as network_views
from values.programme import views as programme_views

PROGRAMME_PAGES = [
    path("", include("values.programme.urls")),
    path("", include("values.finance.urls")),
    path("", include("values.knowledge.urls")),
    path("", include("values.volunteering.urls")),
    path("", include("values.planning.urls")),
    path("", include("values.activities.urls")),
    path("", include("values.reports.urls")),
    path("", include("values.actionplans.urls")),
    path("", include("values.publishing.urls")),
    path("", include("values.amendments.urls")),
    path("", include("values.monitoring.urls")),
]

handler400 = "values.core.views.bad_request"
handler403 = "values.core.views.permission_denied"
handler404 = "values.core.views.page_not_found"
handler500 = "values.core.views.server_error"


def _first_segments(patterns: list) -> list[str]:
    """The first path segment of every programme page, so that only those old addresses redirect."""
    segments: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            segments.update(_first_segments(pattern.url_patterns))
        elif isinstance(pattern, URLPattern):
            first = str(pattern.pattern).lstrip("^").split("/")[0]
            if re.fullmatch(r"[a-z][-a-z]*", first):
                segments.add(first)
    return sorted(segments)


def _site_patterns(programme_code: str | None) -> list:
    pages = [path(f"p/{programme_code}/", include(PROGRAMME_PAGES))] if programme_code else []
    old_addresses = "|".join(_first_segments(PROGRAMME_PAGES))
    return [
        path("i18n/setlang/", network_views.set_language, name="set_language"),
        # Outside the language prefix: calendar applications fetch it as it was first given.
        path("feeds/<str:token>.ics", calendar_views.feed_ics, name="calendar_feed"),
        *api_patterns,
        *i18n_patterns(
            path("", newcomer_page(programme_views.programme_index), name="programmes"),
            path("accessibility/", newcomer_page(accessibility_statement), name="accessibility"),
            *pages,
            # Where signing in leads (settings.LOGIN_REDIRECT_URL): before old_address, which would take "start/".
            path("start/", programme_views.landing, name="landing"),
            *api_pages,
            path("accounts/", include("values.network.urls")),
            # The admin signs in through the site's own sign-in: one throttle, one second factor.
            path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
            path("admin/", admin.site.urls),
            # The addresses from before programmes had their own: they lead to the one programme.
            re_path(rf"^(?P<rest>(?:{old_addresses})(?:/.*)?)$", programme_views.old_address, name="old_address"),
        ),
    ]


urlpatterns = _site_patterns(None)


class ProgrammeURLConf:
    """The site's URLconf with one programme's pages, the `request.urlconf` of the requests that name it."""

    handler400 = handler400
    handler403 = handler403
    handler404 = handler404
    handler500 = handler500

    def __init__(self, programme_code: str) -> None:
        self.programme_code = programme_code
        self.urlpatterns = _site_patterns(programme_code)

    def __repr__(self) -> str:
        return f"ProgrammeURLConf({self.programme_code!r})"


@cache
def programme_urlconf(programme_code: str) -> ProgrammeURLConf:
    """One object per programme code, so that Django's resolver cache holds one resolver per programme."""
    return ProgrammeURLConf(programme_code)
