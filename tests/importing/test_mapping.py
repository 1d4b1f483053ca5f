"""The mapping file: renames, recodes, constants, ignores, globs, and its own checks."""

from pathlib import Path

import pytest

from tests.importing.conftest import SERVICE, write_csv
from yjhub.casedata.models import Child
from yjhub.importing.mapping import MappingError, load_mapping
from yjhub.importing.services import import_run_create

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "mapping-example.yaml"


def test_example_mapping_is_valid():
    mapping = load_mapping(EXAMPLE)
    child = mapping.tables["child"]
    assert child.columns["child_id"] == "YP Ref"
    assert child.recode_value("sex", " boy ") == "M"
    assert child.date_format == "%d/%m/%Y"
    assert mapping.tables["offence"].date_format == "%d-%b-%Y"
    assert child.matches_file("yp_details_2024.CSV")


@pytest.mark.django_db
def test_mapping_renames_recodes_constants_and_ignores(tmp_path):
    folder = tmp_path / "export"
    write_csv(folder / "service.csv", SERVICE)
    write_csv(folder / "YP_Details_2024.csv", [
        ["YP Ref", "DOB", "Gender at birth", "Ethnicity (16+1)", "Worker phone", "CLA"],
        ["Y1", "26/04/2006", "Boy", "A1", "0123", "CLA"],
        ["Y2", "01/02/2007", "Girl", "", "0456", "Not CLA"],
    ])
    mapping = tmp_path / "m.yaml"
    text = EXAMPLE.read_text().replace("service_id: YJS01", "service_id: S1")
    text = text.replace('file: "service*.csv"', 'file: "service.csv"')
    mapping.write_text(text.replace("      child_id: YP Ref\n      date_of_birth: DOB",
                                    "      child_id: YP Ref\n      date_of_birth: DOB\n"
                                    "      looked_after: CLA"))
    result = import_run_create(path=folder, mapping_path=mapping, actor="t",
                               report_dir=tmp_path / "r")
    assert result.status == "loaded", result.text
    assert result.warning_count == 0
    y1, y2 = Child.objects.order_by("pk")
    assert (y1.sex, y1.ethnicity, y1.service_id, y1.looked_after) == (
        "M", "white_british", "S1", True)
    assert (y2.sex, y2.looked_after) == ("F", False)


@pytest.mark.django_db
def test_mapping_date_format_month_first(tmp_path):
    folder = tmp_path / "export"
    write_csv(folder / "service.csv", SERVICE)
    write_csv(folder / "child.csv", [["child_id", "service_id", "date_of_birth", "sex"],
                                     ["C1", "S1", "04/26/2006", "M"]])
    mapping = tmp_path / "m.yaml"
    mapping.write_text('tables:\n  child:\n    date_format: "%m/%d/%Y"\n')
    result = import_run_create(path=folder, mapping_path=mapping, actor="t",
                               report_dir=tmp_path / "r")
    assert result.status == "loaded", result.text
    assert str(Child.objects.get().date_of_birth) == "2006-04-26"


@pytest.mark.parametrize("text,message", [
    ("tables: [1, 2\n", "line 2, column 1: not valid YAML"),
    ("- a\n", "expected a YAML mapping"),
    ("tables: {}\n", "'tables' must list at least one table"),
    ("tables:\n  childs: {}\n", "'childs' is not a table of the schema (did you mean child?)"),
    ("tables:\n  child: {files: x}\n", "unknown setting 'files' (did you mean file?)"),
    ("tables:\n  child: {columns: {dob: DOB}}\n", "'dob' is not a column of child"),
    ("tables:\n  child: {columns: {child_id: A, sex: a}}\n",
     "the source header 'a' is mapped to two columns"),
    ("tables:\n  child: {recode: {sex: {Boy: Male-ish}}}\n",
     "'Boy' is recoded to 'Male-ish', which is not in the code list sex"),
    ("tables:\n  child: {date_format: '%Y'}\n", "must be a strftime pattern"),
    ("tables:\n  child: {ignore: {a: 1}}\n", "must be a list of source column headers"),
    ("colums: 1\ntables:\n  child: {}\n", "unknown setting 'colums'"),
])
def test_mapping_file_mistakes(tmp_path, text, message):
    path = tmp_path / "m.yaml"
    path.write_text(text)
    with pytest.raises(MappingError) as caught:
        load_mapping(path)
    assert any(message in e for e in caught.value.errors), caught.value.errors


def test_missing_mapping_file(tmp_path):
    with pytest.raises(MappingError, match="does not exist"):
        load_mapping(tmp_path / "none.yaml")


