"""The programme's training ("attività formative"): every change to training sessions and their places, and
every reusable read of them. Each refusal is a ValidationError naming the field it is about, and a refused
change leaves the database as it was.

A session's times are typed and shown in its city's time: the giving organisation's when it is a city, else
the programme's first city's. Places are never exceeded: taking one locks the session's row first.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from values.core.text import Texts
from values.knowledge.enums import PracticeStatus
from values.knowledge.models import Practice
from values.knowledge.queries import practices_of
from values.network.codes import DEFAULT_TIME_ZONE, country_time_zone, language_code
from values.network.models import Organisation, User
from values.programme.models import Programme, Theme
from values.programme.queries import city_partners
from values.volunteering.enums import TrainingAudience
from values.volunteering.models import MAX_PLACES, TrainingSeat, TrainingSession, Volunteer
from values.volunteering.permissions import takes_staff_seats
from values.volunteering.services import text_problem, translate_item

TEXT_LIMITS = {"title": 200, "syllabus": 20_000, "place": 300}
MAX_PRACTICES = 20
LABELS = {
    "title": gettext_lazy("Title"), "syllabus": gettext_lazy("Syllabus"), "place": gettext_lazy("Place"),
    "places": gettext_lazy("Places"), "starts_at": gettext_lazy("Starts"), "ends_at": gettext_lazy("Ends"),
    "practices": gettext_lazy("Good practices"),
}  # fmt: skip
FOR_VOLUNTEERS = (TrainingAudience.VOLUNTEERS, TrainingAudience.EVERYONE)
FOR_STAFF = (TrainingAudience.STAFF, TrainingAudience.EVERYONE)

Errors = dict[str, list[str]]


# -- time ---------------------------------------------------------------------------------------
def first_city_time_zone(programme: Programme) -> ZoneInfo:
    """The time of the programme's first partner city (the partnership's order)."""
    city = city_partners(programme).first()
    return ZoneInfo(country_time_zone(city.country) if city is not None else DEFAULT_TIME_ZONE)


def training_time_zone(programme: Programme, organisation: Organisation) -> ZoneInfo:
    """Where a session given by `organisation` is typed and shown: its city's time, or the first city's."""
    if organisation.is_city:
        return ZoneInfo(country_time_zone(organisation.country))
    return first_city_time_zone(programme)


# -- sessions -----------------------------------------------------------------------------------
def _text_problems(texts: Mapping[str, str]) -> Errors:
    problems = {name: text_problem(LABELS[name], text, TEXT_LIMITS[name]) for name, text in texts.items()}
    return {name: [problem] for name, problem in problems.items() if problem}


def _time_problems(programme: Programme, zone: ZoneInfo, starts_at, ends_at) -> Errors:
    errors: Errors = {}
    for name, moment in (("starts_at", starts_at), ("ends_at", ends_at)):
        if not isinstance(moment, datetime):
            errors[name] = [_("%(field)s: needed, a day and a time.") % {"field": LABELS[name]}]
        elif timezone.is_naive(moment):
            errors[name] = [_("%(field)s: a time with its time zone.") % {"field": LABELS[name]}]
        elif not programme.start <= moment.astimezone(zone).date() <= programme.end:
            errors[name] = [_("%(field)s: a day within the programme, from %(first)s to %(last)s.") % {
                "field": LABELS[name], "first": programme.start, "last": programme.end}]  # fmt: skip
    if not errors and ends_at <= starts_at:
        errors["ends_at"] = [_("Ends: the session ends before it starts (or when it starts).")]
    return errors


def _places_problem(places, taken: int) -> str | None:
    if not (isinstance(places, int) and not isinstance(places, bool) and 1 <= places <= MAX_PLACES):
        return _("%(field)s: a whole number from %(low)d to %(high)d.") % {
            "field": LABELS["places"], "low": 1, "high": MAX_PLACES}  # fmt: skip
    if places < taken:
        return _("Places: %(taken)d are already taken; give at least that many.") % {"taken": taken}
    return None


def _practices(programme: Programme, practices: Iterable[Practice], errors: Errors) -> list[Practice]:
    chosen = list(dict.fromkeys(practices))
    own = set(practices_of(programme).filter(pk__in=[p.pk for p in chosen]).values_list("pk", "status"))
    for practice in chosen:
        if (practice.pk, PracticeStatus.PUBLISHED) in own:
            continue
        if any(pk == practice.pk for pk, _status in own):
            problem = _("Good practices: %(title)s is not published yet.")
        else:
            problem = _("Good practices: %(title)s is not a practice of this programme.")
        errors["practices"] = [problem % {"title": str(practice)[:100]}]
        return []
    if len(chosen) > MAX_PRACTICES:
        errors["practices"] = [_("Good practices: at most %(count)d.") % {"count": MAX_PRACTICES}]
    return chosen


def _who_problems(programme: Programme, organisation: Organisation, theme: Theme | None, audience: str) -> Errors:
    errors: Errors = {}
    if not Organisation.objects.filter(pk=organisation.pk, partnerships__programme=programme).exists():
        errors["organisation"] = [_("Given by: only a partner of this programme gives its training.")]
    if theme is not None and theme.programme_id != programme.pk:
        errors["theme"] = [_("Theme: choose one of the programme's themes, or none.")]
    if audience not in TrainingAudience.values:
        errors["audience"] = [_("For: choose volunteers, city staff or everyone.")]
    return errors


@transaction.atomic
def save_training_session(
    programme: Programme,
    *,
    session: TrainingSession | None = None,
    organisation: Organisation,
    by: User | None,
    original_language: str,
    title: str,
    syllabus: str = "",
    audience: str = TrainingAudience.EVERYONE,
    theme: Theme | None = None,
    practices: Iterable[Practice] = (),
    place: str = "",
    starts_at: datetime | None,
    ends_at: datetime | None,
    places: int,
) -> TrainingSession:
    """Plan a training session (or change one): its texts in their original language, aware start and end."""
    texts = {"title": title.strip(), "syllabus": syllabus.strip(), "place": place.strip()}
    errors = _text_problems(texts)
    if not texts["title"]:
        errors["title"] = [_("Title: needed in the original language (%(language)s).") % {
            "language": original_language}]  # fmt: skip
    if language_code(original_language) is None:
        errors["original_language"] = [_("Choose the language these texts are written in.")]
    errors |= _who_problems(programme, organisation, theme, audience)
    zone = training_time_zone(programme, organisation)
    errors |= _time_problems(programme, zone, starts_at, ends_at)
    taken = session.seats.count() if session is not None else 0
    if problem := _places_problem(places, taken):
        errors["places"] = [problem]
    chosen = _practices(programme, practices, errors)
    if errors:
        raise ValidationError(errors)
    if session is None:
        session = TrainingSession(programme=programme, created_by=by, title={}, syllabus={})
    session.original_language = language_code(original_language)
    for name in ("title", "syllabus"):
        value = dict(getattr(session, name) or {}) | {session.original_language: texts[name]}
        setattr(session, name, {code: text for code, text in value.items() if text})
    session.organisation, session.audience, session.theme, session.place = organisation, audience, theme, texts["place"]
    session.starts_at, session.ends_at, session.places = starts_at, ends_at, places
    session.save()
    session.practices.set(chosen)
    return session


TRAINING_TEXTS = ("title", "syllabus")


def training_texts(session: TrainingSession) -> Texts:
    """A session's translatable texts, field name to language→text."""
    return {name: getattr(session, name) or {} for name in TRAINING_TEXTS}


