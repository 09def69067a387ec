"""Switching many activities to another mode at once: online, hybrid, or back in person (issue #19).

In VALUES, COVID-19 moved the visits online from March 2020. The coordinator names a period (and a theme or a
city); every activity that starts in it and has not begun yet is switched in one transaction, its SEQUENCE raised
so that subscribed calendars replace the event of the same UID. Once the switch is saved, its participants are
told by e-mail (one mail per person, `tell_participants_of_changes`) and its host city's staff are asked for what
a switch cannot know: the video link (online or hybrid and no link is `Activity.awaits_video_link`, a to-do on
their start page until they give it on the activity's edit form) or, back in person, the venue (the one given
before is kept). An activity already under way or over is never switched, nor is one already in the mode: both
are kept and reported with the reason.

The coordinator sees a preview first (`preview_switch`); the confirmation names the preview's version, and a
switch whose activities changed since is refused (`StaleVersion`, carrying the new preview) rather than switching
something the coordinator did not see.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from values.activities.enums import Mode, ParticipantStatus
from values.activities.models import Activity, Participant
from values.activities.queries import calendar_title, city_name, with_calendar_details
from values.core.languages import date_span, long_date
from values.core.templatetags.values_tags import person
from values.core.versions import StaleVersion, check_version, digest_version
from values.network.enums import AuditAction, Role
from values.network.models import Organisation, User
from values.network.services import language_of, record_audit
from values.network.tasks import send_email
from values.programme.addresses import programme_addresses
from values.programme.models import Programme, Theme
from values.programme.queries import memberships_in


@dataclass(frozen=True)
class Kept:
    """An activity of the period that is not switched, and why (in the active language)."""

    activity: Activity
    reason: str


@dataclass(frozen=True)
class SwitchPlan:
    """What a switch changes (`to_switch`) and leaves (`kept`); `version` names exactly this answer."""

    mode: str
    to_switch: tuple[Activity, ...]
    kept: tuple[Kept, ...]
    version: str


@dataclass(frozen=True)
class ActivityChange:
    """An activity whose participants are told that it changed; `note`, a lazy translation read in each reader's
    language, adds what they should know beyond its dates, mode and place (which the mail always gives)."""

    activity: Activity
    note: Any = ""


# -- which activities a switch changes ----------------------------------------------------------------------------
def preview_switch(
    programme: Programme,
    *,
    mode: str,
    first_day: date,
    last_day: date,
    theme: Theme | None = None,
    city: Organisation | None = None,
    today: date | None = None,
) -> SwitchPlan:
    """The activities starting from `first_day` to `last_day` (of the theme; hosted by the city or, for an
    exchange, its guest) that a switch to `mode` would change, and those it would not, with the reason."""
    _raise_if(_request_errors(programme, mode, first_day, last_day, theme, city))
    today = today or timezone.localdate()
    to_switch, kept = [], []
    for activity in _in_period(programme, first_day, last_day, theme, city):
        reason = _reason_to_keep(activity, mode, today)
        if reason:
            kept.append(Kept(activity, reason))
        else:
            to_switch.append(activity)
    return SwitchPlan(mode, tuple(to_switch), tuple(kept), _version(mode, to_switch, kept))


def _request_errors(programme, mode, first_day, last_day, theme, city) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if mode not in Mode.values:
        errors["mode"] = [_("Mode: choose in person, online or hybrid.")]
    if last_day < first_day:
        errors["last_day"] = [_("The last day is before the first day.")]
    if theme is not None and theme.programme_id != programme.pk:
        errors["theme"] = [_("Theme: choose one of the programme's themes.")]
    if city is not None and not programme.partners.filter(organisation=city).exists():
        errors["city"] = [_("City: choose one of the programme's partner cities.")]
    return errors


def _raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _in_period(programme, first_day, last_day, theme, city) -> QuerySet[Activity]:
    activities = Activity.objects.filter(programme=programme, start__gte=first_day, start__lte=last_day)
    if theme is not None:
        activities = activities.filter(Q(visit__community__theme=theme) | Q(exchange__pair__community__theme=theme))
    if city is not None:
        # Its own activities: what it hosts and the exchanges it visits, not every visit of its community.
        activities = activities.filter(Q(host=city) | Q(exchange__guest=city))
    return with_calendar_details(activities).order_by("start", "pk")


def _reason_to_keep(activity: Activity, mode: str, today: date) -> str:
    if activity.start <= today:
        return _("It started on %(date)s: an activity under way or over is never switched.") % {
            "date": long_date(activity.start)
        }
    if activity.mode == mode:
        return _("It is %(mode)s already.") % {"mode": Mode(mode).label}
    return ""


def _version(mode: str, to_switch: list[Activity], kept: list[Kept]) -> str:
    """Changes whenever an activity enters or leaves the answer, changes mode or moves."""
    rows = (
        [[a.pk, a.mode, a.start] for a in to_switch],
        [[k.activity.pk, k.activity.mode, k.activity.start] for k in kept],
    )
    return digest_version({"mode": mode, "switch": rows[0], "keep": rows[1]})


# -- the switch ---------------------------------------------------------------------------------------------------
@transaction.atomic
def switch_mode(
    programme: Programme,
    *,
    mode: str,
    first_day: date,
    last_day: date,
    theme: Theme | None = None,
    city: Organisation | None = None,
    by: User,
    today: date | None = None,
    version: str | None = None,
    site: str | None = None,
) -> SwitchPlan:
    """Switch what `preview_switch` names, all or nothing; with `version`, only if the preview is still that one
    (else StaleVersion with the new preview as `current`). Mails go once all is saved; `site` starts their links
    (the site's own address, SITE_URL, when not given)."""
    # Take the period's rows first: a change of one of them by someone else waits for this switch, or this
    # switch waits for it and then sees it.
    list(Activity.objects.select_for_update().filter(programme=programme, start__gte=first_day, start__lte=last_day))
    plan = preview_switch(
        programme, mode=mode, first_day=first_day, last_day=last_day, theme=theme, city=city, today=today
    )
    try:
        check_version(version, plan.version)
    except StaleVersion as stale:
        raise StaleVersion(plan.version, plan) from stale
    if not plan.to_switch:
        raise ValidationError(_("No activity would change: nothing was switched."))
    for activity in plan.to_switch:
        _switch_one(activity, mode)
    site = site or settings.SITE_URL
    told = tell_participants_of_changes([ActivityChange(a) for a in plan.to_switch], site=site)
    asked = _ask_hosts(programme, plan.to_switch, mode=mode, site=site)
    record_audit(
        AuditAction.MODE_SWITCHED,
        by=by,
        target=f"{programme.code}: {len(plan.to_switch)} activities {mode}",
        detail={
            "mode": mode, "first_day": first_day.isoformat(), "last_day": last_day.isoformat(),
            "theme": theme.key if theme else None, "city": city.key if city else None,
            "switched": [a.pk for a in plan.to_switch], "kept": [k.activity.pk for k in plan.kept],
            "participants_told": told, "hosts_asked": asked,
        },
    )  # fmt: skip
    return plan


def _switch_one(activity: Activity, mode: str) -> None:
    activity.mode = mode
    if mode == Mode.IN_PERSON:
        # Nobody should follow a link to a meeting held in a room; the venue stayed while it was online.
        activity.video_link = ""
    activity.sequence += 1  # subscribed calendars replace the event that has the same UID
    activity.save(update_fields=["mode", "video_link", "sequence", "updated_at"])


# -- telling people -----------------------------------------------------------------------------------------------
def tell_participants_of_changes(changes: Iterable[ActivityChange], *, site: str | None = None) -> int:
    """Mail every nominated or confirmed participant of the changed activities once, listing all of theirs, in
    their language, when the transaction commits; returns how many people are told."""
    by_activity = {change.activity.pk: change for change in changes}
    participants = (
        Participant.objects.filter(
            activity__in=list(by_activity),
            status__in=(ParticipantStatus.NOMINATED, ParticipantStatus.CONFIRMED),
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id")
    )
    per_person: dict[User, list[ActivityChange]] = {}
    for participant in participants:
        per_person.setdefault(participant.user, []).append(by_activity[participant.activity_id])
    site = site or settings.SITE_URL
    _send_after_commit([_changes_mail(user, items, site=site) for user, items in per_person.items()])
    return len(per_person)


def _send_after_commit(mails: list[dict]) -> None:
    for mail in mails:
        transaction.on_commit(lambda mail=mail: send_email.enqueue(**mail))


def _changes_mail(user: User, changes: list[ActivityChange], *, site: str) -> dict:
    changes = sorted(changes, key=lambda change: (change.activity.start, change.activity.pk))
    with translation.override(language_of(user)), programme_addresses(changes[0].activity.programme):
        items = [_item(change.activity, site, note=str(change.note)) for change in changes]
        subject = ngettext(
            "An activity you take part in has changed", "%(count)d activities you take part in have changed", len(items)
        ) % {"count": len(items)}
        body = render_to_string("activities/switch_participants_email.txt", {"person": person(user), "items": items})
    return {"subject": subject, "body": body, "to": [user.email]}


def _item(activity: Activity, site: str, *, note: str = "", edit: bool = False) -> dict[str, str]:
    """One activity as a mail lists it, in the active language."""
    page = reverse("activity_edit" if edit else "activity", kwargs={"activity_id": activity.pk})
    return {
        "title": calendar_title(activity),
        "dates": date_span(activity.start, activity.end),
        "how": how_held(activity),
        "link": site + page,
        "note": note,
    }


def how_held(activity: Activity) -> str:
    """Its mode and place in a sentence's words: what a participant needs to know to be there."""
    place = activity.venue or city_name(activity.host)
    if activity.mode == Mode.IN_PERSON:
        return _("in person, at %(place)s") % {"place": place}
    if activity.awaits_video_link:
        if activity.mode == Mode.ONLINE:
            return _("online; the video link is to come, on the activity's page")
        return _("hybrid: at %(place)s and online; the video link is to come, on the activity's page") % {
            "place": place
        }
    if activity.mode == Mode.ONLINE:
        return _("online, at %(link)s") % {"link": activity.video_link}
    return _("hybrid: at %(place)s and online at %(link)s") % {"place": place, "link": activity.video_link}


def _ask_hosts(programme: Programme, activities: tuple[Activity, ...], *, mode: str, site: str) -> int:
    """Mail each host city's staff once, with the activities they host: the video link to give (online, hybrid)
    or the venue to check (in person); returns how many people are asked."""
    hosts = {activity.host_id for activity in activities}
    staff = (
        memberships_in(programme)
        .filter(role=Role.CITY_STAFF, organisation__in=hosts, user__is_active=True)
        .exclude(user__email="")
    )
    per_person: dict[User, list[Activity]] = {}
    for membership in staff.select_related("user").order_by("user_id"):
        items = per_person.setdefault(membership.user, [])
        # A role given in this programme and one given in every programme name the same city twice.
        items += [a for a in activities if a.host_id == membership.organisation_id and a not in items]
    _send_after_commit([_hosts_mail(user, items, mode=mode, site=site) for user, items in per_person.items()])
    return len(per_person)


def _hosts_mail(user: User, activities: list[Activity], *, mode: str, site: str) -> dict:
    with translation.override(language_of(user)), programme_addresses(activities[0].programme):
        items = [_item(activity, site, edit=True) for activity in activities]
        if mode == Mode.IN_PERSON:
            subject = _("Check the venue of the activities you host")
        else:
            subject = _("Give the video link of the activities you host")
        context = {"person": person(user), "items": items, "in_person": mode == Mode.IN_PERSON}
        body = render_to_string("activities/switch_hosts_email.txt", context)
    return {"subject": subject, "body": body, "to": [user.email]}


# -- what the host city's staff still owe (their start page, activities/todo.py) -----------------------------------
def links_awaited(cities, programme: Programme, today: date) -> QuerySet[Activity]:
    """The cities' coming activities that are online or hybrid without their video link, soonest first."""
    activities = Activity.objects.awaiting_video_link().filter(programme=programme, host__in=cities, start__gte=today)
    return with_calendar_details(activities).order_by("start", "pk")
