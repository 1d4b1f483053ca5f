"""What a document is made of, independent of the format it is written to.

A plan, a board report or an audit report is built once as a ``Document`` (a title and a list of
blocks) and written to HTML, PDF and Word by the renderers beside this module, so the three always
say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 to 4

    def __post_init__(self):
        if not 1 <= self.level <= 4:
            raise ValueError(f"heading level must be 1 to 4, not {self.level}: {self.text!r}")


@dataclass(frozen=True)
class Paragraph:
    text: str  # plain text; a newline is a line break


@dataclass(frozen=True)
class Bullets:
    items: list[str]
    numbered: bool = False


RAG_WORDS = {"red": "Red", "amber": "Amber", "green": "Green"}


@dataclass(frozen=True)
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False
    rag: str | None = None  # "red", "amber" or "green": a coloured tag that also says the word

    def __post_init__(self):
        if self.rag is not None and self.rag not in RAG_WORDS:
            raise ValueError(f"rag must be one of {sorted(RAG_WORDS)}, not {self.rag!r}")
        if self.colspan < 1 or self.rowspan < 1:
            raise ValueError(f"spans must be at least 1: {self}")


def as_cell(value) -> Cell:
    if isinstance(value, Cell):
        return value
    return Cell("" if value is None else str(value))


@dataclass(frozen=True)
class Table:
    head: list  # one header row (a list of str/Cell) or several (a list of such lists)
    rows: list[list]
    caption: str = ""
    foot: list[list] = field(default_factory=list)  # totals rows, shown bold
    numeric: set[int] | frozenset[int] | None = None  # column positions aligned right
    row_headers: bool = True  # the first cell of each body row heads the row

    @property
    def head_rows(self) -> list[list[Cell]]:
        if self.head and all(isinstance(row, list | tuple) for row in self.head):
            return [[as_cell(v) for v in row] for row in self.head]
        return [[as_cell(v) for v in self.head]] if self.head else []

    @property
    def body_rows(self) -> list[list[Cell]]:
        return [[as_cell(v) for v in row] for row in self.rows]

    @property
    def foot_rows(self) -> list[list[Cell]]:
        return [[as_cell(v) for v in row] for row in self.foot]


@dataclass(frozen=True)
class Figure:
    svg: str  # a standalone SVG (presentation attributes, no external CSS)
    alt: str  # what the chart shows, in words
    caption: str = ""


@dataclass(frozen=True)
class Callout:
    text: str


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Bullets | Table | Figure | Callout | PageBreak


@dataclass
class Document:
    title: str
    blocks: list = field(default_factory=list)
    subtitle: str = ""
    meta: list[tuple[str, str]] = field(default_factory=list)  # shown under the title
    contents: bool = False  # a contents list of the level 1 and 2 headings
    landscape: bool = False

    def headings(self, *, deepest: int = 2) -> list[tuple[str, Heading]]:
        """Each heading to list in the contents, with the anchor it gets in HTML and PDF."""
        found, seen = [], set()
        for block in self.blocks:
            if isinstance(block, Heading):
                anchor = anchor_for(block.text, seen)
                if block.level <= deepest:
                    found.append((anchor, block))
        return found


def anchor_for(text: str, seen: set[str]) -> str:
    """A stable, unique id for a heading: its words, lower case, joined by hyphens."""
    base = "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split()) or "section"
    anchor, n = base, 2
    while anchor in seen:
        anchor, n = f"{base}-{n}", n + 1
    seen.add(anchor)
    return anchor


def table_grid(rows: list[list[Cell]]) -> tuple[int, list[list[tuple[int, Cell]]]]:
    """Where each cell of these rows sits once row and column spans are laid out.

    Returns the number of columns and, for each row, (column, cell) pairs. A cell starts at the
    first column not already taken by a cell spanning down from a row above.
    """
    taken: set[tuple[int, int]] = set()
    placed: list[list[tuple[int, Cell]]] = []
    width = 0
    for r, row in enumerate(rows):
        c, here = 0, []
        for cell in row:
            while (r, c) in taken:
                c += 1
            here.append((c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
        placed.append(here)
        width = max([width] + [col + 1 for (row_i, col) in taken if row_i == r])
    return width, placed
