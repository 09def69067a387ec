"""Lists in pages: `limit` (1–100, 25 unless asked) and `offset`, with the whole count and the next and
previous pages' addresses, so that a list costs the same queries whatever its length."""

from collections.abc import Callable, Sequence
from typing import TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema

T = TypeVar("T")
MAX_LIMIT = 100


class Paging(Schema):
    limit: int = Field(25, ge=1, le=MAX_LIMIT, description="How many items a page holds.")
    offset: int = Field(0, ge=0, le=2_000_000_000, description="How many items come before this page.")


class Page[T](Schema):
    count: int = Field(description="How many items the whole list holds.")
    next: str | None = Field(description="The next page's address, if there is one.")
    previous: str | None = Field(description="The previous page's address, if there is one.")
    results: list[T]


def _address(request: HttpRequest, offset: int, limit: int) -> str:
    query = request.GET.copy()
    query["offset"], query["limit"] = str(offset), str(limit)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _page_of(items: QuerySet | Sequence, offset: int, limit: int) -> list:
    """The rows from `offset` on. A query sorts only the keys and reads the page's rows by them: sorting whole rows
    (a practice's texts in a dozen languages) to keep 25 of 50,000 is what made a long list slow."""
    if not isinstance(items, QuerySet) or items.query.distinct or items.query.combinator:
        return list(items[offset : offset + limit])
    keys = items.values("pk")[offset : offset + limit]
    return list(items.filter(pk__in=keys))


def paged(request: HttpRequest, items: QuerySet | Sequence, paging: Paging, out: Callable[[list], list]) -> dict:
    """One page of `items`, each made into its answer by `out` (given the whole page, for its related rows)."""
    total = items.count() if isinstance(items, QuerySet) else len(items)
    offset, limit = paging.offset, paging.limit
    rows = _page_of(items, offset, limit)
    return {
        "count": total,
        "next": _address(request, offset + limit, limit) if offset + limit < total else None,
        "previous": _address(request, max(offset - limit, 0), limit) if offset > 0 else None,
        "results": out(rows),
    }
