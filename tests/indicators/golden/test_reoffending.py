"""Reoffending family and disproportionality (worked by hand).

Intervals are worked out independently of the code under test: Wilson from its formula
(p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n) with z = 1.959964, and exact Poisson
(Garwood) limits from chi-square quantiles: chi2(0.025, 2n) / 2 and chi2(0.975, 2n + 2) / 2.
"""

import datetime as dt

import pytest

from tests.indicators.golden.cases import Cases
from tests.indicators.golden.conftest import figure
from yjhub.indicators.periods import rolling_year

# Garwood limits for a count of 6 and of 1.
POISSON_6 = (2.2018943, 13.0594740)
POISSON_1 = (0.0253178, 5.5716434)


def release(c: Cases, child: str, sentenced: str, released: str, *, offences=None) -> str:
    """A detention and training order passed on ``sentenced`` and the child's release from
    custody on ``released`` (the programme records the sentencing outcome)."""
    dto = c.outcome(child, sentenced, "detention_training_order", offences=offences)
    c.programme(child, "detention_training_order", sentenced, outcome_id=dto,
                custody_release_date=released)
    return dto


# -- headline.reoffending ------------------------------------------------------------------


@pytest.fixture
def moj_cases():
    """Quarterly cohorts of 2023-24 (every 18-month window closed by the as-of date, 1 Nov
    2026):

    ========  ==========  ==========  =====  ========  ==========  ========================
    child     quarter     index       tier   age       previous    reoffences
    ========  ==========  ==========  =====  ========  ==========  ========================
    A         Q1          2023-05-10  pre    15        0           2 (proven 2023-09-15)
    H         Q1          2023-04-20  pre    15        0           0 (a breach only)
    A         Q2          2023-09-15  first  15        1 (1-2)     0 (its own offences)
    B         Q2          2023-07-03  comm   17        0           1 (committed at 18)
    C         Q3          2023-10-02  pre    14        0           0 (late proof; 12 months)
    E         Q3          2023-11-20  cust   16        3 (3-6)     2 (from release)
    D         Q4          2024-01-15  first  15        0           1 (same-day pair)
    ========  ==========  ==========  =====  ========  ==========  ========================

    Cohort 7, reoffenders 4 (A-Q1, B, E, D), reoffences 2 + 1 + 2 + 1 = 6.
    """
    c = Cases()
    a = c.child("A", dob="2008-01-01")
    c.outcome(a, "2023-05-10", "youth_caution", committed="2023-05-01")
    # proven reoffences of A's Q1 index, and A's Q2 index (their own offences do not count)
    c.outcome(a, "2023-09-15", "referral_order",
              offences=[{"committed_date": "2023-08-01"}, {"committed_date": "2023-08-20"}])

    h = c.child("H", dob="2008-01-01")
    c.outcome(h, "2023-04-20", "youth_caution")  # its offence, committed that day, is its own
    c.outcome(h, "2024-04-05", "fine", committed="2024-01-01",
              category="breach_of_statutory_order")  # a breach is not a reoffence

    b = c.child("B", dob="2006-02-01")  # 17 at the index, 18 on 1 February 2024
    c.outcome(b, "2023-07-03", "youth_rehabilitation_order")
    c.outcome(b, "2024-05-01", "fine", committed="2024-03-01")  # committed at 18: counts

    k = c.child("C", dob="2009-01-01")
    c.outcome(k, "2023-10-02", "youth_caution")
    # committed in the follow-up, proven 2025-05-01: after the waiting period (< 2025-04-02)
    c.outcome(k, "2025-05-01", "fine", committed="2024-06-01")
    # committed 2024-10-02, 12 months to the day: after the follow-up (< 2024-10-02)
    c.outcome(k, "2024-12-01", "referral_order", committed="2024-10-02")

    e = c.child("E", dob="2007-03-01")
    release(c, e, "2023-01-10", "2023-11-20",
            offences=[{"committed_date": "2022-12-01"}] * 3)  # 3 previous offences
    # committed in custody before the release: not counted; 2023-12-05: counted
    c.outcome(e, "2024-04-15", "youth_rehabilitation_order",
              offences=[{"committed_date": "2023-10-01"}, {"committed_date": "2023-12-05"}])
    # 22 months after the sentence but within 12 months of the release: counted
    c.outcome(e, "2025-01-10", "fine", committed="2024-11-10")

    d = c.child("D", dob="2008-06-01")
    # two outcomes on one day, each for an offence committed that day: the referral order is
    # the index (first tier); the caution's offence is part of the index event, not a
    # reoffence, though committed on the index date
    c.outcome(d, "2024-01-15", "youth_caution")
    c.outcome(d, "2024-01-15", "referral_order")
    c.outcome(d, "2024-04-10", "youth_rehabilitation_order", committed="2024-02-01")

    g = c.child("G", dob="2008-01-01")  # sentenced to custody in 2023-24, released in 2024-25
    release(c, g, "2023-08-01", "2024-06-01")
    f = c.child("F", dob="2008-01-01")
    c.outcome(f, "2023-06-01", "community_resolution")  # not substantive
    y = c.child("Y", dob="2005-06-01")
    c.outcome(y, "2023-07-01", "youth_caution")  # 18 on the index date
    return c


