"""Publishing's parts of lower apps' pages (core.panels): a partner's factsheets under its budget."""


def partner_factsheets(context, partner, programme) -> dict:
    return {"partner": partner}
