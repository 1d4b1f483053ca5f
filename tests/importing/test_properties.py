"""Property tests: malformed files never raise, and never half-load.

Whatever is thrown at the importer (random bytes, random cells in CSV and Excel, truncated
files, odd encodings), it either loads or reports problems; whenever it reports problems, the
case-data tables hold exactly what they held before.
"""

import datetime as dt
import io
import tempfile
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.importing.conftest import SERVICE, write_csv
from yjhub.casedata.models import MODELS
from yjhub.importing.services import import_run_create

pytestmark = pytest.mark.django_db

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])
COLUMNS = ["child_id", "service_id", "date_of_birth", "sex", "ethnicity", "looked_after",
           "given_name", "Extra", ""]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"]


def row_counts():
    return {name: model.objects.count() for name, model in MODELS.items()}


def check(folder: Path):
    before = row_counts()
    with tempfile.TemporaryDirectory() as reports:
        result = import_run_create(path=folder, actor="hypothesis", report_dir=reports)
    assert result.status in ("loaded", "rejected")
    if result.problem_count:
        assert result.status == "rejected"
        assert row_counts() == before
        assert result.text  # every problem is reported as text
    return result


cell_text = st.one_of(
    st.sampled_from(["", " ", "C1", "C2", "S1", "S9", "M", "Girl", "x", "26/04/2006",
                     "31/02/2009", "2006-04-26", "38833", "Y", "N", "maybe", "WBRI", '"', ",",
                     "\n", "1,234", "14.0", "\x00"]),
    st.text(max_size=30),
)


@SETTINGS
@given(data=st.binary(max_size=2000), name=st.sampled_from(
    ["child.csv", "child.xlsx", "child.parquet", "service.csv"]))
def test_random_bytes(data, name):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if name != "service.csv":
            write_csv(folder / "service.csv", SERVICE)
        (folder / name).write_bytes(data)
        check(folder)


@SETTINGS
@given(header=st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=8),
       rows=st.lists(st.lists(cell_text, max_size=9), max_size=8),
       encoding=st.sampled_from(ENCODINGS))
def test_random_csv_cells(header, rows, encoding):
    buffer = io.StringIO()
    import csv

    csv.writer(buffer).writerows([header, *rows])
    text = buffer.getvalue()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_csv(folder / "service.csv", SERVICE)
        (folder / "child.csv").write_bytes(text.encode(encoding, errors="replace")
                                           if "utf" not in encoding else
                                           text.encode(encoding, errors="surrogatepass"))
        check(folder)


xlsx_cell = st.one_of(
    cell_text.filter(lambda s: openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE.search(s) is None
                     and not s.startswith("=")),
    st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(), st.none(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
)


@SETTINGS
@given(header=st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=8),
       rows=st.lists(st.lists(xlsx_cell, max_size=9), max_size=6),
       merge=st.none() | st.tuples(st.integers(1, 4), st.integers(1, 6), st.integers(0, 2),
                                   st.integers(0, 2)))
def test_random_xlsx_cells(header, rows, merge):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        wb = openpyxl.Workbook()
        wb.active.title = "service"
        for row in SERVICE:
            wb.active.append(row)
        ws = wb.create_sheet("child")
        for row in [header, *rows]:
            ws.append(row)
        if merge:
            col, row, width, height = merge
            ws.merge_cells(start_row=row, start_column=col, end_row=row + height,
                           end_column=col + width)
        wb.save(folder / "export.xlsx")
        check(folder / "export.xlsx")


def _valid_files(folder: Path):
    rows = [["child_id", "service_id", "date_of_birth", "sex"]] + [
        [f"C{i}", "S1", "26/04/2006", "M"] for i in range(40)]
    write_csv(folder / "child.csv", rows)
    wb = openpyxl.Workbook()
    wb.active.title = "child"
    for row in rows:
        wb.active.append(row)
    wb.save(folder / "child.xlsx")
    pq.write_table(pa.table({"child_id": [f"C{i}" for i in range(40)],
                             "service_id": ["S1"] * 40, "sex": ["M"] * 40,
                             "date_of_birth": [dt.date(2006, 4, 26)] * 40}),
                   folder / "child.parquet")


@SETTINGS
@given(kind=st.sampled_from(["csv", "xlsx", "parquet"]), cut=st.floats(0, 1))
def test_truncated_files(kind, cut):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _valid_files(folder)
        data = (folder / f"child.{kind}").read_bytes()
        target = folder / "in"
        target.mkdir()
        write_csv(target / "service.csv", SERVICE)
        (target / f"child.{kind}").write_bytes(data[: int(len(data) * cut)])
        check(target)
