"""Publishing's parts of lower apps' pages (core.panels): a partner's factsheets under its budget, the
toolkits of a training session's theme and of the programme on the session's page, and the portal's map of
the partners on the programme's home page."""

from values.core.text import active_language, pick
from values.programme.queries import partner_cities
from values.publishing.infographics import partner_map
from values.publishing.models import PROGRAMME_TOOLKIT_KEY
from values.publishing.queries import toolkit_editions

# The widest the home page shows its map: half of the page's 72rem column (.two-columns), capped by .map-svg's 34rem.
HOME_MAP_WIDTH = 544


def partner_factsheets(context, partner, programme) -> dict:
    return {"partner": partner}


def training_toolkits(context, session) -> dict:
    """The session's theme's toolkit (when it has a theme) and the programme's, each with its edition in the
    reader's language (None until one is asked for)."""
    programme, theme = session.programme, session.theme
    editions = toolkit_editions(programme, [theme] if theme else [], active_language())
    toolkits = []
    if theme is not None:
        title = f"{theme.key}. {pick(theme.title)}"
        toolkits.append({"key": theme.key, "title": title, "edition": editions.get(theme.pk)})
    toolkits.append({"key": PROGRAMME_TOOLKIT_KEY, "title": pick(programme.title), "edition": editions.get(None)})
    return {"toolkits": toolkits}


def translations_link(context, programme) -> dict | None:
    """On the programme's home page, for whoever may change texts of the programme: where to translate them."""
    return {} if context["request"].access.translate_texts else None


def home_map(context, programme) -> dict | None:
    """The portal's Natural Earth map of the partner cities, each dot and name a link to the partner's page.

    The markers come in the order of `partner_cities`, so each is paired with its partner's key."""
    keys = [organisation.key for organisation in partner_cities(programme)]
    if not keys:
        return None
    graphic = partner_map(programme, shown_width=HOME_MAP_WIDTH)
    return {"graphic": graphic, "chart": graphic.chart, "linked": list(zip(keys, graphic.chart.markers, strict=True))}
