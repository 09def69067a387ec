"""The volunteering part of a partner city's page, added to its `partner` slot (core.panels)."""

from values.volunteering.indicators import programme_indicators


def city_volunteering(context, organisation, programme) -> dict | None:
    if not organisation.is_city:
        return None
    figures = programme_indicators(programme, city=organisation).total
    if not (figures.engaged or figures.confirmed_shifts or figures.approved_minutes):
        return None
    return {"organisation": organisation, "figures": figures}


def programme_volunteering(context, programme) -> dict | None:
    """The programme's volunteering in figures on its home page, once anything is recorded."""
    figures = programme_indicators(programme).total
    if not (figures.engaged or figures.confirmed_shifts or figures.approved_minutes):
        return None
    return {"figures": figures}
