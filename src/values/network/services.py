"""Every change to organisations, cities, people, accounts and memberships."""

import secrets
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from values.core.languages import interface_language
from values.core.text import TranslatableText
from values.network.enums import AuditAction
from values.network.models import AuditEntry, City, Organisation, Person, User

COORDINATORS_GROUP = "coordinators"
# The apps whose data a coordinator manages in the admin.
COORDINATOR_APPS = ("network", "programme", "finance", "activities", "planning", "knowledge", "reports", "actionplans")


def save_organisation(*, key: str, name: TranslatableText, kind: str, country: str) -> Organisation:
    organisation, _ = Organisation.objects.update_or_create(
        key=key, defaults={"name": name, "kind": kind, "country": country}
    )
    return organisation


def save_city(organisation: Organisation, *, name: str, lat: Decimal, lon: Decimal, languages: list[str]) -> City:
    city, _ = City.objects.update_or_create(
        organisation=organisation, defaults={"name": name, "lat": lat, "lon": lon, "languages": languages}
    )
    return city


def remove_city(organisation: Organisation) -> None:
    City.objects.filter(organisation=organisation).delete()


def replace_people(organisation: Organisation, people: list[dict]) -> None:
    """The contacts of an organisation become those given (name, role, email, unit), in order."""
    organisation.people.all().delete()
    Person.objects.bulk_create(
        Person(organisation=organisation, position=position, **person) for position, person in enumerate(people)
    )


@transaction.atomic
def create_account(*, username: str, email: str, password: str, first_name: str = "", last_name: str = "") -> User:
    return User.objects.create_user(
        username=username, email=email, password=password, first_name=first_name, last_name=last_name
    )


def split_name(name: str) -> tuple[str, str]:
    """A name typed in one field as first and last name: the last word is the family name ("Anna Maria Rossi")."""
    words = name.split()
    if len(words) < 2:
        return " ".join(words), ""
    return " ".join(words[:-1]), words[-1]


def account_for_address(*, email: str, name: str) -> tuple[User, bool]:
    """The active account of this address, else a new one in this name whose password nobody knows (True: new).
    The person sets the password by a link (an invitation, or "forgot your password", which a usable-but-secret
    password keeps open to them, where Django's reset form ignores accounts with no usable password at all).
    Invitations to activities and volunteers who ask for an account both come here."""
    existing = User.objects.filter(email__iexact=email, is_active=True).order_by("pk").first()
    if existing is not None:
        return existing, False
    first_name, last_name = split_name(name)
    user = create_account(
        username=_free_username(email),
        email=email,
        password=secrets.token_urlsafe(32),
        first_name=first_name[:150],
        last_name=last_name[:150],
    )
    return user, True


def _free_username(email: str) -> str:
    """The address itself as the login when it is free and fits; else its local part with a number."""
    if len(email) <= 150 and not User.objects.filter(username__iexact=email).exists():
        return email
    stem = email.split("@")[0][:120]
    number = 2
    while User.objects.filter(username__iexact=f"{stem}-{number}").exists():
        number += 1
    return f"{stem}-{number}"


def password_setting_path(user: User) -> str:
    """The address (in the active language) where this person chooses a password, valid for
    PASSWORD_RESET_TIMEOUT and used once: Django's password-reset token, which changes with the password."""
    uid, token = urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)
    return reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})


# The actor of what a `values` command does: whoever runs commands has the server, not an account.
COMMAND_LINE = "(command line)"


# Where a person's language comes from when they chose none: each source is added by the app that knows it
# (programme's `ready()` adds the languages of the person's partner city).
LANGUAGE_SOURCES: list[Callable[[User], list[str]]] = []


def language_of(user: User, default: str | None = None) -> str:
    """The language to show and write to a person in: the one they chose, else their city's, else `default`
    (the site's language when not given)."""
    if chosen := interface_language(user.language):
        return chosen
    for source in LANGUAGE_SOURCES:
        for code in source(user):
            if found := interface_language(code):
                return found
    return default or settings.LANGUAGE_CODE


def remember_language(user: User, code: object) -> bool:
    """Keep the interface language a person chose; anything but a language of the interface is ignored."""
    language = interface_language(code)
    if language is None or not user.is_authenticated or user.language == language:
        return False
    user.language = language
    user.save(update_fields=["language"])
    return True


def record_audit(
    action: AuditAction,
    *,
    by: User | None = None,
    target: object = "",
    detail: dict | None = None,
    actor_name: str | None = None,
    address: str | None = None,
) -> AuditEntry:
    """Keep one sensitive action in the audit log; the only code that writes it."""
    return AuditEntry.objects.create(
        action=action,
        actor=by if by is not None and by.pk else None,
        actor_name=(actor_name if actor_name is not None else (by.get_username() if by else ""))[:150],
        target=str(target)[:200],
        detail=detail or {},
        address=address,
    )


def coordinators_group() -> Group:
    """The admin group with every permission on the platform's own data."""
    group, _ = Group.objects.get_or_create(name=COORDINATORS_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=COORDINATOR_APPS)
    group.permissions.set(permissions)
    return group


def kept_units(organisation: Organisation, people: list[dict]) -> list[dict]:
    """Contacts given without their office (name, role, email) with the office of the current contact of the same
    e-mail, else name: changing someone's details does not lose what only the programme file gives."""
    units = {}
    for person in organisation.people.all():
        units.setdefault(_contact_key(person.name, person.email), person.unit)
    return [person | {"unit": units.get(_contact_key(person["name"], person["email"]), "")} for person in people]


def _contact_key(name: str, email: str) -> str:
    return email.lower() or f"name:{name}"


@transaction.atomic
def update_organisation(
    organisation: Organisation,
    *,
    name: TranslatableText,
    country: str,
    city: dict | None = None,
    people: list[dict] | None = None,
) -> Organisation:
    """Change an organisation's own details, its city and its contacts in one step."""
    organisation.name = name
    organisation.country = country
    organisation.save(update_fields=["name", "country"])
    if city is not None:
        save_city(organisation, **city)
    if people is not None:
        replace_people(organisation, people)
    return organisation
