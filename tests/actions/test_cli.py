"""``yjhub action-plan``: check, import and export from the command line."""

import shutil

import pytest
from openpyxl import load_workbook

from tests.actions.fixtures.transcriptions import APPENDIX_D_XLSX, KENT_XLSX
from yjhub.actions.models import Plan
from yjhub.cli.main import main

pytestmark = pytest.mark.django_db


def test_check_import_export(capsys, tmp_path):
    assert main(["action-plan", "check", str(KENT_XLSX)]) == 0
    assert capsys.readouterr().out == (
        "kent-2008-improvement-plan.xlsx: 100 actions under 14 recommendations: no problems\n")
    assert not Plan.objects.exists()
    assert main(["action-plan", "import", str(APPENDIX_D_XLSX)]) == 0
    plan = Plan.objects.get()
    assert capsys.readouterr().out == (
        f"cheshire-2007-08-appendix-d.xlsx: 69 actions loaded into plan {plan.pk} "
        "(Cheshire Youth Justice Plan 2007/08: Appendix D action plan)\n")
    out = tmp_path / "plan.xlsx"
    assert main(["action-plan", "export", str(plan.pk), "--out", str(out)]) == 0
    assert load_workbook(out)["Actions"].max_row == 70  # a header and 69 actions


def test_a_bad_row_is_named_and_nothing_loads(capsys, tmp_path):
    path = tmp_path / "bad.xlsx"
    shutil.copy(APPENDIX_D_XLSX, path)
    book = load_workbook(path)
    book["Appendix D"]["A5"] = "Morale"
    book.save(path)
    assert main(["action-plan", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("yjhub action-plan: bad.xlsx: 1 problem, nothing loaded\n"
                          'sheet Appendix D, row 5, column A "Enabler": "Morale": is not an '
                          "enabler")
    assert not Plan.objects.exists()
    assert main(["action-plan", "export", "999", "--out", str(tmp_path / "x.xlsx")]) == 2
    assert "no plan with id 999" in capsys.readouterr().err
