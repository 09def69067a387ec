"""Who may do what with accounts and the site: sign-in's second factor, the audit log, contact details.

Roles belong to programmes (`programme.models.Membership`, decided in `programme.permissions`): what a person may
do in a programme is that app's to say. Network asks only whether a person oversees the site (coordinates a
programme, or is a superuser), through the checks the app holding the roles adds (`OVERSIGHT_CHECKS`, filled by
programme's `ready()`), so that it never imports the layers above it.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from values.network.models import User

AnyUser = User | AnonymousUser

# Whether a person oversees the site: each check is added by the app that knows the roles.
OVERSIGHT_CHECKS: list[Callable[[User], bool]] = []


def oversees_site(user: AnyUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(check(user) for check in OVERSIGHT_CHECKS)


def requires_second_factor(user: AnyUser) -> bool:
    """Coordinators approve money (finance.permissions) and administer the site: they sign in with two factors."""
    if not settings.REQUIRE_SECOND_FACTOR or not user.is_authenticated:
        return False
    return user.is_staff or oversees_site(user)


def session_is_complete(user: AnyUser) -> bool:
    """Whether a signed-in session may act: it has given the second factor, or its person needs none."""
    return not requires_second_factor(user) or user.is_verified()


def can_disable_second_factor(user: AnyUser) -> bool:
    """Whoever must sign in with two factors cannot turn them off; others may."""
    return user.is_authenticated and not requires_second_factor(user)


def can_read_audit_log(user: AnyUser) -> bool:
    return oversees_site(user)


def can_see_contact_details(user: AnyUser) -> bool:
    """E-mail addresses of people are shown to signed-in users only."""
    return bool(user.is_authenticated and user.is_active)
