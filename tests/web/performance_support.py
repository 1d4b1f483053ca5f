"""Shared by the performance tests: the cached figures of a few indicators computed once per
session on the demo, a reader for the pages' HTML, and the demo's figures worked out again by
hand (plain Python over the ORM, not the engine)."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest

#: The indicators the tests compute (the whole catalogue takes tens of seconds): one count
#: with a target, rates and shares, a KPI, one that counts board places, not children, and
#: one out of use since 2008 (its trend only is kept).
INDICATORS = ["headline.fte", "headline.custody", "kpi2023.accommodation",
              "kpi2023.board_attendance", "yjb2006.fte"]


@pytest.fixture(scope="session")
def figures(django_db_setup, django_db_blocker):
    """The results cache for ``INDICATORS``, computed once and kept (committed) for the
    session; each test's own changes are rolled back as usual."""
    from django.utils import timezone

    from yjhub.performance.models import ResultsRefresh
    from yjhub.performance.selectors import data_version_current
    from yjhub.performance.services import results_refresh

    with django_db_blocker.unblock():
        done = ResultsRefresh.objects.filter(status="done", trigger="test").first()
        if (done is not None and done.data_version == data_version_current()
                and done.as_of == timezone.localdate()):
            return done
        refresh = results_refresh(trigger="test", indicators=INDICATORS)
        assert refresh.status == "done", refresh.error
        return refresh


# -- reading pages ------------------------------------------------------------------------


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    @property
    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text for c in self.children]
        return " ".join("".join(parts).split())

    def find_all(self, tag=None, **attrs):
        for child in self.children:
            if isinstance(child, Node):
                if (tag is None or child.tag == tag) and all(
                        _matches(child, name, value) for name, value in attrs.items()):
                    yield child
                yield from child.find_all(tag, **attrs)

    def find(self, tag=None, **attrs):
        return next(self.find_all(tag, **attrs), None)


def _matches(node: Node, name: str, value: str) -> bool:
    if name == "class_":
        return value in (node.attrs.get("class") or "").split()
    return node.attrs.get(name) == value


VOID = {"meta", "link", "br", "img", "input", "hr", "path", "circle", "line", "polygon",
        "source", "col", "area", "base", "wbr"}


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("root", [])

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def page(response) -> Node:
    builder = _Builder()
    builder.feed(response.content.decode())
    return builder.root


def table(root: Node, caption: str) -> list[list[str]]:
    """The rows (cell texts) of the table whose caption starts with ``caption``."""
    for node in root.find_all("table"):
        cap = node.find("caption")
        if cap is not None and cap.text.startswith(caption):
            return [[cell.text for cell in row.children
                     if isinstance(cell, Node) and cell.tag in ("th", "td")]
                    for row in node.find_all("tr")]
    raise AssertionError(f"no table captioned {caption!r}")


def summary(root: Node) -> dict[str, str]:
    """The first summary list after the page's h2 of the figure: key -> value text."""
    out = {}
    for row in root.find_all("div", class_="govuk-summary-list__row"):
        key, value = row.find("dt"), row.find("dd")
        out.setdefault(key.text, value.text)
    return out


# -- the demo's figures, worked out by hand -------------------------------------------------


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def first_time_entrants(start: dt.date, end: dt.date) -> dict[str, dt.date]:
    """child id -> the date of the child's first substantive outcome, for the children whose
    first substantive outcome ever is in [start, end] and who were 10 to 17 on it."""
    from yjhub.casedata.models import Child, Outcome

    first: dict[str, dt.date] = {}
    for child_id, day in Outcome.objects.filter(substantive=True) \
            .values_list("child_id", "outcome_date"):
        if child_id not in first or day < first[child_id]:
            first[child_id] = day
    born = dict(Child.objects.values_list("child_id", "date_of_birth"))
    return {c: day for c, day in first.items()
            if start <= day <= end and 10 <= age_on(born[c], day) <= 17}