def test_proven_reoffending_year_adds_quarterly_cohorts(compute, moj_cases):
    results = compute(moj_cases, "2023-24", indicators=["headline.reoffending"])
    binary = figure(results, "headline.reoffending.binary", "2023-24")
    # 4 reoffenders of 7 (A counted twice: Q1 and Q2)
    assert (binary.numerator, binary.denominator) == (4, 7)
    assert binary.value == pytest.approx(400 / 7)
    assert binary.ci_low == pytest.approx(25.0458, abs=1e-3)  # Wilson, 4 of 7
    assert binary.ci_high == pytest.approx(84.1780, abs=1e-3)
    assert binary.provisional is False
    per_reoffender = figure(results, "headline.reoffending.frequency_per_reoffender", "2023-24")
    assert (per_reoffender.numerator, per_reoffender.denominator) == (6, 4)
    assert per_reoffender.value == pytest.approx(1.5)
    assert per_reoffender.ci_low == pytest.approx(POISSON_6[0] / 4, abs=1e-4)
    assert per_reoffender.ci_high == pytest.approx(POISSON_6[1] / 4, abs=1e-4)
    per_child = figure(results, "headline.reoffending.frequency_per_child", "2023-24")
    assert (per_child.numerator, per_child.denominator) == (6, 7)
    assert per_child.value == pytest.approx(6 / 7)
    assert per_child.ci_low == pytest.approx(POISSON_6[0] / 7, abs=1e-4)
    assert per_child.ci_high == pytest.approx(POISSON_6[1] / 7, abs=1e-4)


def test_proven_reoffending_one_quarter(compute, moj_cases):
    results = compute(moj_cases, ["2023-24 Q2", "2023-24 Q4"], indicators=["headline.reoffending"])
    # Q2: A (first tier, 0: the referral order's own offences) and B (1)
    q2 = figure(results, "headline.reoffending.binary", "2023-24 Q2")
    assert (q2.numerator, q2.denominator, q2.value) == (1, 2, 50.0)
    per_child = figure(results, "headline.reoffending.frequency_per_child", "2023-24 Q2")
    assert (per_child.numerator, per_child.denominator, per_child.value) == (1, 2, 0.5)
    # Q4: D once (two outcomes on one day), 1 reoffence; the same-day caution's offence is
    # part of the index event
    q4 = figure(results, "headline.reoffending.frequency_per_child", "2023-24 Q4")
    assert (q4.numerator, q4.denominator, q4.value) == (1, 1, 1.0)


def test_proven_reoffending_by_disposal(compute, moj_cases):
    results = compute(moj_cases, "2023-24", indicators=["headline.reoffending"],
                      breakdown="disposal")
    binary = {r.group: (r.numerator, r.denominator) for r in results
              if r.measure == "headline.reoffending.binary" and r.period == "2023-24"}
    # pre-court A-Q1, H, C; first tier A-Q2, D (the more serious of its two outcomes);
    # community B; custody E (by the release)
    assert binary == {"all": (4, 7), "pre_court": (1, 3), "first_tier": (1, 2),
                      "community": (1, 1), "custody": (1, 1)}
    frequency = {r.group: (r.numerator, r.denominator) for r in results
                 if r.measure == "headline.reoffending.frequency_per_child"
                 and r.period == "2023-24"}
    assert frequency == {"all": (6, 7), "pre_court": (2, 3), "first_tier": (1, 2),
                         "community": (1, 1), "custody": (2, 1)}


