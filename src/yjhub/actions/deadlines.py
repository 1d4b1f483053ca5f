"""Reading the deadline of an action as services write it. Pure: no Django.

Action plans give deadlines as dates ("01 March 2008", "21.05.08"), recurrences ("Monthly",
"Quarterly"), "Ongoing", "To be agreed", or free text ("CYJB meeting July 2008 for decision",
"Mid June"). The text is always kept as written; ``deadline_parse`` adds what can be read from
it: a kind, a due date when one can be read, and a recurrence.

How a date is read from text (the rules a person would use; every one is tested):

- a full date ("01 March 2008", "May 21st 2008", "21.05.08", "2008-05-21") is that day;
- a month ("March 2008", "July") is due by the month's **last day**; "Mid June" is the 15th,
  "Early June" the 7th, "Beginning of June" the 1st, "End of June" the last day;
- a month written without a year is the first such month on or after ``starts_on`` (the plan's
  first day), so "Mid June" in a plan starting April 2008 is 15 June 2008; with no
  ``starts_on`` no date is read;
- a range ("July & August", "October to December 2008", "October 2008 – March 2009") is due at
  its end; "During 2008.09" is the end of that financial year (31 March 2009);
- when the text names several dates that are not a range ("Mid June so that ... in July"), the
  first is the deadline;
- "onwards" ("September 2008 onwards") names a start, not a deadline: the action is ongoing;
- "Ongoing", "Then ongoing", "Ongoing – first data set available in July" are ongoing; a date
  in the text is kept as the due date of its first milestone (July);
- "Monthly", "Quarterly", "Annually" (and "every month" etc.) recur, with no due date;
- "To be agreed", "To be determined", "TBC", "TBA" are not yet set;
- anything else is free text ("text"), with a date if one can be read, otherwise none. A text
  that is only a full date is kind "date"; only a month or a range of months, kind "month".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

KINDS = {
    "date": "A date",
    "month": "A month",
    "recurring": "Recurring",
    "ongoing": "Ongoing",
    "to_be_agreed": "To be agreed",
    "text": "As written",
    "none": "Not given",
}
RECURRENCES = {"weekly": "Weekly", "monthly": "Monthly", "quarterly": "Quarterly",
               "annually": "Annually"}

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9

_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_YEAR = r"((?:19|20)\d\d)"
_ORD = r"(?:st|nd|rd|th)?"

_RECURRING = [
    (re.compile(r"^(every\s+week|weekly)\b", re.I), "weekly"),
    (re.compile(r"^(every\s+month|monthly)\b", re.I), "monthly"),
    (re.compile(r"^(every\s+quarter|quarterly)\b", re.I), "quarterly"),
    (re.compile(r"^(every\s+year|annually|yearly)\b", re.I), "annually"),
]
_TO_BE_AGREED = re.compile(r"^(to\s+be\s+(agreed|determined|confirmed|decided|set)|tbc|tba|tbd)"
                           r"\b", re.I)
_ONGOING = re.compile(r"\b(ongoing|on-going|continuous|continuing)\b", re.I)
_ONWARDS = re.compile(r"\bonwards\b", re.I)

# Full dates, in the forms plans use.
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MONTH}\.?,?\s+{_YEAR}\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\.?\s+(\d{{1,2}}){_ORD},?\s+{_YEAR}\b", re.I)
_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# A month, perhaps qualified ("mid", "end of") and perhaps with a year.
_QUALIFIER = r"(?:(mid|middle\s+of|early|beginning\s+of|start\s+of|late|end\s+of|by\s+end\s+of)" \
    r"[\s-]+)?"
_MONTH_YEAR = re.compile(rf"\b{_QUALIFIER}{_MONTH}\b(?:\s+{_YEAR})?", re.I)
_FINANCIAL_YEAR = re.compile(r"\b(?:during\s+|in\s+|by\s+end\s+of\s+)?((?:19|20)\d\d)\s*[./-]\s*"
                             r"(\d\d)\b", re.I)
_RANGE_JOIN = re.compile(r"^\s*(?:&|and|to|-|–|—|until|till)\s*$", re.I)


@dataclass(frozen=True)
class Deadline:
    """A deadline as written, and what was read from it."""

    text: str
    kind: str                 # a key of KINDS
    due: date | None = None   # the date it is due by, when one can be read
    recurrence: str = ""      # a key of RECURRENCES, for kind "recurring"

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown deadline kind {self.kind!r}")
        if self.recurrence and self.recurrence not in RECURRENCES:
            raise ValueError(f"unknown recurrence {self.recurrence!r}")

    @property
    def label(self) -> str:
        """How the deadline reads in a list: the date, or the kind with the text."""
        if self.kind == "date" and self.due:
            return f"{self.due.day} {calendar.month_name[self.due.month]} {self.due.year}"
        return self.text or KINDS[self.kind]


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year(text: str) -> int:
    number = int(text)
    return number + 2000 if number < 100 else number


def _month_year(month: int, year: int | None, starts_on: date | None) -> int | None:
    if year is not None:
        return year
    if starts_on is None:
        return None
    return starts_on.year if month >= starts_on.month else starts_on.year + 1


def _qualified_day(qualifier: str | None, year: int, month: int) -> date:
    q = (qualifier or "").lower()
    if q in ("mid", "middle of"):
        return date(year, month, 15)
    if q == "early":
        return date(year, month, 7)
    if q in ("beginning of", "start of"):
        return date(year, month, 1)
    return _last_day(year, month)  # "end of", "late", or a month alone: by the month's end


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    day: date | None
    exact: bool  # a full date, not a month


def _dates_in(text: str, starts_on: date | None) -> list[_Found]:
    """Every date or month named in the text, in order, full dates taking precedence."""
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []

    def free(m) -> bool:
        return all(m.end() <= s or m.start() >= e for s, e in taken)

    def add(m, day: date | None, exact: bool) -> None:
        taken.append((m.start(), m.end()))
        found.append(_Found(m.start(), m.end(), day, exact))

    for m in _DAY_MONTH_YEAR.finditer(text):
        add(m, _safe_date(int(m[3]), MONTHS[m[2].lower()], int(m[1])), True)
    for m in _MONTH_DAY_YEAR.finditer(text):
        if free(m):
            add(m, _safe_date(int(m[3]), MONTHS[m[1].lower()], int(m[2])), True)
    for m in _ISO.finditer(text):
        if free(m):
            add(m, _safe_date(int(m[1]), int(m[2]), int(m[3])), True)
    for m in _NUMERIC.finditer(text):
        if free(m):
            add(m, _safe_date(_year(m[3]), int(m[2]), int(m[1])), True)
    for m in _FINANCIAL_YEAR.finditer(text):
        if free(m):
            first, second = int(m[1]), int(m[2])
            if (first + 1) % 100 == second:  # 2008.09, 2008-09: the year April to March
                add(m, date(first + 1, 3, 31), False)
    for m in _MONTH_YEAR.finditer(text):
        if not free(m):
            continue
        month = MONTHS[m[2].lower()]
        if m[2].lower() == "may" and not (m[1] or m[3]) and not _month_context(text, m):
            continue  # "may" as a verb ("the Police may...") is not a month
        year = _month_year(month, int(m[3]) if m[3] else None, starts_on)
        day = None if year is None else _qualified_day(m[1], year, month)
        add(m, day, False)
    found.sort(key=lambda f: f.start)
    return found


def _month_context(text: str, m) -> bool:
    """A bare "May" counts as a month at the start of the text or after "in", "by" or "&"."""
    before = text[:m.start()].strip().lower()
    return before == "" or before.endswith(("in", "by", "&", "and", "to", "from", "–", "-"))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _due(text: str, starts_on: date | None) -> tuple[date | None, str]:
    """The due date read from the text, and the kind: "date" when the text is one full date,
    "month" when it is only a month or a range of months, else "text"."""
    found = [f for f in _dates_in(text, starts_on) if f.day is not None]
    if not found:
        return None, "text"
    first = found[0]
    only = _only_dates(text, found)
    # A range: "July & August", "October to December 2008", "October 2008 – March 2009". A
    # month whose year comes later in the range takes that year ("October to December 2008").
    if len(found) > 1 and _RANGE_JOIN.match(text[first.end:found[1].start]):
        second = found[1]
        start = first.day
        if start > second.day and not re.search(_YEAR, text[first.start:first.end]):
            start = start.replace(year=second.day.year)
        end = second.day if second.day >= start else second.day.replace(year=start.year + 1)
        return end, "month" if only and len(found) == 2 else "text"
    if only and len(found) == 1:
        return first.day, "date" if first.exact else "month"
    return first.day, "text"


def _only_dates(text: str, found: list[_Found]) -> bool:
    """Nothing but the dates (and joining words) is written."""
    rest, last = [], 0
    for f in found:
        rest.append(text[last:f.start])
        last = f.end
    rest.append(text[last:])
    words = re.sub(r"[\s.,;:()&–—-]+", " ", " ".join(rest)).strip().lower()
    return all(w in ("by", "on", "the", "due", "and", "to", "until", "till") for w in
               words.split())


def deadline_parse(text: str | None, *, starts_on: date | None = None) -> Deadline:
    """Read a deadline as written. ``starts_on``: the plan's first day, for months written
    without a year. Never fails: text it cannot read is kept as written, with no date."""
    written = re.sub(r"\s+", " ", str(text or "")).strip()
    if isinstance(text, date):
        return Deadline(text=text.isoformat(), kind="date", due=text)
    if not written:
        return Deadline(text="", kind="none")
    for pattern, recurrence in _RECURRING:
        if pattern.match(written):
            return Deadline(text=written, kind="recurring", recurrence=recurrence)
    if _TO_BE_AGREED.match(written):
        return Deadline(text=written, kind="to_be_agreed")
    if _ONWARDS.search(written):
        return Deadline(text=written, kind="ongoing")
    due, kind = _due(written, starts_on)
    if _ONGOING.search(written):
        return Deadline(text=written, kind="ongoing", due=due)
    return Deadline(text=written, kind=kind, due=due)
