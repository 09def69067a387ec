"""Every change to organisations, cities, people, accounts and memberships."""

from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction

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
