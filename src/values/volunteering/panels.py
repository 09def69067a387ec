"""The volunteering figures on the programme's home page and a partner city's page (their `home` and `partner`
slots, core.panels), once anything is recorded there."""

from values.volunteering.indicators import Figures, programme_indicators


def _shown(figures: Figures, dl_class: str) -> dict | None:
    return {"figures": figures, "dl_class": dl_class} if figures.anything_recorded else None


def city_volunteering(context, organisation, programme) -> dict | None:
    if not organisation.is_city:
        return None
    return _shown(programme_indicators(programme, city=organisation).total, "facts")


def programme_volunteering(context, programme) -> dict | None:
    return _shown(programme_indicators(programme).total, "figures")
