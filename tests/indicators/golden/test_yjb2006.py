"""YJB key performance indicators of 2006-2008, part 1 (worked by hand): first-time entrants,
prevention, final warnings, secure remands, custodial sentences, pre-sentence reports, Asset
completion and DTO training plans."""

import datetime as dt
import math

import pytest

from tests.indicators.golden.cases import Cases
from tests.indicators.golden.conftest import figure
from yjhub.indicators.catalogue import Target

# Exact Poisson (Garwood) 95% limits, from chi-square tables: (chi2(0.025, 2n) / 2,
# chi2(0.975, 2n + 2) / 2).
POISSON_3 = (0.618672, 8.767273)  # chi2(.025, 6) = 1.237344, chi2(.975, 8) = 17.534546
POISSON_6 = (2.201891, 13.059474)  # chi2(.025, 12) = 4.403789, chi2(.975, 14) = 26.118948

Z = 1.959963984540054


def wilson(n: int, d: int) -> tuple[float, float]:
    """The Wilson score interval in per cent, from its formula:
    (p + z²/2d ± z √(p(1 - p)/d + z²/4d²)) / (1 + z²/d)."""
    p = n / d
    centre = p + Z * Z / (2 * d)
    spread = Z * math.sqrt(p * (1 - p) / d + Z * Z / (4 * d * d))
    scale = 1 + Z * Z / d
    low = 0.0 if n == 0 else (centre - spread) / scale
    high = 1.0 if n == d else (centre + spread) / scale
    return low * 100, high * 100


def assert_wilson(result, n: int, d: int) -> None:
    low, high = wilson(n, d)
    assert result.ci_low == pytest.approx(low, abs=1e-6)
    assert result.ci_high == pytest.approx(high, abs=1e-6)


def test_wilson_helper_matches_published_values():
    # 1 of 3: 6.149% to 79.234% (the interval headline's golden test uses)
    assert wilson(1, 3) == pytest.approx((6.149, 79.234), abs=1e-3)
    # 2 of 4: 15.004% to 84.996% (symmetric about 50%)
    assert wilson(2, 4) == pytest.approx((15.004, 84.996), abs=1e-3)


# -- Prevent offending: first-time entrants -------------------------------------------------


@pytest.fixture
def entrants():
    c = Cases()
    a = c.child(dob="1992-01-01")
    c.outcome(a, "2006-05-10", "reprimand")                    # first: pre-court, aged 14
    b = c.child(dob="1991-06-01")
    c.outcome(b, "2005-09-01", "reprimand")                    # entered in 2005-06
    c.outcome(b, "2006-08-01", "final_warning")                # not a first outcome
    cc = c.child(dob="1991-03-01")
    c.outcome(cc, "2006-06-01", "triage")                      # not substantive
    c.outcome(cc, "2006-11-01", "supervision_order")           # first: community, aged 15
    adult = c.child(dob="1988-12-01")
    c.outcome(adult, "2006-12-01", "fine")                     # 18 on the day: not counted
    e = c.child(dob="1993-02-01")
    c.outcome(e, "2007-02-01", "final_warning")                # first: pre-court, aged 14
    return c


def test_first_time_entrants_count_and_year_on_year_target(compute, entrants):
    results = compute(entrants, "2006-07", indicators=["yjb2006.fte"])
    count = figure(results, "yjb2006.fte.count", "2006-07")
    # 2006-07: a, cc and e = 3; 2005-06: b = 1
    assert (count.numerator, count.denominator, count.value) == (3, None, 3.0)
    assert count.ci_low == pytest.approx(POISSON_3[0], abs=1e-4)
    assert count.ci_high == pytest.approx(POISSON_3[1], abs=1e-4)
    assert count.previous_value == 1.0
    assert count.change_kind == "relative"
    assert count.change == pytest.approx(200.0)  # (3 - 1) / 1
    assert count.target == "year-on-year reduction"
    assert count.met is False and count.rag == "red"  # 3 is not below 1


def test_first_time_entrants_by_disposal(compute, entrants):
    by_disposal = compute(entrants, "2006-07", indicators=["yjb2006.fte"], breakdown="disposal")
    groups = {r.group: r.numerator for r in by_disposal if r.period == "2006-07"}
    assert groups == {"all": 3, "pre_court": 2, "community": 1}