def test_proven_reoffending_by_previous_offences(compute, moj_cases):
    results = compute(moj_cases, "2023-24", indicators=["headline.reoffending"],
                      breakdown="previous_offences")
    cohort = {r.group: (r.numerator, r.denominator) for r in results
              if r.measure == "headline.reoffending.binary" and r.period == "2023-24"}
    # A-Q2 has A's caution proven before (1); E the DTO's three offences (3)
    assert cohort == {"all": (4, 7), "0": (3, 5), "1-2": (0, 1), "3-6": (1, 1)}


def test_proven_reoffending_by_age_keeps_a_child_who_turns_18(compute, moj_cases):
    results = compute(moj_cases, "2023-24", indicators=["headline.reoffending"],
                      breakdown="age")
    ages = {r.group: (r.numerator, r.denominator) for r in results
            if r.measure == "headline.reoffending.frequency_per_child" and r.period == "2023-24"}
    # age on the index date; B is 17 and the offence he commits at 18 counts
    assert ages == {"all": (6, 7), "14": (0, 1), "15": (3, 4), "16": (2, 1), "17": (1, 1)}


def test_proven_reoffending_is_provisional_in_the_waiting_period(compute):
    c = Cases()
    closed = c.child(dob="2009-01-01")
    c.outcome(closed, "2025-05-01", "youth_caution")  # window ends 2026-11-01: elapsed
    waiting = c.child(dob="2009-01-01")
    c.outcome(waiting, "2025-07-01", "youth_caution")  # window ends 2027-01-01: open
    c.outcome(waiting, "2026-06-01", "fine", committed="2026-05-01")
    results = compute(c, ["2025-26 Q1", "2025-26 Q2"], indicators=["headline.reoffending"])
    q1 = figure(results, "headline.reoffending.binary", "2025-26 Q1")
    assert (q1.numerator, q1.denominator, q1.provisional) == (0, 1, False)
    q2 = figure(results, "headline.reoffending.binary", "2025-26 Q2")
    assert (q2.numerator, q2.denominator, q2.provisional) == (1, 1, True)
    for measure in ("frequency_per_reoffender", "frequency_per_child"):
        assert figure(results, f"headline.reoffending.{measure}", "2025-26 Q2").provisional


# -- headline.reoffending_tracker ----------------------------------------------------------


@pytest.fixture
def tracker_cases():
    """The January-March 2024 cohort (2023-24 Q4): T1 (youth caution 2024-01-10), T2
    (detention and training order 2024-02-01: custody is included), T4 (referral order
    2024-03-20); T3's community resolution is not substantive."""
    c = Cases()
    t1 = c.child("T1", dob="2008-01-01")
    c.outcome(t1, "2024-01-10", "youth_caution")
    c.outcome(t1, "2024-03-01", "fine", committed="2024-02-01")  # quarter 1 on
    c.outcome(t1, "2024-06-01", "fine", committed="2024-05-01")  # quarter 2 on
    c.outcome(t1, "2024-10-01", "fine", committed="2024-08-01")  # quarter 3 on, proven late
    t2 = c.child("T2", dob="2008-01-01")
    c.outcome(t2, "2024-02-01", "detention_training_order")
    t3 = c.child("T3", dob="2008-01-01")
    c.outcome(t3, "2024-02-10", "community_resolution")
    t4 = c.child("T4", dob="2008-01-01")
    c.outcome(t4, "2024-03-20", "referral_order")
    c.outcome(t4, "2024-05-01", "fine", committed="2024-04-01",
              category="breach_of_conditional_discharge")  # a breach: never counted
    c.outcome(t4, "2024-08-01", "fine", committed="2024-07-01")  # quarter 2 on
    return c


