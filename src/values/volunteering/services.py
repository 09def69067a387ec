"""Every change to volunteer opportunities and their shifts. Each refusal is a ValidationError naming the
field it is about, and a refused change leaves the database as it was."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from values.core.text import Texts, check_fingerprint, pick, set_translation
from values.network.codes import language_code
from values.network.enums import AuditAction
from values.network.models import Organisation, User
from values.network.services import record_audit
from values.programme.models import Programme, Theme
from values.volunteering.enums import OpportunityKind, OpportunityStatus
from values.volunteering.models import MAX_AGE, MAX_PLACES, Opportunity, Shift

# Beyond these a value is a slip of the keyboard (or an attack), never an opportunity.
TEXT_LIMITS = {"title": 200, "description": 20_000, "neighbourhood": 200, "accessibility": 2_000, "skill": 80}
MAX_SKILLS = 20
MAX_LANGUAGES = 20
MAX_WEEKLY_SHIFTS = 200
LABELS = {
    "title": gettext_lazy("Title"), "description": gettext_lazy("Description"),
    "neighbourhood": gettext_lazy("Neighbourhood"), "accessibility": gettext_lazy("Accessibility"),
    "skills": gettext_lazy("Skills"), "languages": gettext_lazy("Languages wanted"),
    "places": gettext_lazy("Places"), "minimum_age": gettext_lazy("Minimum age"),
    "latitude": gettext_lazy("Latitude"), "longitude": gettext_lazy("Longitude"),
    "start_date": gettext_lazy("From"), "end_date": gettext_lazy("Until"),
}  # fmt: skip

Errors = dict[str, list[str]]


def _whole_number_problem(name: str, value, low: int, high: int) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return None
    return _("%(field)s: a whole number from %(low)d to %(high)d.") % {"field": LABELS[name], "low": low, "high": high}


def text_problem(label, text: str, limit: int) -> str | None:
    """What is wrong with a text longer than `limit` (None: nothing); volunteers' and training's texts too."""
    if len(text) <= limit:
        return None
    return _("%(field)s: at most %(limit)d characters, not %(length)d.") % {
        "field": label, "limit": limit, "length": len(text)
    }  # fmt: skip


def _text_problem(name: str, text: str) -> str | None:
    return text_problem(LABELS[name], text, TEXT_LIMITS[name])


def _position_problems(latitude, longitude) -> Errors:
    errors: Errors = {}
    if (latitude is None) != (longitude is None):
        errors["latitude" if latitude is None else "longitude"] = [_("Give both latitude and longitude, or neither.")]
    for name, value, bound in (("latitude", latitude, 90), ("longitude", longitude, 180)):
        if value is not None and not (isinstance(value, int | float) and -bound <= value <= bound):
            errors[name] = [
                _("%(field)s: from -%(bound)d to %(bound)d degrees.") % {"field": LABELS[name], "bound": bound}
            ]
    return errors


def clean_languages(codes, errors: Errors, *, label=LABELS["languages"]) -> list[str]:
    """ISO 639-1 codes in lower case, each once, at most MAX_LANGUAGES; a problem goes in `errors["languages"]`.
    An opportunity's languages wanted and a volunteer's languages spoken alike."""
    cleaned = []
    for code in codes:
        known = language_code(code)
        if known is None:
            errors["languages"] = [_("%(field)s: %(code)s is not an ISO 639-1 language code (such as it, en, ar).") % {
                "field": label, "code": str(code)[:20]}]  # fmt: skip
            return []
        if known not in cleaned:
            cleaned.append(known)
    if len(cleaned) > MAX_LANGUAGES:
        errors["languages"] = [_("%(field)s: at most %(count)d.") % {"field": label, "count": MAX_LANGUAGES}]
    return cleaned


def clean_skills(skills, errors: Errors) -> list[str]:
    """Skills trimmed, each once, at most MAX_SKILLS of at most TEXT_LIMITS["skill"] characters; a problem goes in
    `errors["skills"]`. An opportunity's skills wanted and a volunteer's alike."""
    cleaned = list(dict.fromkeys(str(skill).strip() for skill in skills if str(skill).strip()))
    if len(cleaned) > MAX_SKILLS:
        errors["skills"] = [_("%(field)s: at most %(count)d.") % {"field": LABELS["skills"], "count": MAX_SKILLS}]
    for skill in cleaned:
        if problem := text_problem(LABELS["skills"], skill, TEXT_LIMITS["skill"]):
            errors["skills"] = [problem]
    return cleaned


def _period_problems(programme: Programme, start: date | None, end: date | None) -> Errors:
    errors: Errors = {}
    outside = _("%(field)s: a date within the programme, from %(first)s to %(last)s.")
    for name, day in (("start_date", start), ("end_date", end)):
        if day is not None and not programme.start <= day <= programme.end:
            errors[name] = [outside % {"field": LABELS[name], "first": programme.start, "last": programme.end}]
    if start is None:
        errors["start_date"] = [_("%(field)s: needed.") % {"field": LABELS["start_date"]}]
    if start and end and end < start and "end_date" not in errors:
        errors["end_date"] = [_("The opportunity ends before it starts.")]
    return errors


def _place_problems(programme: Programme, organisation: Organisation, city: Organisation | None, theme) -> Errors:
    errors: Errors = {}
    partners = Organisation.objects.filter(partnerships__programme=programme)
    if not partners.filter(pk=organisation.pk).exists():
        errors["organisation"] = [_("Only a partner of this programme offers opportunities in it.")]
    if city is None or not city.is_city or not partners.filter(pk=city.pk).exists():
        errors["city"] = [_("Choose one of the programme's partner cities.")]
    elif organisation.is_city and city.pk != organisation.pk:
        errors["city"] = [_("A city's own opportunities happen in that city.")]
    if not isinstance(theme, Theme) or theme.programme_id != programme.pk:
        errors["theme"] = [_("Choose one of the programme's themes.")]
    return errors


@transaction.atomic
def save_opportunity(
    programme: Programme,
    *,
    opportunity: Opportunity | None = None,
    organisation: Organisation,
    by: User | None,
    original_language: str,
    title: str,
    description: str = "",
    kind: str,
    theme: Theme | None,
    city: Organisation | None,
    neighbourhood: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    languages: list[str] = (),
    skills: list[str] = (),
    places: int,
    minimum_age: int = 0,
    vulnerable_people: bool = False,
    background_check_seen: bool = False,
    accessibility: str = "",
    start_date: date | None,
    end_date: date | None = None,
) -> Opportunity:
    """Offer an opportunity (or change one): its texts in their original language, the rest as given."""
    texts = {"title": title.strip(), "description": description.strip(), "neighbourhood": neighbourhood.strip(),
             "accessibility": accessibility.strip()}  # fmt: skip
    errors: Errors = {name: [problem] for name, text in texts.items() if (problem := _text_problem(name, text))}
    if not texts["title"]:
        errors["title"] = [_("Needed in the original language (%(language)s).") % {"language": original_language}]
    if language_code(original_language) is None:
        errors["original_language"] = [_("Choose the language these texts are written in.")]
    if kind not in OpportunityKind.values:
        errors["kind"] = [_("Choose one of the kinds offered.")]
    for name, value, high, low in (("places", places, MAX_PLACES, 1), ("minimum_age", minimum_age, MAX_AGE, 0)):
        if problem := _whole_number_problem(name, value, low, high):
            errors[name] = [problem]
    errors |= _position_problems(latitude, longitude)
    errors |= _period_problems(programme, start_date, end_date)
    errors |= _place_problems(programme, organisation, city, theme)
    cleaned_languages, cleaned_skills = clean_languages(languages, errors), clean_skills(skills, errors)
    published = opportunity is not None and opportunity.status == OpportunityStatus.PUBLISHED
    if published and vulnerable_people and not background_check_seen:
        errors["background_check_seen"] = [_("A published opportunity with minors or vulnerable people needs it.")]
    if errors:
        raise ValidationError(errors)
    if opportunity is None:
        opportunity = Opportunity(programme=programme, created_by=by, title={}, description={})
    opportunity.organisation, opportunity.original_language = organisation, language_code(original_language)
    for name in ("title", "description"):
        value = dict(getattr(opportunity, name) or {})
        value[opportunity.original_language] = texts[name]
        setattr(opportunity, name, {code: text for code, text in value.items() if text})
    if not background_check_seen:
        opportunity.background_check_seen_at, opportunity.background_check_seen_by = None, None
    elif opportunity.background_check_seen_at is None:
        opportunity.background_check_seen_at, opportunity.background_check_seen_by = timezone.now(), by
    fields = {
        "kind": kind, "theme": theme, "city": city, "neighbourhood": texts["neighbourhood"], "latitude": latitude,
        "longitude": longitude, "languages": cleaned_languages, "skills": cleaned_skills, "places": places,
        "minimum_age": minimum_age, "vulnerable_people": vulnerable_people, "accessibility": texts["accessibility"],
        "start_date": start_date, "end_date": end_date,
    }  # fmt: skip
    for name, value in fields.items():
        setattr(opportunity, name, value)
    opportunity.save()
    return opportunity


OPPORTUNITY_TEXTS = ("title", "description")


def opportunity_texts(opportunity: Opportunity) -> Texts:
    """An opportunity's translatable texts, field name to language→text."""
    return {name: getattr(opportunity, name) or {} for name in OPPORTUNITY_TEXTS}


