"""YJB key performance indicators 2006-08, part 2: ETE, accommodation, CAMHS, substance misuse,
restorative justice, parenting and race (every figure worked out by hand).

Wilson 95% limits used below, from the formula (p + z²/2n ± z·√(p(1-p)/n + z²/4n²)) /
(1 + z²/n) with z = 1.959964, worked on paper / a calculator, in per cent.
"""

import datetime as dt

import pytest

from tests.indicators.golden.cases import Cases
from tests.indicators.golden.conftest import figure

WILSON_3_OF_6 = (18.762, 81.238)
WILSON_2_OF_5 = (11.762, 76.928)
WILSON_1_OF_3 = (6.149, 79.234)
WILSON_3_OF_4 = (30.064, 95.441)
WILSON_2_OF_4 = (15.004, 84.996)
WILSON_1_OF_2 = (9.453, 90.547)
WILSON_4_OF_10 = (16.818, 68.733)

# Bank holidays of England and Wales around the clocks tested.
CHRISTMAS_2024 = ("2024-12-25", "2024-12-26", "2025-01-01")
EASTER_2025 = ("2025-04-18", "2025-04-21")


def assert_wilson(result, limits):
    assert result.ci_low == pytest.approx(limits[0], abs=1e-3)
    assert result.ci_high == pytest.approx(limits[1], abs=1e-3)


# -- ETE -----------------------------------------------------------------------------------


@pytest.fixture
def ete_cases():
    c = Cases()
    # 15 on the end date with 24 hours of school: not full time (25 needed)
    a = c.child(dob="2009-06-01")
    p = c.programme(a, "referral_order", "2024-01-10", "2024-10-01")
    c.status(p, ete_type="school_full_time", ete_hours=24, ete_suitable=True)
    # 15 with 25 hours, suitable: full time and suitable
    b = c.child(dob="2009-06-01")
    p = c.programme(b, "referral_order", "2024-02-10", "2024-11-01")
    c.status(p, ete_type="school_full_time", ete_hours=25, ete_suitable=True)
    # 16 on the end date with 16 hours of college, not suitable: full time, not suitable
    d16 = c.child(dob="2008-01-01")
    p = c.programme(d16, "youth_rehabilitation_order", "2024-03-01", "2024-12-01")
    c.status(p, ete_type="college", ete_hours=16, ete_suitable=False)
    # two programmes ending in the year: counted once, with the last one's end status (NEET)
    two = c.child(dob="2008-06-01")
    p = c.programme(two, "referral_order", "2024-01-01", "2024-06-01")
    c.status(p, ete_type="training", ete_hours=30, ete_suitable=True)
    p = c.programme(two, "youth_rehabilitation_order", "2024-06-02", "2025-01-15")
    c.status(p, ete_type="neet", ete_hours=0, ete_suitable=False)
    # ended with no end status: in the denominator only
    e = c.child(dob="2009-01-01")
    c.programme(e, "referral_order", "2024-05-01", "2025-02-01")
    # a DTO ending 31 March, 16 or over, employment 20 hours, suitable
    i = c.child(dob="2008-02-01")
    p = c.programme(i, "detention_training_order", "2024-09-01", "2025-03-31")
    c.status(p, ete_type="employment", ete_hours=20, ete_suitable=True)
    # not counted: a prevention programme, and a programme ending on 1 April 2025
    g = c.child(dob="2010-01-01")
    p = c.programme(g, "prevention_programme", "2024-04-01", "2024-09-01")
    c.status(p, ete_type="school_full_time", ete_hours=25, ete_suitable=True)
    h = c.child(dob="2010-01-01")
    p = c.programme(h, "referral_order", "2024-04-01", "2025-04-01")
    c.status(p, ete_type="school_full_time", ete_hours=25, ete_suitable=True)
    # not_known with hours recorded: never full time (ends in 2023-24)
    k = c.child(dob="2009-01-01")
    p = c.programme(k, "referral_order", "2023-05-01", "2023-12-01")
    c.status(p, ete_type="not_known", ete_hours=30, ete_suitable=True)
    return c


