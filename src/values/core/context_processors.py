from django.http import HttpRequest

from values.network.permissions import can_plan, staff_cities


def navigation(request: HttpRequest) -> dict[str, bool]:
    """What the menu offers this user; the pages themselves check again."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show_plan": False}
    return {"show_plan": can_plan(user) or bool(staff_cities(user))}