def translation_problems(original_language: str, language: str, texts: dict[str, str], labels, limits) -> Errors:
    """What is wrong with a translation into `language` (as translate_practice judges one): field to reasons."""
    if language_code(language) is None:
        return {"language": [_("Not an ISO 639-1 language code.")]}
    if language == original_language:
        return {"language": [_("This is the original language: change it on the edit page.")]}
    errors: Errors = {
        name: [problem] for name, text in texts.items() if (problem := text_problem(labels[name], text, limits[name]))
    }
    if not texts.get("title", "").strip():
        errors["title"] = [_("A translation needs at least the title.")]
    return errors


@transaction.atomic
def translate_opportunity(
    opportunity: Opportunity, *, language: str, texts: dict[str, str], seen: str | None = None
) -> Opportunity:
    """Add or change the opportunity's texts in another language; a missing one falls back to the original. A
    save over texts changed since the translator's page showed them (`seen`) is refused: TranslationConflict."""
    return translate_item(
        opportunity, OPPORTUNITY_TEXTS, LABELS, TEXT_LIMITS, language=language, texts=texts, seen=seen
    )


def translate_item(item, names: tuple[str, ...], labels, limits, *, language: str, texts: dict[str, str],
                   seen: str | None):  # fmt: skip
    """Put a translation on an opportunity or a training session (`names`, its text fields, with their labels and
    length limits), under a lock on its row and only over the texts the translator's page showed (`seen`)."""
    texts = {name: texts.get(name, "").strip() for name in names}
    if errors := translation_problems(item.original_language, language, texts, labels, limits):
        raise ValidationError(errors)
    locked = type(item).objects.select_for_update().get(pk=item.pk)
    current = {name: getattr(locked, name) or {} for name in names}
    check_fingerprint(seen, current, original=locked.original_language)
    set_translation(locked, language, texts, names)
    locked.save(update_fields=list(names))
    for name in names:
        setattr(item, name, getattr(locked, name))
    return item


