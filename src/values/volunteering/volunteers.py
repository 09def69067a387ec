"""Every change to a volunteer's own record: signing up with consent, the double opt-in, the personal link,
applying and withdrawing, and the end of their data (export, erasure, the purge of unconfirmed sign-ups and the
anonymisation of those inactive beyond the retention period).

A sign-up never changes a person at once: what it sends waits in `Volunteer.pending` until the link mailed to
the address is followed, so typing someone else's address changes nothing of theirs, and the same address again
updates the one person instead of making a second. Links carry a random key; only its SHA-256 digest is kept.
"""

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from values.core.text import pick
from values.network.codes import language_code
from values.network.models import City, Organisation, User
from values.network.services import account_for_address
from values.network.tasks import send_email
from values.programme.models import Membership, Programme, Theme
from values.volunteering.enums import BookingStatus, CommitmentStatus, DayPart, OpportunityKind, OpportunityStatus
from values.volunteering.models import Commitment, Opportunity, ShiftBooking, Volunteer
from values.volunteering.places import locate
from values.volunteering.services import clean_languages, clean_skills

CONFIRMATION_DAYS = 7
PAGE_LINK_DAYS = 30
# One mail per address in this time at most: a form sent twice, or sent by someone else, floods nobody.
MAIL_GAP = timedelta(minutes=2)
# Sign-ups and link requests one client address may send in an hour before mails stop (the page says the same).
MAILS_PER_HOUR_PER_ADDRESS = 20
MAX_KM = 500
SLOTS = [f"{weekday}-{part}" for weekday in range(7) for part in DayPart.values]
LIMITS = {"name": 200, "email": 254, "area": 200, "message": 2000, "channel": 100, "campaign": 20}
LABELS = {
    "name": gettext_lazy("Name"), "email": gettext_lazy("E-mail"), "language": gettext_lazy("Language of e-mails"),
    "languages": gettext_lazy("Languages you speak"), "skills": gettext_lazy("Skills"),
    "availability": gettext_lazy("When you are free"), "themes": gettext_lazy("Themes"),
    "city": gettext_lazy("City"), "area": gettext_lazy("Area"), "max_km": gettext_lazy("How far you will go"),
    "birth_year": gettext_lazy("Year of birth"), "consent": gettext_lazy("Consent"),
    "message": gettext_lazy("Message"),
}  # fmt: skip

Errors = dict[str, list[str]]


def retention_months() -> int:
    return settings.VOLUNTEER_RETENTION_MONTHS


def consent_statement(programme: Programme) -> str:
    """What a volunteer agrees to, in the active language: the purpose, who sees what, and for how long."""
    return _(
        "I agree that %(programme)s keeps my name, e-mail address, languages, skills, weekly availability, area "
        "and year of birth to match me with volunteer opportunities in its partner cities and to write to me about "
        "them. Only the organisations whose opportunities I apply to or am matched with, the staff of their city "
        "and the programme's coordinator see them. They are kept while I take part and anonymised %(months)d "
        "months after my last activity; counts and hours stay, without my name. I can download or erase them at "
        "any time from my page."
    ) % {"programme": programme.acronym or pick(programme.title), "months": retention_months()}


def consent_version(programme: Programme) -> str:
    """A short fingerprint of the consent statement as it reads in the active language: what a sign-up that did
    not come through the page (the API) names to say which statement the person agreed to."""
    return digest(consent_statement(programme))[:16]


def consent_language(programme: Programme, version: str) -> str | None:
    """The site's language whose consent statement has this fingerprint now (None: none has, it changed)."""
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            if consent_version(programme) == version:
                return language
    return None


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> tuple[str, str]:
    """A link key and the digest kept of it."""
    key = secrets.token_urlsafe(32)
    return key, digest(key)


@dataclass(frozen=True)
class Issued:
    """What a sign-up or a link request leaves: the volunteer, and the key to mail (None: nothing is mailed)."""

    volunteer: Volunteer | None
    key: str | None


# -- validation ---------------------------------------------------------------------------------
def mail_allowed(client_address: str | None) -> bool:
    """Whether a sign-up or link request from this client address may still send a mail this hour (each asking
    counts)."""
    key = f"volunteer-mails:{client_address}"
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) <= MAILS_PER_HOUR_PER_ADDRESS


