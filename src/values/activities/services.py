"""Every change to visits and exchanges; accepting a plan (planning) creates them through these."""

import secrets
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from values.activities.enums import ActivityKind, FeedKind, Mode, ParticipantStatus
from values.activities.models import (
    MAX_PLACES,
    MINUTES_MAX_CHARS,
    OUTCOMES_MAX_CHARS,
    Activity,
    CalendarFeed,
    Exchange,
    Participant,
    Session,
    Visit,
)
from values.activities.permissions import taking_part
from values.core.templatetags.values_tags import person
from values.core.versions import check_version, digest_version
from values.network.enums import Role
from values.network.models import Organisation, User
from values.network.services import account_for_address, password_setting_path
from values.network.tasks import send_email
from values.programme.addresses import programme_addresses
from values.programme.models import Community, ExchangePair, Programme
from values.programme.permissions import holds_role
from values.programme.services import grant_role


def activities_in_use(programme) -> list[str]:
    """Each activity of the programme that holds content a new plan would lose, with what it holds."""
    activities = (
        Activity.objects.filter(programme=programme)
        .annotate(
            session_count=Count("sessions", distinct=True),
            participant_count=Count("participants", distinct=True),
            expense_count=Count("expenses", distinct=True),
            requested=Count("report_request", distinct=True),
        )
        .select_related("host")
        .order_by("start", "pk")
    )
    return [f"{activity} ({', '.join(held)})" for activity in activities if (held := _content_of(activity))]


def _content_of(activity: Activity) -> list[str]:
    counts = (
        (activity.session_count, ngettext("%(n)d session", "%(n)d sessions", activity.session_count)),
        (activity.participant_count, ngettext("%(n)d participant", "%(n)d participants", activity.participant_count)),
        (activity.expense_count, ngettext("%(n)d expense", "%(n)d expenses", activity.expense_count)),
    )
    held = [label % {"n": count} for count, label in counts if count]
    held += [
        name for present, name in ((activity.minutes, _("minutes")), (activity.outcomes, _("outcomes"))) if present
    ]
    if activity.requested:
        held.append(_("a request for reports"))
    return held


def create_planned_activities(
    programme: Programme,
    *,
    activities: list[dict],
    communities: dict[str, Community],
    pairs: dict[frozenset[str], ExchangePair],
    organisations: dict[str, Organisation],
) -> tuple[int, int]:
    """The visits and exchanges of an accepted plan (its result's `activities`), in their communities and pairs;
    returns how many visits and how many exchanges were made."""
    visits, exchanges = [], []
    for activity in activities:
        start, end = date.fromisoformat(activity["start"]), date.fromisoformat(activity["end"])
        host = organisations[activity["host"]]
        if activity["kind"] == "visit":
            visits.append(
                Visit(
                    programme=programme,
                    kind=ActivityKind.VISIT,
                    community=communities[activity["community"]],
                    host=host,
                    start=start,
                    end=end,
                )
            )
        else:
            guest = activity["guests"][0]
            pair = next(p for cities, p in pairs.items() if {activity["host"], guest} <= cities)
            exchanges.append(
                Exchange(
                    programme=programme,
                    kind=ActivityKind.EXCHANGE,
                    pair=pair,
                    host=host,
                    guest=organisations[guest],
                    start=start,
                    end=end,
                )
            )
    # Multi-table inheritance: bulk_create cannot fill the parent table, so one save each.
    for activity in (*visits, *exchanges):
        activity.save()
    return len(visits), len(exchanges)


# -- details, agenda, participants, minutes -----------------------------------------------------
def _raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def update_activity_details(
    activity: Activity,
    *,
    start: date,
    end: date,
    mode: str,
    venue: str,
    video_link: str,
    capacity: int,
    nomination_deadline: date | None,
) -> Activity:
    """Change dates, mode and place; refused when a session would fall outside the new dates."""
    errors = _date_errors(activity, start, end, nomination_deadline)
    if mode in (Mode.ONLINE, Mode.HYBRID) and not video_link:
        errors["video_link"] = [_("An online or hybrid activity needs a video link.")]
    if not 1 <= capacity <= MAX_PLACES:
        errors["capacity"] = [_("Places per city: from 1 to %(most)d.") % {"most": MAX_PLACES}]
    if not errors:
        outside = [s for s in activity.sessions.all() if not _within(activity, s.starts_at, s.ends_at, start, end)]
        if outside:
            titles = ", ".join(s.title for s in outside)
            errors["start"] = [_("These sessions would fall outside the new dates: %(titles)s.") % {"titles": titles}]
    _raise_if(errors)
    if (start, end) != (activity.start, activity.end):
        activity.sequence += 1  # subscribed calendars replace the event that has the same UID
    activity.start, activity.end, activity.mode = start, end, mode
    activity.venue, activity.video_link = venue, video_link
    activity.capacity, activity.nomination_deadline = capacity, nomination_deadline
    activity.save(
        update_fields=[
            *("start", "end", "mode", "venue", "video_link", "capacity", "nomination_deadline"),
            *("sequence", "updated_at"),
        ]
    )
    return activity