def test_first_time_entrants_local_target_of_seed_001(compute):
    """Seed 001: "by 5% by March 2008, compared to the 2005/6 baseline" (a local target)."""
    c = Cases()
    for i in range(20):  # 20 entrants in 2005-06
        c.outcome(c.child(dob="1991-01-01"), f"2005-{5 + i % 8:02d}-{10 + i % 3}", "reprimand")
    for i in range(19):  # 19 entrants in 2007-08
        c.outcome(c.child(dob="1992-01-01"), f"2007-{5 + i % 8:02d}-{12 + i % 3}", "final_warning")
    target = Target(kind="reduction_relative", value=5, baseline="2005-06")
    results = compute(c, "2007-08", indicators=["yjb2006.fte"],
                      targets={"yjb2006.fte.count": target})
    count = figure(results, "yjb2006.fte.count", "2007-08")
    # goal = 20 x (1 - 5/100) = 19; 19 <= 19 is met
    assert count.numerator == 19
    assert count.target_value == pytest.approx(19.0)
    assert count.met is True and count.rag == "green"
    assert count.target == "reduction of 5% against 2005-06"


# -- Prevent offending (old target): children identified, assessed with Onset -------------


def test_prevention_children_identified_and_assessed_with_onset(compute):
    c = Cases()
    p1 = c.child(dob="1995-01-01")
    c.programme(p1, "yisp", "2006-05-01", "2006-10-31")
    c.assessment(p1, tool="onset", completed="2006-04-10")     # 21 days before: assessed
    p2 = c.child(dob="1995-01-01")
    c.programme(p2, "prevention_programme", "2006-06-01", "2006-12-01")
    c.assessment(p2, tool="onset", completed="2006-05-03")     # 29 days before: too early
    p3 = c.child(dob="1995-01-01")
    c.programme(p3, "yip", "2006-07-01", "2006-09-30")
    second = c.programme(p3, "yisp", "2007-01-10", "2007-06-01")  # same child: once
    c.assessment(p3, tool="onset", completed="2006-11-01",     # outside both windows,
                 programme_id=second)                          # but linked: assessed
    p4 = c.child(dob="1995-01-01")
    c.programme(p4, "prevention_programme", "2007-03-01")      # still open
    c.assessment(p4, tool="onset", completed="2007-06-01")     # before the as-of date
    p5 = c.child(dob="1993-01-01")
    c.programme(p5, "referral_order", "2006-08-01")            # not prevention
    c.assessment(p5, tool="onset", completed="2006-08-01")
    p6 = c.child(dob="1995-01-01")
    c.programme(p6, "yisp", "2006-09-01", "2007-02-01")
    c.assessment(p6, tool="onset", completed=None)             # never completed
    p7 = c.child(dob="1995-01-01")
    c.programme(p7, "yisp", "2007-04-01")                      # next year
    p8 = c.child(dob="1995-01-01")
    c.programme(p8, "yip", "2006-10-01", "2007-03-01")
    c.assessment(p8, tool="asset", completed="2006-10-05")     # not Onset
    results = compute(c, "2006-07", indicators=["yjb2006.prevention"])
    # identified: p1, p2, p3, p4, p6, p8 = 6; with Onset: p1, p3, p4 = 3
    count = figure(results, "yjb2006.prevention.count", "2006-07")
    assert (count.numerator, count.value) == (6, 6.0)
    assert count.ci_low == pytest.approx(POISSON_6[0], abs=1e-4)
    assert count.ci_high == pytest.approx(POISSON_6[1], abs=1e-4)
    assert count.target == "at least 200"
    assert count.met is False and count.rag == "red"
    onset = figure(results, "yjb2006.prevention.onset_assessed", "2006-07")
    assert (onset.numerator, onset.denominator) == (3, 6)
    assert onset.value == pytest.approx(50.0)
    assert_wilson(onset, 3, 6)


# -- Intervene early: final warnings --------------------------------------------------------