def test_tracker_so_far(compute, tracker_cases):
    as_of = dt.date(2024, 9, 15)
    results = compute(tracker_cases, "2023-24 Q4", indicators=["headline.reoffending_tracker"],
                      as_of=as_of)
    binary = "headline.reoffending_tracker.binary"
    frequency = "headline.reoffending_tracker.frequency"
    # quarter 1 ends 2024-04-10 (T1), 05-01 (T2), 06-20 (T4): all before 15 September.
    # T1's offence of 2024-02-01 is the only one committed in it.
    q1 = figure(results, binary, "2023-24 Q4", follow_up_quarter=1)
    assert (q1.numerator, q1.denominator, q1.provisional) == (1, 3, False)
    assert q1.value == pytest.approx(100 / 3)
    assert q1.ci_low == pytest.approx(6.1492, abs=1e-3)  # Wilson, 1 of 3
    assert q1.ci_high == pytest.approx(79.2340, abs=1e-3)
    f1 = figure(results, frequency, "2023-24 Q4", follow_up_quarter=1)
    assert (f1.numerator, f1.denominator) == (1, 3)
    assert f1.ci_low == pytest.approx(POISSON_1[0] / 3, abs=1e-5)
    assert f1.ci_high == pytest.approx(POISSON_1[1] / 3, abs=1e-5)
    # quarter 2 (to 2024-07-10, 08-01, 09-20): T1 two offences, T4 one (not the breach);
    # T4's quarter 2 ends after 15 September, so it is provisional
    q2 = figure(results, binary, "2023-24 Q4", follow_up_quarter=2)
    assert (q2.numerator, q2.denominator, q2.provisional) == (2, 3, True)
    f2 = figure(results, frequency, "2023-24 Q4", follow_up_quarter=2)
    assert (f2.numerator, f2.denominator, f2.value) == (3, 3, 1.0)
    # quarters 3 and 4: T1's offence of 2024-08-01 is not yet proven (2024-10-01)
    for k in (3, 4):
        fk = figure(results, frequency, "2023-24 Q4", follow_up_quarter=k)
        assert (fk.numerator, fk.denominator, fk.provisional) == (3, 3, True)


def test_tracker_later(compute, tracker_cases):
    results = compute(tracker_cases, "2023-24 Q4", indicators=["headline.reoffending_tracker"])
    frequency = "headline.reoffending_tracker.frequency"
    counts = {k: figure(results, frequency, "2023-24 Q4", follow_up_quarter=k)
              for k in (1, 2, 3, 4)}
    # by 1 November 2026 every quarter is over and T1's third offence is proven (quarter 3)
    assert {k: (r.numerator, r.denominator) for k, r in counts.items()} == {
        1: (1, 3), 2: (3, 3), 3: (4, 3), 4: (4, 3)}
    assert not any(r.provisional for r in counts.values())
    q4 = figure(results, "headline.reoffending_tracker.binary", "2023-24 Q4",
                follow_up_quarter=4)
    assert (q4.numerator, q4.denominator) == (2, 3)


def test_tracker_over_a_year_and_a_rolling_year(compute, tracker_cases):
    # 2023-24 (pooled from its quarters) and the twelve months to 31 March 2024 (joined to
    # their days) hold the same cohort as January-March: each child once, at the first
    # outcome (T1's caution, not its fine of 1 March)
    frequency = "headline.reoffending_tracker.frequency"
    for period in ("2023-24", rolling_year(dt.date(2024, 3, 31))):
        label = period if isinstance(period, str) else period.label
        results = compute(tracker_cases, period, indicators=["headline.reoffending_tracker"])
        counts = {k: figure(results, frequency, label, follow_up_quarter=k)
                  for k in (1, 2, 3, 4)}
        assert {k: (r.numerator, r.denominator) for k, r in counts.items()} == {
            1: (1, 3), 2: (3, 3), 3: (4, 3), 4: (4, 3)}, label


def test_tracker_by_disposal(compute, tracker_cases):
    results = compute(tracker_cases, "2023-24 Q4", indicators=["headline.reoffending_tracker"],
                      breakdown="disposal")
    groups = {r.group: (r.numerator, r.denominator) for r in results
              if r.measure == "headline.reoffending_tracker.binary"
              and r.period == "2023-24 Q4" and r.dimensions == {"follow_up_quarter": "4"}}
    assert groups == {"all": (2, 3), "pre_court": (1, 1), "custody": (0, 1),
                      "first_tier": (1, 1)}


# -- yjb2006.reoffending_cohort ------------------------------------------------------------


