"""Risk registers in Excel: reading a workbook (every problem found, by sheet, row, column and
value) and writing one. No Django here.

A register workbook has two sheets:

- **Register**: one setting a row, its name in column A and its value in column B: Register
  name, Service, Scale (3 or 5: "1 to 3"), Direction ("high": the highest number is the highest
  level of risk; "low": 1 is), Scoring rule (product or sum), As at (the date the scores were
  set), Key (the register's key as written).
- **Risks**: a header row, then one risk a row, in the columns of ``COLUMNS``. The columns the
  export adds (the scores worked out, and the disagreements) are ignored when read back.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from yjhub.importing.problems import Problem
from yjhub.risks.scoring import DIRECTIONS, RULES, Scale

REGISTER_SHEET = "Register"
RISKS_SHEET = "Risks"

#: (header, attribute, kind, required). Kinds: text, level, score, date.
COLUMNS = (
    ("Ref", "ref", "text", True),
    ("Risk", "title", "text", True),
    ("Causes", "causes", "text", False),
    ("Consequences", "consequences", "text", False),
    ("Risk owner", "owner", "text", False),
    ("Impact", "impact", "level", True),
    ("Likelihood", "likelihood", "level", True),
    ("Risk score", "score_written", "score", False),
    ("Current controls", "current_controls", "text", False),
    ("Further actions / additional controls", "further_actions", "text", False),
    ("Residual impact", "residual_impact", "level", False),
    ("Residual likelihood", "residual_likelihood", "level", False),
    ("Residual risk score", "residual_score_written", "score", False),
    ("Review date", "review_date", "date", False),
    ("Closed on", "closed_on", "date", False),
)
#: Written by the export, ignored on import.
COMPUTED = ("Risk score worked out", "Residual risk score worked out", "Scores disagree")
SETTINGS = ("Register name", "Service", "Scale", "Direction", "Scoring rule", "As at", "Key")
REQUIRED_SETTINGS = ("Register name", "Scale", "Direction", "Scoring rule")
TEXT_LIMITS = {"ref": 20, "owner": 200}


@dataclass
class RiskRow:
    row: int  # the spreadsheet row it came from
    ref: str = ""
    title: str = ""
    causes: str = ""
    consequences: str = ""
    owner: str = ""
    impact: int | None = None
    likelihood: int | None = None
    score_written: int | None = None
    current_controls: str = ""
    further_actions: str = ""
    residual_impact: int | None = None
    residual_likelihood: int | None = None
    residual_score_written: int | None = None
    review_date: dt.date | None = None
    closed_on: dt.date | None = None


@dataclass
class RegisterBook:
    name: str = ""
    service_id: str = ""
    scale: Scale | None = None
    as_at: dt.date | None = None
    key_text: str = ""
    risks: list[RiskRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _integer(value) -> int | None:
    """A whole number from a cell, or None when blank; ValueError when not one."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        return int(value)
    text = str(value).strip()
    if not re.fullmatch(r"\d+", text):
        raise ValueError
    return int(text)


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y")


def _date(value) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError


def _scale_max(value) -> int:
    text = _text(value).lower().replace("–", "-")
    match = re.fullmatch(r"(?:1\s*(?:-|to)\s*)?(\d)", text)
    if not match or int(match.group(1)) not in (3, 5):
        raise ValueError
    return int(match.group(1))


def _direction(value) -> str:
    text = _text(value).lower()
    for code, words in DIRECTIONS.items():
        if text in (code, words.lower()):
            return code
    if text.startswith("1 ") or text.startswith("one "):
        return "low"
    if "highest number" in text:
        return "high"
    raise ValueError


def _rule(value) -> str:
    text = _text(value).lower()
    for code, words in RULES.items():
        if text in (code, words.lower()):
            return code
    raise ValueError


