from django.http import HttpRequest

from values.network.permissions import can_plan, staff_cities


def navigation(request: HttpRequest) -> dict[str, bool]:
    """What the menu offers this user; the pages themselves check again."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return {"show_plan": signed_in and (can_plan(user) or bool(staff_cities(user)))}
