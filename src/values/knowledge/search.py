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


def search(query: str, *, candidates: list[int] | None = None, limit: int = 50) -> list[Hit]:
    """The best-ranked (practice, language) rows for the query's words; one hit per practice."""
    terms = words(query)
    if not terms:
        return []
    rows = (
        _search_postgresql(terms, limit * 4) if connection.vendor == "postgresql" else _search_sqlite(terms, limit * 4)
    )
    allowed = None if candidates is None else set(candidates)
    hits, seen = [], set()
    for practice_id, language, rank, snippet in rows:
        if practice_id in seen or (allowed is not None and practice_id not in allowed):
            continue
        seen.add(practice_id)
        hits.append(Hit(practice_id, language, float(rank), _safe_snippet(snippet)))
        if len(hits) == limit:
            break
    return hits


def _search_sqlite(terms: list[str], limit: int) -> list[tuple]:
    match = " ".join(f'"{term}"*' for term in terms)  # each word quoted: FTS syntax in it is inert
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT practice_id, language, bm25(knowledge_practice_search, 0, 0, 5.0, 1.0), "
            "snippet(knowledge_practice_search, 3, %s, %s, '…', 16) "
            "FROM knowledge_practice_search WHERE knowledge_practice_search MATCH %s "
            "ORDER BY bm25(knowledge_practice_search, 0, 0, 5.0, 1.0) LIMIT %s",
            [MARK_OPEN, MARK_CLOSE, match, limit],
        )
        return [(pid, lang, -rank, snippet) for pid, lang, rank, snippet in cursor.fetchall()]


def _search_postgresql(terms: list[str], limit: int) -> list[tuple]:
    prefix = " & ".join(f"{term}:*" for term in terms)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT practice_id, language, ts_rank(document, q), "
            "ts_headline('simple', content, q, %s) "
            "FROM knowledge_practice_search, to_tsquery('simple', %s) AS q "
            "WHERE document @@ q ORDER BY ts_rank(document, q) DESC LIMIT %s",
            [f"StartSel={MARK_OPEN}, StopSel={MARK_CLOSE}, MaxWords=20, MinWords=8", prefix, limit],
        )
        return cursor.fetchall()


def _safe_snippet(snippet: str) -> str:
    return html.escape(snippet or "").replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")
