from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from values.activities import calendar_views

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    # Outside the language prefix: calendar applications fetch it as it was first given.
    path("feeds/<str:token>.ics", calendar_views.feed_ics, name="calendar_feed"),
]
urlpatterns += i18n_patterns(
    path("", include("values.programme.urls")),
    path("", include("values.finance.urls")),
    path("", include("values.knowledge.urls")),
    path("", include("values.planning.urls")),
    path("", include("values.activities.urls")),
    path("", include("values.reports.urls")),
    path("", include("values.actionplans.urls")),
    path("", include("values.publishing.urls")),
    path("accounts/", include("values.network.urls")),
    # The admin signs in through the site's own sign-in: one throttle, one second factor.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
)

handler400 = "values.core.views.bad_request"
handler403 = "values.core.views.permission_denied"
handler404 = "values.core.views.page_not_found"
handler500 = "values.core.views.server_error"