def test_ete_full_time_by_age_and_suitable(compute, ete_cases):
    results = compute(ete_cases, ["2023-24", "2024-25"], indicators=["yjb2006.ete"])
    # children whose supervision ended: a, b, d16, two (once), e, i = 6
    # full time: b (15, 25 h), d16 (16, 16 h), i (16+, 20 h) = 3; a has 24 h at 15, two is
    # NEET at the end of the last programme, e has no end status
    full = figure(results, "yjb2006.ete.full_time", "2024-25")
    assert (full.numerator, full.denominator) == (3, 6)
    assert full.value == pytest.approx(50.0)
    assert_wilson(full, WILSON_3_OF_6)
    assert full.target == "at least 90"
    assert full.met is False and full.rag == "red"
    # suitable full time: b and i (d16's college is not suitable) = 2 of 6
    suitable = figure(results, "yjb2006.ete.suitable_full_time", "2024-25")
    assert (suitable.numerator, suitable.denominator) == (2, 6)
    assert suitable.value == pytest.approx(100 * 2 / 6)
    # 2023-24: k only, not_known with 30 hours is not full time: 0 of 1
    before = figure(results, "yjb2006.ete.full_time", "2023-24")
    assert (before.numerator, before.denominator, before.value) == (0, 1, 0.0)
    # change in points against 2023-24: 50 - 0
    assert full.change_kind == "points" and full.change == pytest.approx(50.0)


def test_ete_by_disposal(compute, ete_cases):
    results = compute(ete_cases, "2024-25", indicators=["yjb2006.ete"], breakdown="disposal")
    groups = {r.group: (r.numerator, r.denominator) for r in results
              if r.measure == "yjb2006.ete.full_time"}
    # community: a, b, d16, two, e (b and d16 full time); custody: i
    assert groups == {"all": (3, 6), "community": (2, 5), "custody": (1, 1)}


def test_ete_thresholds_are_parameters(compute, ete_cases, monkeypatch):
    from yjhub.indicators.catalogue import catalogue

    ete = catalogue().get("yjb2006.ete")
    monkeypatch.setitem(ete.parameters, "school_hours", 24)
    results = compute(ete_cases, "2024-25", indicators=["yjb2006.ete"])
    # with 24 hours enough under 16, child a is full time too: 4 of 6
    assert figure(results, "yjb2006.ete.full_time", "2024-25").numerator == 4


def test_ete_takes_the_last_supervised_programme_not_a_later_prevention_one(compute):
    c = Cases()
    # a referral order ends in July (full time, suitable), then a prevention programme ends
    # in September with NEET: ETE takes the referral order's status; KPI 2, which counts
    # every programme, takes the prevention programme's
    a = c.child(dob="2009-06-01")
    p = c.programme(a, "referral_order", "2024-01-10", "2024-07-01")
    c.status(p, ete_type="school_full_time", ete_hours=25, ete_suitable=True)
    p = c.programme(a, "prevention_programme", "2024-05-01", "2024-09-01")
    c.status(p, ete_type="neet", ete_hours=0, ete_suitable=False)
    # a prevention programme alone: not in the 2006 ETE indicator, in KPI 2 (suitable)
    b = c.child(dob="2009-06-01")
    p = c.programme(b, "prevention_programme", "2024-05-01", "2024-10-01")
    c.status(p, ete_type="school_full_time", ete_hours=25, ete_suitable=True)
    results = compute(c, "2024-25", indicators=["yjb2006.ete", "kpi2023.ete"])
    full = figure(results, "yjb2006.ete.full_time", "2024-25")
    assert (full.numerator, full.denominator) == (1, 1)
    kpi = figure(results, "kpi2023.ete.suitable", "2024-25")
    assert (kpi.numerator, kpi.denominator) == (1, 2)


# -- accommodation -------------------------------------------------------------------------


