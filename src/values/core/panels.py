"""Parts of a page that a higher app adds to a lower app's page, which does not know that app.

A lower app's template names a slot (`{% panels "partner" organisation programme %}`); higher apps add
their parts to it when they start (`AppConfig.ready`), each a template and a function that gives its
context from the page's context and the slot's arguments, or None when it has nothing to show. This
keeps the layering one way: the partner page shows benchmarks and action plans without importing them.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

PanelContext = Callable[..., dict | None]


@dataclass(frozen=True)
class Panel:
    template: str
    context: PanelContext
    order: int


_SLOTS: dict[str, list[Panel]] = defaultdict(list)


def add_panel(slot: str, *, template: str, context: PanelContext, order: int = 50) -> None:
    """Show `template` in `slot`, with what `context(page_context, *arguments)` gives (None: nothing)."""
    panels = _SLOTS[slot]
    if not any(panel.template == template for panel in panels):  # ready() may run twice in tests
        panels.append(Panel(template, context, order))
        panels.sort(key=lambda panel: panel.order)


def panels_in(slot: str) -> list[Panel]:
    return list(_SLOTS.get(slot, ()))


def slot_names() -> set[str]:
    return set(_SLOTS)
