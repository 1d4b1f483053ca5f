"""The Youth Justice Plan as plain data: dataclasses, no Django, no I/O.

Every figure is held *as entered* (a number, or the text printed, such as ``"91.5%"``,
``"(+4.7%)"``, ``"TBA"``): nothing here recomputes a total. The checks
(:mod:`yjhub.plans.checks`) compare what was entered. The file format
(:mod:`yjhub.plans.fileformat`, ``docs/plan-format.md``) maps these classes one to one onto YAML.

Public names here are stable: fields are added, never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

#: A value as entered: a whole number, a decimal, text as printed, or empty.
Cell = Union[int, float, str, None]  # noqa: UP007 (the loader reads this type at run time)

FORMAT = "yjhub-plan/1"

#: Reserved keys of a table row in the file; a column may not use these ids.
ROW_KEYS = ("id", "label", "kind", "group", "note")


@dataclass
class TemplateRef:
    id: str = ""
    version: str = ""


@dataclass
class PlanDates:
    prepared: str = ""   # ISO date or as written
    approved: str = ""
    published: str = ""


@dataclass
class Meta:
    service: str = ""
    period: str = ""          # financial year "2006-07"
    title: str = ""
    template: TemplateRef = field(default_factory=TemplateRef)
    status: str = "draft"     # draft | consultation | approved | published
    dates: PlanDates = field(default_factory=PlanDates)
    carried_from: str = ""    # the period of the plan this one was started from, if any


@dataclass
class Prompt:
    """One guidance prompt of a section ("Please ...") and the author's answer."""

    id: str
    text: str = ""
    answer: str = ""
    #: what else answers it: ``table:A``, ``section:appendix_a``, ``reviews``,
    #: ``signatures``, ``board``, ``appendix``, ``delivery`` (from the template).
    answered_by: list[str] = field(default_factory=list)


@dataclass
class QuotedFigure:
    """A figure quoted in a section's text, tied to the cells it should equal.

    ``sum`` lists references (``A3.permanent.total``, ``appendix.parenting_satisfaction.current``)
    whose sum the quoted ``value`` must equal."""

    quote: str
    value: Cell = None
    sum: list[str] = field(default_factory=list)


@dataclass
class Section:
    id: str
    number: str = ""          # as printed in the body ("C. 2", "C2 a")
    title: str = ""
    level: int = 1
    prompts: list[Prompt] = field(default_factory=list)
    narrative: str = ""       # text not tied to a prompt (headings' free text)
    figures: list[QuotedFigure] = field(default_factory=list)


@dataclass
class ContentsEntry:
    number: str = ""          # as printed on the contents page
    title: str = ""
    page: Cell = None


@dataclass
class Column:
    id: str
    label: str = ""
    kind: str = "number"      # text | money | count | number | percent


@dataclass
class Row:
    id: str
    label: str = ""
    values: dict[str, Cell] = field(default_factory=dict)   # column id -> value as entered
    kind: str = ""            # "" (data) | total | heading
    group: str = ""           # a block of the table (A3: contract, gender_ethnicity)
    note: str = ""


@dataclass
class Table:
    id: str
    caption: str = ""
    note: str = ""
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)

    def row(self, row_id: str) -> Row | None:
        return next((r for r in self.rows if r.id == row_id), None)

    def column(self, column_id: str) -> Column | None:
        return next((c for c in self.columns if c.id == column_id), None)


@dataclass
class DataItem:
    """One figure of a delivery-plan data block, as printed."""

    label: str = ""
    indicator: str = ""       # the appendix row id it reports (empty: not linked)
    previous: Cell = None     # last year's figure, when the block prints one
    actual: Cell = None       # this year's actual ("91.5%")
    change: Cell = None       # the bracketed change as written ("(+4.7%)", "no diff")
    target: Cell = None       # next year's target ("90%")


@dataclass
class EpqaItem:
    """An EPQA score quoted in a data block ("EPQA: 05 result 2.12")."""

    label: str = ""
    epqa: str = ""            # the EPQA table row id
    kind: str = "actual"      # initial | predicted | actual
    score: Cell = None


