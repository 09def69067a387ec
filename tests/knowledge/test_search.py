"""Search over every translation: ranked, highlighted, filtered; FTS syntax and quotes never break it."""

import pytest

from values.knowledge.models import Practice
from values.knowledge.search import make_snippet, search
from values.knowledge.services import publish_practice, save_practice, translate_practice
from values.network.models import Organisation
from values.programme.models import Theme

pytestmark = pytest.mark.django_db


def _practice(programme, key, language, title, summary, body="", theme="C", groups=()):
    practice = save_practice(
        programme,
        organisation=Organisation.objects.get(key=key),
        by=None,
        original_language=language,
        texts={"title": title, "summary": summary, "body": body, "results": ""},
        themes=[Theme.objects.get(key=theme)],
        target_groups=list(groups),
    )
    return publish_practice(practice)


@pytest.fixture
def library(programme):
    cafe = _practice(programme, "cesena", "it", "Caffè linguistico", "Volontari e nuovi arrivati parlano insieme.",
                     groups=["newcomers"])  # fmt: skip
    translate_practice(
        cafe, language="en", texts={"title": "Language café", "summary": "Volunteers and newcomers talk."}
    )
    buddies = _practice(programme, "riga", "lv", "Brīvprātīgo draugi", "Buddy volunteers for young migrants.",
                        body="Each café meeting pairs a buddy.", theme="D", groups=["young_migrants"])  # fmt: skip
    sports = _practice(programme, "oslo", "no", "Idrett for alle", "Sport together on Saturdays.", theme="A")
    return {"cafe": cafe, "buddies": buddies, "sports": sports}


def _ids(hits):
    return [hit.practice_id for hit in hits]


def test_a_word_of_any_translation_finds_the_practice(library):
    assert _ids(search("linguistico")) == [library["cafe"].pk]
    assert _ids(search("newcomers")) == [library["cafe"].pk]
    assert _ids(search("Brīvprātīgo")) == [library["buddies"].pk]


def test_a_match_in_the_title_ranks_above_one_in_the_description(library):
    hits = search("café")

    assert _ids(hits) == [library["cafe"].pk, library["buddies"].pk]


def test_the_snippet_highlights_the_words_and_escapes_the_text(programme, library):
    _practice(programme, "madrid", "es", "<b>Voluntariado</b>", "Una <script>alert(1)</script> merienda solidaria.")

    hit = search("merienda")[0]

    assert "<mark>merienda</mark>" in hit.snippet
    assert "<script>" not in hit.snippet  # escaped (SQLite) or dropped as markup (PostgreSQL's headline)
    assert "alert(1)" in hit.snippet


@pytest.mark.parametrize(
    "query", ['"unclosed', "café AND", "NEAR(a b)", "title:x", "*", "a OR", "'; DROP TABLE x; --", "(((", "-", "^"]
)
def test_fts_syntax_and_quotes_never_raise(library, query):
    search(query)


def test_prefixes_match_as_people_type(library):
    assert set(_ids(search("volunt"))) == {library["cafe"].pk, library["buddies"].pk}


def test_the_page_filters_by_theme_country_target_group_and_language(client, library):
    def titles(**params):
        response = client.get("/en/p/820885/practices/", params)
        assert response.status_code == 200
        return sorted(str(r.practice) for r in response.context["results"])

    assert titles(q="volunteers") == ["Brīvprātīgo draugi", "Caffè linguistico"]
    assert titles(q="volunteers", theme=Theme.objects.get(key="D").pk) == ["Brīvprātīgo draugi"]
    assert titles(country="NO") == ["Idrett for alle"]
    assert titles(target_group="newcomers") == ["Caffè linguistico"]
    assert titles(language="en") == ["Caffè linguistico"]


def test_results_show_in_the_readers_language_where_translated(client, library):
    response = client.get("/it/p/820885/practices/", {"q": "café"})

    assert "Caffè linguistico" in response.text
    english = client.get("/en/p/820885/practices/", {"q": "café"})
    assert "Language café" in english.text


def test_a_narrow_filter_finds_a_match_ranked_below_many_others(programme):
    """The best rows overall may all fail the filter; the search must then narrow in the database."""
    for number in range(12):  # Cesena's: "orto" in the title, which outranks a match in the summary
        _practice(programme, "cesena", "it", f"Orto condiviso {number}", "Volontari e vicini.")
    riga = _practice(programme, "riga", "lv", "Kopienas dārzs", "Ar orto metodi.")
    from_riga = Practice.objects.filter(organisation__key="riga")

    unfiltered = search("orto", limit=1)
    filtered = search("orto", within=from_riga, limit=1)  # a window of 8 rows, all of them Cesena's

    assert unfiltered[0].practice_id != riga.pk
    assert _ids(filtered) == [riga.pk]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("text", "terms", "width", "snippet"),
    [
        ("Volunteers meet newcomers every week", ["meet"], 16, "Volunteers <mark>meet</mark> newcomers every week"),
        ("Una città più accogliente", ["citta"], 16, "Una <mark>città</mark> più accogliente"),
        ("one two three four five six seven", ["six"], 3, "…five <mark>six</mark> seven"),
        ("a b c d e f", ["a"], 2, "<mark>a</mark> b…"),
        ("x <script>y</script> z", ["y"], 16, "x &lt;script&gt;<mark>y</mark>&lt;/script&gt; z"),
        ("Library, libraries and a librarian", ["librar"], 16,
         "<mark>Library</mark>, <mark>libraries</mark> and a <mark>librarian</mark>"),
        ("", ["x"], 16, ""),
        ("La Città più bella, CITTÀ e cittadini", ["citta"], 16,
         "La <mark>Città</mark> più bella, <mark>CITTÀ</mark> e <mark>cittadini</mark>"),
        ("Große Straße und ﬁne Dinge", ["stra", "fine"], 16, "Große <mark>Straße</mark> und ﬁne Dinge"),
    ],
)  # fmt: skip
def test_a_snippet_is_the_window_with_most_matches_marked_and_escaped(text, terms, width, snippet):
    assert make_snippet(text, terms, width) == snippet
