"""The header's navigation: a few groups by task, each holding only the links the person may open.

The groups name pages by their URL names; `base.html` draws them (`{% main_navigation as groups %}`).
Who sees a link is asked of `request.access` (programme/access.py) and the user, never decided here anew:
each entry only names the rule that already guards its page.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

Shown = Callable[[HttpRequest], bool]


def _everyone(request: HttpRequest) -> bool:
    return True


def _signed_in(request: HttpRequest) -> bool:
    return request.user.is_authenticated


def _staff(request: HttpRequest) -> bool:
    return request.user.is_staff


def _may(rule: str) -> Shown:
    def shown(request: HttpRequest) -> bool:
        return request.user.is_authenticated and request.access[rule]

    return shown


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: str | Promise | None  # None: the programme's acronym (its home page)
    shown: Shown = _everyone
    in_programme: bool = True  # a page of the programme's; the site's own (the admin) is there without one


@dataclass(frozen=True)
class Group:
    key: str
    label: str | Promise
    entries: tuple[Entry, ...]


# Grouped by the task a person comes to do. The coordinator's tools sit under one "Manage" menu.
GROUPS = (
    Group(
        "programme",
        _("Programme"),
        (
            Entry("home", None),
            Entry("portal", _("Portal")),
            Entry("partners", _("Partners")),
            Entry("plan", _("Plan"), _may("see_plan")),
            Entry("calendar", _("Calendar"), _signed_in),
        ),
    ),
    Group(
        "knowledge",
        _("Knowledge"),
        (
            Entry("practices", _("Practices")),
            Entry("benchmarks", _("Benchmarks"), _signed_in),
            Entry("toolkits", _("Toolkits")),
            Entry("infographics", _("Infographics")),
        ),
    ),
    Group(
        "volunteering",
        _("Volunteering"),
        (
            Entry("campaign_current", pgettext_lazy("menu: the call to volunteer", "Volunteer")),
            Entry("opportunities", _("Opportunities")),
            Entry("training", _("Training")),
            Entry("training_add", _("New training session"), _may("organise_training")),
            Entry("volunteer_match", _("Matching"), _may("match_volunteers")),
        ),
    ),
    Group(
        "manage",
        _("Manage"),
        (
            Entry("finance", _("Finance"), _may("see_finance")),
            Entry("monitoring", _("Monitoring"), _may("see_monitoring")),
            Entry("amendments", _("Amendments"), _may("manage_amendments")),
            Entry("action_plans", _("Action plans"), _may("manage_programme")),
            Entry("report_templates", _("Report templates"), _may("manage_programme")),
            Entry("campaigns", _("Campaigns"), _signed_in),
            Entry("translations", _("Translations"), _may("translate_texts")),
            Entry("volunteer_people", _("Volunteers"), _may("manage_volunteers")),
            Entry("admin:index", _("Administration"), _staff, in_programme=False),
        ),
    ),
)


@dataclass(frozen=True)
class Link:
    url_name: str
    label: str
    current: bool


@dataclass(frozen=True)
class ShownGroup:
    key: str
    label: str
    links: tuple[Link, ...]

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


def navigation_for(request: HttpRequest) -> list[ShownGroup]:
    """The groups with the links this person may open in the menu's programme (without one: the site's own)."""
    programme = getattr(request, "menu_programme", None)
    match = getattr(request, "resolver_match", None)
    here = match.url_name if match is not None else None
    groups = []
    for group in GROUPS:
        links = tuple(
            Link(entry.url_name, _label(entry, programme), entry.url_name == here)
            for entry in group.entries
            if (programme is not None or not entry.in_programme) and entry.shown(request)
        )
        if links:
            groups.append(ShownGroup(group.key, str(group.label), links))
    return groups


def _label(entry: Entry, programme) -> str:
    return str(entry.label) if entry.label is not None else programme.acronym
