"""``yjhub generate``: row counts on success, a clear message (exit 2) on bad arguments."""

import pytest

from yjhub.cli.main import main


def test_generate_demo_prints_row_counts(tmp_path, capsys):
    assert main(["generate", "--preset", "demo", "--seed", "3", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "child" in out and "1,500" in out
    assert (tmp_path / "child.parquet").exists()


@pytest.mark.parametrize("args, message", [
    (["--preset", "county", "--seed", "1"], "unknown preset 'county'"),
    (["--preset", "demo", "--seed", "one"], "--seed must be a whole number"),
    (["--preset", "demo", "--seed", "-4"], "--seed must be 0 or more"),
    (["--preset", "demo", "--seed", "1", "--format", "xlsx"], "unknown format 'xlsx'"),
])
def test_bad_arguments_give_a_message_not_a_traceback(args, message, tmp_path, capsys):
    assert main(["generate", *args, "--out", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_out_must_be_a_folder(tmp_path, capsys):
    file = tmp_path / "file.txt"
    file.write_text("x")
    assert main(["generate", "--preset", "demo", "--seed", "1", "--out", str(file)]) == 2
    assert "is a file" in capsys.readouterr().err