@pytest.fixture
def accommodation_cases():
    c = Cases()
    a = c.child(dob="2008-01-01")                              # community, suitable
    p = c.programme(a, "referral_order", "2024-01-01", "2024-07-01")
    c.status(p, accommodation_type="with_parents", accommodation_suitable=True)
    b = c.child(dob="2008-01-01")                              # final warning, not suitable
    p = c.programme(b, "final_warning_intervention", "2024-05-01", "2024-08-01")
    c.status(p, accommodation_type="bed_and_breakfast", accommodation_suitable=False)
    r = c.child(dob="2007-06-01")                              # released in the year: suitable
    p = c.programme(r, "detention_training_order", "2024-01-01", "2025-01-01",
                    custody_release_date="2024-09-01")
    c.status(p, stage="start", accommodation_type="secure", accommodation_suitable=False)
    c.status(p, accommodation_type="with_family", accommodation_suitable=True)
    old = c.child(dob="2007-06-01")                            # released in 2023-24: not here
    p = c.programme(old, "detention_training_order", "2023-06-01", "2024-08-01",
                    custody_release_date="2024-02-01")
    c.status(p, accommodation_type="with_parents", accommodation_suitable=True)
    two = c.child(dob="2008-01-01")                            # two programmes: the last counts
    p = c.programme(two, "referral_order", "2024-01-01", "2024-05-01")
    c.status(p, accommodation_type="with_parents", accommodation_suitable=True)
    p = c.programme(two, "youth_rehabilitation_order", "2024-05-02", "2024-12-01")
    c.status(p, accommodation_type="no_fixed_abode", accommodation_suitable=False)
    f = c.child(dob="2007-06-01")                              # released, still on licence
    c.programme(f, "detention_training_order", "2024-08-01", custody_release_date="2025-02-01")
    g = c.child(dob="2010-01-01")                              # prevention: not counted
    p = c.programme(g, "prevention_programme", "2024-04-01", "2024-09-01")
    c.status(p, accommodation_type="with_parents", accommodation_suitable=True)
    return c


def test_accommodation_on_programme_end_and_release(compute, accommodation_cases):
    results = compute(accommodation_cases, "2024-25", indicators=["yjb2006.accommodation"])
    # children: a, b, r (released), two (once), f (released, no end status yet) = 5
    # suitable: a and r = 2
    suitable = figure(results, "yjb2006.accommodation.suitable", "2024-25")
    assert (suitable.numerator, suitable.denominator) == (2, 5)
    assert suitable.value == pytest.approx(40.0)
    assert_wilson(suitable, WILSON_2_OF_5)
    # f's sentence runs on past the as-of date without an end status: provisional
    assert suitable.provisional is True
    assert suitable.target == "at least 100" and suitable.met is False


def test_accommodation_by_disposal(compute, accommodation_cases):
    results = compute(accommodation_cases, "2024-25", indicators=["yjb2006.accommodation"],
                      breakdown="disposal")
    groups = {r.group: (r.numerator, r.denominator) for r in results}
    assert groups == {"all": (2, 5), "community": (1, 2), "out_of_court": (0, 1),
                      "custody": (1, 2)}


def test_accommodation_takes_the_later_of_an_order_ending_and_a_release(compute):
    c = Cases()
    # an order ends in June (suitable), then a release in October (not suitable): the release
    m = c.child(dob="2008-01-01")
    p = c.programme(m, "referral_order", "2024-01-01", "2024-06-01")
    c.status(p, accommodation_type="with_parents", accommodation_suitable=True)
    p = c.programme(m, "detention_training_order", "2024-07-01", "2025-01-01",
                    custody_release_date="2024-10-01")
    c.status(p, accommodation_type="bed_and_breakfast", accommodation_suitable=False)
    # a release in June (not suitable), then an order ends in November (suitable): the order
    n = c.child(dob="2008-01-01")
    p = c.programme(n, "detention_training_order", "2024-01-01", "2024-12-01",
                    custody_release_date="2024-06-01")
    c.status(p, accommodation_type="bed_and_breakfast", accommodation_suitable=False)
    p = c.programme(n, "youth_rehabilitation_order", "2024-06-02", "2024-11-01")
    c.status(p, accommodation_type="with_family", accommodation_suitable=True)
    # released on the day an order ends: the order, which started later, counts (suitable)
    q = c.child(dob="2008-01-01")
    p = c.programme(q, "detention_training_order", "2024-01-01", "2025-01-01",
                    custody_release_date="2024-07-01")
    c.status(p, accommodation_type="bed_and_breakfast", accommodation_suitable=False)
    p = c.programme(q, "referral_order", "2024-03-01", "2024-07-01")
    c.status(p, accommodation_type="with_parents", accommodation_suitable=True)
    results = compute(c, "2024-25", indicators=["yjb2006.accommodation"],
                      breakdown="disposal")
    groups = {r.group: (r.numerator, r.denominator) for r in results}
    # m by its release (custody, not suitable); n and q by their orders (suitable)
    assert groups == {"all": (2, 3), "community": (2, 2), "custody": (0, 1)}


