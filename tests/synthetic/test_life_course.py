"""The children's life courses look like a youth justice service's caseload."""

import datetime as dt
from collections import defaultdict


def one(db, sql):
    return db.execute(sql).fetchone()


def test_demo_volumes(demo):
    assert 1400 <= demo["child"].num_rows <= 1600
    assert demo["team"].num_rows == 4
    assert demo["service"]["service_id"].to_pylist() == ["YJS-DEMO"]
    staff_per_team = defaultdict(int)
    for team, end in zip(demo["staff"]["team_id"].to_pylist(),
                         demo["staff"]["end_date"].to_pylist(), strict=True):
        staff_per_team[team] += end is None  # in post now
    assert all(6 <= n <= 9 for n in staff_per_team.values())


def test_demo_covers_six_complete_financial_years_and_stops_at_the_extract_date(db):
    first, last = one(db, "select min(outcome_date), max(outcome_date) from outcome")
    assert first < dt.date(2018, 6, 1)
    assert dt.date(2026, 7, 1) < last <= dt.date(2026, 9, 30)
    years = one(db, """select count(distinct year(outcome_date - interval 3 month))
                       from outcome where outcome_date < date '2026-04-01'""")[0]
    assert years >= 6
    for table, column in [("intervention_programme", "start_date"), ("assessment",
                          "completed_date"), ("referral", "received_date")]:
        assert one(db, f"select max({column}) from {table}")[0] <= dt.date(2026, 9, 30)


def test_about_a_third_reoffend_within_a_year(db):
    total, rate = one(db, """
        with first as (select child_id, min(outcome_date) d from outcome where substantive
                       group by 1)
        select count(*), avg((exists(select 1 from offence f where f.child_id = first.child_id
            and not f.breach and f.committed_date > first.d
            and f.committed_date <= first.d + interval 365 day))::int)
        from first where d <= date '2025-06-30'""")
    assert total > 400
    assert 0.25 <= rate <= 0.40


def test_most_children_with_substantive_outcomes_are_boys(db):
    boys = one(db, """select avg((sex = 'M')::int) from child c where exists
                      (select 1 from outcome o where o.child_id = c.child_id and substantive)""")
    assert 0.80 <= boys[0] <= 0.90


def test_custody_is_a_few_percent_of_court_outcomes(db):
    share = one(db, "select avg((tier = 'custody')::int) from outcome where court")[0]
    assert 0.01 <= share <= 0.10


def test_custodial_sentences_have_release_dates(db):
    missing = one(db, """select count(*) from intervention_programme where kind = 'custody'
                         and custody_release_date is null
                         and start_date + cast((licence_end_date - start_date) // 2 as integer)
                             <= date '2026-09-30'""")[0]
    assert missing == 0
    assert one(db, """select count(*) from intervention_programme where kind <> 'custody'
                      and custody_release_date is not null""")[0] == 0


def test_court_outcomes_come_from_a_sentencing_hearing(db):
    rows = db.execute("""select o.court, a.result, o.outcome_date = a.appearance_date
                         from outcome o left join court_appearance a using (appearance_id)
                         """).fetchall()
    for court, result, same_day in rows:
        if court:
            assert result == "sentenced" and same_day
        else:
            assert result is None


def test_breaches_are_recorded_as_breach_offences(db):
    breaches = one(db, """select count(*), bool_and(breach) from offence
                          where offence_category = 'breach_of_statutory_order'""")
    assert breaches[0] > 0 and breaches[1]


def test_edge_cases_occur(db):
    # a child turning 18 during an order
    assert one(db, """select count(*) from intervention_programme p join child c using (child_id)
                      where c.date_of_birth + interval 18 year between p.start_date
                      and coalesce(p.end_date, date '2026-09-30')""")[0] > 0
    # two outcomes on one day
    assert one(db, """select count(*) from (select child_id, outcome_date from outcome
                      group by 1, 2 having count(*) > 1)""")[0] > 0
    # a child with outcomes in two quarters
    assert one(db, """select count(*) from (select child_id from outcome group by 1
                      having count(distinct date_trunc('quarter', outcome_date)) > 1)""")[0] > 0
    # secure remands are a minority
    secure = one(db, "select avg(secure::int) from remand_episode")[0]
    assert 0 < secure < 0.35


def test_case_managers_belong_to_the_allocated_team(db):
    wrong = one(db, """select count(*) from case_allocation a join staff s using (staff_id)
                       where s.team_id <> a.team_id""")[0]
    assert wrong == 0


def test_prevention_programmes_have_no_outcome_and_the_others_do(db):
    rows = db.execute("""select kind, programme_type, count(outcome_id), count(*)
                         from intervention_programme group by 1, 2""").fetchall()
    for kind, programme_type, with_outcome, total in rows:
        if kind == "prevention" or programme_type == "bail_supervision":
            assert with_outcome == 0
        else:
            assert with_outcome == total


def test_working_day_clocks_mostly_met(db):
    on_time = one(db, """select avg((assessment_date <= received_date + interval 21 day)::int)
                         from referral where assessment_date is not null""")[0]
    assert on_time > 0.8
