"""Full-text search of good practices across all their translations, ranked, with highlighted snippets.

One interface, two engines: SQLite's FTS5 (the embedded default) and PostgreSQL's full-text
search (tsvector with a GIN index, stemming in the practice's language where PostgreSQL has
a dictionary for it). The index holds one row per practice and language; services keep it
current. A query is reduced to words, so that quotes and FTS syntax never raise an error.
"""

import html
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from values.knowledge.models import Practice

MARK_OPEN, MARK_CLOSE = "\x02", "\x03"  # placed by the engines, turned into <mark> after escaping
_WORD = re.compile(r"\w+", re.UNICODE)
# PostgreSQL's text-search configurations for the partners' languages; others use "simple".
PG_CONFIGS = {"da": "danish", "de": "german", "en": "english", "es": "spanish", "fi": "finnish", "fr": "french",
              "hu": "hungarian", "it": "italian", "nl": "dutch", "no": "norwegian", "pt": "portuguese",
              "ro": "romanian", "ru": "russian", "sv": "swedish", "tr": "turkish", "el": "greek"}  # fmt: skip


@dataclass(frozen=True)
class Hit:
    practice_id: int
    language: str
    rank: float
    snippet: str  # safe HTML: escaped text with <mark> around the matches


def words(query: str) -> list[str]:
    return _WORD.findall(query or "")[:12]


def index_practice(practice: Practice) -> None:
    """Replace the practice's rows in the index: one per language of its title."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM knowledge_practice_search WHERE practice_id = %s", [practice.pk])
        for language in practice.title:
            texts = [
                (getattr(practice, name) or {}).get(language, "") for name in ("title", "summary", "body", "results")
            ]
            _insert(cursor, practice.pk, language, texts)


def _insert(cursor, practice_id: int, language: str, texts: list[str]) -> None:
    title, summary, body, results = texts
    if connection.vendor == "postgresql":
        config = PG_CONFIGS.get(language, "simple")
        cursor.execute(
            "INSERT INTO knowledge_practice_search (practice_id, language, title, content, document) "
            "VALUES (%s, %s, %s, %s, setweight(to_tsvector(%s::regconfig, %s), 'A') "
            "|| to_tsvector(%s::regconfig, %s) || to_tsvector('simple', %s))",
            [practice_id, language, title, f"{summary}\n{body}\n{results}", config, title, config,
             f"{summary} {body} {results}", f"{title} {summary} {body} {results}"],
        )  # fmt: skip
    else:
        cursor.execute(
            "INSERT INTO knowledge_practice_search (practice_id, language, title, content) VALUES (%s, %s, %s, %s)",
            [practice_id, language, title, f"{summary}\n{body}\n{results}"],
        )


def search(query: str, *, within: QuerySet[Practice] | None = None, limit: int = 50) -> list[Hit]:
    """The best-ranked practices for the query's words (one hit each); `within` narrows them in the
    database itself, so that filters cost the index nothing and no match is cut off."""
    terms = words(query)
    if not terms:
        return []
    narrowing, params = "", []
    if within is not None:
        # No ordering and one column: the narrowing is a plain list of practice ids.
        sql, within_params = within.order_by().values("pk").query.sql_with_params()
        narrowing, params = f" AND practice_id IN ({sql})", list(within_params)
    engine = _search_postgresql if connection.vendor == "postgresql" else _search_sqlite
    hits, seen = [], set()
    for practice_id, language, rank, snippet in engine(terms, narrowing, params, limit * 4):
        if practice_id in seen:
            continue
        seen.add(practice_id)
        hits.append(Hit(practice_id, language, float(rank), _safe_snippet(snippet)))
        if len(hits) == limit:
            break
    return hits


def _search_sqlite(terms: list[str], narrowing: str, params: list, limit: int) -> list[tuple]:
    match = " ".join(f'"{term}"*' for term in terms)  # each word quoted: FTS syntax in it is inert
    # `narrowing` is SQL that Django generated from a queryset, its values passed as parameters.
    sql = (
        "SELECT practice_id, language, bm25(knowledge_practice_search, 0, 0, 5.0, 1.0), "  # noqa: S608
        "snippet(knowledge_practice_search, 3, %s, %s, '…', 16) "
        f"FROM knowledge_practice_search WHERE knowledge_practice_search MATCH %s{narrowing} "
        "ORDER BY bm25(knowledge_practice_search, 0, 0, 5.0, 1.0) LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [MARK_OPEN, MARK_CLOSE, match, *params, limit])
        return [(pid, lang, -rank, snippet) for pid, lang, rank, snippet in cursor.fetchall()]


def _search_postgresql(terms: list[str], narrowing: str, params: list, limit: int) -> list[tuple]:
    prefix = " & ".join(f"{term}:*" for term in terms)
    sql = (
        "SELECT practice_id, language, ts_rank(document, q), ts_headline('simple', content, q, %s) "  # noqa: S608
        "FROM knowledge_practice_search, to_tsquery('simple', %s) AS q "
        f"WHERE document @@ q{narrowing} ORDER BY ts_rank(document, q) DESC LIMIT %s"
    )
    headline = f"StartSel={MARK_OPEN}, StopSel={MARK_CLOSE}, MaxWords=20, MinWords=8"
    with connection.cursor() as cursor:
        cursor.execute(sql, [headline, prefix, *params, limit])
        return cursor.fetchall()


def _safe_snippet(snippet: str) -> str:
    return html.escape(snippet or "").replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")