# -- CAMHS ---------------------------------------------------------------------------------


@pytest.fixture
def camhs_cases():
    c = Cases()
    c.bank_holidays(*CHRISTMAS_2024, *EASTER_2025)
    k = c.child(dob="2008-01-01")
    # Received Monday 23 December 2024. Working days after it: Tue 24 (1), [25, 26 bank
    # holidays], Fri 27 (2), [weekend], Mon 30 (3), Tue 31 (4), [1 Jan bank holiday],
    # Thu 2 Jan (5), Fri 3 (6), Mon 6 (7) ... Thu 16 (15), Fri 17 (16).
    c.referral(k, "camhs", "2024-12-23", assessed="2025-01-02", urgency="acute")   # 5: in
    c.referral(k, "camhs", "2024-12-23", assessed="2025-01-03", urgency="acute")   # 6: out
    c.referral(k, "camhs", "2024-06-03", urgency="acute")                           # waiting
    c.referral(k, "camhs", "2024-12-23", assessed="2025-01-16", urgency="non_acute")  # 15: in
    c.referral(k, "camhs", "2024-12-23", assessed="2025-01-17")            # blank, 16: out
    c.referral(k, "camhs", "2024-05-01", assessed="2024-05-01", urgency="non_acute")  # 0: in
    c.referral(k, "substance_misuse", "2024-05-01", assessed="2024-07-01")  # not CAMHS
    # Received Thursday 17 April 2025 (2025-26): [Good Friday 18, weekend, Easter Monday 21],
    # Tue 22 (1), Wed 23 (2), Thu 24 (3), Fri 25 (4), Mon 28 (5), Tue 29 (6).
    c.referral(k, "camhs", "2025-04-17", assessed="2025-04-28", urgency="acute")   # 5: in
    c.referral(k, "camhs", "2025-04-17", assessed="2025-04-29", urgency="acute")   # 6: out
    return c


def test_camhs_working_days_over_christmas_and_easter(compute, camhs_cases):
    results = compute(camhs_cases, ["2024-25", "2025-26"], indicators=["yjb2006.camhs"])
    # 2024-25 acute: 2 Jan (5 days, in), 3 Jan (6, out), not yet assessed: 1 of 3
    acute = figure(results, "yjb2006.camhs.acute_5_days", "2024-25")
    assert (acute.numerator, acute.denominator) == (1, 3)
    assert acute.value == pytest.approx(100 / 3)
    assert_wilson(acute, WILSON_1_OF_3)
    assert acute.target == "at least 100" and acute.met is False
    # 2024-25 non-acute (blank urgency included): 16 Jan (15, in), 17 Jan (16, out), same
    # day (0, in): 2 of 3
    non_acute = figure(results, "yjb2006.camhs.non_acute_15_days", "2024-25")
    assert (non_acute.numerator, non_acute.denominator) == (2, 3)
    # 2025-26 over Easter: 28 April (5, in), 29 April (6, out): 1 of 2 (without the two bank
    # holidays 28 April would be the 7th working day)
    easter = figure(results, "yjb2006.camhs.acute_5_days", "2025-26")
    assert (easter.numerator, easter.denominator, easter.value) == (1, 2, 50.0)
    assert_wilson(easter, WILSON_1_OF_2)
    assert figure(results, "yjb2006.camhs.non_acute_15_days", "2025-26").denominator == 0
    assert not acute.provisional  # every clock has run out by 1 November 2026


@pytest.mark.parametrize("as_of, provisional", [
    (dt.date(2024, 6, 5), True),     # Wed 5 June: 2 working days since Mon 3 June
    (dt.date(2024, 6, 7), True),     # Fri 7 June: 4
    (dt.date(2024, 6, 10), False),   # Mon 10 June: 5, so it is late whatever happens next
])
def test_camhs_waiting_referral_is_provisional_while_its_clock_runs(compute, camhs_cases,
                                                                    as_of, provisional):
    results = compute(camhs_cases, "2024-25", indicators=["yjb2006.camhs"], as_of=as_of)
    acute = figure(results, "yjb2006.camhs.acute_5_days", "2024-25")
    assert acute.provisional is provisional
    assert (acute.numerator, acute.denominator) == (1, 3)  # the same counts either way


