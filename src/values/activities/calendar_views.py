"""The programme calendar month by month, and the subscribable feeds behind secret addresses."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from values.activities import permissions as access
from values.activities.calendars import activities_calendar
from values.activities.enums import FeedKind
from values.activities.forms import FeedForm
from values.activities.models import CalendarFeed
from values.activities.queries import activity_entry, programme_months, programme_timeline, with_calendar_details
from values.activities.services import revoke_calendar_feed
from values.programme.addresses import programme_addresses
from values.programme.permissions import organisations_of


@login_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    return _calendar_page(request, request.programme)


def _calendar_page(request: HttpRequest, programme, status: int = 200) -> HttpResponse:
    activities = with_calendar_details(access.activities_visible_to(request.user, programme))
    entries = [activity_entry(activity) for activity in activities]
    feeds = request.user.calendar_feeds.filter(programme=programme, revoked_at__isnull=True).select_related(
        "organisation__city"
    )
    months = programme_months(programme, entries)
    context = {
        "programme": programme,
        "months": months,
        "timeline": programme_timeline(months),
        "feeds": [(feed, request.build_absolute_uri(reverse("calendar_feed", args=[feed.token]))) for feed in feeds],
        "feed_kinds": FeedKind.choices,
        "cities": organisations_of(request.user, programme).filter(kind="city").select_related("city"),
    }
    return render(request, "activities/calendar.html", context, status=status)


@login_required
@require_POST
def feed_create(request: HttpRequest) -> HttpResponse:
    programme = request.programme
    form = FeedForm(request.POST)
    if not (form.is_valid() and form.save(programme, owner=request.user)):
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, problem)
        return _calendar_page(request, programme, status=400)
    messages.success(request, _("A new calendar address was made: copy it into your calendar application."))
    return redirect("calendar")


@login_required
@require_POST
def feed_revoke(request: HttpRequest, feed_id: int) -> HttpResponse:
    feeds = CalendarFeed.objects.filter(programme=request.programme, owner=request.user, revoked_at__isnull=True)
    feed = get_object_or_404(feeds, pk=feed_id)
    revoke_calendar_feed(feed)
    messages.success(request, _("The calendar address no longer works."))
    return redirect("calendar")


def feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself: no sign-in (calendar applications cannot), the secret address is the key."""
    feed = access.get_feed_for_read(token)
    name = f"{feed.programme.acronym}: {feed.get_kind_display()}"

    def link_for(activity) -> str:
        return request.build_absolute_uri(reverse("activity", args=[activity.pk]))

    with programme_addresses(feed.programme):
        body = activities_calendar(access.feed_activities(feed), name=name, link_for=link_for)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