@transaction.atomic
def translate_training_session(
    session: TrainingSession, *, language: str, texts: dict[str, str], seen: str | None = None
) -> TrainingSession:
    """Add or change the session's texts in another language; a missing one falls back to the original. A save
    over texts changed since the translator's page showed them (`seen`) is refused: TranslationConflict."""
    return translate_item(session, TRAINING_TEXTS, LABELS, TEXT_LIMITS, language=language, texts=texts, seen=seen)


# -- places -------------------------------------------------------------------------------------
def _not_started(session: TrainingSession, now: datetime | None, message: str) -> None:
    if (now or timezone.now()) >= session.starts_at:
        raise ValidationError({"session": [message]})


@transaction.atomic
def take_seat(
    session: TrainingSession, *, volunteer: Volunteer | None = None, user: User | None = None, now=None
) -> TrainingSeat:
    """A place for a confirmed volunteer (a session open to volunteers) or for a person with an account (one
    open to staff: the caller has checked their role), while places are left and before the start."""
    locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
    _not_started(locked, now, _("The session has started: places are no longer taken."))
    if volunteer is not None:
        ours = volunteer.confirmed and volunteer.programme_id == locked.programme_id
        if locked.audience not in FOR_VOLUNTEERS or not ours:
            raise ValidationError({"session": [_("This session is not open to volunteers.")]})
        holder = {"volunteer": volunteer}
    elif user is not None:
        if locked.audience not in FOR_STAFF:
            raise ValidationError({"session": [_("This session is for volunteers only.")]})
        holder = {"user": user}
    else:
        raise ValidationError({"session": [_("A confirmed volunteer or a person of the programme takes a place.")]})
    if locked.seats.filter(**holder).exists():
        raise ValidationError({"session": [_("You already have a place in this session.")]})
    if locked.seats.count() >= locked.places:
        raise ValidationError({"session": [_("Every place is taken.")]})
    return TrainingSeat.objects.create(session=locked, **holder)