# -- substance misuse ----------------------------------------------------------------------


@pytest.fixture
def substance_cases():
    c = Cases()
    c.bank_holidays(*CHRISTMAS_2024, *EASTER_2025)
    k = c.child(dob="2008-01-01")
    c.assessment(k, tool="assetplus", completed="2024-05-01", substance_screened=True)
    c.assessment(k, tool="asset", completed="2024-06-01", substance_screened=False)
    c.assessment(k, tool="assetplus", completed="2024-07-01")            # blank: not screened
    c.assessment(k, stage="review", tool="assetplus", completed="2024-08-01",
                 substance_screened=True)                                 # not the start stage
    c.assessment(k, tool="onset", completed="2024-08-01", substance_screened=True)  # not Asset
    c.assessment(k, tool="assetplus")                                     # not completed
    c.assessment(k, tool="assetplus", completed="2025-04-02", substance_screened=True)  # 25-26
    # Referrals. Received Mon 2 Sep 2024: Tue 3 (1) ... Mon 9 (5), Tue 10 (6).
    # Treatment clock from Mon 9 Sep: Tue 10 (1) ... Fri 20 (9), Mon 23 (10);
    # from Tue 10 Sep: ... Tue 24 (10), Wed 25 (11).
    c.referral(k, "substance_misuse", "2024-09-02", assessed="2024-09-09",
               intervention="2024-09-23")                   # assessed in 5, treated in 10
    c.referral(k, "substance_misuse", "2024-09-02", assessed="2024-09-10",
               intervention="2024-09-25")                   # 6 and 11: both late
    c.referral(k, "substance_misuse", "2024-03-20", assessed="2024-04-03",
               intervention="2024-04-05")                   # received 2023-24, assessed 2024-25
    c.referral(k, "substance_misuse", "2025-03-03")          # not yet assessed
    c.referral(k, "substance_misuse", "2024-10-01", assessed="2024-10-02")  # not yet treated
    c.referral(k, "camhs", "2024-10-01", assessed="2024-10-02")  # not substance misuse
    # Christmas: received Mon 23 Dec 2024, assessed Thu 2 Jan 2025 (5 working days: in);
    # treatment from Thu 2 Jan: Fri 3 (1), Mon 6 (2) ... Thu 16 (10), Fri 17 (11).
    c.referral(k, "substance_misuse", "2024-12-23", assessed="2025-01-02",
               intervention="2025-01-16")                   # in and in
    return c


def test_substance_misuse_three_measures(compute, substance_cases):
    results = compute(substance_cases, "2024-25", indicators=["yjb2006.substance_misuse"])
    # start-stage Asset / AssetPlus completed in 2024-25: 1 May (screened), 1 June (not),
    # 1 July (blank): 1 of 3
    screened = figure(results, "yjb2006.substance_misuse.screened", "2024-25")
    assert (screened.numerator, screened.denominator) == (1, 3)
    assert screened.value == pytest.approx(100 / 3)
    assert_wilson(screened, WILSON_1_OF_3)
    # received in 2024-25: 2 Sep (5 days, in), 2 Sep (6, out), 3 Mar (waiting), 1 Oct (1, in),
    # 23 Dec (5 over Christmas, in): 3 of 5
    assessed = figure(results, "yjb2006.substance_misuse.assessed_5_days", "2024-25")
    assert (assessed.numerator, assessed.denominator) == (3, 5)
    assert assessed.value == pytest.approx(60.0)
    # assessed in 2024-25: 9 Sep (10 days to treatment, in), 10 Sep (11, out), 3 Apr (2, in),
    # 2 Oct (not treated), 2 Jan (16 Jan is the 10th working day after it: in): 3 of 5
    treated = figure(results, "yjb2006.substance_misuse.treated_10_days", "2024-25")
    assert (treated.numerator, treated.denominator) == (3, 5)
    assert treated.target == "at least 100" and treated.met is False


def test_substance_misuse_screening_in_the_next_year(compute, substance_cases):
    results = compute(substance_cases, "2025-26", indicators=["yjb2006.substance_misuse"])
    screened = figure(results, "yjb2006.substance_misuse.screened", "2025-26")
    assert (screened.numerator, screened.denominator, screened.value) == (1, 1, 100.0)
    assert screened.met is True and screened.rag == "green"