def read_register(source, *, file_name: str = "") -> RegisterBook:
    """Read a register workbook (a path, bytes or a file object). Every problem is listed in
    ``problems``; the caller loads nothing unless there are none."""
    name = file_name or (Path(source).name if isinstance(source, str | Path) else "upload")
    book = RegisterBook()

    def problem(sheet="", row=None, column="", value=None, text=""):
        book.problems.append(Problem(file=name, sheet=sheet, row=row, column=column,
                                     value=None if value is None else _text(value)[:80],
                                     problem=text))

    if isinstance(source, bytes):
        source = io.BytesIO(source)
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several kinds for a file that is not xlsx
        problem(text=f"not an Excel workbook (.xlsx) that can be read: {error}")
        return book
    try:
        for sheet in (REGISTER_SHEET, RISKS_SHEET):
            if sheet not in workbook.sheetnames:
                problem(sheet=sheet, text=f"the workbook has no sheet called {sheet!r} "
                        f"(it has: {', '.join(workbook.sheetnames)})")
        if book.problems:
            return book
        _read_settings(workbook[REGISTER_SHEET], book, problem)
        _read_risks(workbook[RISKS_SHEET], book, problem)
    finally:
        workbook.close()
    return book


def _read_settings(sheet, book: RegisterBook, problem) -> None:
    seen: dict[str, tuple[int, object]] = {}
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        label = _text(row[0] if row else None)
        value = row[1] if len(row) > 1 else None
        if not label:
            continue
        known = next((s for s in SETTINGS if s.lower() == label.lower()), None)
        if known is None:
            problem(REGISTER_SHEET, number, "A", label,
                    f"not a register setting (expected one of: {', '.join(SETTINGS)})")
            continue
        if known in seen:
            problem(REGISTER_SHEET, number, "A", label, f"{known} is given twice "
                    f"(rows {seen[known][0]} and {number})")
            continue
        seen[known] = (number, value)
    for required in REQUIRED_SETTINGS:
        if required not in seen or not _text(seen[required][1]):
            row = seen[required][0] if required in seen else None
            problem(REGISTER_SHEET, row, "B" if row else "", "",
                    f"{required} is missing: every register states it")
    parsed = {}
    for label, parse, expected in (
            ("Scale", _scale_max, "3 or 5 (1 to 3, 1 to 5)"),
            ("Direction", _direction, "high (the highest number is the highest level of risk) "
                                      "or low (1 is the highest level of risk)"),
            ("Scoring rule", _rule, "product or sum"),
            ("As at", _date, "a date")):
        if label in seen and _text(seen[label][1]):
            try:
                parsed[label] = parse(seen[label][1])
            except ValueError:
                problem(REGISTER_SHEET, seen[label][0], "B", seen[label][1],
                        f"{label} must be {expected}")
    book.name = _text(seen.get("Register name", (0, ""))[1])[:200]
    book.service_id = _text(seen.get("Service", (0, ""))[1])[:20]
    book.key_text = _text(seen.get("Key", (0, ""))[1])
    book.as_at = parsed.get("As at")
    if {"Scale", "Direction", "Scoring rule"} <= set(parsed):
        book.scale = Scale(parsed["Scale"], parsed["Direction"], parsed["Scoring rule"])


