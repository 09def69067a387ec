"""Who keeps a programme's amendments: the only place that decides it.

The coordinator asks the funder, records the answer and reads the programme as it stood before and after. Those
files hold every partner's budget and contact people, which other partners do not read (finance's rules), so the
amendments are the coordinator's; partners see their outcome on their own pages.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from values.amendments.models import Amendment
from values.programme.permissions import is_coordinator


def can_manage_amendments(user, programme) -> bool:
    return programme is not None and is_coordinator(user, programme)


def require_amendment_keeper(access) -> None:
    """403 unless the person keeps the amendments (`access.manage_amendments`, asked once a request)."""
    if not access.manage_amendments:
        raise PermissionDenied(_("The programme's amendments are kept by the coordinator."))


def get_amendment(access, programme, number: int) -> Amendment:
    require_amendment_keeper(access)
    return get_object_or_404(Amendment, programme=programme, number=number)
