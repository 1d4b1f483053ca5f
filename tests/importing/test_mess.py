"""Real-world mess in exports: encodings, BOMs, blank rows, odd headers, Excel quirks."""

import datetime as dt

import openpyxl
import pytest

from tests.importing.conftest import SERVICE, write_csv
from yjhub.casedata.models import Child, Staff
from yjhub.importing.services import import_run_create

pytestmark = pytest.mark.django_db

HEADER = ["child_id", "service_id", "date_of_birth", "sex", "looked_after", "home_local_authority"]


def run(path, tmp_path, **kw):
    return import_run_create(path=path, actor="tester", report_dir=tmp_path / "r", **kw)


def folder_with(tmp_path, child_bytes: bytes, name="child.csv"):
    folder = tmp_path / "in"
    write_csv(folder / "service.csv", SERVICE)
    (folder / name).write_bytes(child_bytes)
    return folder


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_encodings(tmp_path, encoding):
    text = "\r\n".join([",".join(HEADER), "C1,S1,26/04/2006,M,Y,Café ’s"]) + "\r\n"
    folder = folder_with(tmp_path, text.encode(encoding))
    result = run(folder, tmp_path)
    assert result.status == "loaded", result.text
    assert Child.objects.get(pk="C1").home_local_authority == "Café ’s"


def test_undecodable_bytes_named_with_row(tmp_path):
    # 0x81 is undefined in Windows-1252, and the file is not UTF-8 (0xe9 alone)
    data = (",".join(HEADER) + "\nC1,S1,26/04/2006,M,Y,Caf\xe9\nC2,S1,26/04/2006,M,Y,A").encode(
        "cp1252") + b"\x81\n"
    result = run(folder_with(tmp_path, data), tmp_path)
    assert [str(p) for p in result.problems] == [
        'child.csv row 3, home_local_authority "A\\x81": contains bytes that are not valid '
        "cp1252 (\\x81): save the file as UTF-8"]
    assert Child.objects.count() == 0


def test_blank_rows_whitespace_and_booleans(tmp_path):
    rows = [HEADER, ["  C1 ", " S1", " 26/04/2006 ", "m", "Yes", ""], [], ["", "", ""],
            ["C2", "S1", "1/5/07", "F", "f", "  "], ["C3", "S1", "1.5.07", "F", "0", ""],
            ["C4", "S1", "01-05-2007", "F", "TRUE", ""], [], [], ["", "", "", "", "", ""]]
    write_csv(tmp_path / "in" / "child.csv", rows)
    write_csv(tmp_path / "in" / "service.csv", SERVICE)
    result = run(tmp_path / "in", tmp_path)
    assert result.status == "loaded", result.text
    assert result.counts["child"]["read"] == 4
    assert [c.looked_after for c in Child.objects.order_by("pk")] == [True, False, False, True]
    c1 = Child.objects.get(pk="C1")
    assert (c1.sex, c1.service_id, c1.home_local_authority) == ("M", "S1", None)


def test_row_numbers_count_blank_rows(tmp_path):
    rows = [HEADER, ["C1", "S1", "26/04/2006", "M", "", ""], [], ["C2", "S1", "bad", "M", "", ""]]
    write_csv(tmp_path / "in" / "child.csv", rows)
    write_csv(tmp_path / "in" / "service.csv", SERVICE)
    result = run(tmp_path / "in", tmp_path)
    assert result.problems[0].row == 4


def test_duplicated_header_names_both_columns(tmp_path):
    rows = [["child_id", "Sex", "service_id", "date_of_birth", "SEX"],
            ["C1", "M", "S1", "26/04/2006", "F"]]
    write_csv(tmp_path / "in" / "child.csv", rows)
    write_csv(tmp_path / "in" / "service.csv", SERVICE)
    result = run(tmp_path / "in", tmp_path)
    assert [str(p) for p in result.problems] == [
        'child.csv row 1, sex: two columns are headed sex: column B ("Sex") and column E '
        '("SEX"); remove or rename one']


def test_missing_required_columns_once_per_file(tmp_path):
    rows = [["child_id", "service_id"]] + [[f"C{i}", "S1"] for i in range(30)]
    write_csv(tmp_path / "in" / "child.csv", rows)
    write_csv(tmp_path / "in" / "service.csv", SERVICE)
    result = run(tmp_path / "in", tmp_path)
    assert result.problem_count == 1
    assert "missing required columns date_of_birth, sex" in str(result.problems[0])