@pytest.fixture
def final_warnings():
    c = Cases()
    # w1: Asset 11 but a section scores 4 -> eligible; a programme linked to it -> supported
    k1 = c.child(dob="1992-01-01")
    w1 = c.outcome(k1, "2006-06-15", "final_warning")
    c.assessment(k1, tool="asset", completed="2006-05-16", total_score=11, risk_of_harm="low",
                 sections={"lifestyle": 4, "ete": 2, "family_relationships": 1})
    c.programme(k1, "final_warning_intervention", "2006-06-20", outcome_id=w1)
    # w2: Asset 11, no section scores 4, risk low -> not eligible; an unlinked final warning
    # programme 10 days later -> supported
    k2 = c.child(dob="1992-01-01")
    c.outcome(k2, "2006-07-03", "final_warning")
    c.assessment(k2, tool="asset", completed="2006-06-20", total_score=11, risk_of_harm="low",
                 sections={"lifestyle": 3, "ete": 3, "substance_use": 2})
    c.programme(k2, "final_warning_intervention", "2006-07-13")
    # w3: Asset exactly 12 -> eligible; no programme -> not supported
    k3 = c.child(dob="1992-01-01")
    c.outcome(k3, "2006-08-01", "final_warning")
    c.assessment(k3, tool="asset", completed="2006-08-01", total_score=12, risk_of_harm="low")
    # w4: AssetPlus 5 with a medium risk of serious harm -> eligible; linked -> supported
    k4 = c.child(dob="1992-01-01")
    w4 = c.outcome(k4, "2006-09-01", "final_warning")
    c.assessment(k4, tool="assetplus", completed="2006-08-20", total_score=5,
                 risk_of_harm="medium")
    c.programme(k4, "final_warning_intervention", "2006-09-05", outcome_id=w4)
    # w5: Asset 20, but 91 days before the warning, and another 10 days after it: neither is
    # in the window -> not eligible; not supported
    k5 = c.child(dob="1992-01-01")
    c.outcome(k5, "2006-10-31", "final_warning")
    c.assessment(k5, tool="asset", completed="2006-08-01", total_score=20, risk_of_harm="high")
    c.assessment(k5, tool="asset", completed="2006-11-10", total_score=25, risk_of_harm="high")
    # w6: the older Asset (60 days before) scores 15 but the latest (5 days before) scores 8,
    # low risk, no 4 -> not eligible; the unlinked programme starts 29 days later -> not
    # supported
    k6 = c.child(dob="1992-01-01")
    c.outcome(k6, "2006-11-30", "final_warning")
    c.assessment(k6, tool="asset", completed="2006-10-01", total_score=15)
    c.assessment(k6, tool="asset", completed="2006-11-25", total_score=8, risk_of_harm="low",
                 sections={"lifestyle": 3})
    c.programme(k6, "final_warning_intervention", "2006-12-29")
    # w7: no Asset -> not eligible; an unlinked programme exactly 28 days later -> supported
    k7 = c.child(dob="1992-01-01")
    c.outcome(k7, "2007-01-10", "final_warning")
    c.programme(k7, "final_warning_intervention", "2007-02-07")
    # a reprimand with a programme is not a final warning; a warning next year is not counted
    k8 = c.child(dob="1992-01-01")
    r = c.outcome(k8, "2006-06-01", "reprimand")
    c.programme(k8, "final_warning_intervention", "2006-06-02", outcome_id=r)
    c.outcome(k8, "2007-04-01", "final_warning")
    return c


def test_final_warnings_supported_eligible_and_all(compute, final_warnings):
    results = compute(final_warnings, "2006-07", indicators=["yjb2006.intervene_early"])
    # eligible: w1 (a section 4), w3 (12), w4 (medium risk) = 3; supported of them: w1, w4
    eligible = figure(results, "yjb2006.intervene_early.eligible_supported", "2006-07")
    assert (eligible.numerator, eligible.denominator) == (2, 3)
    assert eligible.value == pytest.approx(200 / 3)
    assert_wilson(eligible, 2, 3)
    assert eligible.target == "at least 100"
    assert eligible.met is False and eligible.rag == "red"
    # all warnings: w1-w7 = 7; supported: w1, w2, w4, w7 = 4
    every = figure(results, "yjb2006.intervene_early.all_supported", "2006-07")
    assert (every.numerator, every.denominator) == (4, 7)
    assert every.value == pytest.approx(400 / 7)
    assert_wilson(every, 4, 7)
    assert every.target == "at least 80"
    assert every.met is False
    assert not every.provisional  # every support window ended long before the as-of date


def test_final_warning_without_support_yet_is_provisional(compute):
    c = Cases()
    k = c.child(dob="1992-01-01")
    c.outcome(k, "2008-03-20", "final_warning")
    results = compute(c, "2007-08", indicators=["yjb2006.intervene_early"],
                      as_of=dt.date(2008, 4, 1))
    every = figure(results, "yjb2006.intervene_early.all_supported", "2007-08")
    assert (every.numerator, every.denominator) == (0, 1)
    assert every.provisional  # a programme may still start up to 17 April 2008


