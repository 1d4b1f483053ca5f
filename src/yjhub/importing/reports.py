"""Reading an import's CSV report of problems back, for the run's page."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

SHOWN = 100
WARNING = "warning: "


@dataclass
class Report:
    problems: list[dict] = field(default_factory=list)  # the first SHOWN
    warnings: list[dict] = field(default_factory=list)
    problem_count: int = 0
    warning_count: int = 0
    available: bool = True

    @property
    def problems_more(self) -> int:
        return self.problem_count - len(self.problems)

    @property
    def warnings_more(self) -> int:
        return self.warning_count - len(self.warnings)


def report_file(report_path: str) -> Path | None:
    """The report, if it exists inside the import folder (never any other file)."""
    if not report_path:
        return None
    root = Path(settings.IMPORT_DIR).resolve()
    path = Path(report_path).resolve()
    if not path.is_file() or not path.is_relative_to(root):
        return None
    return path


def report_read(report_path: str, *, shown: int = SHOWN) -> Report:
    """The first ``shown`` problems and warnings, and how many of each there are."""
    path = report_file(report_path)
    if path is None:
        return Report(available=not report_path)
    report = Report()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            text = row.get("problem") or ""
            if text.startswith(WARNING):
                row["problem"] = text.removeprefix(WARNING)
                report.warning_count += 1
                if len(report.warnings) < shown:
                    report.warnings.append(row)
            else:
                report.problem_count += 1
                if len(report.problems) < shown:
                    report.problems.append(row)
    return report
