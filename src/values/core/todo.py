"""A person's start page, filled by the apps that own its parts: what needs them now, and what they can do.

The start page belongs to the programme app, which may not import the apps above it; each of those adds, in its
`AppConfig.ready`, a source of to-dos (`register`) and the offers of what a role does there (`add_offer`), as
`core.panels` lets them fill a slot. A source is `source(asker) -> list[ToDo]`, where the `Asker` carries what the
page already knows of the person (their roles, their cities) so that no source asks the database for it again; an
offer gives the address of its page for the person, or None when they may not open it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class ToDo:
    """Something that needs the person, by a date: `when` is the due date (or the day it happens)."""

    when: date
    text: str
    url: str
    kind: str
    overdue: bool = False


@dataclass(frozen=True)
class Asker:
    """Whom a start page is for, with what the page has already read of them, asked once for every source."""

    access: Any  # programme.access.Access: the person's rules in the programme, each answered once
    programme: Any
    user: Any
    today: date
    roles: frozenset[str]  # the roles they hold in the programme (a superuser's include the coordinator's)
    cities: tuple[Any, ...]  # the cities whose staff they are, each with its `city`; () without that role


Source = Callable[[Asker], list[ToDo]]
OfferLink = Callable[[Asker], str | None]


@dataclass(frozen=True)
class Offer:
    """One thing a role does in a programme: a sentence and the page where it is done."""

    role: str
    text: Any  # a lazy translation, read in the reader's language
    link: OfferLink
    order: int


_SOURCES: list[Source] = []
_OFFERS: list[Offer] = []


def register(source: Source) -> None:
    """Add a source of to-dos to every start page (ready() may run twice in tests: added once)."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def add_offer(role: str, text: Any, link: OfferLink, *, order: int = 50) -> None:
    """Say what `role` does, linking to `link(asker)` (None: this person may not open it, so no offer)."""
    if not any(offer.role == role and offer.text == text for offer in _OFFERS):
        _OFFERS.append(Offer(role, text, link, order))
        _OFFERS.sort(key=lambda offer: offer.order)


def todos_for(asker: Asker) -> list[ToDo]:
    """Every source's to-dos: overdue first, then soonest first."""
    items = [item for source in _SOURCES for item in source(asker)]
    return sorted(items, key=lambda item: (not item.overdue, item.when, item.text))


def offers_for(role: str, asker: Asker) -> list[tuple[str, str]]:
    """What this role does here, as (text, address), only where the person may open the page."""
    links = ((str(offer.text), offer.link(asker)) for offer in _OFFERS if offer.role == role)
    return [(text, url) for text, url in links if url]
