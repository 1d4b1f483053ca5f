"""``yjhub board-report``: the quarter rule, and a report written to the path given."""

import pytest

from yjhub.cli.main import main

pytestmark = pytest.mark.django_db


def test_writes_the_report(tmp_path, capsys):
    out = tmp_path / "board.html"
    assert main(["board-report", "--quarter", "2019-Q4", "--format", "html",
                 "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    # 2019-Q4 is January to March 2020: the financial year 2019-20's fourth quarter
    assert "Quarter 4, January to March 2020 (2019-20 Q4)" in html
    assert "Youth panel" in html  # the default rota's Q4 items (seed 004)
    assert f"Wrote {out}" in capsys.readouterr().out


def test_refuses_what_is_not_a_quarter(tmp_path, capsys):
    code = main(["board-report", "--quarter", "2019-20", "--format", "pdf",
                 "--out", str(tmp_path / "x.pdf")])
    assert code == 2
    assert "yjhub board-report: '2019-20' is not a quarter: write it like 2024-Q3" in \
        capsys.readouterr().err
    code = main(["board-report", "--quarter", "2019-Q1", "--format", "pdf",
                 "--out", str(tmp_path / "nowhere" / "x.pdf")])
    assert code == 2
    assert "does not exist" in capsys.readouterr().err