@pytest.fixture
def cohort_2006_cases():
    """The 2002-03 baseline cohort and the 2006-07 cohort (each a whole year)."""
    c = Cases()
    # 2002-03: P1 reoffends in 12 months; P2 commits 14 months on (24 only); P3 commits in
    # 12 months but is proven 19 months on (after 12 + 6, within 24 + 6); P4 does not.
    p1 = c.child(dob="1987-01-01")
    c.outcome(p1, "2002-10-10", "final_warning")
    c.outcome(p1, "2003-06-01", "fine", committed="2003-05-01")
    p2 = c.child(dob="1987-01-01")
    c.outcome(p2, "2002-11-01", "reprimand")
    c.outcome(p2, "2004-03-01", "fine", committed="2004-01-10")
    p3 = c.child(dob="1987-01-01")
    c.outcome(p3, "2002-12-01", "referral_order")
    c.outcome(p3, "2004-07-01", "fine", committed="2003-06-01")
    p4 = c.child(dob="1987-01-01")
    c.outcome(p4, "2003-01-15", "supervision_order")
    # 2006-07: R1 reoffends (its fine in the same year does not make a second entry); R2 is
    # released 2006-10-10 and commits an offence 17 months after the sentence but 11 after
    # the release; R3 and R4 do not; R5's custodial sentence alone does not start a follow-up.
    r1 = c.child(dob="1991-01-01")
    c.outcome(r1, "2006-05-01", "final_warning")
    c.outcome(r1, "2006-09-01", "fine", committed="2006-08-01")
    r2 = c.child(dob="1991-01-01")
    release(c, r2, "2006-04-10", "2006-10-10")
    c.outcome(r2, "2007-11-01", "fine", committed="2007-09-01")
    r3 = c.child(dob="1991-01-01")
    c.outcome(r3, "2006-06-01", "reprimand")
    r4 = c.child(dob="1991-01-01")
    c.outcome(r4, "2006-07-01", "referral_order")
    r5 = c.child(dob="1991-01-01")
    release(c, r5, "2006-11-01", "2007-05-01")
    return c


def test_reoffending_cohort_2006_against_the_2002_03_baseline(compute, cohort_2006_cases):
    results = compute(cohort_2006_cases, "2006-07", indicators=["yjb2006.reoffending_cohort"])
    after_12 = figure(results, "yjb2006.reoffending_cohort.after_12_months", "2006-07")
    # R1 and R2 of R1-R4
    assert (after_12.numerator, after_12.denominator, after_12.value) == (2, 4, 50.0)
    assert after_12.ci_low == pytest.approx(15.0039, abs=1e-3)  # Wilson, 2 of 4
    assert after_12.ci_high == pytest.approx(84.9961, abs=1e-3)
    assert after_12.provisional is False
    # baseline 2002-03: 1 of 4 = 25%; target 25 x 0.95 = 23.75; 50 misses it by 26.25: red
    assert after_12.target == "reduction of 5% against 2002-03"
    assert after_12.target_value == pytest.approx(23.75)
    assert after_12.met is False and after_12.rag == "red"
    after_24 = figure(results, "yjb2006.reoffending_cohort.after_24_months", "2006-07")
    assert (after_24.numerator, after_24.denominator, after_24.value) == (2, 4, 50.0)
    # baseline 3 of 4 = 75% (P1, P2, P3); target 71.25: met
    assert after_24.target_value == pytest.approx(71.25)
    assert after_24.met is True and after_24.rag == "green"


def test_reoffending_cohort_2006_baseline_itself(compute, cohort_2006_cases):
    results = compute(cohort_2006_cases, "2002-03", indicators=["yjb2006.reoffending_cohort"])
    after_12 = figure(results, "yjb2006.reoffending_cohort.after_12_months", "2002-03")
    assert (after_12.numerator, after_12.denominator, after_12.value) == (1, 4, 25.0)
    assert after_12.ci_low == pytest.approx(4.5587, abs=1e-3)  # Wilson, 1 of 4
    assert after_12.ci_high == pytest.approx(69.9358, abs=1e-3)
    after_24 = figure(results, "yjb2006.reoffending_cohort.after_24_months", "2002-03")
    assert (after_24.numerator, after_24.denominator, after_24.value) == (3, 4, 75.0)


def test_reoffending_cohort_2006_by_population(compute, cohort_2006_cases):
    results = compute(cohort_2006_cases, "2006-07", indicators=["yjb2006.reoffending_cohort"],
                      breakdown="disposal")
    groups = {r.group: (r.numerator, r.denominator) for r in results
              if r.measure == "yjb2006.reoffending_cohort.after_12_months"
              and r.period == "2006-07"}
    assert groups == {"all": (2, 4), "pre_court": (1, 2), "first_tier": (0, 1),
                      "custody": (1, 1)}


