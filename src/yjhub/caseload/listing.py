"""Links of a list page sent with GET: the same query with one thing changed, sort headers
(with aria-sort) and GOV.UK pagination."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page
from django.http import QueryDict


def query_with(query: QueryDict, **changes) -> str:
    """``?`` and ``query`` with ``changes`` applied (None removes a key)."""
    q = query.copy()
    for key, value in changes.items():
        if value is None:
            q.pop(key, None)
        else:
            q[key] = str(value)
    text = q.urlencode()
    return f"?{text}" if text else "?"


@dataclass(frozen=True)
class Header:
    label: str
    href: str | None  # None: not sortable
    aria_sort: str | None  # "ascending", "descending" or "none" on sortable columns
    numeric: bool = False


def sort_headers(query: QueryDict, columns: list[tuple[str | None, str]], *, sort: str,
                 descending: bool) -> list[Header]:
    """Headers for ``columns`` ([(sort key or None, label)]): a sortable one links to itself
    ascending, or descending when it is already sorted ascending."""
    headers = []
    for key, label in columns:
        if key is None:
            headers.append(Header(label, None, None))
            continue
        current = key == sort
        order = "desc" if current and not descending else "asc"
        aria = ("descending" if descending else "ascending") if current else "none"
        headers.append(Header(label, query_with(query, sort=key, order=order, page=None),
                              aria))
    return headers


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: an ellipsis
    href: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    previous: str | None
    next: str | None
    items: list[PageLink]


def pagination(query: QueryDict, page: Page) -> Pagination | None:
    """GOV.UK pagination: first, last, and the pages either side of the current one."""
    count = page.paginator.num_pages
    if count <= 1:
        return None
    wanted = {1, count, page.number - 1, page.number, page.number + 1}
    items: list[PageLink] = []
    for number in range(1, count + 1):
        if number in wanted:
            items.append(PageLink(number, query_with(query, page=number),
                                  number == page.number))
        elif items and items[-1].number is not None:
            items.append(PageLink(None))
    return Pagination(
        query_with(query, page=page.number - 1) if page.has_previous() else None,
        query_with(query, page=page.number + 1) if page.has_next() else None,
        items)