def mail_link(
    issued: Issued,
    *,
    client_address: str | None,
    language: str,
    template: str,
    link: Callable[[str], str],
    days: int,
    programme: Programme,
) -> bool:
    """Mail the link a sign-up or a link request issued (`link` makes its address from the key, in `language`),
    unless it issued none or this client address sent too many this hour; True when a mail is queued."""
    if not issued.key or issued.volunteer is None or not mail_allowed(client_address):
        return False
    with translation.override(language):
        context = {"link": link(issued.key), "programme": programme, "days": days}
        subject = "".join(render_to_string(f"volunteering/email/{template}_subject.txt", context).splitlines())
        body = render_to_string(f"volunteering/email/{template}.txt", context)
    send_email.enqueue(subject=subject, body=body, to=[issued.volunteer.email])
    return True


def normalise_email(value: object) -> str:
    return value.strip().lower() if isinstance(value, str) else ""


def _email_problem(email: str) -> str | None:
    if not email:
        return _("E-mail: needed, to send you the link that confirms your sign-up.")
    if len(email) > LIMITS["email"]:
        return _("E-mail: at most %(limit)d characters.") % {"limit": LIMITS["email"]}
    try:
        validate_email(email)
    except ValidationError:
        return _("E-mail: “%(value)s” is not an e-mail address.") % {"value": email[:80]}
    return None


def _slots(values, errors: Errors) -> list[str]:
    unknown = [str(value)[:20] for value in values if value not in SLOTS]
    if unknown:
        errors["availability"] = [_("%(field)s: “%(value)s” is not a day and part of the day.") % {
            "field": LABELS["availability"], "value": unknown[0]}]  # fmt: skip
        return []
    return [slot for slot in SLOTS if slot in values]


def _birth_year_problem(year, today) -> str | None:
    if year is None or (isinstance(year, int) and today.year - 110 <= year <= today.year):
        return None
    return _("%(field)s: a year from %(low)d to %(high)d, or leave it empty.") % {
        "field": LABELS["birth_year"], "low": today.year - 110, "high": today.year}  # fmt: skip


def _id(value) -> int | None:
    """A row id from an id or a row; None for anything else (no database column overflows on it)."""
    value = getattr(value, "pk", value)
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31 else None


def _place_of(programme: Programme, city, theme_ids, errors: Errors) -> tuple[int | None, list[int]]:
    city_id = _id(city)
    partner_cities = Organisation.objects.filter(city__isnull=False, partnerships__programme=programme)
    if city is not None and (city_id is None or not partner_cities.filter(pk=city_id).exists()):
        errors["city"] = [_("City: choose one of the programme's partner cities, or none.")]
    wanted = {_id(theme) for theme in theme_ids}
    themes = set(Theme.objects.filter(programme=programme, pk__in=wanted - {None}).values_list("pk", flat=True))
    if themes != wanted:
        errors["themes"] = [_("Themes: choose among the programme's themes.")]
    return city_id, sorted(themes)


def clean_details(programme: Programme, details: dict, *, today=None) -> dict:
    """The sign-up's details as they will be kept, or a ValidationError naming each field that is wrong."""
    today = today or timezone.localdate()
    errors: Errors = {}
    name = str(details.get("name") or "").strip()
    if not name or len(name) > LIMITS["name"]:
        errors["name"] = [_("Name: needed, at most %(limit)d characters.") % {"limit": LIMITS["name"]}]
    language = language_code(details.get("language") or "") or "en"
    languages = clean_languages(details.get("languages") or [], errors, label=LABELS["languages"])
    skills = clean_skills(details.get("skills") or [], errors)
    availability = _slots(details.get("availability") or [], errors)
    city, themes = _place_of(programme, details.get("city"), list(details.get("themes") or []), errors)
    area = str(details.get("area") or "").strip()
    if len(area) > LIMITS["area"]:
        errors["area"] = [_("Area: at most %(limit)d characters.") % {"limit": LIMITS["area"]}]
    max_km = details.get("max_km", 10)
    if not (isinstance(max_km, int) and not isinstance(max_km, bool) and 1 <= max_km <= MAX_KM):
        errors["max_km"] = [_("How far you will go: from 1 to %(limit)d km.") % {"limit": MAX_KM}]
    if problem := _birth_year_problem(details.get("birth_year"), today):
        errors["birth_year"] = [problem]
    if errors:
        raise ValidationError(errors)
    latitude, longitude = _whereabouts(programme, area, city)
    return {
        "name": name, "language": language, "languages": languages, "skills": skills, "availability": availability,
        "city": city, "themes": themes, "area": area, "max_km": max_km, "birth_year": details.get("birth_year"),
        "latitude": latitude, "longitude": longitude,
    }  # fmt: skip


