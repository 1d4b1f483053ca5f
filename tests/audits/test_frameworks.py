"""The framework files: the packaged ones load, and a service's own file is checked with
messages naming the file, the place in it and the value."""

from __future__ import annotations

import textwrap

import pytest

from yjhub.audits.framework import (
    FrameworkError,
    framework_load,
    framework_parse,
    frameworks_in,
    packaged_frameworks,
)


def test_the_packaged_frameworks():
    found = packaged_frameworks()
    assert set(found) == {("hmip-cci-2009", "2009.1"), ("hmip-yjs-2018", "2018.1"),
                          ("joint-inspection-2006", "2006.1"), ("local-dip-sample", "2026.1"),
                          ("yjb-epqa", "2005.1")}
    cci = found[("hmip-cci-2009", "2009.1")]
    # Seed 002's sections and criteria 1.1 to 3.2.
    assert [c.id for c in cci.criteria] == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1",
                                            "3.2"]
    assert [s.title for s in cci.sections] == [
        "Assessment and sentence planning", "Delivery and review of interventions", "Outcomes"]
    assert (cci.sampling.minimum, cci.sampling.maximum, cci.sampling.size) == (38, 99, 85)
    assert [b.label.split()[0] for b in cci.bands] == ["MINIMUM", "MODERATE", "SUBSTANTIAL",
                                                       "DRASTIC"]
    # A custody-only question is not asked of a community case.
    assert "1.2.6" in [q.id for q in cci.questions_for("custody")]
    assert "1.2.6" not in [q.id for q in cci.questions_for("community")]

    yjs = found[("hmip-yjs-2018", "2018.1")]
    assert yjs.overall.maximum == 36
    assert sum(1 for c in yjs.criteria if c.counted) == 12
    # Court-disposal standards are not asked of an out-of-court case, and the reverse.
    ooc = {q.section_id for q in yjs.questions_for("out_of_court")}
    assert ooc == {"3"} and {q.section_id for q in yjs.questions_for("custody")} == {"2"}

    grades = found[("joint-inspection-2006", "2006.1")]
    # Seed 003: eight graded aspects, four under a heading with no grade of its own.
    assert len(grades.graded_aspects) == 8
    (heading,) = [a for a in grades.aspects if not a.graded]
    assert len(heading.aspects) == 4
    assert [b.label for b in grades.scale] == ["Excellent", "Good", "Adequate", "Inadequate"]

    epqa = found[("yjb-epqa", "2005.1")]
    assert [c[0] for c in epqa.columns] == ["initial", "predicted", "actual"]
    assert (epqa.minimum, epqa.maximum, epqa.decimals) == (1, 4, 2)

    dip = found[("local-dip-sample", "2026.1")]
    assert dip.sampling.per_team == 10 and dip.sampling.period_months == 1


GOOD = """
id: our-audit
version: "1"
title: Our audit
kind: case_audit
scoring: pooled
sampling: {size: 20}
bands: [{from: 80, label: Good}, {from: 0, label: Not yet}]
headlines: [{id: safe, title: Safe}]
sections:
  - id: "A"
    title: Assessment
    criteria:
      - id: "A1"
        title: Timeliness
        questions:
          - {id: "A1.1", text: "On time?", headlines: [safe]}
"""


def test_a_service_writes_its_own_framework(tmp_path):
    (tmp_path / "ours.yaml").write_text(GOOD)
    found = frameworks_in(tmp_path)
    framework = found[("our-audit", "1")]
    assert framework.question("A1.1").headlines == ("safe",)
    assert framework.path == str(tmp_path / "ours.yaml")


def test_every_problem_names_the_file_the_place_and_the_value(tmp_path):
    bad = GOOD.replace("headlines: [safe]", "headlines: [safety]") \
        .replace('sampling: {size: 20}', 'sampling: {size: 0}') \
        .replace("{from: 0, label: Not yet}", "{from: 10, label: Not yet}") \
        .replace('- {id: "A1.1"', '- {id: "A1.1", applies_to: [courts]')
    path = tmp_path / "ours.yaml"
    path.write_text(bad)
    with pytest.raises(FrameworkError) as raised:
        framework_load(path)
    assert raised.value.problems == [
        f"{path}: sampling.size: must be 1 or more (value 0)",
        f"{path}: sections[0].criteria[0].questions[0].headlines[0]: is not a headline "
        "declared under headlines (safe) (value 'safety')",
        f"{path}: sections[0].criteria[0].questions[0].applies_to[0]: must be one of "
        "prevention, out_of_court, community, custody (value 'courts')",
        f"{path}: bands[1].from: the lowest band must start at 0, so every score has a band "
        "(value 10)",
    ]


def test_repeated_ids_and_missing_parts():
    text = textwrap.dedent("""
        id: x
        version: "1"
        title: X
        kind: case_audit
        scoring: pooled
        sampling: {}
        bands: [{from: 0, label: All}]
        sections:
          - id: "A"
            title: A
            criteria:
              - id: "A1"
                title: One
                questions: [{id: "q"}, {id: "q", text: "Again"}]
        extra: 1
        """)
    with pytest.raises(FrameworkError) as raised:
        framework_parse(text, name="ours.yaml")
    problems = raised.value.problems
    assert "ours.yaml: extra: is not part of a case_audit framework (expected bands, " \
        "comparators, headlines, id, kind, labels, overall, ratings, sampling, scoring, " \
        "sections, source, title, version)" in problems
    assert "ours.yaml: sections[0].criteria[0].questions[0].text: is required" in problems
    assert "ours.yaml: sections[0].criteria[0].questions[1].id: repeats the question id of " \
        "sections[0].criteria[0].questions[0].id (value 'q')" in problems
    assert "ours.yaml: sampling: give a sample size (size) or a number per team (per_team) " \
        "(value {})" in problems


def test_a_36_point_framework_must_count_twelve_standards():
    from importlib.resources import files

    text = files("yjhub.audits").joinpath("frameworks/hmip-yjs-2018.yaml").read_text()
    with pytest.raises(FrameworkError, match=r"overall.maximum: must be 36: 12 counted "
                       r"standards at up to 3 points each \(value 30\)"):
        framework_parse(text.replace("maximum: 36", "maximum: 30"), name="yjs.yaml")


def test_not_yaml_names_the_line():
    with pytest.raises(FrameworkError, match=r"ours.yaml: line 2, column \d+: not valid YAML"):
        framework_parse("id: x\n  title: [unclosed", name="ours.yaml")


def test_two_files_with_the_same_id_and_version(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.yaml").write_text(GOOD)
    with pytest.raises(FrameworkError, match=r"b.yaml: id and version our-audit 1 are "
                       r"already declared in .*a.yaml"):
        frameworks_in(tmp_path)


def test_the_check_command(tmp_path, capsys):
    from yjhub.cli.main import main

    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(GOOD)
    bad.write_text(GOOD.replace("headlines: [safe]", "headlines: [safety]"))
    assert main(["audit-framework", "check", str(good)]) == 0
    assert capsys.readouterr().out == (f"{good}: case_audit framework our-audit version 1 "
                                       "(Our audit), 1 question: usable\n")
    assert main(["audit-framework", "check", str(good), str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: sections[0].criteria[0].questions[0].headlines[0]: is not a headline" in err
