"""Drawing the sample: proportional to the caseload's strata, reproducible from its seed."""

from __future__ import annotations

import random
from collections import Counter
from fractions import Fraction

import pytest

from yjhub.audits.sampling import Case, counts_by, sample_comparison, sample_draw


def caseload(spec: dict[tuple, int], team: str = "T1", start: int = 0) -> list[Case]:
    """``{(case_type, risk_of_harm, sex, ethnic_group): count}`` as cases C0001, C0002..."""
    cases, n = [], start
    for (case_type, risk, sex, ethnic), count in spec.items():
        for _ in range(count):
            n += 1
            cases.append(Case(f"C{n:04d}", team, case_type, risk, sex, ethnic))
    return cases


def test_each_stratum_gets_its_proportional_share_with_the_largest_remainders():
    # 85 cases: 50 community, 25 out-of-court, 10 custody; a sample of 38.
    # 38 x 50/85 = 22.35, 38 x 25/85 = 11.18, 38 x 10/85 = 4.47: whole parts 22 + 11 + 4 = 37;
    # the one left goes to the largest remainder, custody (0.47): 22, 11, 5.
    cases = caseload({("community", "low", "M", "white"): 50,
                      ("out_of_court", "low", "M", "white"): 25,
                      ("custody", "low", "M", "white"): 10})
    drawn = sample_draw(cases, seed=7, size=38, strata=["case_type"])
    assert Counter(c.case_type for c in drawn) == {"community": 22, "out_of_court": 11,
                                                   "custody": 5}
    assert len({c.child_id for c in drawn}) == 38


def test_the_same_seed_gives_the_same_sample_whatever_the_order():
    cases = caseload({("community", "low", "M", "white"): 40,
                      ("community", "high", "F", "black"): 7,
                      ("custody", "medium", "M", "asian"): 9,
                      ("out_of_court", None, "F", "white"): 30})
    first = sample_draw(cases, seed=2024, size=40)
    shuffled = list(cases)
    random.Random(1).shuffle(shuffled)
    assert sample_draw(shuffled, seed=2024, size=40) == first
    assert sample_draw(cases, seed=2025, size=40) != first
    # By case type first: community 47, custody 9, out of court 30 of 86: 40 x 47/86 = 21.86,
    # 4.19, 13.95 -> 21 + 4 + 13 = 38; the two left go to the largest remainders (.95 out of
    # court, .86 community): 22, 4, 14. Community's 22 by risk: low 40 and high 7 of 47:
    # 18.72 and 3.28 -> 18 + 3, the one left to low (.72): 19 and 3.
    cells = Counter((c.case_type, c.risk_of_harm) for c in first)
    assert cells == {("community", "low"): 19, ("community", "high"): 3,
                     ("custody", "medium"): 4, ("out_of_court", None): 14}


def test_case_type_is_within_one_case_of_its_share_however_thin_the_cells():
    # 9 custody cases of 190 spread over nine different cells: 40 x 9/190 = 1.89, so 1 or 2
    # custody cases (here 2, the largest remainder), however the other strata split them.
    spec = {("custody", risk, sex, "white"): 1
            for risk in ("low", "medium", "high") for sex in ("M", "F", "U")}
    spec[("community", "low", "M", "white")] = 110
    spec[("out_of_court", "low", "M", "white")] = 71
    drawn = sample_draw(caseload(spec), seed=5, size=40)
    counts = Counter(c.case_type for c in drawn)
    # 40 x 110/190 = 23.16, 40 x 71/190 = 14.95, 1.89: 23 + 14 + 1 = 38, two left to .95 and .89.
    assert counts == {"community": 23, "out_of_court": 15, "custody": 2}


def test_dip_sampling_takes_ten_per_team():
    # Teams of 25, 8 and 12 cases: 10, all 8, and 10.
    cases = (caseload({("community", "low", "M", "white"): 25}, team="North")
             + caseload({("community", "low", "M", "white"): 8}, team="South", start=100)
             + caseload({("community", "low", "M", "white"): 12}, team="West", start=200))
    drawn = sample_draw(cases, seed=1, per_team=10, strata=["case_type"])
    assert Counter(c.team for c in drawn) == {"North": 10, "South": 8, "West": 10}


def test_a_sample_larger_than_the_caseload_is_the_caseload():
    cases = caseload({("community", "low", "M", "white"): 5})
    assert sample_draw(cases, seed=1, size=38) == cases
    with pytest.raises(ValueError):
        sample_draw(cases, seed=1)


def test_the_comparison_table_of_shares():
    # Caseload: 3 boys, 1 girl; sample: 1 boy, 1 girl -> boys 75% v 50%, girls 25% v 50%.
    cases = caseload({("community", "low", "M", "white"): 3,
                      ("community", "low", "F", "white"): 1})
    rows = sample_comparison(counts_by(cases, ["sex"]), counts_by(cases[2:], ["sex"]))
    assert [(r.value, r.caseload, r.sample) for r in rows] == [("M", 3, 1), ("F", 1, 1)]
    assert rows[0].caseload_share == Fraction(3, 4) and rows[0].sample_share == Fraction(1, 2)
    assert rows[0].difference == -25
    not_recorded = Case("X", risk_of_harm=None)
    assert counts_by([not_recorded], ["risk_of_harm"]) == {"risk_of_harm": {"not recorded": 1}}