def _whereabouts(programme: Programme, area: str, city_id: int | None) -> tuple[float | None, float | None]:
    """Where to measure distances from: the area when the platform knows it (a city, a neighbourhood, a postcode),
    else the city's centre, else nowhere (only the city then matters). An unknown area is kept as typed."""
    place = locate(area, programme) if area else None
    if place is not None:
        return place.latitude, place.longitude
    city = City.objects.filter(organisation_id=city_id).first() if city_id else None
    return (float(city.lat), float(city.lon)) if city else (None, None)


def campaign_reference(campaign: str, channel: str) -> tuple[str, str]:
    """Where the call reached the person, kept only when it looks like a campaign's link made it."""
    campaign = campaign if campaign.isdigit() and len(campaign) <= LIMITS["campaign"] else ""
    return campaign, channel.strip()[: LIMITS["channel"]] if campaign else ""


# -- signing up ---------------------------------------------------------------------------------
def _volunteer_for(programme: Programme, email: str) -> Volunteer:
    """The one row of this address in the programme, made if need be; two sign-ups at once make one row."""
    volunteer = Volunteer.objects.select_for_update().filter(programme=programme, email=email).first()
    if volunteer is not None:
        return volunteer
    try:
        with transaction.atomic():
            return Volunteer.objects.create(programme=programme, email=email)
    except IntegrityError:
        return Volunteer.objects.select_for_update().get(programme=programme, email=email)


@transaction.atomic
def sign_up(
    programme: Programme,
    *,
    email: str,
    details: dict,
    consent: bool,
    campaign: str = "",
    channel: str = "",
    opportunity: Opportunity | None = None,
    now: datetime | None = None,
) -> Issued:
    """Keep a sign-up until its address confirms it, and give the key to mail (None when a mail to this address
    went out moments ago). The details replace the person's only once confirmed."""
    now = now or timezone.now()
    email = normalise_email(email)
    errors: Errors = {}
    if problem := _email_problem(email):
        errors["email"] = [problem]
    if not consent:
        errors["consent"] = [_("Consent: tick it to sign up; without it we keep nothing.")]
    try:
        cleaned = clean_details(programme, details)
    except ValidationError as problem:
        errors |= problem.message_dict
    if errors:
        raise ValidationError(errors)
    volunteer = _volunteer_for(programme, email)
    campaign, channel = campaign_reference(campaign, channel)
    volunteer.pending = cleaned | {
        "consent_text": consent_statement(programme), "consented_at": now.isoformat(),
        "campaign": campaign, "channel": channel,
        "opportunity": opportunity.pk if opportunity is not None else None,
    }  # fmt: skip
    recently = volunteer.confirmation_sent_at and now - volunteer.confirmation_sent_at < MAIL_GAP
    key = None
    if not recently:
        key, volunteer.confirmation_digest = new_key()
        volunteer.confirmation_sent_at = now
    volunteer.save()
    return Issued(volunteer, key)


def _by_key(programme: Programme, key: str, digest_field: str, sent_field: str, days: int, now) -> Volunteer | None:
    if not isinstance(key, str) or not 20 <= len(key) <= 100:
        return None
    filters = {digest_field: digest(key), f"{sent_field}__gte": now - timedelta(days=days)}
    return (
        Volunteer.objects.select_for_update().filter(programme=programme, anonymised_at__isnull=True, **filters).first()
    )


@transaction.atomic
def confirm_sign_up(programme: Programme, key: str, *, now: datetime | None = None) -> Volunteer | None:
    """Apply the sign-up the key was mailed for (None: the key is unknown, used or older than a week)."""
    now = now or timezone.now()
    volunteer = _by_key(programme, key, "confirmation_digest", "confirmation_sent_at", CONFIRMATION_DAYS, now)
    if volunteer is None or not volunteer.pending:
        return None
    pending = dict(volunteer.pending)
    themes, opportunity_id = pending.pop("themes"), pending.pop("opportunity", None)
    consented_at = datetime.fromisoformat(pending.pop("consented_at"))
    campaign, channel = pending.pop("campaign", ""), pending.pop("channel", "")
    if not volunteer.confirmed:  # the campaign that first brought them is the one that counts
        volunteer.campaign, volunteer.channel = campaign, channel
    for field, value in pending.items():
        setattr(volunteer, "city_id" if field == "city" else field, value)
    volunteer.consented_at = consented_at
    volunteer.confirmed_at = volunteer.confirmed_at or now
    volunteer.last_active_at = now
    volunteer.pending, volunteer.confirmation_digest = {}, ""
    volunteer.save()
    volunteer.themes.set(Theme.objects.filter(programme=programme, pk__in=themes))
    opportunity = Opportunity.objects.filter(programme=programme, pk=opportunity_id).first()
    if opportunity is not None and opportunity.status == OpportunityStatus.PUBLISHED:
        apply(volunteer, opportunity)
    return volunteer


