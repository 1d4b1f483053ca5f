"""Seed 004's risk register (Leicestershire YOS 2019-20, Appendix A), transcribed to
tests/risks/fixtures/leicestershire-2019-20-risks.yaml and written to the .xlsx fixture by
make_fixtures.py.

The figures, read from the seed (impact, likelihood, written score; residual the same):

    R1 FTEs level off        2 2 4 | 2 1 2
    R2 Increase in offending 2 2 4 | 2 1 2
    R3 Restructuring         2 3 5 | 2 2 2
    R4 Remand and custody    2 3 5 | 2 1 2
    R5 Risk of harm          3 1 3 | 2 1 2

Worked out by hand, product | sum, against what was written:

    R1 inherent 4 | 4 (written 4: both agree)   residual 2 | 3 (written 2: product agrees)
    R2 inherent 4 | 4 (written 4: both agree)   residual 2 | 3 (written 2: product agrees)
    R3 inherent 6 | 5 (written 5: sum agrees)   residual 4 | 4 (written 2: neither agrees)
    R4 inherent 6 | 5 (written 5: sum agrees)   residual 2 | 3 (written 2: product agrees)
    R5 inherent 3 | 4 (written 3: product)      residual 2 | 3 (written 2: product agrees)

So under the product rule (the register's declared rule) three scores disagree: R3 inherent
(6, written 5), R3 residual (4, written 2), R4 inherent (6, written 5). Under the sum rule six
disagree: R1, R2, R3, R4 and R5 residual (3, 3, 4, 3, 3 against 2) and R5 inherent (4, not 3).
No rule reproduces all ten written scores, as the domain brief says.
"""

from pathlib import Path

import pytest

from yjhub.risks.scoring import Scale, disagreement
from yjhub.risks.workbook import read_register

FIXTURE = Path(__file__).parent / "fixtures" / "leicestershire-2019-20-risks.xlsx"


def _flags(book, scale):
    found = []
    for r in book.risks:
        for which, impact, likelihood, written in (
                ("inherent", r.impact, r.likelihood, r.score_written),
                ("residual", r.residual_impact, r.residual_likelihood,
                 r.residual_score_written)):
            d = disagreement(which=which, scale=scale, impact=impact, likelihood=likelihood,
                             written=written)
            if d:
                found.append((r.ref, which, d.computed, d.written))
    return found


def test_loads_with_the_declared_scale():
    book = read_register(FIXTURE)
    assert book.problems == []
    assert book.name == "Leicestershire YOS risk register 2019-20"
    assert book.scale == Scale(3, "low", "product")  # 1-3, "1 representing the higher level"
    assert book.key_text.startswith("*Key - Impact and likelihood receiving a score between 1")
    assert [r.ref for r in book.risks] == ["R1", "R2", "R3", "R4", "R5"]
    assert [(r.impact, r.likelihood, r.score_written) for r in book.risks] == [
        (2, 2, 4), (2, 2, 4), (2, 3, 5), (2, 3, 5), (3, 1, 3)]
    assert [(r.residual_impact, r.residual_likelihood, r.residual_score_written)
            for r in book.risks] == [(2, 1, 2)] * 2 + [(2, 2, 2)] + [(2, 1, 2)] * 2
    assert all(r.owner == "Head of Service" for r in book.risks)
    assert book.risks[3].current_controls.splitlines()[1] == "Close liaison with the court"


def test_disagreements_under_the_product_rule():
    book = read_register(FIXTURE)
    assert _flags(book, book.scale) == [("R3", "inherent", 6, 5), ("R3", "residual", 4, 2),
                                        ("R4", "inherent", 6, 5)]


def test_disagreements_under_the_sum_rule():
    book = read_register(FIXTURE)
    assert _flags(book, Scale(3, "low", "sum")) == [
        ("R1", "residual", 3, 2), ("R2", "residual", 3, 2), ("R3", "residual", 4, 2),
        ("R4", "residual", 3, 2), ("R5", "inherent", 4, 3), ("R5", "residual", 3, 2)]


@pytest.mark.parametrize("rule", ["product", "sum"])
def test_no_rule_reproduces_every_written_score(rule):
    book = read_register(FIXTURE)
    assert _flags(book, Scale(3, "low", rule))