def _read_risks(sheet, book: RegisterBook, problem) -> None:
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        problem(RISKS_SHEET, 1, text="the sheet is empty: it needs a header row")
        return
    by_header = {h.lower(): (h, attr, kind, req) for h, attr, kind, req in COLUMNS}
    columns: dict[int, tuple] = {}
    for index, cell in enumerate(header):
        text = _text(cell)
        letter = get_column_letter(index + 1)
        if not text or text in COMPUTED:
            continue
        if text.lower() not in by_header:
            problem(RISKS_SHEET, 1, letter, text, "not a column of a risk register "
                    f"(expected: {', '.join(h for h, *_ in COLUMNS)})")
            continue
        if any(c[0] == by_header[text.lower()][0] for c in columns.values()):
            problem(RISKS_SHEET, 1, letter, text, "this column appears twice")
            continue
        columns[index] = by_header[text.lower()]
    present = {c[0] for c in columns.values()}
    for head, _attr, _kind, required in COLUMNS:
        if required and head not in present:
            problem(RISKS_SHEET, 1, "", None, f"the column {head!r} is missing")
    if book.problems and any(p.sheet == RISKS_SHEET for p in book.problems):
        return
    maximum = book.scale.maximum if book.scale else None
    refs: dict[str, int] = {}
    for number, values in enumerate(rows, start=2):
        if all(_text(v) == "" for v in values):
            continue
        risk = RiskRow(row=number)
        for index, (head, attr, kind, required) in columns.items():
            value = values[index] if index < len(values) else None
            where = f"{get_column_letter(index + 1)} ({head})"
            try:
                parsed = _parse(kind, value)
            except ValueError:
                wanted = {"level": "a whole number", "score": "a whole number",
                          "date": "a date (like 2020-03-31)"}[kind]
                problem(RISKS_SHEET, number, where, value, f"{head} must be {wanted}")
                continue
            if required and parsed in (None, ""):
                problem(RISKS_SHEET, number, where, "", f"{head} is missing")
                continue
            if kind == "level" and parsed is not None and maximum and \
                    not 1 <= parsed <= maximum:
                problem(RISKS_SHEET, number, where, value,
                        f"{head} must be from 1 to {maximum} (the register's scale)")
                continue
            if kind == "score" and parsed is not None and parsed < 1:
                problem(RISKS_SHEET, number, where, value, f"{head} must be 1 or more")
                continue
            if kind == "text" and attr in TEXT_LIMITS and len(parsed) > TEXT_LIMITS[attr]:
                problem(RISKS_SHEET, number, where, value,
                        f"{head} is longer than {TEXT_LIMITS[attr]} characters")
                continue
            setattr(risk, attr, parsed)
        if risk.ref:
            if risk.ref in refs:
                problem(RISKS_SHEET, number, _where(columns, "ref"), risk.ref,
                        f"Ref {risk.ref!r} is used twice (rows {refs[risk.ref]} and {number})")
            refs.setdefault(risk.ref, number)
        if (risk.residual_impact is None) != (risk.residual_likelihood is None):
            missing = ("residual_likelihood" if risk.residual_likelihood is None
                       else "residual_impact")
            problem(RISKS_SHEET, number, _where(columns, missing), "",
                    "give both the residual impact and the residual likelihood, or neither")
        book.risks.append(risk)
    if not book.risks and not book.problems:
        problem(RISKS_SHEET, None, "", None, "the sheet lists no risks")


def _where(columns: dict, attr: str) -> str:
    for index, (head, a, _k, _r) in columns.items():
        if a == attr:
            return f"{get_column_letter(index + 1)} ({head})"
    return next(h for h, a, _k, _r in COLUMNS if a == attr)


def _parse(kind: str, value):
    if kind == "text":
        return _text(value)
    if kind in ("level", "score"):
        return _integer(value)
    return _date(value)


# -- writing ------------------------------------------------------------------------------


def write_register(*, name: str, service_id: str, scale: Scale, as_at: dt.date | None,
                   key_text: str, risks: list[dict]) -> bytes:
    """A workbook of the register: ``risks`` are dicts keyed by ``COLUMNS``' attributes, plus
    ``score``, ``residual_score`` and ``flags`` (the disagreements in words)."""
    workbook = Workbook()
    settings = workbook.active
    settings.title = REGISTER_SHEET
    notes = {"Scale": "impact and likelihood each run from 1 to this",
             "Direction": f"{scale.direction}: {DIRECTIONS[scale.direction]} "
                          "(high: the highest number is; low: 1 is)",
             "Scoring rule": "product (impact × likelihood) or sum (impact + likelihood)",
             "As at": "the date the scores were set"}
    for row in (("Register name", name), ("Service", service_id),
                ("Scale", f"1 to {scale.maximum}"), ("Direction", scale.direction),
                ("Scoring rule", scale.rule), ("As at", as_at), ("Key", key_text)):
        settings.append(row + ((notes[row[0]],) if row[0] in notes else ()))
    settings.column_dimensions["A"].width = 18
    settings.column_dimensions["B"].width = 60
    settings.column_dimensions["C"].width = 70
    for cell in settings["A"]:
        cell.font = Font(bold=True)
    if as_at:
        settings["B6"].number_format = "yyyy-mm-dd"
    sheet = workbook.create_sheet(RISKS_SHEET)
    sheet.append([h for h, *_ in COLUMNS] + list(COMPUTED))
    for risk in risks:
        sheet.append([risk.get(attr) for _h, attr, _k, _r in COLUMNS]
                     + [risk.get("score"), risk.get("residual_score"), risk.get("flags", "")])
    for index, (_head, _attr, kind, _r) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 12 if kind != "text" else 40
        if kind == "date":
            for cell in sheet[letter][1:]:
                cell.number_format = "yyyy-mm-dd"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