@transaction.atomic
def issue_page_link(programme: Programme, email: str, *, now: datetime | None = None) -> Issued:
    """A new key for a confirmed volunteer's personal page (the old one stops working), or nothing when the
    address is not a confirmed volunteer's or was sent one moments ago: the page says the same either way."""
    now = now or timezone.now()
    email = normalise_email(email)
    volunteer = (
        Volunteer.objects.select_for_update()
        .filter(programme=programme, email=email, confirmed_at__isnull=False, anonymised_at__isnull=True)
        .first()
    )
    if volunteer is None or _email_problem(email):
        return Issued(None, None)
    if volunteer.page_link_sent_at and now - volunteer.page_link_sent_at < MAIL_GAP:
        return Issued(volunteer, None)
    key, volunteer.page_digest = new_key()
    volunteer.page_link_sent_at = now
    volunteer.save(update_fields=["page_digest", "page_link_sent_at"])
    return Issued(volunteer, key)


@transaction.atomic
def open_page(programme: Programme, key: str, *, now: datetime | None = None) -> Volunteer | None:
    """The confirmed volunteer whose personal link this is (None: unknown or older than PAGE_LINK_DAYS)."""
    now = now or timezone.now()
    volunteer = _by_key(programme, key, "page_digest", "page_link_sent_at", PAGE_LINK_DAYS, now)
    if volunteer is None or not volunteer.confirmed:
        return None
    volunteer.last_active_at = now
    volunteer.save(update_fields=["last_active_at"])
    return volunteer


@transaction.atomic
def change_details(volunteer: Volunteer, details: dict, *, now: datetime | None = None) -> Volunteer:
    """The volunteer changes their own details from their page (their address stays: it is who they are)."""
    cleaned = clean_details(volunteer.programme, details)
    themes = cleaned.pop("themes")
    for field, value in cleaned.items():
        setattr(volunteer, "city_id" if field == "city" else field, value)
    volunteer.last_active_at = now or timezone.now()
    volunteer.save()
    volunteer.themes.set(themes)
    return volunteer


# -- an account, for those who ask ------------------------------------------------------------------
@transaction.atomic
def give_account(volunteer: Volunteer) -> tuple[User, bool]:
    """Tie an account to the volunteer: the one of their address if there is one, else a new one with a password
    nobody knows, which they set by the password-reset mail. True when the account is new."""
    if volunteer.user_id:
        return volunteer.user, False
    user, made = account_for_address(email=volunteer.email, name=volunteer.name)
    if Volunteer.objects.filter(user=user).exclude(pk=volunteer.pk).exists():
        raise ValidationError({"user": [_("This account already belongs to another volunteer's record.")]})
    volunteer.user = user
    volunteer.save(update_fields=["user"])
    return user, made


def _own_account(user: User | None) -> bool:
    """An account made for a volunteer and nothing more: no role, no staff rights. It goes with their data."""
    if user is None or user.is_staff or user.is_superuser:
        return False
    return not Membership.objects.filter(user=user).exists()


# -- applying ---------------------------------------------------------------------------------------
def open_to_all(opportunity: Opportunity) -> bool:
    """Meet-ups, language cafés and welcome events without minors or vulnerable people take whoever comes: the
    organisation accepts each volunteer for a role, and for any work with minors or vulnerable people."""
    return opportunity.kind != OpportunityKind.VOLUNTEER_ROLE and not opportunity.vulnerable_people


@transaction.atomic
def apply(volunteer: Volunteer, opportunity: Opportunity, *, message: str = "") -> Commitment:
    """The volunteer offers to take part (again, after withdrawing); accepted at once where it is open to all."""
    if opportunity.programme_id != volunteer.programme_id or opportunity.status != OpportunityStatus.PUBLISHED:
        raise ValidationError({"opportunity": [_("This opportunity is not open for volunteers.")]})
    message = message.strip()
    if len(message) > LIMITS["message"]:
        raise ValidationError({"message": [_("Message: at most %(limit)d characters.") % {"limit": LIMITS["message"]}]})
    commitment, _made = Commitment.objects.select_for_update().get_or_create(
        volunteer=volunteer, opportunity=opportunity
    )
    if commitment.status in (CommitmentStatus.APPLIED, CommitmentStatus.ACCEPTED) and not _made:
        return commitment
    if commitment.status == CommitmentStatus.DECLINED:
        raise ValidationError({"opportunity": [_("The organisation has already answered your offer for this one.")]})
    accepted = open_to_all(opportunity)
    commitment.status = CommitmentStatus.ACCEPTED if accepted else CommitmentStatus.APPLIED
    commitment.decided_at, commitment.decided_by = (timezone.now() if accepted else None), None
    commitment.message = message
    commitment.save()
    _touch(volunteer)
    return commitment