def test_reoffending_cohort_2006_october_to_december(compute, cohort_2006_cases):
    # an October-December cohort: only R2's release falls in it
    quarter = compute(cohort_2006_cases, "2006-07 Q3",
                      indicators=["yjb2006.reoffending_cohort"])
    q3 = figure(quarter, "yjb2006.reoffending_cohort.after_12_months", "2006-07 Q3")
    assert (q3.numerator, q3.denominator) == (1, 1)


# -- headline.disproportionality -----------------------------------------------------------


def _day(start: str, offset: int) -> str:
    return (dt.date.fromisoformat(start) + dt.timedelta(days=offset)).isoformat()


@pytest.fixture
def disproportionality_cases():
    """Three years pooled for 2024-25 (1 April 2022 to 31 March 2025). 100 white and 50
    black children, each with a youth caution in the window (their first substantive
    outcome, so each is a first-time entrant and one quarterly cohort entry). 31 white
    children reoffend with two offences, 23 black children with one, each proven by a
    detention and training order (custody enters a cohort only on release, so the proof
    adds no cohort entry). Five more white children entered in 2020 and have a custodial
    sentence in the window: children with a substantive outcome but not first-time
    entrants. A black child cautioned on 31 March 2022 is outside the window."""
    c = Cases()
    c.population(2024, total=16000)
    c.population_ethnicity(2021, {"white": 10000, "black": 2000})
    groups = (("white_british", 100, 31, 2, "2022-04-01", 10),
              ("black_african", 50, 23, 1, "2022-04-03", 20))
    for ethnicity, children, reoffenders, offences, first, step in groups:
        for i in range(children):
            child = c.child(dob="2008-01-01", ethnicity=ethnicity)
            index = _day(first, step * i)
            c.outcome(child, index, "youth_caution")
            if i < reoffenders:
                c.outcome(child, _day(index, 40), "detention_training_order",
                          offences=[{"committed_date": _day(index, 20)}] * offences)
    for _ in range(5):
        child = c.child(dob="2007-01-01", ethnicity="white_british")
        c.outcome(child, "2020-06-01", "youth_caution")
        c.outcome(child, "2023-06-01", "detention_training_order")
    outside = c.child(dob="2008-01-01", ethnicity="black_african")
    c.outcome(outside, "2022-03-31", "youth_caution")
    return c


def test_disproportionality_reproduces_seed_004(compute, disproportionality_cases):
    results = compute(disproportionality_cases, "2024-25",
                      indicators=["headline.disproportionality"], breakdown="ethnicity")
    measure = "headline.disproportionality.reoffending_binary"
    white = figure(results, measure, "2024-25", group="white")
    assert (white.numerator, white.denominator, white.value) == (31, 100, 31.0)
    assert white.difference_points is None  # the reference group
    black = figure(results, measure, "2024-25", group="black")
    assert (black.numerator, black.denominator, black.value) == (23, 50, 46.0)
    # seed 004: 46% against 31%: 15 points, 46 / 31 - 1 = 48.4% relative
    assert black.comparison_value == pytest.approx(31.0)
    assert black.difference_points == pytest.approx(15.0)
    assert black.difference_relative == pytest.approx(48.387, abs=1e-3)
    assert black.ci_low == pytest.approx(32.9697, abs=1e-3)  # Wilson, 23 of 50
    assert black.ci_high == pytest.approx(59.6011, abs=1e-3)
    assert white.ci_low == pytest.approx(22.7797, abs=1e-3)  # Wilson, 31 of 100
    assert white.ci_high == pytest.approx(40.6261, abs=1e-3)
    total = figure(results, measure, "2024-25")
    assert (total.numerator, total.denominator) == (54, 150)

    frequency = "headline.disproportionality.reoffending_frequency"
    white_f = figure(results, frequency, "2024-25", group="white")
    assert (white_f.numerator, white_f.denominator, white_f.value) == (62, 100, 0.62)
    black_f = figure(results, frequency, "2024-25", group="black")
    assert (black_f.numerator, black_f.denominator, black_f.value) == (23, 50, 0.46)
    # less frequent: 0.46 - 0.62 = -0.16; 0.46 / 0.62 - 1 = -25.8%
    assert black_f.difference_points == pytest.approx(-0.16)
    assert black_f.difference_relative == pytest.approx(-25.806, abs=1e-3)