def test_unknown_column_is_a_warning_and_unknown_file_too(tmp_path):
    rows = [HEADER + ["Worker notes"], ["C1", "S1", "26/04/2006", "M", "", "", "x"]]
    write_csv(tmp_path / "in" / "child.csv", rows)
    write_csv(tmp_path / "in" / "service.csv", SERVICE)
    (tmp_path / "in" / "children_old.csv").write_text("a,b\n")
    result = run(tmp_path / "in", tmp_path)
    assert result.status == "loaded"
    warnings = [str(w) for w in result.warnings]
    assert any("Worker notes: warning: column G is not a column of child" in w
               for w in warnings), warnings
    assert any(w.startswith("children_old.csv: warning: not named after a table")
               for w in warnings)
    assert result.report_path is not None  # warnings are in the report too


def test_human_headers_and_semicolons(tmp_path):
    text = "Child ID;Service ID;Date of Birth;Sex\nC1;S1;26 Apr 2006;Male\n"
    result = run(folder_with(tmp_path, text.encode(), name="Child.CSV"), tmp_path)
    assert result.status == "loaded", result.text
    assert Child.objects.get(pk="C1").date_of_birth == dt.date(2006, 4, 26)


def test_extra_values_beyond_the_header(tmp_path):
    text = ",".join(HEADER) + "\nC1,S1,26/04/2006,M,,,oops\n"
    result = run(folder_with(tmp_path, text.encode()), tmp_path)
    assert "a value beyond the last headed column" in result.text
    assert result.problems[0].column == "column G"


def test_broken_quotes_are_reported_not_raised(tmp_path):
    text = ",".join(HEADER) + '\nC1,S1,26/04/2006,M,,"' + "x" * 200_000 + "\n"
    result = run(folder_with(tmp_path, text.encode()), tmp_path)
    assert result.status == "rejected"
    assert "the CSV cannot be read from here on" in result.text


def _workbook(path, sheets: dict, merges: dict | None = None):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
    wb.save(path)
    return path


def test_excel_workbook_with_merged_cells_serials_and_point_zero(tmp_path):
    path = _workbook(tmp_path / "export.xlsx", {
        "Service": SERVICE,
        "Team": [["team_id", "service_id", "name"], [101.0, "S1", "North"]],
        "Staff": [
            ["staff_id", "team_id", "role", "start_date", "end_date"],
            ["W1", 101, "case_manager", 38833, dt.datetime(2010, 1, 1)],
            ["W2", None, "case_manager", "26.4.06", None],  # team merged down from W1
            [],
            ["W3", "101", "Case manager", dt.date(2006, 4, 26), None],
        ],
        "Notes": [["anything"]],
    }, merges={"Staff": ["B2:B3"]})
    result = run(path, tmp_path)
    assert result.status == "loaded", result.text
    assert [s.team_id for s in Staff.objects.order_by("pk")] == ["101", "101", "101"]
    assert Staff.objects.get(pk="W1").start_date == dt.date(2006, 4, 26)
    assert any("sheet Notes" in str(w) for w in result.warnings)


def test_excel_row_numbers_are_the_sheets(tmp_path):
    path = _workbook(tmp_path / "export.xlsx", {
        "service": [[], ["service_id", "name", "nation"], ["S1", "A", "England"], [],
                    ["S2", "B", "Narnia"]],
    })
    result = run(path, tmp_path)
    assert [str(p) for p in result.problems] == [
        'export.xlsx sheet service row 5, nation "Narnia": not in the code list nation: '
        "expected one of england, wales"]


def test_excel_merged_header_is_an_error(tmp_path):
    path = _workbook(tmp_path / "export.xlsx", {
        "service": [["service_id", "name", None], ["S1", "A", "England"]],
    }, merges={"service": ["B1:C1"]})
    result = run(path, tmp_path)
    assert "the header row has merged cells (B1:C1)" in result.text


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04garbage", b"not a zip at all"])
def test_broken_workbooks_are_reported(tmp_path, data):
    (tmp_path / "export.xlsx").write_bytes(data)
    result = run(tmp_path / "export.xlsx", tmp_path)
    assert result.status == "rejected"
    assert "cannot be read as an Excel workbook" in result.text


def test_broken_parquet_is_reported(tmp_path):
    (tmp_path / "child.parquet").write_bytes(b"PAR1 not really")
    result = run(tmp_path / "child.parquet", tmp_path)
    assert result.status == "rejected"
    assert "cannot be read as a Parquet file" in result.text
