"""``yjhub import``: exit codes and the summary."""

import pytest

from tests.importing.conftest import CHILDREN, write_csv
from yjhub.casedata.models import Child
from yjhub.cli.main import main

pytestmark = pytest.mark.django_db(transaction=True)


def test_loads_and_prints_counts(good_folder, tmp_path, capsys):
    assert main(["import", str(good_folder), "--report", str(tmp_path / "r.csv")]) == 0
    out = capsys.readouterr().out
    assert "Loaded (4 rows read)" in out
    assert "child" in out and Child.objects.count() == 3


def test_problems_exit_1_and_write_the_report(good_folder, tmp_path, capsys):
    rows = [r[:] for r in CHILDREN]
    rows[1][3] = "Q"
    write_csv(good_folder / "child.csv", rows)
    report = tmp_path / "r.csv"
    assert main(["import", str(good_folder), "--report", str(report)]) == 1
    out = capsys.readouterr().out
    assert 'child.csv row 2, sex "Q": not in the code list sex' in out
    assert "nothing was written" in out
    assert "child.csv,,2,sex,Q," in report.read_text(encoding="utf-8-sig")
    assert Child.objects.count() == 0


def test_dry_run_exit_0_writes_nothing(good_folder, capsys):
    assert main(["import", str(good_folder), "--dry-run"]) == 0
    assert "Dry run" in capsys.readouterr().out
    assert Child.objects.count() == 0


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["import", str(tmp_path / "missing")]) == 2
    assert "does not exist" in capsys.readouterr().err
    (tmp_path / "m.yaml").write_text("tables: nope\n")
    assert main(["import", str(tmp_path), "--mapping", str(tmp_path / "m.yaml")]) == 2
    assert "'tables' must list at least one table" in capsys.readouterr().err