# -- Reduce the use of custody --------------------------------------------------------------


def test_secure_remands_two_denominators(compute):
    c = Cases()
    k = c.child(dob="1991-01-01")
    for start, kind in [("2006-04-10", "unconditional_bail"),   # in neither denominator
                        ("2006-05-10", "conditional_bail"),     # only in the 2007 one
                        ("2006-05-20", "conditional_bail"),     # only in the 2007 one
                        ("2006-06-10", "bail_supervision"),     # both
                        ("2006-07-10", "remand_local_authority"),  # both
                        ("2006-08-10", "remand_youth_detention"),  # both, secure
                        ("2007-03-31", "court_ordered_secure_remand"),  # both, secure
                        ("2007-04-01", "remand_youth_detention")]:  # next year
        c.remand(k, start, kind)
    results = compute(c, "2006-07", indicators=["yjb2006.secure_remands"])
    old = figure(results, "yjb2006.secure_remands.excluding_bail", "2006-07")
    # secure 2 of 4 (bail supervision, RLAA and the two secure remands)
    assert (old.numerator, old.denominator, old.value) == (2, 4, 50.0)
    assert_wilson(old, 2, 4)
    assert old.target == "at most 30"
    assert old.met is False and old.rag == "red"
    new = figure(results, "yjb2006.secure_remands.excluding_unconditional_bail", "2006-07")
    # secure 2 of 6 (also the two conditional bails)
    assert (new.numerator, new.denominator) == (2, 6)
    assert new.value == pytest.approx(100 / 3)
    assert_wilson(new, 2, 6)
    assert new.target == "at most 9"
    assert new.met is False


def test_custodial_sentences_share_of_court_disposals(compute):
    c = Cases()
    k = c.child(dob="1991-01-01")
    c.outcome(k, "2006-05-01", "detention_training_order")       # custodial, aged 15
    others = ["supervision_order", "referral_order", "fine", "action_plan_order",
              "conditional_discharge"]
    for i in range(19):  # 19 non-custodial court disposals
        c.outcome(c.child(dob="1991-01-01"), f"2006-{6 + i % 6:02d}-01", others[i % 5])
    c.outcome(k, "2006-06-01", "reprimand")                      # not a court disposal
    adult = c.child(dob="1988-01-01")
    c.outcome(adult, "2006-07-01", "detention_training_order")   # 18: not counted
    c.outcome(k, "2007-04-02", "long_term_detention")            # next year
    results = compute(c, "2006-07", indicators=["yjb2006.custodial_sentences"])
    share = figure(results, "yjb2006.custodial_sentences.share_of_disposals", "2006-07")
    # 1 custodial of 20 court disposals = 5%: exactly on the target "at most 5"
    assert (share.numerator, share.denominator) == (1, 20)
    assert share.value == pytest.approx(5.0)
    assert_wilson(share, 1, 20)
    assert share.met is True and share.rag == "green"


# -- Swift administration of justice: pre-sentence reports ----------------------------------

HOLIDAYS = ("2024-12-25", "2024-12-26", "2025-01-01", "2025-04-18", "2025-04-21")


@pytest.fixture
def reports():
    c = Cases()
    c.bank_holidays(*HOLIDAYS)
    k = c.child(dob="2008-01-01", sex="M")
    g = c.child(dob="2008-01-01", sex="F")
    # Requested Friday 20 December 2024. Working days after it: Mon 23 (1), Tue 24 (2),
    # [25, 26 bank holidays], Fri 27 (3), Mon 30 (4), Tue 31 (5), [1 Jan], Thu 2 (6),
    # Fri 3 (7), Mon 6 (8), Tue 7 (9), Wed 8 (10), Thu 9 (11), ..., Wed 15 (15), Thu 16 (16).
    c.psr(k, "2024-12-20", "2025-01-08", pyo=True)     # PYO, 10th working day: on time
    c.psr(k, "2024-12-20", "2025-01-09", pyo=True)     # PYO, 11th: late
    c.psr(g, "2024-12-20", "2025-01-15", pyo=False)    # general, 15th: on time
    c.psr(g, "2024-12-20", "2025-01-16", pyo=False)    # general, 16th: late
    c.psr(g, "2024-06-03", None, pyo=False)            # never submitted: in, not on time
    # Monday 1 July 2024 to Friday 19 July: 14 working days; the flag is blank: general
    c.psr(g, "2024-07-01", "2024-07-19", pyo=None)
    c.psr(g, "2024-09-02", "2024-09-02", pyo=False)    # same day: 0 working days
    # Requested Thursday 10 April 2025. Fri 11 (1), Mon 14 (2) ... Thu 17 (5),
    # [Good Friday 18, Easter Monday 21], Tue 22 (6) ... Fri 25 (9), Mon 28 (10),
    # Tue 29 (11), Wed 30 (12), Thu 1 May (13).
    c.psr(k, "2025-04-10", "2025-04-28", pyo=True)     # PYO, 10th: on time
    c.psr(g, "2025-04-10", "2025-05-01", pyo=False)    # general, 13th: on time
    return c


