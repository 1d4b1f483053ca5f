"""``yjhub plan render``: the Essex plan to three files; a plan filled from a folder first."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pyarrow.parquet as pq
import pypdf

from tests.plans.test_rendering import ESSEX, _small_service
from yjhub.cli.main import main
from yjhub.plans import dump_plan, load_plan, plan_new


def test_render_to_each_format(tmp_path, capsys):
    out = tmp_path / "essex"
    code = main(["plan", "render", str(ESSEX), "--format", "docx", "--format", "pdf",
                 "--format", "html", "--out", str(out)])
    assert code == 0
    assert "A. Summary" in (tmp_path / "essex.html").read_text()
    reader = pypdf.PdfReader(io.BytesIO((tmp_path / "essex.pdf").read_bytes()))
    assert "Contents" in reader.pages[0].extract_text()
    word = docx.Document(str(tmp_path / "essex.docx"))
    assert any(p.style.name == "Heading 1" and p.text == "A. Summary" for p in word.paragraphs)
    assert f"wrote {out}.pdf" in capsys.readouterr().err


def test_render_one_format_to_the_path_given(tmp_path):
    out = tmp_path / "plan.html"
    assert main(["plan", "render", str(ESSEX), "--format", "html", "--out", str(out)]) == 0
    assert out.read_text().startswith("<!DOCTYPE html>")


def test_render_filled_from_a_folder_and_saved(tmp_path, capsys):
    folder = tmp_path / "data"
    folder.mkdir()
    for name, table in _small_service().arrow().items():
        pq.write_table(table, folder / f"{name}.parquet")
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(dump_plan(plan_new(template_id="yjb-2006", period="2025-26",
                                            service="Small service")))
    saved = tmp_path / "filled.yaml"
    code = main(["plan", "render", str(plan_file), "--format", "html", "--out",
                 str(tmp_path / "plan.html"), "--fill-from", str(folder), "--period", "2024-25",
                 "--as-of", "2026-11-01", "--save", str(saved)])
    assert code == 0
    filled = load_plan(saved)
    share = filled.appendix.row("headline_remand_secure_share")
    assert (share.previous, share.current) == ("75.0%", "50.0%")  # 6 of 8, 5 of 10
    assert share.provenance.snapshot == str(folder)
    err = capsys.readouterr().err
    assert "filled:" in err and "left as entered: appendix row reoffending_pre_court" in err
    assert "Remand episodes in the secure estate" in (tmp_path / "plan.html").read_text()


def test_render_errors_are_messages(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("meta: [not, a, mapping]\n")
    assert main(["plan", "render", str(bad), "--format", "pdf", "--out",
                 str(tmp_path / "x.pdf")]) == 2
    assert "bad.yaml: meta" in capsys.readouterr().err
    assert main(["plan", "render", str(ESSEX), "--format", "pdf", "--out",
                 str(tmp_path / "x.pdf"), "--period", "2024-25"]) == 2
    assert "--period, --as-of and --save go with --fill-from" in capsys.readouterr().err
    assert not Path(tmp_path / "x.pdf").exists()


def test_render_the_boards_version(tmp_path):
    from yjhub.plans.model import AppendixRow

    plan = plan_new(template_id="yjb-2021", period="2025-26", service="Small service")
    plan.appendix.rows.append(AppendixRow(id="fte", theme="First-time entrants",
                                          label="First-time entrants", previous="7",
                                          current="3", source="data", small=["current"]))
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(dump_plan(plan))
    out = tmp_path / "board.html"
    assert main(["plan", "render", str(plan_file), "--format", "html", "--out", str(out),
                 "--board"]) == 0
    text = out.read_text()
    assert "fewer than 5" in text and ">3<" not in text and ">7<" in text
