"""Who maintains the benchmark standards (experts and the coordinator), who proposes, sees and changes
good practices: the only place that decides it."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from values.knowledge.enums import PracticeStatus
from values.knowledge.models import Practice
from values.network.enums import Role
from values.network.models import Organisation
from values.network.permissions import AnyUser
from values.programme.models import Programme
from values.programme.permissions import coordinated_programmes, holds_role, is_coordinator, organisations_of


def can_maintain_benchmarks(user: AnyUser, programme) -> bool:
    return is_coordinator(user, programme) or holds_role(user, programme, [Role.EXPERT])


def require_benchmark_maintainer(user: AnyUser, programme) -> None:
    if not can_maintain_benchmarks(user, programme):
        raise PermissionDenied


PROPOSING_ROLES = (Role.CITY_STAFF, Role.VOLUNTEER_LEADER, Role.COORDINATOR)


def proposing_organisations(user: AnyUser, programme) -> QuerySet[Organisation]:
    """Where this user may propose the programme's practices from: their city or volunteer organisation."""
    return organisations_of(user, programme, PROPOSING_ROLES)


def can_edit_practice(user: AnyUser, practice) -> bool:
    programme = practice.programme_id
    if is_coordinator(user, programme):
        return True
    return proposing_organisations(user, programme).filter(pk=practice.organisation_id).exists()


def programmes_to_show_in(user: AnyUser, practice: Practice) -> QuerySet[Programme]:
    """The other programmes where this person may show a published practice: those they coordinate."""
    if practice.status != PracticeStatus.PUBLISHED or not user.is_authenticated or not user.is_active:
        return Programme.objects.none()
    candidates = Programme.objects.exclude(pk=practice.programme_id).order_by("-start", "code")
    return candidates if user.is_superuser else candidates.filter(pk__in=coordinated_programmes(user))


def can_see_practice(user: AnyUser, practice) -> bool:
    return practice.status == PracticeStatus.PUBLISHED or can_edit_practice(user, practice)


def get_practice_for_view(user: AnyUser, programme, practice_id: int) -> Practice:
    """The practice if this person may see it. A proposal they may not see is 404, exactly like an id that
    does not exist: whether it exists is itself private."""
    from values.knowledge.queries import practices_of  # lazy: queries imports this module

    practice = practices_of(programme).filter(pk=practice_id).first()
    if practice is None or not can_see_practice(user, practice):
        raise Http404("no such practice")
    return practice


def get_practice_for_edit(user: AnyUser, programme, practice_id: int) -> Practice:
    """The practice if this person may change it; 403 only for one they may see (a published practice of
    another city), 404 for one they may not see."""
    practice = get_practice_for_view(user, programme, practice_id)
    if practice.programme_id != programme.pk:
        raise PermissionDenied(_("This practice is another programme's: it is changed there."))
    if not can_edit_practice(user, practice):
        raise PermissionDenied
    return practice