def _date_errors(activity: Activity, start: date, end: date, deadline: date | None) -> dict[str, list[str]]:
    """An activity takes place within its programme; nominations close within it too, by the first day."""
    programme, errors = activity.programme, {}
    for field, day in (("start", start), ("end", end)):
        if not programme.start <= day <= programme.end:
            errors[field] = [_within_programme(activity)]
    if not errors and end < start:
        errors["end"] = [_("The last day is before the first day.")]
    if deadline is not None and deadline < programme.start:
        errors["nomination_deadline"] = [
            _("Nominations must close on or after %(first)s, when the programme starts.")
            % {"first": _day(programme.start)}
        ]
    elif deadline is not None and deadline > start:
        errors["nomination_deadline"] = [_("Nominations must close by the first day.")]
    return errors


def _within_programme(activity: Activity) -> str:
    first, last = _day(activity.programme.start), _day(activity.programme.end)
    if activity.kind == ActivityKind.VISIT:
        return _("The visit must be between %(first)s and %(last)s.") % {"first": first, "last": last}
    return _("The exchange must be between %(first)s and %(last)s.") % {"first": first, "last": last}


def _day(day: date) -> str:
    """A day as people write it in the active language: 1 February 2019, 1 febbraio 2019."""
    return date_format(day, "j F Y")


def _within(activity: Activity, starts_at: datetime, ends_at: datetime, first: date, last: date) -> bool:
    """From the local midnight that begins the first day to the one that ends the last: a session that ends at
    midnight ends on the day it began. Moments are compared, never converted, so that one at the edge of the
    calendar (year 1 in another offset) is refused instead of overflowing."""
    zone = activity.time_zone
    opens = datetime.combine(first, time.min, tzinfo=zone)
    closes = datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone)
    return opens <= starts_at and ends_at <= closes


# -- the agenda: its version, and the sessions that make it ------------------------------------------------------
def _agenda_state(sessions: Iterable[Session]) -> list[dict]:
    """Every session with every field a person edits, in the order they were made: what the version covers."""
    return [
        # In UTC: the same moments read back from either database make the same version.
        {"id": s.pk, "kind": s.kind, "title": s.title, "starts_at": s.starts_at.astimezone(UTC),
         "ends_at": s.ends_at.astimezone(UTC), "place": s.place, "speakers": s.speakers, "practice": s.practice_id}
        for s in sorted(sessions, key=lambda s: s.pk)
    ]  # fmt: skip


def read_agenda(activity: Activity) -> tuple[list[Session], str]:
    """The agenda's sessions in time order (with the practice each shows) and its version (the API's ETag), from one
    query so that the two agree: any change of any session changes the version."""
    sessions = list(Session.objects.filter(activity=activity.pk).select_related("practice"))
    return sessions, digest_version(_agenda_state(sessions))


def agenda_version(activity: Activity) -> str:
    """The version a change of the agenda names (`version=`) to be saved."""
    return read_agenda(activity)[1]


def _lock(activity_id: int) -> None:
    """Take the activity's row for the rest of the transaction: a second change of it waits for this one."""
    Activity.objects.select_for_update().filter(pk=activity_id).first()


def _guard_agenda(activity_id: int, version: str | None) -> None:
    """Under the lock, refuse (StaleVersion) a change made from another version of the agenda than the current one,
    so that two changes made from the same version cannot both pass; None (the web form) checks no version."""
    _lock(activity_id)
    if version is not None:
        state = _agenda_state(Session.objects.filter(activity=activity_id))
        check_version(version, digest_version(state), state)


