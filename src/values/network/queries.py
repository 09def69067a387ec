from django.db.models import QuerySet

from values.network.models import Membership, User


def memberships_of(user: User) -> QuerySet[Membership]:
    return user.memberships.select_related("organisation").order_by("organisation__key", "role")
