"""Inspection grades (seed 003, Kent 2008) and EPQA theme scores (seed 000) against their
frameworks."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yjhub.audits.framework import packaged_frameworks
from yjhub.audits.self_assessment import grade_counts, grade_rows, theme_rows, value_check

GRADES = packaged_frameworks()[("joint-inspection-2006", "2006.1")]
EPQA = packaged_frameworks()[("yjb-epqa", "2005.1")]

#: Seed 003's grades for Kent.
KENT = {"courts": 3, "at_risk": 2, "offended": 3, "parents": 2, "outcomes": 3, "custody": 2,
        "victims": 2, "leadership": 3}


def test_kent_2008_grades():
    grades = {k: Decimal(v) for k, v in KENT.items()}
    rows = grade_rows(GRADES, grades)
    # Nine rows: eight graded aspects and the ungraded community heading, its four aspects
    # one level in.
    assert [(r.aspect.id, r.depth, r.grade.label if r.grade else None) for r in rows] == [
        ("courts", 0, "Good"), ("community", 0, None), ("at_risk", 1, "Adequate"),
        ("offended", 1, "Good"), ("parents", 1, "Adequate"), ("outcomes", 1, "Good"),
        ("custody", 0, "Adequate"), ("victims", 0, "Adequate"), ("leadership", 0, "Good")]
    assert rows[0].descriptor.startswith("performs well, consistently above minimum")
    # Four 3s and four 2s.
    assert [(b.label, n) for b, n in grade_counts(GRADES, grades)] == [
        ("Excellent", 0), ("Good", 4), ("Adequate", 4), ("Inadequate", 0)]


def test_epqa_scores_from_seed_000():
    # Seed 000: Early intervention 2 / 2 / 2.06; Resettlement 1.44 / 2 / (none); Parenting
    # 2 / 2 / 1.87. Change = actual - initial; predicted reached when actual >= predicted.
    values = {("early_intervention", "initial"): Decimal("2"),
              ("early_intervention", "predicted"): Decimal("2"),
              ("early_intervention", "actual"): Decimal("2.06"),
              ("resettlement", "initial"): Decimal("1.44"),
              ("resettlement", "predicted"): Decimal("2"),
              ("parenting", "initial"): Decimal("2"), ("parenting", "predicted"): Decimal("2"),
              ("parenting", "actual"): Decimal("1.87")}
    rows = {r.id: r for r in theme_rows(EPQA, values)}
    assert rows["early_intervention"].change == Decimal("0.06")
    assert rows["early_intervention"].met is True
    assert rows["resettlement"].change is None and rows["resettlement"].met is None
    assert rows["parenting"].change == Decimal("-0.13") and rows["parenting"].met is False


def test_values_are_checked_against_the_scale():
    assert value_check(EPQA, "2.12", where="Assessment: Actual score") == Decimal("2.12")
    assert value_check(EPQA, " ", where="x") is None
    with pytest.raises(ValueError, match=r"^Resettlement: Initial score: '4.5' is outside "
                       r"1 to 4$"):
        value_check(EPQA, "4.5", where="Resettlement: Initial score")
    with pytest.raises(ValueError, match=r"'1.444' has more than 2 decimal places"):
        value_check(EPQA, "1.444", where="Resettlement: Initial score")
    with pytest.raises(ValueError, match=r"^Work in the courts: 'good' is not a number$"):
        value_check(GRADES, "good", where="Work in the courts")
    with pytest.raises(ValueError, match=r"'5' is not a grade of 1, 2, 3, 4"):
        value_check(GRADES, "5", where="Work in the courts")