# -- restorative justice -------------------------------------------------------------------


@pytest.fixture
def victim_cases():
    c = Cases()
    girl = c.child(dob="2008-01-01", sex="F")
    boy = c.child(dob="2008-01-01", sex="M")
    g_offence = c.offence(girl, committed_date="2024-03-01")
    b_offence = c.offence(boy, committed_date="2024-03-01")
    c.victim(g_offence, referred_date="2024-05-01", rj_offered=True, rj_participated=True,
             satisfied=True)
    c.victim(g_offence, referred_date="2024-06-01", rj_offered=True, rj_participated=True,
             satisfied=False)
    # said to be satisfied but did not take part: not in the satisfaction measure
    c.victim(b_offence, referred_date="2024-07-01", rj_offered=True, rj_participated=False,
             satisfied=True)
    c.victim(b_offence, referred_date="2024-08-01", rj_offered=False, rj_participated=False)
    c.victim(b_offence, referred_date="2025-04-01", rj_offered=True)       # next year
    c.victim(b_offence, rj_offered=True)                                     # no referred date
    return c


def test_restorative_justice_offered_participated_satisfied(compute, victim_cases):
    results = compute(victim_cases, "2024-25", indicators=["yjb2006.restorative_justice"])
    # victims referred in 2024-25: 4; offered 3
    offered = figure(results, "yjb2006.restorative_justice.offered", "2024-25")
    assert (offered.numerator, offered.denominator) == (3, 4)
    assert offered.value == pytest.approx(75.0)
    assert_wilson(offered, WILSON_3_OF_4)
    assert offered.met is True and offered.rag == "green"  # at least 75
    # took part: 2 of 4 (target 25)
    participated = figure(results, "yjb2006.restorative_justice.participated", "2024-25")
    assert (participated.numerator, participated.denominator) == (2, 4)
    assert participated.value == pytest.approx(50.0)
    assert participated.target == "at least 25" and participated.met is True
    # satisfied: of the 2 who took part, 1 (the non-participant's "satisfied" is left out)
    satisfied = figure(results, "yjb2006.restorative_justice.satisfied", "2024-25")
    assert (satisfied.numerator, satisfied.denominator) == (1, 2)
    assert satisfied.value == pytest.approx(50.0)
    assert_wilson(satisfied, WILSON_1_OF_2)
    assert satisfied.met is False and satisfied.rag == "red"  # 25 points short of 75


def test_restorative_justice_by_the_childs_sex(compute, victim_cases):
    results = compute(victim_cases, "2024-25", indicators=["yjb2006.restorative_justice"],
                      breakdown="sex")
    offered = {r.group: (r.numerator, r.denominator) for r in results
               if r.measure == "yjb2006.restorative_justice.offered"}
    assert offered == {"all": (3, 4), "F": (2, 2), "M": (1, 2)}
    satisfied = {r.group: (r.numerator, r.denominator) for r in results
                 if r.measure == "yjb2006.restorative_justice.satisfied"}
    assert satisfied == {"all": (1, 2), "F": (1, 2), "M": (0, 0)}


# -- parenting -----------------------------------------------------------------------------


