"""What a person may do in a programme, decided once per request: `request.access`.

Each app states its own rules (`add_rule` in its `ready()`), as a function of the person and the programme, so
that this module knows none of the apps above it. A rule is asked the first time a view, a template or the menu
needs it and its answer kept for the rest of the request: the menu (`{% if request.access.see_finance %}`) and
the page it leads to ask the same rule once.
"""

from collections.abc import Callable

from values.network.permissions import AnyUser
from values.programme.models import Programme
from values.programme.permissions import can_open_start_page, is_coordinator

Rule = Callable[[AnyUser, Programme | None], bool]

RULES: dict[str, Rule] = {}


def add_rule(name: str, rule: Rule) -> None:
    """Register what `request.access.<name>` answers; a name is given once (two apps cannot both decide it)."""
    if name in RULES and RULES[name] is not rule:
        raise ValueError(f"the access rule {name!r} is already decided elsewhere")
    RULES[name] = rule


class Access:
    """The answers of the rules for one person in one programme (None on the site's own pages)."""

    def __init__(self, user: AnyUser, programme: Programme | None) -> None:
        self.user, self.programme = user, programme
        self._answers: dict[str, bool] = {}

    def __getitem__(self, name: str) -> bool:
        if name not in self._answers:
            self._answers[name] = bool(self.user.is_authenticated) and RULES[name](self.user, self.programme)
        return self._answers[name]

    def __getattr__(self, name: str) -> bool:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"no access rule is called {name!r}") from None


def _manages_programme(user: AnyUser, programme: Programme | None) -> bool:
    """The coordinator's tools (action plans overview, report templates) for who plans and administers."""
    return programme is not None and is_coordinator(user, programme) and user.is_staff


add_rule("coordinate", is_coordinator)
add_rule("manage_programme", _manages_programme)
add_rule("open_start_page", can_open_start_page)