def may_withdraw(commitment: Commitment) -> bool:
    """An offer still waiting for its answer, or accepted, may be withdrawn (a declined one stays declined)."""
    return commitment.status in (CommitmentStatus.APPLIED, CommitmentStatus.ACCEPTED)


@transaction.atomic
def withdraw(volunteer: Volunteer, commitment: Commitment) -> Commitment:
    """The volunteer steps back: the commitment is withdrawn and their places on coming shifts are freed."""
    if commitment.volunteer_id != volunteer.pk:
        raise ValidationError({"commitment": [_("This is not one of your commitments.")]})
    if not may_withdraw(commitment):
        raise ValidationError({"commitment": [_("Only an offer waiting for an answer, or accepted, is withdrawn.")]})
    commitment.status = CommitmentStatus.WITHDRAWN
    commitment.save(update_fields=["status"])
    ShiftBooking.objects.filter(
        volunteer=volunteer, shift__opportunity=commitment.opportunity_id, shift__starts_at__gt=timezone.now(),
        status=BookingStatus.CONFIRMED,
    ).update(status=BookingStatus.CANCELLED, cancelled_at=timezone.now())  # fmt: skip
    _touch(volunteer)
    return commitment


def _touch(volunteer: Volunteer) -> None:
    volunteer.last_active_at = timezone.now()
    volunteer.save(update_fields=["last_active_at"])


# -- the end of their data -----------------------------------------------------------------------------
@transaction.atomic
def erase(volunteer: Volunteer, *, now: datetime | None = None) -> Volunteer:
    """Remove everything that tells who the volunteer is; their commitments and hours stay as counts, with no
    name, address, contact or message. Coming shifts are freed. Used for erasure on request and for retention."""
    now = now or timezone.now()
    ShiftBooking.objects.filter(volunteer=volunteer, shift__starts_at__gt=now, status=BookingStatus.CONFIRMED).update(
        status=BookingStatus.CANCELLED, cancelled_at=now
    )
    volunteer.commitments.update(message="")
    volunteer.hours.update(note="")
    for field in ("email", "name", "area", "consent_text", "confirmation_digest", "page_digest"):
        setattr(volunteer, field, "")
    volunteer.languages, volunteer.skills, volunteer.availability, volunteer.pending = [], [], [], {}
    account = volunteer.user
    volunteer.latitude = volunteer.longitude = volunteer.birth_year = volunteer.user = None
    volunteer.anonymised_at = now
    volunteer.save()
    if _own_account(account):
        account.delete()
    volunteer.themes.clear()
    volunteer.training_seats.filter(session__starts_at__gt=now).delete()
    return volunteer


def purge_unconfirmed(*, now: datetime | None = None) -> int:
    """Sign-ups never confirmed vanish after CONFIRMATION_DAYS, and a change never confirmed is dropped."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=CONFIRMATION_DAYS)
    stale = Volunteer.objects.filter(confirmed_at__isnull=True, anonymised_at__isnull=True, created_at__lt=cutoff)
    stale = stale.exclude(confirmation_sent_at__gte=cutoff)
    removed, _counts = stale.delete()
    Volunteer.objects.filter(confirmed_at__isnull=False, confirmation_sent_at__lt=cutoff).exclude(pending={}).update(
        pending={}, confirmation_digest=""
    )
    return removed


def anonymise_inactive(*, now: datetime | None = None) -> int:
    """Volunteers with no activity for the retention period, and no coming shift, become counts only."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=round(retention_months() * 30.44))
    inactive = (
        Volunteer.objects.filter(confirmed_at__isnull=False, anonymised_at__isnull=True, last_active_at__lt=cutoff)
        .exclude(bookings__status=BookingStatus.CONFIRMED, bookings__shift__ends_at__gt=now)
        .distinct()
    )
    count = 0
    for volunteer in inactive:
        erase(volunteer, now=now)
        count += 1
    return count