@pytest.fixture
def parenting_cases():
    c = Cases()
    a = c.child(dob="2008-01-01")       # community order, parenting started during it
    c.programme(a, "referral_order", "2024-05-01", "2024-11-01")
    c.parenting(a, "2024-05-20", started_date="2024-06-01", completed_date="2024-10-01",
                parent_satisfied=True)
    b = c.child(dob="2008-01-01")       # final warning intervention, parenting began before it
    c.programme(b, "final_warning_intervention", "2024-06-01", "2024-09-01")
    c.parenting(b, "2024-05-15", started_date="2024-05-20")
    d = c.child(dob="2008-01-01")       # DTO (after April 2007), still open; started before as_of
    c.programme(d, "detention_training_order", "2024-07-01")
    c.parenting(d, "2025-12-01", started_date="2026-01-01")
    y = c.child(dob="2008-01-01")       # youth caution intervention: not in the default types
    c.programme(y, "youth_caution_intervention", "2024-08-01", "2024-10-01")
    c.parenting(y, "2024-08-02", started_date="2024-08-03")
    p = c.child(dob="2010-01-01")       # prevention programme: not counted
    c.programme(p, "prevention_programme", "2024-08-01", "2024-10-01")
    f = c.child(dob="2008-01-01")       # two programmes: once, supported during the second
    c.programme(f, "referral_order", "2024-04-10", "2024-09-10")
    c.programme(f, "youth_rehabilitation_order", "2024-10-10", "2025-06-10")
    c.parenting(f, "2024-10-15", started_date="2024-10-20", completed_date="2025-01-10",
                parent_satisfied=False)
    g = c.child(dob="2008-01-01")       # offered, never started
    c.programme(g, "referral_order", "2024-09-01", "2024-12-01")
    c.parenting(g, "2024-09-15")
    h = c.child(dob="2008-01-01")       # started the day after the order ended
    c.programme(h, "referral_order", "2024-09-01", "2024-10-01")
    c.parenting(h, "2024-09-20", started_date="2024-10-02")
    k = c.child(dob="2008-01-01")       # parenting completed in the year, no programme
    c.parenting(k, "2024-01-01", started_date="2024-02-01", completed_date="2024-06-01",
                parent_satisfied=True)
    return c


def test_parenting_interventions_and_satisfaction(compute, parenting_cases):
    results = compute(parenting_cases, "2024-25", indicators=["yjb2006.parenting"])
    # children: a, b, d, f (once), g, h = 6; received a parenting intervention: a, d, f = 3
    share = figure(results, "yjb2006.parenting.interventions", "2024-25")
    assert (share.numerator, share.denominator) == (3, 6)
    assert share.value == pytest.approx(50.0)
    assert_wilson(share, WILSON_3_OF_6)
    assert share.target == "at least 10" and share.met is True
    # completed in 2024-25: a's (satisfied), f's (not), k's (satisfied): 2 of 3
    satisfied = figure(results, "yjb2006.parenting.satisfied", "2024-25")
    assert (satisfied.numerator, satisfied.denominator) == (2, 3)
    assert satisfied.value == pytest.approx(200 / 3)
    assert satisfied.met is False and satisfied.rag == "red"  # 8.3 points short of 75


def test_parenting_dtos_count_from_april_2007(compute):
    c = Cases()
    early = c.child(dob="1990-01-01")
    c.programme(early, "detention_training_order", "2006-05-01", "2006-11-01")
    c.parenting(early, "2006-05-02", started_date="2006-05-03")
    late = c.child(dob="1990-01-01")
    c.programme(late, "detention_training_order", "2007-05-01", "2007-11-01")
    warning = c.child(dob="1990-01-01")
    c.programme(warning, "final_warning_intervention", "2006-06-01", "2006-09-01")
    results = compute(c, ["2006-07", "2007-08"], indicators=["yjb2006.parenting"])
    # 2006-07: only the final warning (DTOs are not counted before April 2007): 0 of 1
    first = figure(results, "yjb2006.parenting.interventions", "2006-07")
    assert (first.numerator, first.denominator) == (0, 1)
    # 2007-08: the DTO starting May 2007, no parenting: 0 of 1
    second = figure(results, "yjb2006.parenting.interventions", "2007-08")
    assert (second.numerator, second.denominator) == (0, 1)


# -- race ----------------------------------------------------------------------------------


@pytest.fixture
def race_cases():
    c = Cases()
    c.population_ethnicity(2011, {"white": 9000, "black": 1000})
    c.population_ethnicity(2021, {"white": 9500, "black": 500})
    # 2024-25: 10 offenders, 4 black and 6 white
    for _ in range(4):
        k = c.child(dob="2008-01-01", ethnicity="black_caribbean")
        c.outcome(k, "2024-06-01", "referral_order")
    for _ in range(5):
        k = c.child(dob="2008-01-01", ethnicity="white_british")
        c.outcome(k, "2024-07-01", "youth_caution")
    twice = c.child(dob="2008-01-01", ethnicity="white_other")
    c.outcome(twice, "2024-05-01", "youth_caution")                 # two outcomes: once
    c.outcome(twice, "2024-09-01", "youth_rehabilitation_order")
    # not offenders: diversion only, and 18 on the outcome date
    diverted = c.child(dob="2008-01-01", ethnicity="black_african")
    c.outcome(diverted, "2024-06-01", "community_resolution")
    adult = c.child(dob="2006-05-01", ethnicity="black_african")
    c.outcome(adult, "2024-06-01", "fine")
    # 2023-24: 4 offenders, 1 black
    k = c.child(dob="2008-01-01", ethnicity="black_african")
    c.outcome(k, "2023-06-01", "reprimand")
    for _ in range(3):
        k = c.child(dob="2008-01-01", ethnicity="white_british")
        c.outcome(k, "2023-07-01", "fine")
    return c


