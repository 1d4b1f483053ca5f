import csv
from pathlib import Path

import pytest


def write_csv(path: Path, rows, *, encoding="utf-8", newline="\n"):
    """Write rows (lists) as CSV in the given encoding."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, lineterminator=newline)
        writer.writerows(rows)
    return path


SERVICE = [["service_id", "name", "nation"], ["S1", "Northtown YJS", "England"]]
CHILDREN = [
    ["child_id", "service_id", "date_of_birth", "sex", "ethnicity"],
    ["C1", "S1", "26/04/2006", "M", "WBRI"],
    ["C2", "S1", "2007-01-31", "F", ""],
    ["C3", "S1", "3 March 2008", "Girl", "Black Caribbean"],
]


@pytest.fixture
def good_folder(tmp_path):
    folder = tmp_path / "export"
    write_csv(folder / "service.csv", SERVICE)
    write_csv(folder / "child.csv", CHILDREN)
    return folder


@pytest.fixture
def report_dir(tmp_path):
    return tmp_path / "reports"
