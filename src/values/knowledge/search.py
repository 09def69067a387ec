"""Full-text search of good practices across all their translations, ranked, with highlighted snippets.

One interface, two engines: SQLite's FTS5 (the embedded default) and PostgreSQL's full-text
search (tsvector with a GIN index, stemming in the practice's language where PostgreSQL has
a dictionary for it). The index holds one row per practice and language; services keep it
current. A query is reduced to words, so that quotes and FTS syntax never raise an error.
"""

import html
import re
import unicodedata
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from values.knowledge.models import Practice

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


# Rows ranked per practice wanted: enough for duplicates (one row per language) and for filters
# that let most practices through, so that the database rarely has to narrow before ranking.
WINDOW_PER_HIT = 8


def search(query: str, *, within: QuerySet[Practice] | None = None, limit: int = 50) -> list[Hit]:
    """The best-ranked practices for the query's words (one hit each), among `within` when given."""
    terms = words(query)
    if not terms:
        return []
    rank = _rank_postgresql if connection.vendor == "postgresql" else _rank_sqlite
    window = limit * WINDOW_PER_HIT
    rows = rank(terms, "", [], window)
    if within is not None:
        # Most searches: keep the best rows that pass the filters. Listing every practice the
        # filters allow costs more than the ranking, so the database does that only when the
        # filters left too few of the best rows (a narrow filter, a rare combination).
        allowed = set(within.order_by().filter(pk__in={row[1] for row in rows}).values_list("pk", flat=True))
        kept = [row for row in rows if row[1] in allowed]
        if len(rows) == window and len(_best_rows(kept, limit)) < limit:
            sql, params = within.order_by().values("pk").query.sql_with_params()
            kept = rank(terms, f" AND practice_id IN ({sql})", list(params), window)
        rows = kept
    best = _best_rows(rows, limit)
    # Snippets are made here for the rows shown only: the engines' own snippet functions cost
    # more than the whole ranking on common words (FTS5 expands a prefix again for every row).
    contents = _contents([row for row, _, _ in best.values()])
    return [
        Hit(practice_id, language, rank, make_snippet(contents.get(row_id, ""), terms))
        for practice_id, (row_id, language, rank) in best.items()
    ]


def _best_rows(rows: list[tuple], limit: int) -> dict[int, tuple[int, str, float]]:
    """The best-ranked row of each practice, for the first `limit` practices."""
    best: dict[int, tuple[int, str, float]] = {}
    for row_id, practice_id, language, rank in rows:
        best.setdefault(practice_id, (row_id, language, float(rank)))
        if len(best) == limit:
            break
    return best


def _contents(row_ids: list[int]) -> dict[int, str]:
    if not row_ids:
        return {}
    key = "id" if connection.vendor == "postgresql" else "rowid"
    marks = ", ".join(["%s"] * len(row_ids))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {key}, content FROM knowledge_practice_search WHERE {key} IN ({marks})", row_ids)  # noqa: S608
        return dict(cursor.fetchall())


class _FoldTable(dict):
    """Each character to one lower-case character without its accent ("À" to "a"), found once and kept,
    so that folding keeps every position of the text: str.translate does the work at C speed."""

    def __missing__(self, code: int) -> str:
        character = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c))
        folded = (base or character).casefold()[:1] or character
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower case without accents, as the index compares words: "Città" and "citta" are one word."""
    return text.translate(_FOLD)


def make_snippet(text: str, terms: list[str], width: int = 16) -> str:
    """The `width` words of `text` with the most words starting with a term, as escaped HTML with the
    matches in <mark>; an ellipsis where text was left out."""
    found = list(_WORD.finditer(text))
    if not found:
        return ""
    # One search over the folded text (same length, so positions agree) finds where matches start.
    prefixes = "|".join(re.escape(fold(term)) for term in terms)
    starts = {match.start() for match in re.finditer(rf"(?<!\w)(?:{prefixes})", fold(text))}
    hits = [index for index, word in enumerate(found) if word.start() in starts]
    first = _centred_window(hits, width, len(found))
    last = min(len(found), first + width) - 1
    pieces, cursor = [], found[first].start()
    for index in range(first, last + 1):
        word = found[index]
        pieces.append(html.escape(text[cursor : word.start()]))
        escaped = html.escape(word.group())
        pieces.append(f"<mark>{escaped}</mark>" if word.start() in starts else escaped)
        cursor = word.end()
    lead = "…" if first > 0 else ""
    tail = "…" if last < len(found) - 1 else ""
    return lead + "".join(pieces) + tail


def _centred_window(hits: list[int], width: int, count: int) -> int:
    """Where the window of `width` of `count` words holding the most of the matching words (`hits`,
    their indexes in order) starts, with its matches centred in it."""
    if not hits:
        return 0
    best, end = (0, 0), 0  # (matches in the window, index of its first hit), hits kept with two pointers
    for begin, first_hit in enumerate(hits):
        end = max(end, begin)
        while end + 1 < len(hits) and hits[end + 1] < first_hit + width:
            end += 1
        if end - begin + 1 > best[0]:
            best = (end - begin + 1, begin)
    inside = hits[best[1] : best[1] + best[0]]
    slack = width - (inside[-1] - inside[0] + 1)
    return max(0, min(inside[0] - slack // 2, count - width))


def _fts5_match(terms: list[str]) -> str:
    return " ".join(f'"{term}"*' for term in terms)  # each word quoted: FTS syntax in it is inert


def _rank_sqlite(terms: list[str], narrowing: str, params: list, limit: int) -> list[tuple]:
    # `narrowing` is SQL that Django generated from a queryset, its values passed as parameters.
    sql = (
        "SELECT rowid, practice_id, language, bm25(knowledge_practice_search, 0, 0, 5.0, 1.0) AS score "  # noqa: S608
        f"FROM knowledge_practice_search WHERE knowledge_practice_search MATCH %s{narrowing} "
        "ORDER BY score LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_fts5_match(terms), *params, limit])
        return [(row, pid, lang, -score) for row, pid, lang, score in cursor.fetchall()]


def _tsquery(terms: list[str]) -> str:
    return " & ".join(f"{term}:*" for term in terms)


def _rank_postgresql(terms: list[str], narrowing: str, params: list, limit: int) -> list[tuple]:
    sql = (
        "SELECT id, practice_id, language, ts_rank(document, q) AS score "  # noqa: S608
        "FROM knowledge_practice_search, to_tsquery('simple', %s) AS q "
        f"WHERE document @@ q{narrowing} ORDER BY score DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_tsquery(terms), *params, limit])
        return cursor.fetchall()