def test_psr_within_10_and_15_working_days(compute, reports):
    results = compute(reports, ["2024-25", "2025-26"], indicators=["yjb2006.psr_timeliness"])
    pyo = figure(results, "yjb2006.psr_timeliness.pyo_10_days", "2024-25")
    # 2024-25 PYO: 1 of 2 on time (10th working day yes, 11th no)
    assert (pyo.numerator, pyo.denominator, pyo.value) == (1, 2, 50.0)
    assert_wilson(pyo, 1, 2)
    assert pyo.target == "at least 90" and pyo.met is False and pyo.rag == "red"
    others = figure(results, "yjb2006.psr_timeliness.others_15_days", "2024-25")
    # 2024-25 general: 15th (yes), 16th (no), not submitted (no), 14 days (yes), same day
    # (yes) = 3 of 5
    assert (others.numerator, others.denominator, others.value) == (3, 5, 60.0)
    assert_wilson(others, 3, 5)
    assert not others.provisional
    # Easter: 2025-26 has one of each, both on time
    pyo_easter = figure(results, "yjb2006.psr_timeliness.pyo_10_days", "2025-26")
    assert (pyo_easter.numerator, pyo_easter.denominator) == (1, 1)
    assert pyo_easter.met is True and pyo_easter.rag == "green"
    others_easter = figure(results, "yjb2006.psr_timeliness.others_15_days", "2025-26")
    assert (others_easter.numerator, others_easter.denominator) == (1, 1)


def test_psr_by_sex(compute, reports):
    results = compute(reports, "2024-25", indicators=["yjb2006.psr_timeliness"],
                      breakdown="sex")
    # the boy's reports are the PYO ones, the girl's the general ones
    assert figure(results, "yjb2006.psr_timeliness.pyo_10_days", "2024-25",
                  group="M").denominator == 2
    girls = figure(results, "yjb2006.psr_timeliness.others_15_days", "2024-25", group="F")
    assert (girls.numerator, girls.denominator) == (3, 5)


def test_psr_still_due_is_provisional(compute):
    c = Cases()
    c.bank_holidays(*HOLIDAYS)
    k = c.child(dob="2008-01-01")
    # requested Friday 21 March 2025; by Monday 31 March 6 working days have passed of 15
    c.psr(k, "2025-03-21", None, pyo=False)
    results = compute(c, "2024-25", indicators=["yjb2006.psr_timeliness"],
                      as_of=dt.date(2025, 3, 31))
    others = figure(results, "yjb2006.psr_timeliness.others_15_days", "2024-25")
    assert (others.numerator, others.denominator) == (0, 1)
    assert others.provisional


# -- Assessment: Asset at each stage ---------------------------------------------------------