@transaction.atomic
def publish_opportunity(opportunity: Opportunity, *, by: User | None) -> Opportunity:
    """Make a draft public; one with minors or vulnerable people needs the background check recorded first."""
    if opportunity.status != OpportunityStatus.DRAFT:
        raise ValidationError({"status": [_("Only a draft is published.")]})
    if opportunity.vulnerable_people and not opportunity.background_check_seen:
        raise ValidationError(
            {"background_check_seen": [_("Record that the background check was seen before publishing: this "
                                          "opportunity works with minors or vulnerable people.")]}
        )  # fmt: skip
    opportunity.status, opportunity.published_at = OpportunityStatus.PUBLISHED, timezone.now()
    opportunity.save(update_fields=["status", "published_at"])
    record_audit(AuditAction.PUBLISHED, by=by, target=f"opportunity {opportunity.pk}: {pick(opportunity.title)}")
    return opportunity


@transaction.atomic
def close_opportunity(opportunity: Opportunity, *, by: User | None) -> Opportunity:
    """Take a published opportunity off the list; its page stays, marked closed."""
    if opportunity.status != OpportunityStatus.PUBLISHED:
        raise ValidationError({"status": [_("Only a published opportunity is closed.")]})
    opportunity.status, opportunity.closed_at = OpportunityStatus.CLOSED, timezone.now()
    opportunity.save(update_fields=["status", "closed_at"])
    return opportunity


