"""Problems found in an import, as text for people and as a CSV report.

Every problem names where it is (file, sheet, row, column), the value and the reason in plain
English. All problems go to the CSV report (spooled to a temporary file, so a file with a million
bad rows does not fill memory); the first few are kept in memory for the summary.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from yjhub.importing.values import printable

REPORT_COLUMNS = ["file", "sheet", "row", "column", "value", "problem"]
TEXT_LIMIT = 50


@dataclass(frozen=True)
class Problem:
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    value: str | None = None
    problem: str = ""
    warning: bool = False  # a warning is reported but does not stop the import

    def place(self) -> str:
        parts = [self.file or "import"]
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        return " ".join(parts)

    def __str__(self) -> str:
        where = self.place()
        if self.column:
            where += f", {self.column}"
            if self.value is not None:
                where += f' "{self.value}"'
        prefix = "warning: " if self.warning else ""
        return f"{where}: {prefix}{self.problem}"

    def as_row(self) -> list:
        text = f"warning: {self.problem}" if self.warning else self.problem
        return [self.file, self.sheet, "" if self.row is None else self.row, self.column,
                "" if self.value is None else self.value, text]


class ProblemLog:
    """Collects problems and warnings: all of them in a spooled CSV, the first ``keep`` of each
    in memory."""

    def __init__(self, *, keep: int = 1000):
        self.keep = keep
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.problem_count = 0
        self.warning_count = 0
        self.drop_warnings = False  # set for the load pass, which reads the files a second time
        self._spool = tempfile.TemporaryFile(  # noqa: SIM115 - closed by close()
            "w+", encoding="utf-8", newline="")
        self._writer = csv.writer(self._spool)
        self._writer.writerow(REPORT_COLUMNS)

    def add(self, *, file="", sheet="", row=None, column="", value=None, problem: str,
            warning: bool = False) -> Problem:
        item = Problem(file=printable(file, 200), sheet=printable(sheet or "", 200), row=row,
                       column=printable(column, 200),
                       value=None if value is None else printable(value),
                       problem=printable(problem, 2000), warning=warning)
        if warning and self.drop_warnings:
            return item
        if warning:
            self.warning_count += 1
            if len(self.warnings) < self.keep:
                self.warnings.append(item)
        else:
            self.problem_count += 1
            if len(self.problems) < self.keep:
                self.problems.append(item)
        self._writer.writerow(item.as_row())
        return item

    @property
    def has_problems(self) -> bool:
        return self.problem_count > 0

    @property
    def empty(self) -> bool:
        return self.problem_count == 0 and self.warning_count == 0

    def write_csv(self, path: Path) -> Path:
        """Write the report (``file,sheet,row,column,value,problem``; UTF-8 with a BOM so Excel
        shows it correctly)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self._spool.flush()
        self._spool.seek(0)
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            shutil.copyfileobj(self._spool, out)
        self._spool.seek(0, 2)
        return path

    def close(self) -> None:
        self._spool.close()

    def text(self, *, limit: int = TEXT_LIMIT, report_path: Path | None = None) -> str:
        """The problems (then warnings) as lines of text, at most ``limit`` of each."""
        lines = []
        for items, count, label in ((self.problems, self.problem_count, "problems"),
                                    (self.warnings, self.warning_count, "warnings")):
            lines += [str(p) for p in items[:limit]]
            if count > limit:
                more = f"... and {count - limit} more {label}"
                more += f" — see the CSV report {report_path}" if report_path else ""
                lines.append(more)
        return "\n".join(lines)