def test_asset_completion_at_each_stage(compute):
    c = Cases()
    k = c.child(dob="1991-01-01")
    # community disposals
    c1 = c.programme(k, "supervision_order", "2006-05-01", "2006-11-30")
    c.assessment(k, programme_id=c1, tool="asset", stage="start", completed="2006-05-10")
    c.assessment(k, programme_id=c1, tool="asset", stage="closure", completed="2006-12-05")
    c2 = c.programme(k, "referral_order", "2006-06-01", "2007-05-31")  # ends next year
    c.assessment(k, programme_id=c2, tool="asset", stage="start", completed=None)  # not done
    c3 = c.programme(k, "action_plan_order", "2005-12-01", "2006-08-01")  # started last year
    c.assessment(k, programme_id=c3, tool="onset", stage="closure",      # not an Asset tool
                 completed="2006-08-02")
    c4 = c.programme(k, "bail_supervision", "2006-07-01", "2006-08-01")  # not a disposal
    c.assessment(k, programme_id=c4, tool="bail_asset", stage="start", completed="2006-07-01")
    c5 = c.programme(k, "reparation_order", "2006-09-01")
    c.assessment(k, programme_id=c5, tool="assetplus", stage="review",   # not the start stage
                 completed="2006-09-05")
    c.programme(k, "supervision_order", "2006-10-01")
    c.assessment(k, tool="asset", stage="start", completed="2006-10-05")  # not linked
    # custodial sentences
    d1 = c.programme(k, "detention_training_order", "2006-04-10", "2006-12-10",
                     custody_release_date="2006-08-10")
    for stage in ("start", "transfer", "closure"):
        c.assessment(k, programme_id=d1, tool="asset", stage=stage, completed="2006-12-10")
    d2 = c.programme(k, "detention_training_order", "2006-06-01", "2007-06-01",
                     custody_release_date="2006-10-01")
    c.assessment(k, programme_id=d2, tool="asset", stage="start", completed="2006-06-05")
    d3 = c.programme(k, "long_term_detention", "2005-01-01", custody_release_date="2006-09-01")
    c.assessment(k, programme_id=d3, tool="asset", stage="transfer", completed="2006-08-25")
    d4 = c.programme(k, "detention_training_order", "2005-10-01", "2006-10-01",
                     custody_release_date="2006-02-01")
    c.assessment(k, programme_id=d4, tool="asset", stage="closure", completed=None)
    results = compute(c, "2006-07", indicators=["yjb2006.asset_completion"])

    def got(key):
        r = figure(results, f"yjb2006.asset_completion.{key}", "2006-07")
        return r.numerator, r.denominator

    # community starting: c1, c2, c5, c6 = 4; done at the start: c1
    community_start = figure(results, "yjb2006.asset_completion.community_assessment",
                             "2006-07")
    assert (community_start.numerator, community_start.denominator) == (1, 4)
    assert community_start.value == pytest.approx(25.0)
    assert_wilson(community_start, 1, 4)
    assert community_start.target == "at least 100" and community_start.rag == "red"
    assert got("community_closure") == (1, 2)   # ending: c1 (done), c3 (an Onset: not done)
    assert got("custody_assessment") == (2, 2)  # starting: d1, d2, both done
    assert got("custody_transfer") == (2, 3)    # released: d1, d2 (missing), d3
    assert got("custody_closure") == (1, 2)     # ending: d1 (done), d4 (not completed)
    full = figure(results, "yjb2006.asset_completion.custody_assessment", "2006-07")
    assert full.value == pytest.approx(100.0) and full.met is True and full.rag == "green"


# -- DTO training plans ------------------------------------------------------------------------


def test_dto_training_plans_within_10_working_days(compute):
    c = Cases()
    c.bank_holidays(*HOLIDAYS)
    k = c.child(dob="2008-01-01")
    # sentenced Friday 20 December 2024: Wed 8 January is the 10th working day (Christmas,
    # Boxing Day and New Year's Day skipped), Thu 9 January the 11th
    c.programme(k, "detention_training_order", "2024-12-20", plan_date="2025-01-08")  # yes
    c.programme(k, "detention_training_order", "2024-12-20", plan_date="2025-01-09")  # no
    c.programme(k, "detention_training_order", "2024-06-03")                 # no plan: no
    c.programme(k, "detention_training_order", "2024-05-01", plan_date="2024-05-01")  # yes
    c.programme(k, "long_term_detention", "2024-07-01")                      # not a DTO
    c.programme(k, "detention_training_order", "2025-04-01", plan_date="2025-04-02")  # 2025-26
    results = compute(c, "2024-25", indicators=["yjb2006.dto_training_plan"])
    plans = figure(results, "yjb2006.dto_training_plan.on_time", "2024-25")
    assert (plans.numerator, plans.denominator, plans.value) == (2, 4, 50.0)
    assert_wilson(plans, 2, 4)
    assert plans.target == "at least 100" and plans.met is False and plans.rag == "red"
    assert not plans.provisional


def test_dto_plan_still_due_is_provisional(compute):
    c = Cases()
    c.bank_holidays(*HOLIDAYS)
    k = c.child(dob="2008-01-01")
    c.programme(k, "detention_training_order", "2025-03-25")  # 4 working days by 31 March
    results = compute(c, "2024-25", indicators=["yjb2006.dto_training_plan"],
                      as_of=dt.date(2025, 3, 31))
    plans = figure(results, "yjb2006.dto_training_plan.on_time", "2024-25")
    assert (plans.numerator, plans.denominator) == (0, 1)
    assert plans.provisional