@transaction.atomic
def save_session(
    activity: Activity,
    *,
    session: Session | None = None,
    kind: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    speakers: str = "",
    practice=None,
    version: str | None = None,
) -> Session:
    """Add a session to the agenda (or change one): inside the dates, overlapping no other; with `version`, only
    if the agenda is still the one of that version (`agenda_version`)."""
    _guard_agenda(activity.pk, version)
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("A session needs a title.")]
    if ends_at <= starts_at:
        errors["ends_at"] = [_("A session ends after it starts.")]
    elif not _within(activity, starts_at, ends_at, activity.start, activity.end):
        errors["starts_at"] = [
            _("The session must take place between %(first)s and %(last)s.")
            % {"first": activity.start.isoformat(), "last": activity.end.isoformat()}
        ]
    else:
        others = activity.sessions.exclude(pk=session.pk if session else None)
        clash = others.filter(starts_at__lt=ends_at, ends_at__gt=starts_at).first()
        if clash is not None:
            errors["starts_at"] = [_("It overlaps the session “%(title)s”.") % {"title": clash.title}]
    _raise_if(errors)
    session = session or Session(activity=activity)
    session.kind, session.title, session.place, session.speakers = kind, title, place, speakers
    session.practice = practice
    session.starts_at, session.ends_at = starts_at, ends_at
    session.save()
    return session


@transaction.atomic
def delete_session(session: Session, *, version: str | None = None) -> None:
    """Remove a session from the agenda; with `version`, only if the agenda is still the one of that version."""
    _guard_agenda(session.activity_id, version)
    session.delete()


def nominations_closed(activity: Activity, today: date) -> bool:
    """Nominations close at the end of the deadline's day; without a deadline they stay open."""
    return activity.nomination_deadline is not None and today > activity.nomination_deadline


def closed_nominations_text(activity: Activity) -> str:
    return _("Nominations for this activity are closed since %(date)s; cities can no longer nominate.") % {
        "date": _day(activity.nomination_deadline)  # type: ignore[arg-type]
    }


def _city_problems(activity: Activity, organisation: Organisation, today: date, *, field: str) -> dict:
    """What stops a city from nominating anybody: the deadline, not taking part, no place left (checked last, under
    a lock on the activity's row, so that two nominations at once cannot both take the last place)."""
    if nominations_closed(activity, today):
        return {field: [closed_nominations_text(activity)]}
    if not taking_part(activity).filter(pk=organisation.pk).exists():
        return {"organisation": [_("%(city)s does not take part in this activity.") % {"city": organisation}]}
    _lock(activity.pk)
    taken = activity.participants.filter(organisation=organisation).exclude(status=ParticipantStatus.DECLINED)
    if taken.count() >= activity.capacity:
        places = {"city": organisation, "places": activity.capacity}
        return {field: [_("%(city)s has used all its %(places)d places.") % places]}
    return {}


@transaction.atomic
def nominate_participant(
    activity: Activity, *, user: User, organisation: Organisation, by: User, today: date
) -> Participant:
    """A city's staff nominate one of their people, before the deadline and within the places."""
    errors: dict[str, list[str]] = {}
    if not holds_role(user, activity.programme_id, organisation=organisation):
        errors["user"] = [_("%(person)s is not a member of %(city)s.") % {"person": person(user), "city": organisation}]
    elif activity.participants.filter(user=user).exists():
        errors["user"] = [_("%(person)s is already nominated.") % {"person": person(user)}]
    else:
        errors = _city_problems(activity, organisation, today, field="user")
    _raise_if(errors)
    return Participant.objects.create(activity=activity, user=user, organisation=organisation, nominated_by=by)


# Whom a city may invite to take part: its staff and the leaders of its volunteers (volunteers sign up themselves).
INVITABLE_ROLES = (Role.CITY_STAFF, Role.VOLUNTEER_LEADER)
NAME_MAX_CHARS = 150


@transaction.atomic
def invite_participant(
    activity: Activity,
    *,
    name: str,
    email: str,
    role: str,
    organisation: Organisation,
    by: User,
    today: date,
    language: str,
    site: str,
) -> Participant:
    """Nominate a person who may have no account yet: the account of the address (or a new one in this name), the
    role at the city in the programme, the place, and an invitation mailed in `language` once all of it is saved.

    What the nominator sees is the same whether the address had an account: the page never tells them.
    `site` is the scheme and host the links in the mail start with ("https://values.example.org").
    """
    name, email = " ".join(name.split()), email.strip()
    _raise_if(_invitation_problems(activity, name=name, email=email, role=role))
    _raise_if(_city_problems(activity, organisation, today, field="email"))
    user, _new = account_for_address(email=email, name=name)  # an inactive one was refused above
    grant_role(user, programme=activity.programme, organisation=organisation, role=Role(role), by=by)
    participant = Participant.objects.create(activity=activity, user=user, organisation=organisation, nominated_by=by)
    mail = _invitation_mail(participant, greeting=user.get_full_name() or name, language=language, site=site)
    transaction.on_commit(lambda: send_email.enqueue(**mail))
    return participant