def test_disproportionality_rates_per_1000(compute, disproportionality_cases):
    results = compute(disproportionality_cases, "2024-25",
                      indicators=["headline.disproportionality"], breakdown="ethnicity")
    fte = "headline.disproportionality.fte_per_1000"
    white = figure(results, fte, "2024-25", group="white")
    assert (white.numerator, white.denominator, white.value) == (100, 10000, 10.0)
    black = figure(results, fte, "2024-25", group="black")
    assert (black.numerator, black.denominator, black.value) == (50, 2000, 25.0)
    # 25 against 10 per 1,000: 15 points, 150% relative
    assert black.difference_points == pytest.approx(15.0)
    assert black.difference_relative == pytest.approx(150.0)
    substantive = "headline.disproportionality.substantive_per_1000"
    white_s = figure(results, substantive, "2024-25", group="white")
    # the 100 entrants and the five who entered in 2020
    assert (white_s.numerator, white_s.denominator, white_s.value) == (105, 10000, 10.5)
    black_s = figure(results, substantive, "2024-25", group="black")
    assert (black_s.numerator, black_s.denominator) == (50, 2000)
    assert black_s.difference_points == pytest.approx(14.5)
    assert black_s.difference_relative == pytest.approx((25 / 10.5 - 1) * 100)


def test_disproportionality_over_a_rolling_year(compute, disproportionality_cases):
    # the twelve months to 31 March 2025 are 2024-25's days, pooled the same way: here the
    # rows are joined to the window (a rolling year is not made of financial quarters)
    # instead of being pooled by quarter, with the same counts
    year = rolling_year(dt.date(2025, 3, 31))
    results = compute(disproportionality_cases, year,
                      indicators=["headline.disproportionality"], breakdown="ethnicity")
    label = year.label
    binary = "headline.disproportionality.reoffending_binary"
    assert (figure(results, binary, label, group="white").numerator,
            figure(results, binary, label, group="black").numerator) == (31, 23)
    frequency = "headline.disproportionality.reoffending_frequency"
    assert figure(results, frequency, label, group="white").numerator == 62
    substantive = "headline.disproportionality.substantive_per_1000"
    white = figure(results, substantive, label, group="white")
    assert (white.numerator, white.denominator) == (105, 10000)
    assert figure(results, substantive, label, group="black").numerator == 50
    fte = "headline.disproportionality.fte_per_1000"
    assert figure(results, fte, label, group="white").numerator == 100


def test_disproportionality_counts_children_from_their_first_outcome_aged_10(compute):
    # 2024-25 pooled: 1 April 2022 to 31 March 2025. A (born 2013-01-01) has outcomes at 9
    # and 10 in the window: counted once, at 10 (the one at 9 is not aged 10-17, so it is
    # not a previous outcome that would hide the other), and never a first-time entrant (the
    # first outcome ever came at 9). B (born 2008) has two outcomes in the window: once.
    c = Cases()
    c.population(2024, total=16000)
    c.population_ethnicity(2021, {"white": 10000})
    a = c.child(dob="2013-01-01")
    c.outcome(a, "2022-06-01", "youth_caution")
    c.outcome(a, "2023-06-01", "youth_caution")
    b = c.child(dob="2008-01-01")
    c.outcome(b, "2023-01-01", "youth_caution")
    c.outcome(b, "2024-01-01", "youth_caution")
    results = compute(c, "2024-25", indicators=["headline.disproportionality"])
    with_outcome = figure(results, "headline.disproportionality.substantive_per_1000",
                          "2024-25")
    assert with_outcome.numerator == 2
    fte = figure(results, "headline.disproportionality.fte_per_1000", "2024-25")
    assert fte.numerator == 1


def test_disproportionality_without_breakdown(compute, disproportionality_cases):
    # without a breakdown the rates divide by the mid-year estimate
    fte = "headline.disproportionality.fte_per_1000"
    overall = compute(disproportionality_cases, "2024-25",
                      indicators=["headline.disproportionality"])
    all_fte = figure(overall, fte, "2024-25")
    assert (all_fte.numerator, all_fte.denominator) == (150, 16000)
