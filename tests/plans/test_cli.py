"""``yjhub plan templates|new|check|docs``: output and exit codes."""

import json
from pathlib import Path

from yjhub.cli.main import main
from yjhub.plans import load_plan

FIXTURES = Path(__file__).parent / "fixtures"
ESSEX = FIXTURES / "essex-2006-07.yaml"
CLEAN = FIXTURES / "clean-2024-25.yaml"


def test_check_exits_1_when_there_is_an_error(capsys):
    assert main(["plan", "check", str(ESSEX)]) == 1
    out = capsys.readouterr().out
    assert f"{ESSEX}: error: delivery.change: delivery[parenting].data[1].change\n" in out
    assert out.endswith(f"{ESSEX}: 6 errors, 6 warnings, 5 notes\n")


def test_check_exits_0_on_a_clean_plan(capsys):
    assert main(["plan", "check", str(CLEAN)]) == 0
    assert capsys.readouterr().out == f"{CLEAN}: 0 errors, 0 warnings, 0 notes\n"


def test_warnings_alone_exit_0(tmp_path, capsys):
    plan = load_plan(CLEAN)
    plan.section("introduction").prompts[0].answer = ""
    from yjhub.plans import save_plan

    path = save_plan(plan, tmp_path / "p.yaml")
    assert main(["plan", "check", str(path)]) == 0
    assert "0 errors, 1 warnings, 0 notes" in capsys.readouterr().out


def test_check_json(capsys):
    assert main(["plan", "check", str(ESSEX), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["file"] == str(ESSEX)
    assert report["counts"] == {"error": 6, "warning": 6, "info": 5}
    first = report["findings"][0]
    assert first == {
        "rule": "A3.totals_agree", "severity": "warning",
        "location": {"path": "tables.A3.rows[total_gender].total", "section": "",
                     "table": "A3", "row": "total_gender", "column": "total", "area": "",
                     "item": ""},
        "message": first["message"],
        "figures": {"total": 235, "total_gender": 220, "vacant": 15}, "difference": 15}


def test_check_a_bad_file_exits_2_naming_file_path_and_value(tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    path.write_text("tables:\n  A1:\n    columns: [{id: amount}]\n    rows:\n"
                    "    - {id: total, amount: [1]}\n")
    assert main(["plan", "check", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"yjhub plan: {path}: tables.A1.rows[0].amount: expected a number or text "
        "(value: [1])\n")


def test_new_from_template_to_a_file(tmp_path, capsys):
    out = tmp_path / "plan.yaml"
    assert main(["plan", "new", "--template", "yjb-2007", "--service", "Cheshire YOT",
                 "--out", str(out)]) == 0
    plan = load_plan(out)
    assert (plan.meta.service, plan.meta.period, plan.meta.template.id) == (
        "Cheshire YOT", "2007-08", "yjb-2007")
    assert "wrote" in capsys.readouterr().err
    assert main(["plan", "new", "--template", "yjb-2007", "--out", str(out)]) == 2
    assert "exists; use --force" in capsys.readouterr().err
    assert main(["plan", "new", "--template", "yjb-2007", "--out", str(out), "--force"]) == 0


def test_new_from_last_year_to_the_screen(capsys):
    assert main(["plan", "new", "--template", "yjb-2006", "--from", str(ESSEX)]) == 0
    plan = load_plan(capsys.readouterr().out)
    assert plan.meta.period == "2007-08" and plan.meta.carried_from == "2006-07"


def test_new_with_an_unknown_template(capsys):
    assert main(["plan", "new", "--template", "nope"]) == 2
    assert "no plan template 'nope'" in capsys.readouterr().err


def test_templates(capsys):
    assert main(["plan", "templates"]) == 0
    out = capsys.readouterr().out
    assert "yjb-2006  (version 2006.1; periods 2006-07)" in out
    assert "tables A1, A2, A2a, A2b, A2c, A3; 15 objective areas" in out
    assert main(["plan", "templates", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [t["id"] for t in listed] == ["yjb-2006", "yjb-2007", "yjb-2021"]


def test_docs(tmp_path, capsys):
    out = tmp_path / "checks.md"
    assert main(["plan", "docs", "--out", str(out)]) == 0
    assert out.read_text() == (Path(__file__).parents[2] / "docs" / "plan-checks.md").read_text()
