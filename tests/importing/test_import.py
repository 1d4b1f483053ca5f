"""The importer end to end: all or nothing, upserts, ImportRun, the CSV report."""

import csv
import datetime as dt

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.importing.conftest import CHILDREN, SERVICE, write_csv
from yjhub.casedata.models import Child, Offence, Outcome, Service
from yjhub.importing.models import ImportRun
from yjhub.importing.services import ImportSetupError, import_run_create

pytestmark = pytest.mark.django_db


def run(path, report_dir, **kw):
    return import_run_create(path=path, actor="tester", report_dir=report_dir, **kw)


def read_report(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_good_folder_loads_and_reimport_changes_nothing(good_folder, report_dir):
    first = run(good_folder, report_dir)
    assert first.status == "loaded", first.text
    assert first.counts["child"] == {"read": 3, "created": 3, "updated": 0, "unchanged": 0}
    c3 = Child.objects.get(pk="C3")
    assert c3.sex == "F"
    assert c3.date_of_birth == dt.date(2008, 3, 3)
    assert c3.ethnicity == "black_caribbean"
    assert c3.ethnic_group == "black"  # derived from the ethnicity code list
    assert Child.objects.get(pk="C2").ethnicity is None

    second = run(good_folder, report_dir)
    assert second.status == "loaded"
    assert second.counts["child"] == {"read": 3, "created": 0, "updated": 0, "unchanged": 3}
    assert second.counts["service"] == {"read": 1, "created": 0, "updated": 0, "unchanged": 1}
    assert Child.objects.count() == 3
    assert ImportRun.objects.filter(status="loaded").count() == 2


def test_changed_value_updates(good_folder, report_dir):
    run(good_folder, report_dir)
    rows = [r[:] for r in CHILDREN]
    rows[2][3] = "M"  # C2 F -> M
    write_csv(good_folder / "child.csv", rows)
    result = run(good_folder, report_dir)
    assert result.counts["child"] == {"read": 3, "created": 0, "updated": 1, "unchanged": 2}
    assert Child.objects.get(pk="C2").sex == "M"


def test_one_bad_row_writes_nothing_and_names_file_row_column_value(good_folder, report_dir):
    rows = [r[:] for r in CHILDREN]
    rows[3][2] = "31/02/2009"
    write_csv(good_folder / "child.csv", rows)
    result = run(good_folder, report_dir)
    assert result.status == "rejected"
    assert result.problem_count == 1
    assert str(result.problems[0]) == (
        'child.csv row 4, date_of_birth "31/02/2009": not a real date (day/month/year)')
    assert Child.objects.count() == 0 and Service.objects.count() == 0
    assert result.counts["child"]["created"] == 0
    report = read_report(result.report_path)
    assert report == [{"file": "child.csv", "sheet": "", "row": "4", "column": "date_of_birth",
                       "value": "31/02/2009",
                       "problem": "not a real date (day/month/year)"}]
    recorded = ImportRun.objects.get()
    assert recorded.status == "rejected"
    assert recorded.problem_count == 1
    assert recorded.actor == "tester"
    assert recorded.report_path == str(result.report_path)


def test_dry_run_writes_nothing_but_counts(good_folder, report_dir):
    result = run(good_folder, report_dir, dry_run=True)
    assert result.status == "dry_run"
    assert result.counts["child"] == {"read": 3, "created": 3, "updated": 0, "unchanged": 0}
    assert Child.objects.count() == 0
    assert ImportRun.objects.get().status == "dry_run"


def test_validation_rules(tmp_path, report_dir):
    folder = tmp_path / "x"
    write_csv(folder / "service.csv", SERVICE)
    write_csv(folder / "child.csv", CHILDREN)
    write_csv(folder / "offence.csv", [
        ["offence_id", "child_id", "committed_date", "offence_category", "gravity_score",
         "offence_code"],
        ["O1", "C1", "01/01/2020", "Theft", "3", "TH01"],       # fine; breach derived
        ["O2", "C9", "01/01/2020", "Theft", "3", ""],           # unknown child
        ["O3", "C1", "", "Theft", "9", ""],                     # blank required, out of range
        ["O1", "C2", "01/01/2020", "Robbery", "2", ""],         # duplicate key
        ["O5", "C2", "01/01/2020", "Nonsense", "2", "X" * 21],  # bad code, too long
    ])
    write_csv(folder / "remand_episode.csv", [
        ["remand_id", "child_id", "remand_type", "start_date", "end_date"],
        ["R1", "C1", "conditional bail", "10/01/2020", "01/01/2020"],
    ])
    result = run(folder, report_dir)
    lines = [str(p) for p in result.problems]
    assert result.status == "rejected"
    expected = [
        'offence.csv row 4, gravity_score "9": must be between 1 and 8',
        'offence.csv row 4, committed_date "": required, but blank',
        'offence.csv row 5, offence_id "O1": the same offence_id as row 2: each offence '
        "must appear once",
        'offence.csv row 6, offence_category "Nonsense": not in the code list offence_category: '
        "see the code list in docs/data-model.md, or recode it in a mapping file",
        'offence.csv row 6, offence_code "' + "X" * 21 + '": too long: 21 characters, at most '
        "20 allowed",
        'offence.csv row 3, child_id "C9": no child with this child_id in this import or in '
        "the database",
    ]
    for line in expected:
        assert line in lines
    assert any(line.startswith('remand_episode.csv row 2, end_date "2020-01-01": an episode '
                               "cannot end before it starts") for line in lines), lines
    assert result.problem_count == 7
    assert Offence.objects.count() == 0


def test_derived_columns_and_references_to_database_rows(good_folder, report_dir):
    run(good_folder, report_dir)
    folder = good_folder.parent / "later"
    write_csv(folder / "outcome.csv", [
        ["outcome_id", "child_id", "outcome_date", "outcome_type", "tier"],
        ["X1", "C1", "05/05/2021", "YRO", ""],
        ["X2", "C2", "05/05/2021", "Youth caution", "first_tier"],  # given tier kept
    ])
    write_csv(folder / "offence.csv", [
        ["offence_id", "child_id", "outcome_id", "committed_date", "offence_category",
         "gravity_score"],
        ["O1", "C1", "X1", "01/05/2021", "Theft", "3"],
    ])
    result = run(folder, report_dir)
    assert result.status == "loaded", result.text
    x1 = Outcome.objects.get(pk="X1")
    assert (x1.outcome_type, x1.tier, x1.substantive, x1.court) == (
        "youth_rehabilitation_order", "community", True, True)
    assert Outcome.objects.get(pk="X2").tier == "first_tier"
    assert Offence.objects.get(pk="O1").breach is False


def test_missing_columns_leave_existing_values(good_folder, report_dir):
    run(good_folder, report_dir)
    write_csv(good_folder / "child.csv", [["child_id", "service_id", "date_of_birth", "sex"],
                                          ["C1", "S1", "26/04/2006", "M"]])
    result = run(good_folder, report_dir)
    assert result.counts["child"]["unchanged"] == 1
    assert Child.objects.get(pk="C1").ethnicity == "white_british"


def test_parquet_source(tmp_path, report_dir):
    folder = tmp_path / "pq"
    write_csv(folder / "service.csv", SERVICE)
    pq.write_table(pa.table({
        "child_id": ["P1", "P2"], "service_id": ["S1", "S1"],
        "date_of_birth": [dt.date(2006, 4, 26), dt.date(2007, 5, 1)],
        "sex": ["M", "Boy"], "looked_after": [True, None],
    }), folder / "Child.parquet")
    result = run(folder, report_dir)
    assert result.status == "loaded", result.text
    assert Child.objects.get(pk="P1").looked_after is True
    assert Child.objects.get(pk="P2").sex == "M"


def test_parquet_bad_value_names_row(tmp_path, report_dir):
    folder = tmp_path / "pq"
    write_csv(folder / "service.csv", SERVICE)
    pq.write_table(pa.table({
        "child_id": ["P1", "P2"], "service_id": ["S1", "S1"],
        "date_of_birth": ["2006-04-26", "yesterday"], "sex": ["M", "M"],
    }), folder / "child.parquet")
    result = run(folder, report_dir)
    assert [str(p) for p in result.problems] == [
        'child.parquet row 3, date_of_birth "yesterday": not a date: expected day/month/year '
        "such as 26/04/2006, or 2006-04-26"]


def test_composite_key_upsert(tmp_path, report_dir):
    folder = tmp_path / "pop"
    write_csv(folder / "service.csv", SERVICE)
    write_csv(folder / "population.csv", [
        ["service_id", "year", "age", "sex", "population"],
        ["S1", "2024", "10", "M", "1,234"], ["S1", "2024", "10", "F", "1200.0"],
    ])
    write_csv(folder / "bank_holiday.csv", [["holiday_date", "name"], ["25/12/2024", "Xmas"]])
    assert run(folder, report_dir).status == "loaded"
    write_csv(folder / "population.csv", [
        ["service_id", "year", "age", "sex", "population"],
        ["S1", "2024", "10", "M", "1,234"], ["S1", "2024", "10", "F", "1300"],
        ["S1", "2024", "11", "F", "1"],
    ])
    result = run(folder, report_dir)
    assert result.counts["population"] == {"read": 3, "created": 1, "updated": 1,
                                           "unchanged": 1}
    assert result.counts["bank_holiday"]["unchanged"] == 1
    from yjhub.casedata.models import Population

    assert Population.objects.get(age=10, sex="F").population == 1300


def test_text_output_is_capped_but_report_has_everything(tmp_path, report_dir):
    folder = tmp_path / "many"
    write_csv(folder / "service.csv", SERVICE)
    write_csv(folder / "child.csv", [CHILDREN[0]] + [
        [f"C{i}", "S1", "not a date", "M", ""] for i in range(120)])
    result = run(folder, report_dir)
    assert result.problem_count == 120
    assert "... and 70 more problems — see the CSV report" in result.text
    assert len(read_report(result.report_path)) == 120


def test_missing_path_and_bad_mapping_are_setup_errors(tmp_path, report_dir):
    with pytest.raises(ImportSetupError, match="does not exist"):
        run(tmp_path / "nowhere", report_dir)
    bad = tmp_path / "m.yaml"
    bad.write_text("tables: [1, 2\n")
    with pytest.raises(ImportSetupError, match="not valid YAML"):
        run(tmp_path, report_dir, mapping_path=bad)
    assert ImportRun.objects.count() == 0


def test_folder_without_tables_is_rejected(tmp_path, report_dir):
    (tmp_path / "readme.txt").write_text("hello")
    result = run(tmp_path, report_dir)
    assert result.status == "rejected"
    assert "no file or sheet is named after a table" in result.text


def test_progress_reports_bytes(good_folder, report_dir):
    seen = []
    run(good_folder, report_dir, progress=lambda phase, done, total: seen.append(
        (phase, done, total)))
    total = sum(p.stat().st_size for p in good_folder.iterdir())
    assert ("checking", total, total) in seen
    assert ("loading", total, total) in seen


def test_database_refusal_rolls_back_and_is_reported(good_folder, report_dir, monkeypatch):
    from django.db import IntegrityError

    from yjhub.importing import services

    real = services._upsert

    def failing(table_name, *args, **kwargs):
        if table_name == "child":
            raise IntegrityError("simulated refusal")
        return real(table_name, *args, **kwargs)

    monkeypatch.setattr(services, "_upsert", failing)
    result = run(good_folder, report_dir)
    assert result.status == "rejected"
    assert "the database refused the load, so nothing was written: simulated refusal" \
        in result.text
    assert Service.objects.count() == 0  # the service written before the failure rolled back
    assert ImportRun.objects.get().status == "rejected"