@dataclass
class Action:
    action: str = ""
    lead: str = ""
    deadline: str = ""        # as written
    status: str = "not started"   # not started | in progress | done | dropped
    outcome: str = ""
    carried_from: str = ""    # period of the plan it was carried from


@dataclass
class ObjectiveArea:
    id: str
    title: str = ""
    prompt: str = ""
    overview: str = ""
    data: list[DataItem] = field(default_factory=list)
    epqa: list[EpqaItem] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    actions_held_in: str = ""  # e.g. "YJB Action Planning Tool" when actions are kept elsewhere


@dataclass
class Provenance:
    """Where a figure filled from data came from."""

    snapshot: str = ""        # the data snapshot (import run, file, database)
    indicator_version: str = ""
    computed_at: str = ""     # ISO timestamp


@dataclass
class AppendixRow:
    id: str
    theme: str = ""
    label: str = ""
    indicator: str = ""       # catalogue indicator id (yjb2006.parenting)
    measure: str = ""         # catalogue measure key (satisfied)
    previous: Cell = None     # outturn two years back
    current: Cell = None      # outturn this year
    target: Cell = None       # next year's target
    kind: str = ""            # "" | heading
    note: str = ""
    source: str = "entered"   # entered | data
    provenance: Provenance | None = None
    #: which figures ("previous", "current") count 1 to 4 children or events (filled from
    #: data): withheld from a board member (``yjhub.plans.performance``)
    small: list[str] = field(default_factory=list)


@dataclass
class AppendixColumns:
    previous: str = ""        # "2004/05 outturn"
    current: str = ""         # "2005/06 Apr-Dec outturn"
    target: str = ""          # "2006/07 target"


@dataclass
class TrendSeries:
    """One line of a trend chart: a measure's figure in each of the trend's periods."""

    label: str = ""
    measure: str = ""         # catalogue measure id
    values: list[Cell] = field(default_factory=list)   # one per period; None: no figure
    texts: list[str] = field(default_factory=list)     # the values as printed
    small: list[str] = field(default_factory=list)     # periods whose figure counts 1 to 4


@dataclass
class Trend:
    """A trend chart of the performance appendix, filled from data (one per indicator)."""

    indicator: str = ""
    title: str = ""
    unit: str = ""            # the catalogue unit of its measures (percent, count, ...)
    periods: list[str] = field(default_factory=list)
    series: list[TrendSeries] = field(default_factory=list)
    provenance: Provenance | None = None


@dataclass
class Appendix:
    columns: AppendixColumns = field(default_factory=AppendixColumns)
    rows: list[AppendixRow] = field(default_factory=list)
    trends: list[Trend] = field(default_factory=list)

    def row(self, row_id: str) -> AppendixRow | None:
        return next((r for r in self.rows if r.id == row_id), None)


@dataclass
class EpqaRow:
    id: str
    label: str = ""
    initial: Cell = None
    predicted: Cell = None
    actual: Cell = None
    note: str = ""


@dataclass
class BoardMember:
    name: str = ""
    agency: str = ""
    post: str = ""
    ethnicity: str = ""
    gender: str = ""
    chair: bool = False


@dataclass
class Review:
    date: str = ""            # as written ("September 2006")
    reviewer: str = ""
    done: bool = False
    note: str = ""


@dataclass
class Signature:
    role: str = ""            # as printed ("Chief Executive Of The Local Authority")
    name: str = ""
    signature: str = ""       # what the signature box shows ("(on behalf of ...)")
    date: str = ""            # as written ("26.4.06")


@dataclass
class Plan:
    meta: Meta = field(default_factory=Meta)
    contents: list[ContentsEntry] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)
    delivery: list[ObjectiveArea] = field(default_factory=list)
    appendix: Appendix = field(default_factory=Appendix)
    epqa: list[EpqaRow] = field(default_factory=list)
    board: list[BoardMember] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    format: str = FORMAT

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def area(self, area_id: str) -> ObjectiveArea | None:
        return next((a for a in self.delivery if a.id == area_id), None)

    def epqa_row(self, row_id: str) -> EpqaRow | None:
        return next((r for r in self.epqa if r.id == row_id), None)