def _invitation_problems(activity: Activity, *, name: str, email: str, role: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Name: write the person's name.")]
    elif len(name) > NAME_MAX_CHARS:
        errors["name"] = [_("Name: at most %(most)d characters.") % {"most": NAME_MAX_CHARS}]
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("E-mail address: enter a valid address, such as name@example.org.")]
    else:
        known = User.objects.filter(email__iexact=email)
        if activity.participants.filter(user__in=known).exists():
            errors["email"] = [_("E-mail address: the person of this address is already nominated.")]
        elif known.filter(is_active=False).exists():
            errors["email"] = [_("E-mail address: this address cannot be invited; ask the coordinator.")]
    if role not in INVITABLE_ROLES:
        errors["role"] = [_("Role: choose city staff or volunteer leader.")]
    return errors


def _invitation_mail(participant: Participant, *, greeting: str, language: str, site: str) -> dict:
    """Subject, body and recipient, written in `language` with the programme's addresses; `greeting` is the
    account's name, else the one the nominator typed."""
    activity, user = participant.activity, participant.user
    with translation.override(language), programme_addresses(activity.programme):
        context = {
            "person": greeting,
            "login": user.get_username(),  # their own, in a mail to their own address
            "nominator": person(participant.nominated_by),
            "city": str(participant.organisation),
            "activity": str(activity),
            "first": _day(activity.start),
            "last": _day(activity.end),
            "password_link": site + password_setting_path(user),
            "activity_link": site + reverse("activity", kwargs={"activity_id": activity.pk}),
            "reset_link": site + reverse("password_reset"),
        }
        subject = _("You are nominated to %(activity)s") % {"activity": context["activity"]}
        body = render_to_string("activities/invitation_email.txt", context)
    return {"subject": subject, "body": body, "to": [user.email]}


@transaction.atomic
def answer_nomination(participant: Participant, *, confirm: bool) -> Participant:
    """The nominated person confirms or declines; a declined place given to another stays theirs."""
    if confirm and participant.status == ParticipantStatus.DECLINED:
        activity = Activity.objects.select_for_update().get(pk=participant.activity_id)
        taken = activity.participants.filter(organisation=participant.organisation).exclude(
            status=ParticipantStatus.DECLINED
        )
        if taken.count() >= activity.capacity:
            raise ValidationError(
                {"status": [_("Your place was given to someone else: ask your city's staff to nominate you again.")]}
            )
    participant.status = ParticipantStatus.CONFIRMED if confirm else ParticipantStatus.DECLINED
    participant.save(update_fields=["status"])
    return participant


@transaction.atomic
def record_attendance(activity: Activity, *, present: set[int]) -> Activity:
    """Mark who was there: `present` holds participant ids; every other participant was absent."""
    strangers = present - set(activity.participants.values_list("pk", flat=True))
    if strangers:
        raise ValidationError({"present": [_("Not a participant of this activity: %(ids)s.") % {
            "ids": ", ".join(str(pk) for pk in sorted(strangers))}]})  # fmt: skip
    activity.participants.update(attended=False)
    activity.participants.filter(pk__in=present).update(attended=True)
    return activity


def record_minutes(activity: Activity, *, minutes: str, outcomes: str) -> Activity:
    errors = {
        field: [_("At most %(most)d characters; this text has %(length)d.") % {"most": most, "length": len(text)}]
        for field, text, most in (("minutes", minutes, MINUTES_MAX_CHARS), ("outcomes", outcomes, OUTCOMES_MAX_CHARS))
        if len(text) > most
    }
    _raise_if(errors)
    activity.minutes, activity.outcomes = minutes, outcomes
    activity.save(update_fields=["minutes", "outcomes"])
    return activity


# -- calendar feeds ---------------------------------------------------------------------------
def create_calendar_feed(
    programme: Programme, *, owner: User, kind: str, organisation: Organisation | None = None
) -> CalendarFeed:
    """A new secret address; a city feed is only for a city the owner belongs to."""
    from values.activities.permissions import can_follow_city  # lazy: permissions imports the models only

    if kind == FeedKind.CITY:
        if not can_follow_city(owner, programme, organisation):
            raise ValidationError({"organisation": [_("Choose one of your own cities.")]})
    else:
        organisation = None
    return CalendarFeed.objects.create(
        token=secrets.token_urlsafe(32), kind=kind, programme=programme, owner=owner, organisation=organisation
    )


def revoke_calendar_feed(feed: CalendarFeed) -> None:
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at"])
