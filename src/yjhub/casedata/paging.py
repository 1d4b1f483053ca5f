"""Pages of a long list, and the GOV.UK pagination links for them (keeping the search)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

PER_PAGE = 25


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: an ellipsis
    href: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
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


def _href(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return f"?{query.urlencode()}"


def paginate(request, items, *, per_page: int = PER_PAGE) -> Pagination:
    """The page asked for in ``?page=`` (the first, or the last if out of range)."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    current, last = page.number, paginator.num_pages
    shown = sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1)))
    links: list[PageLink] = []
    for number in shown:
        if links and links[-1].number is not None and number - links[-1].number > 1:
            links.append(PageLink(None))
        links.append(PageLink(number, _href(request, number), number == current))
    return Pagination(
        page=page,
        previous=_href(request, current - 1) if page.has_previous() else "",
        next=_href(request, current + 1) if page.has_next() else "",
        links=links if last > 1 else [],
    )
