"""Headline indicators: first-time entrants, use of custody, remands (worked by hand)."""

import pytest

from tests.indicators.golden.cases import Cases
from tests.indicators.golden.conftest import figure

# Exact Poisson (Garwood) 95% limits for a count of 4 and of 1, from chi-square tables.
POISSON_4 = (1.089865, 10.241589)


@pytest.fixture
def fte_cases():
    c = Cases(teams=("T1", "T2"))
    c.population(2024, total=8000)
    a = c.child(dob="2008-05-01", sex="F", team="T1")
    c.outcome(a, "2024-05-10", "youth_caution")                # first: pre-court, aged 16
    b = c.child(dob="2010-01-01", team="T2")
    c.outcome(b, "2023-06-01", "community_resolution")         # not substantive
    c.outcome(b, "2024-07-01", "referral_order")               # first substantive, aged 14
    earlier = c.child(dob="2009-03-01", team="T1")
    c.outcome(earlier, "2023-12-01", "youth_caution")          # entered in 2023-24
    c.outcome(earlier, "2024-06-01", "youth_rehabilitation_order")
    eighteen_today = c.child(dob="2006-09-01", team="T1")
    c.outcome(eighteen_today, "2024-09-01", "fine")            # 18 on the day: not counted
    seventeen = c.child(dob="2006-09-02", team="T2")
    c.outcome(seventeen, "2024-09-01", "youth_rehabilitation_order")  # 17: counted
    same_day = c.child(dob="2011-02-02", sex="F", team="T1")
    c.outcome(same_day, "2024-10-01", "youth_caution")         # two outcomes one day:
    c.outcome(same_day, "2024-10-01", "referral_order")        # counted once, first tier
    return c


def test_first_time_entrants_count_rate_change_and_target(compute, fte_cases):
    results = compute(fte_cases, "2024-25", indicators=["headline.fte"])
    count = figure(results, "headline.fte.count", "2024-25")
    assert (count.numerator, count.value) == (4, 4.0)
    assert count.ci_low == pytest.approx(POISSON_4[0], abs=1e-4)
    assert count.ci_high == pytest.approx(POISSON_4[1], abs=1e-4)
    assert count.suppressed  # 4 is under 5
    # 2023-24 had one entrant: a count's change is relative, (4 - 1) / 1 = +300%
    assert count.previous_value == 1.0
    assert count.change_kind == "relative"
    assert count.change == pytest.approx(300.0)
    assert count.change_points == pytest.approx(3.0)
    assert count.target == "year-on-year reduction"
    assert count.met is False and count.rag == "red"

    rate = figure(results, "headline.fte.rate", "2024-25")
    assert (rate.numerator, rate.denominator) == (4, 8000)
    assert rate.value == pytest.approx(50.0)  # 4 / 8,000 x 100,000
    assert rate.ci_low == pytest.approx(POISSON_4[0] / 8000 * 100000, abs=1e-3)
    assert rate.ci_high == pytest.approx(POISSON_4[1] / 8000 * 100000, abs=1e-3)
    assert rate.change_kind == "points"
    assert rate.change == pytest.approx(50.0 - 12.5)  # 2023-24 divides by mid-2024 too


def test_first_time_entrants_by_disposal(compute, fte_cases):
    results = compute(fte_cases, "2024-25", indicators=["headline.fte"], breakdown="disposal")
    groups = {r.group: r.numerator for r in results
              if r.measure == "headline.fte.count" and r.period == "2024-25"}
    assert groups == {"all": 4, "pre_court": 1, "first_tier": 2, "community": 1}


def test_first_time_entrants_by_sex_uses_population_by_sex(compute, fte_cases):
    results = compute(fte_cases, "2024-25", indicators=["headline.fte"], breakdown="sex")
    girls = figure(results, "headline.fte.rate", "2024-25", group="F")
    assert (girls.numerator, girls.denominator) == (2, 4000)
    assert girls.value == pytest.approx(50.0)
    boys = figure(results, "headline.fte.rate", "2024-25", group="M")
    assert (boys.numerator, boys.denominator) == (2, 4000)