@transaction.atomic
def cancel_seat(
    session: TrainingSession, *, volunteer: Volunteer | None = None, user: User | None = None, now=None
) -> None:
    """Give one's place back, before the session starts."""
    _not_started(session, now, _("The session has started: a place is no longer cancelled."))
    holder = {"volunteer": volunteer} if volunteer is not None else {"user": user}
    if (volunteer is None and user is None) or not session.seats.filter(**holder).exists():
        raise ValidationError({"session": [_("You have no place in this session.")]})
    session.seats.filter(**holder).delete()


@transaction.atomic
def record_attendance(session: TrainingSession, attended: Mapping[int, bool | None], *, now=None) -> int:
    """Whether each seat's person attended (None: not known), once the session has started; the number of
    seats changed. A seat of another session is refused."""
    if (now or timezone.now()) < session.starts_at:
        raise ValidationError({"session": [_("Attendance is recorded once the session has started.")]})
    seats = {seat.pk: seat for seat in session.seats.all()}
    unknown = [pk for pk in attended if pk not in seats]
    if unknown:
        raise ValidationError({"seats": [_("Attendance: a place that is not of this session.")]})
    changed = [seat for pk, value in attended.items() if (seat := seats[pk]).attended != value]
    for seat in changed:
        seat.attended = attended[seat.pk]
    TrainingSeat.objects.bulk_update(changed, ["attended"])
    return len(changed)


# -- reads --------------------------------------------------------------------------------------
def training_sessions_of(programme: Programme) -> QuerySet[TrainingSession]:
    """The programme's sessions with their organisation, theme and number of places taken (`taken`)."""
    published = Practice.objects.filter(status=PracticeStatus.PUBLISHED).order_by("pk")
    return (
        TrainingSession.objects.filter(programme=programme)
        .select_related("programme", "organisation", "theme")
        .prefetch_related(Prefetch("practices", queryset=published, to_attr="published_practices"))
        .annotate(taken=Count("seats", distinct=True))
        .order_by("starts_at", "pk")
    )


def coming_sessions(programme: Programme, *, now: datetime | None = None) -> QuerySet[TrainingSession]:
    """The sessions that have not ended, soonest first."""
    return training_sessions_of(programme).filter(ends_at__gt=now or timezone.now())


def past_sessions(programme: Programme, *, now: datetime | None = None) -> QuerySet[TrainingSession]:
    """The sessions that have ended, latest first."""
    return training_sessions_of(programme).filter(ends_at__lte=now or timezone.now()).order_by("-starts_at", "-pk")


def seats_of(session: TrainingSession) -> QuerySet[TrainingSeat]:
    """The places taken, with their people, in the order they were taken."""
    return session.seats.select_related("volunteer", "user").order_by("taken_at", "pk")


def with_zones(sessions: Iterable[TrainingSession], programme: Programme) -> list[TrainingSession]:
    """Each session with the time zone it is shown in (`zone`): its city's, or the programme's first city's (looked
    up once for the whole list)."""
    sessions, fallback = list(sessions), None
    for session in sessions:
        if session.organisation.is_city:
            session.zone = training_time_zone(programme, session.organisation)
        else:
            fallback = fallback or first_city_time_zone(programme)
            session.zone = fallback
    return sessions


def seat_holder_for(session: TrainingSession, *, user: User, volunteer: Volunteer | None) -> dict | None:
    """Who a request takes a place as (see seat_holder): the volunteer it speaks for, or the signed-in person when
    they take places open to staff (a role in the programme but a volunteer's); None: nobody."""
    staff = user if takes_staff_seats(user, session.programme_id) else None
    return seat_holder(session, volunteer=volunteer, user=staff)


def seat_holder(session: TrainingSession, *, volunteer: Volunteer | None, user: User | None) -> dict | None:
    """Who a request takes a place as in this session: the volunteer when the session is open to volunteers,
    else the account when it is open to staff and `user` is given (only for people with a role); None: nobody."""
    if volunteer is not None and session.audience in FOR_VOLUNTEERS:
        return {"volunteer": volunteer}
    if user is not None and session.audience in FOR_STAFF:
        return {"user": user}
    return None


def has_seat(session: TrainingSession, holder: dict | None) -> bool:
    return holder is not None and session.seats.filter(Q(**holder)).exists()