# -- shifts -------------------------------------------------------------------------------------
def _last_day(opportunity: Opportunity) -> date:
    return opportunity.end_date or opportunity.programme.end


def _shift_places(opportunity: Opportunity, places: int | None, errors: Errors) -> int:
    if places is None:
        return opportunity.places
    if problem := _whole_number_problem("places", places, 1, MAX_PLACES):
        errors["places"] = [problem]
    return places


def _within_dates_problem(opportunity: Opportunity, first: date, last: date) -> str | None:
    if opportunity.start_date <= first and last <= _last_day(opportunity):
        return None
    return _("A shift falls within the opportunity's dates, from %(first)s to %(last)s.") % {
        "first": opportunity.start_date, "last": _last_day(opportunity)
    }  # fmt: skip


def add_shift(opportunity: Opportunity, *, starts_at: datetime, ends_at: datetime, places: int | None = None) -> Shift:
    """One shift, from `starts_at` to `ends_at` (aware times); its places default to the opportunity's."""
    errors: Errors = {}
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValidationError({"starts_at": [_("A shift's times need their time zone.")]})
    if ends_at <= starts_at:
        errors["ends_at"] = [_("A shift ends after it starts.")]
    zone = opportunity.time_zone
    first, last = starts_at.astimezone(zone).date(), ends_at.astimezone(zone).date()
    if problem := _within_dates_problem(opportunity, first, last):
        errors["starts_at"] = [problem]
    places = _shift_places(opportunity, places, errors)
    if errors:
        raise ValidationError(errors)
    return Shift.objects.create(opportunity=opportunity, starts_at=starts_at, ends_at=ends_at, places=places)


def weekly_times(
    weekday: int, starts: time, ends: time, first: date, last: date, zone
) -> list[tuple[datetime, datetime]]:
    """The start and end of every `weekday` (0 Monday … 6 Sunday) from `first` to `last`, in `zone`."""
    day = first + timedelta(days=(weekday - first.weekday()) % 7)
    times = []
    while day <= last:
        times.append((datetime.combine(day, starts, tzinfo=zone), datetime.combine(day, ends, tzinfo=zone)))
        day += timedelta(days=7)
    return times


@transaction.atomic
def add_weekly_shifts(
    opportunity: Opportunity,
    *,
    weekday: int,
    starts: time,
    ends: time,
    first_date: date,
    last_date: date,
    places: int | None = None,
) -> list[Shift]:
    """A shift on every `weekday` from `first_date` to `last_date`, from `starts` to `ends` in the city's time:
    at most MAX_WEEKLY_SHIFTS at once."""
    errors: Errors = {}
    if not (isinstance(weekday, int) and 0 <= weekday <= 6):
        errors["weekday"] = [_("Choose a day of the week.")]
    if ends <= starts:
        errors["ends"] = [_("A shift ends after it starts (on the same day).")]
    if last_date < first_date:
        errors["last_date"] = [_("The last date comes before the first.")]
    elif problem := _within_dates_problem(opportunity, first_date, last_date):
        errors["first_date" if first_date < opportunity.start_date else "last_date"] = [problem]
    places = _shift_places(opportunity, places, errors)
    if errors:
        raise ValidationError(errors)
    times = weekly_times(weekday, starts, ends, first_date, last_date, opportunity.time_zone)
    if not times:
        raise ValidationError({"weekday": [_("That day of the week does not fall between the two dates.")]})
    if len(times) > MAX_WEEKLY_SHIFTS:
        raise ValidationError(
            {"last_date": [_("This pattern makes %(count)d shifts: at most %(limit)d at once; choose an earlier last "
                             "date.") % {"count": len(times), "limit": MAX_WEEKLY_SHIFTS}]}
        )  # fmt: skip
    return Shift.objects.bulk_create(
        Shift(opportunity=opportunity, starts_at=start, ends_at=end, places=places) for start, end in times
    )


def remove_shift(shift: Shift) -> None:
    shift.delete()