def test_first_time_entrants_by_team(compute, fte_cases):
    results = compute(fte_cases, "2024-25", indicators=["headline.fte"], unit="team")
    assert figure(results, "headline.fte.count", "2024-25", unit_id="T1").numerator == 2
    assert figure(results, "headline.fte.count", "2024-25", unit_id="T2").numerator == 2
    # no population for a team, so no rate
    assert figure(results, "headline.fte.rate", "2024-25", unit_id="T1").value is None


def test_first_time_entrants_by_age(compute, fte_cases):
    results = compute(fte_cases, "2024-25", indicators=["headline.fte"], breakdown="age")
    ages = {r.group: (r.numerator, r.denominator) for r in results
            if r.measure == "headline.fte.rate" and r.period == "2024-25"}
    # ages on the outcome date: 16, 14, 17 and 13; 1,000 children of each age
    assert ages == {"all": (4, 8000), "13": (1, 1000), "14": (1, 1000), "16": (1, 1000),
                    "17": (1, 1000)}


@pytest.fixture
def custody_cases():
    c = Cases()
    c.population(2024, total=8000)
    p = c.child(dob="2008-01-01")
    h = c.appearance(p, "2024-05-01")
    c.outcome(p, "2024-05-01", "detention_training_order", appearance_id=h)
    q = c.child(dob="2008-01-01")
    c.appearance(q, "2024-06-01", "adjourned")
    h = c.appearance(q, "2024-07-01")
    c.outcome(q, "2024-07-01", "youth_rehabilitation_order", appearance_id=h)
    r = c.child(dob="2009-01-01")
    h = c.appearance(r, "2024-08-01")
    c.outcome(r, "2024-08-01", "referral_order", appearance_id=h)
    c.outcome(r, "2024-09-01", "fine")                      # court disposal, no hearing recorded
    s = c.child(dob="2009-01-01")
    c.outcome(s, "2024-05-01", "youth_caution")             # not a court disposal
    adult = c.child(dob="2006-04-01")
    c.appearance(adult, "2024-06-01")
    c.outcome(adult, "2024-06-01", "detention_training_order")  # 18: not a child's sentence
    return c


def test_use_of_custody_three_ways(compute, custody_cases):
    results = compute(custody_cases, "2024-25", indicators=["headline.custody"])
    per_1000 = figure(results, "headline.custody.per_1000", "2024-25")
    assert (per_1000.numerator, per_1000.denominator) == (1, 8000)
    assert per_1000.value == pytest.approx(0.125)
    disposals = figure(results, "headline.custody.share_of_disposals", "2024-25")
    assert (disposals.numerator, disposals.denominator) == (1, 4)
    assert disposals.value == pytest.approx(25.0)
    assert disposals.met is False and disposals.rag == "red"  # target at most 5%
    appearances = figure(results, "headline.custody.share_of_appearances", "2024-25")
    assert (appearances.numerator, appearances.denominator) == (1, 3)
    assert appearances.value == pytest.approx(100 / 3)
    # Wilson interval for 1 of 3
    assert appearances.ci_low == pytest.approx(6.149, abs=1e-3)
    assert appearances.ci_high == pytest.approx(79.234, abs=1e-3)


def test_remands_to_the_secure_estate(compute):
    c = Cases()
    k = c.child(dob="2008-01-01")
    for start, kind in [("2024-04-10", "unconditional_bail"),
                        ("2024-05-10", "conditional_bail"),
                        ("2024-06-10", "bail_supervision"),
                        ("2024-07-10", "remand_local_authority"),
                        ("2024-08-10", "remand_youth_detention"),
                        ("2025-03-31", "remand_youth_detention"),
                        ("2025-04-01", "remand_youth_detention")]:  # next year
        c.remand(k, start, kind)
    results = compute(c, "2024-25", indicators=["headline.remand"])
    assert figure(results, "headline.remand.secure_episodes", "2024-25").numerator == 2
    share = figure(results, "headline.remand.secure_share", "2024-25")
    assert (share.numerator, share.denominator, share.value) == (2, 5, 40.0)