def test_race_offender_share_against_population_share(compute, race_cases):
    results = compute(race_cases, ["2023-24", "2024-25"], indicators=["yjb2006.race"],
                      breakdown="ethnicity")
    black = figure(results, "yjb2006.race.offender_share", "2024-25", group="black")
    # 4 of 10 offenders are black: 40%; 500 of 10,000 children (2021 census) are: 5%
    assert (black.numerator, black.denominator) == (4, 10)
    assert black.value == pytest.approx(40.0)
    assert_wilson(black, WILSON_4_OF_10)
    assert black.comparison_value == pytest.approx(5.0)
    assert black.difference_points == pytest.approx(35.0)          # 40 - 5
    assert black.difference_relative == pytest.approx(700.0)       # 40 / 5 - 1
    assert black.target == "NEW TARGET" and black.met is None
    population = figure(results, "yjb2006.race.population_share", "2024-25", group="black")
    assert (population.numerator, population.denominator) == (500, 10000)
    assert population.value == pytest.approx(5.0)
    white = figure(results, "yjb2006.race.offender_share", "2024-25", group="white")
    assert (white.numerator, white.denominator, white.value) == (6, 10, 60.0)
    assert white.difference_points == pytest.approx(-35.0)         # 60 - 95
    # 2023-24: 1 of 4 black (25%) against 5%: a gap of 20 points, which widened to 35
    before = figure(results, "yjb2006.race.offender_share", "2023-24", group="black")
    assert (before.numerator, before.denominator) == (1, 4)
    assert before.difference_points == pytest.approx(20.0)
    assert black.change == pytest.approx(15.0)                     # 40 - 25, in points


def test_race_without_a_breakdown_both_shares_are_whole(compute, race_cases):
    results = compute(race_cases, "2024-25", indicators=["yjb2006.race"])
    offenders = figure(results, "yjb2006.race.offender_share", "2024-25")
    assert (offenders.numerator, offenders.denominator, offenders.value) == (10, 10, 100.0)
    population = figure(results, "yjb2006.race.population_share", "2024-25")
    assert (population.numerator, population.denominator) == (10000, 10000)
    assert offenders.difference_points is None  # the gap exists only by group


def test_race_uses_the_nearest_census(compute, race_cases):
    results = compute(race_cases, ["2015-16", "2016-17"], indicators=["yjb2006.race"],
                      breakdown="ethnicity")
    # 2015: the 2011 census is nearer (1,000 of 10,000 black); 2016: equally near, the later
    # (2021: 500 of 10,000)
    assert figure(results, "yjb2006.race.population_share", "2015-16",
                  group="black").value == pytest.approx(10.0)
    assert figure(results, "yjb2006.race.population_share", "2016-17",
                  group="black").value == pytest.approx(5.0)


def test_race_ethnicity_not_recorded_is_not_known(compute):
    c = Cases()
    c.population_ethnicity(2021, {"white": 900, "asian": 100})
    k = c.child(dob="2008-01-01", ethnicity=None)
    c.outcome(k, "2024-06-01", "youth_caution")
    k = c.child(dob="2008-01-01", ethnicity="asian_indian")
    c.outcome(k, "2024-06-01", "youth_caution")
    results = compute(c, "2024-25", indicators=["yjb2006.race"], breakdown="ethnicity")
    groups = {r.group: (r.numerator, r.denominator) for r in results
              if r.measure == "yjb2006.race.offender_share"}
    assert groups == {"all": (2, 2), "asian": (1, 2), "not_known": (1, 2), "white": (0, 2)}
    asian = figure(results, "yjb2006.race.offender_share", "2024-25", group="asian")
    assert asian.difference_points == pytest.approx(40.0)           # 50 - 10
