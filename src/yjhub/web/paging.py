"""Pages of a long list sent with GET, and the GOV.UK pagination links for them: the same
query with only the page changed (so a search, filter or sort is kept)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import QueryDict

PER_PAGE = 25


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
class PageLink:
    number: int | None  # None: an ellipsis
    href: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    """What ``govuk/pagination.html`` shows: ``previous`` and ``next`` hrefs ("" on the first
    and last page) and the numbered ``links`` (none when there is only one page)."""

    page: Page
    previous: str
    next: str
    links: list[PageLink]

    @property
    def summary(self) -> str:
        """``Showing 26 to 50 of 112``."""
        if not self.page.paginator.count:
            return "No results"
        return f"Showing {self.page.start_index()} to {self.page.end_index()} of " \
            f"{self.page.paginator.count}"


def pagination(query: QueryDict, page: Page) -> Pagination:
    """GOV.UK pagination of ``page``: the first, the last and the pages either side of the
    current one, with an ellipsis for each gap."""
    current, last = page.number, page.paginator.num_pages
    shown = sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1)))
    links: list[PageLink] = []
    for number in shown:
        if links and number - links[-1].number > 1:
            links.append(PageLink(None))
        links.append(PageLink(number, query_with(query, page=number), number == current))
    return Pagination(
        page=page,
        previous=query_with(query, page=current - 1) if page.has_previous() else "",
        next=query_with(query, page=current + 1) if page.has_next() else "",
        links=links if last > 1 else [],
    )


def paginate(request, items, *, per_page: int = PER_PAGE) -> Pagination:
    """The page of ``items`` asked for in ``?page=`` (the first, or the last if out of range)."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    return pagination(request.GET, page)
