"""`yjhub indicators`: the same numbers from a folder of files and from the app's database."""

import json

import pytest

from yjhub.cli.main import main

PERIOD = ["--period", "2024-25", "--as-of", "2026-11-01", "--format", "json"]


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory):
    from yjhub.synthetic import generate

    out = tmp_path_factory.mktemp("demo")
    generate("demo", seed=1, out=out)
    return out


def _run(capsys, *args) -> dict:
    assert main(["indicators", *args]) == 0
    return json.loads(capsys.readouterr().out)


def _figures(document: dict) -> list[tuple]:
    return [(r["measure"], r["period"], r["unit_id"], r["group"], r["numerator"],
             r["denominator"], r["value"], r["ci_low"], r["ci_high"], r["change"])
            for r in document["results"]]


def test_json_from_a_folder_has_numerators_denominators_and_intervals(capsys, demo_folder):
    document = _run(capsys, "--source", str(demo_folder), *PERIOD)
    assert document["backend"] == "duckdb"
    assert document["periods"] == ["2024-25"]
    results = document["results"]
    assert results, "no figures"
    measures = {r["measure"] for r in results}
    assert {"headline.fte.count", "headline.fte.rate", "headline.custody.per_1000"} <= measures
    for r in results:
        assert r["period"] == "2024-25"
        assert isinstance(r["numerator"], int)
        if r["unit_of_measure"] != "count" and r["value"] is not None:
            assert r["denominator"] > 0
            assert r["ci_low"] <= r["value"] <= r["ci_high"]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_database_gives_the_same_numbers_as_the_folder(capsys, demo_folder, tmp_path):
    from yjhub.importing.services import import_run_create

    loaded = import_run_create(path=demo_folder, actor="test", report_dir=tmp_path)
    assert loaded.status == "loaded", loaded.text
    from_folder = _run(capsys, "--source", str(demo_folder), *PERIOD)
    from_db = _run(capsys, "--source", "db", *PERIOD)
    assert from_db["backend"] in ("sqlite", "postgres")
    assert _figures(from_db) == _figures(from_folder)


def test_unknown_indicator_is_a_clear_error(capsys, demo_folder):
    code = main(["indicators", "--source", str(demo_folder), "--period", "2024-25",
                 "--indicator", "headline.nonsense"])
    assert code == 2
    assert "no indicator, measure or family called 'headline.nonsense'" in capsys.readouterr().err


def test_bad_period_and_missing_folder(capsys, tmp_path):
    assert main(["indicators", "--source", str(tmp_path), "--period", "2024-26"]) == 2
    assert "second year must follow" in capsys.readouterr().err
    assert main(["indicators", "--source", str(tmp_path / "nowhere"), "--period",
                 "2024-25"]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_list_names_every_family(capsys):
    assert main(["indicators", "--list"]) == 0
    out = capsys.readouterr().out
    assert "headline.fte.rate" in out and "kpi2023" in out and "yjb2006" in out


@pytest.mark.django_db
def test_reading_the_app_database_leaves_djangos_searches_case_insensitive():
    from yjhub.casedata.models import Service
    from yjhub.indicators.api import app_source

    Service.objects.create(service_id="S9", name="Northtown YJS", nation="England")
    app_source()
    assert Service.objects.filter(name__icontains="NORTHTOWN").count() == 1
