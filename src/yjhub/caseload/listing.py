"""Sort headers of a list page sent with GET (with aria-sort): each links to the same query
sorted by its column."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict

from yjhub.web.paging import query_with


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
