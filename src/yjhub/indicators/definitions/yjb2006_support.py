"""The 2006-08 YJB key performance indicators, part 2 (youth justice plan Appendix B): ETE,
accommodation, mental health (CAMHS), substance misuse, restorative justice, parenting and
race. Each definition's docstring states its counting rule; the catalogue entries in
``catalogue/yjb2006-support.yaml`` repeat it in their notes."""

from __future__ import annotations

import datetime as dt

import ibis

from yjhub.indicators.dates import age_on, key, key_of, with_working_days
from yjhub.indicators.definitions import Context, definition, flag, one, zero
from yjhub.indicators.definitions.headline import outcomes_aged_10_to_17
from yjhub.indicators.definitions.kpi2023 import (
    last_programmes,
    latest_first,
    victims_in_periods,
)

#: ETE types that are never full time, whatever the hours.
NOT_IN_ETE = ("neet", "not_known")
#: The Asset tools whose start-stage assessment screens for substance misuse.
ASSET_TOOLS = ("asset", "assetplus")


def _children(c: Context) -> ibis.Table:
    return c.child.select("child_id", "service_id", "date_of_birth")


def _as_of_key(c: Context) -> int:
    return key_of(c.as_of)


def _day(value) -> dt.date | None:
    """A parameter's date: YAML gives a date, a string or nothing."""
    if not value:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _last_programme(rows: ibis.Table, date_column: str) -> ibis.Table:
    """One row per child and period: the programme whose ``date_column`` is the latest (ties:
    the latest-starting, then the highest programme_id)."""
    ranked = rows.mutate(_rank=ibis.row_number().over(
        group_by=[rows.child_id, rows.period], order_by=latest_first(rows, date_column)))
    return ranked.filter(ranked._rank == 0).drop("_rank")


def _end_status(c: Context, *columns: str) -> ibis.Table:
    """The status recorded at the end of each programme: ``_sp`` (its programme_id) and
    ``columns``."""
    status = c.programme_status
    status = status.filter(status.stage == "end")
    return status.select(_sp=status.programme_id, **{name: status[name] for name in columns})


# -- ETE -----------------------------------------------------------------------------------


@definition("yjb2006.ete")
def education_training_employment(c: Context) -> ibis.Table:
    """Children whose supervision (an out-of-court, community or custodial programme) ended in
    the period, each once per period with the status recorded at the end of the last programme
    that ended (ties: the latest-starting, then the highest programme_id). Full time: ETE of a
    type other than NEET or not known (a blank type counts as not known) of at least
    ``school_hours`` (25) a week for a child under 16 on the end date, ``post16_hours`` (16)
    for a child of 16 or over. Suitable full time: also ``ete_suitable``. A programme with no
    end status is in the denominator only."""
    school_hours = int(c.param("school_hours", 25))
    post16_hours = int(c.param("post16_hours", 16))
    last = last_programmes(c)
    last = last.filter(last._last_supervised)
    hours_needed = (age_on(last.date_of_birth, last.end_date) < 16).ifelse(
        school_hours, post16_hours)
    in_ete = last.ete_type.notnull() & ~last.ete_type.isin(NOT_IN_ETE)
    full_time = in_ete & (last.ete_hours >= hours_needed)
    return last.select(
        "period", "service_id", "child_id", event_date=last.end_date, disposal=last.kind,
        children=one(), full_time=flag(full_time),
        suitable_full_time=flag(full_time & last.ete_suitable))


# -- accommodation -------------------------------------------------------------------------


@definition("yjb2006.accommodation")
def accommodation(c: Context) -> ibis.Table:
    """Children whose out-of-court or community programme ended in the period, or who were
    released from custody in it (custody_release_date), each once per period by the latest
    such event (ties: the latest-starting programme, then the highest programme_id).
    Numerator: accommodation_suitable in the status recorded at the end of that programme.
    No end status: in the denominator only; for a custodial sentence still running at
    ``as_of`` (released, on licence) the row is provisional (``open_window``), as its end
    status is still to come."""
    # The later of two: the child's last out-of-court or community programme that ended in
    # the period (flagged in last_programmes) and the child's last release from custody in
    # it (a few thousand rows, ranked here).
    ended = last_programmes(c)
    ended = ended.filter(ended._last_noncustodial).select(
        "period", "service_id", "child_id", "programme_id", "kind", "start_date",
        _event=ended.end_date, suitable=ended.accommodation_suitable, pending=ibis.literal(False))
    programme = c.intervention_programme
    released = programme.filter(programme.kind == "custody").select(
        "child_id", "programme_id", "kind", "start_date", "end_date",
        _event=programme.custody_release_date)
    released = released.join(_children(c), "child_id")
    released = _last_programme(c.in_periods(released, released._event), "_event")
    status = _end_status(c, "accommodation_suitable")
    released = released.left_join(status, released.programme_id == status._sp)
    still_running = released.end_date.isnull() | (key(released.end_date) > _as_of_key(c))
    released = released.select(
        **{f"_r{name}": released[name] for name in ended.columns if name not in (
            "suitable", "pending")},
        _rsuitable=released.accommodation_suitable,
        _rpending=released._sp.isnull() & still_running)

    both = ended.outer_join(released, (ended.period == released._rperiod)
                            & (ended.child_id == released._rchild_id))
    later = ((both._r_event > both._event)  # (latest_first, as a comparison of two rows)
             | ((both._r_event == both._event)
                & ((both._rstart_date > both.start_date)
                   | ((both._rstart_date == both.start_date)
                      & (both._rprogramme_id > both.programme_id)))))
    release = both.period.isnull() | (both._rperiod.notnull() & later.fill_null(False))

    def chosen(name: str) -> ibis.Value:
        return release.ifelse(both[f"_r{name}"], both[name])

    return both.select(
        period=chosen("period"), service_id=chosen("service_id"), child_id=chosen("child_id"),
        event_date=chosen("_event"), disposal=chosen("kind"), children=one(),
        suitable=flag(chosen("suitable")), open_window=flag(chosen("pending")))


# -- mental health -------------------------------------------------------------------------


def _referrals(c: Context, service: str) -> ibis.Table:
    """Referrals to ``service`` with the child's service."""
    referral = c.referral
    referral = referral.filter(referral.referral_service == service).select(
        "child_id", "urgency", "received_date", "assessment_date", "intervention_date")
    child = c.child.select("child_id", "service_id")
    return referral.join(child, "child_id")


@definition("yjb2006.camhs")
def camhs(c: Context) -> ibis.Table:
    """Each CAMHS referral received in the period (received_date). Its clock: the working days
    after received_date up to and including assessment_date (weekends and bank holidays
    skipped). Acute referrals (urgency acute) are in time within ``acute_days`` (5); non-acute
    ones (urgency non_acute or blank) within ``non_acute_days`` (15). A referral not yet
    assessed is in the denominator and not in time; while its clock is still short of the
    limit at ``as_of`` the row is provisional (``open_window``)."""
    acute_days = int(c.param("acute_days", 5))
    non_acute_days = int(c.param("non_acute_days", 15))
    referral = with_working_days(c.calendar(), _referrals(c, "camhs"),
                                 _received="received_date", _assessed="assessment_date")
    referral = c.stage(referral)
    rows = c.in_periods(referral, referral.received_date)
    acute = rows.urgency.fill_null("non_acute") == "acute"
    limit = acute.ifelse(acute_days, non_acute_days)
    in_time = (rows._assessed - rows._received) <= limit
    elapsed = c.working_days_as_of() - rows._received
    running = rows.assessment_date.isnull() & (elapsed < limit)
    return rows.select(
        "period", "service_id", "child_id", event_date=rows.received_date,
        acute=flag(acute), acute_in_time=flag(acute & in_time),
        non_acute=flag(~acute), non_acute_in_time=flag(~acute & in_time),
        open_window=flag(running))


# -- substance misuse ----------------------------------------------------------------------

SUBSTANCE_COLUMNS = ("assessments", "screened", "referrals_received", "assessed_in_time",
                     "referrals_assessed", "treated_in_time", "open_window")


def _substance_rows(rows: ibis.Table, event_date, **values) -> ibis.Table:
    columns = {name: values.get(name, zero()) for name in SUBSTANCE_COLUMNS}
    return rows.select("period", "service_id", "child_id",
                       event_date=event_date.cast("date"), **columns)


@definition("yjb2006.substance_misuse")
def substance_misuse(c: Context) -> ibis.Table:
    """Three kinds of rows, each placed in the period by its own date:

    - screened: each Asset or AssetPlus assessment at the start stage completed in the period
      (completed_date); screened when substance_screened is true;
    - assessed within ``assessment_days`` (5) working days: each substance misuse referral
      received in the period (received_date), in time when assessment_date is at most 5
      working days after received_date (not yet assessed: not in time);
    - treated within ``treatment_days`` (10) working days: each substance misuse referral
      whose assessment commenced in the period (assessment_date), in time when
      intervention_date is at most 10 working days after assessment_date.

    A referral whose clock has not yet run out at ``as_of`` and has no date yet is
    provisional (``open_window``)."""
    assessment_days = int(c.param("assessment_days", 5))
    treatment_days = int(c.param("treatment_days", 10))

    assessment = c.assessment
    assessment = assessment.filter((assessment.stage == "start")
                                   & assessment.tool.isin(ASSET_TOOLS)
                                   & assessment.completed_date.notnull())
    assessment = assessment.select("child_id", "completed_date", "substance_screened")
    assessment = assessment.join(c.child.select("child_id", "service_id"), "child_id")
    assessed = c.in_periods(assessment, assessment.completed_date)
    screening = _substance_rows(assessed, assessed.completed_date, assessments=one(),
                                screened=flag(assessed.substance_screened))

    as_of = c.working_days_as_of()
    referral = with_working_days(c.calendar(), _referrals(c, "substance_misuse"),
                                 _received="received_date", _assessed="assessment_date",
                                 _treated="intervention_date")
    referral = c.stage(referral)

    received = c.in_periods(referral, referral.received_date)
    waiting = received.assessment_date.isnull() & (as_of - received._received
                                                    < assessment_days)
    to_assessment = _substance_rows(
        received, received.received_date, referrals_received=one(),
        assessed_in_time=flag((received._assessed - received._received) <= assessment_days),
        open_window=flag(waiting))

    started = c.in_periods(referral, referral.assessment_date)
    waiting = started.intervention_date.isnull() & (as_of - started._assessed < treatment_days)
    to_treatment = _substance_rows(
        started, started.assessment_date, referrals_assessed=one(),
        treated_in_time=flag((started._treated - started._assessed) <= treatment_days),
        open_window=flag(waiting))
    return screening.union(to_assessment).union(to_treatment)


# -- restorative justice -------------------------------------------------------------------


@definition("yjb2006.restorative_justice")
def restorative_justice(c: Context) -> ibis.Table:
    """Each victim whose details reached the service in the period (referred_date), joined
    through the offence to the child and the child's service: offered a restorative process
    (rj_offered), took part (rj_participated) and, of those who took part, satisfied
    (satisfied; a victim who did not take part is in neither side of the satisfaction
    measure). A victim with no referred_date is not counted."""
    rows = victims_in_periods(c)
    took_part = rows.rj_participated.fill_null(False)
    return rows.select(
        "period", "service_id", "child_id", event_date=rows.referred_date,
        victims=one(), offered=flag(rows.rj_offered), participated=flag(took_part),
        satisfied=flag(took_part & rows.satisfied))


# -- parenting -----------------------------------------------------------------------------


@definition("yjb2006.parenting")
def parenting(c: Context) -> ibis.Table:
    """Two kinds of rows.

    Children: programmes starting in the period (start_date) whose type is one of
    ``out_of_court_types`` (final warning intervention) or whose kind is community, and, for
    programmes starting on or after ``custody_from`` (1 April 2007), of the
    ``custody_types`` (detention and training order); each child once per period (event date:
    the first such start). Numerator: a parenting intervention for the child started
    (started_date) on or after the start of one of those programmes and on or before its end
    (or ``as_of`` while it is open).

    Parents: each parenting intervention completed in the period (completed_date); satisfied
    when parent_satisfied is true."""
    out_of_court_types = list(c.param("out_of_court_types", ["final_warning_intervention"]))
    custody_types = list(c.param("custody_types", ["detention_training_order"]) or [])
    custody_from = _day(c.param("custody_from", "2007-04-01"))
    as_of = _as_of_key(c)

    programme = c.intervention_programme
    eligible = programme.programme_type.isin(out_of_court_types) | (programme.kind == "community")
    if custody_types and custody_from is not None:
        eligible |= (programme.programme_type.isin(custody_types)
                     & (key(programme.start_date) >= key_of(custody_from)))
    programme = programme.filter(eligible)
    programme = programme.mutate(_start=key(programme.start_date),
                                 _end=key(programme.end_date).fill_null(as_of))
    work = c.parenting_intervention
    work = work.filter(work.started_date.notnull())
    work = work.select(_pchild=work.child_id, _pstart=key(work.started_date))
    programme = programme.join(c.child.select("child_id", "service_id"), "child_id")
    # (each programme with the interventions started within it: a child's first start and
    # whether any programme was supported do not change with the repeats)
    programme = programme.left_join(work, (programme.child_id == work._pchild)
                                    & (work._pstart >= programme._start)
                                    & (work._pstart <= programme._end))
    programme = c.stage(programme)
    rows = c.in_periods(programme, programme.start_date)
    children = rows.group_by("period", "service_id", "child_id").aggregate(
        event_date=rows.start_date.min(), supported=flag(rows._pchild.notnull()).max())
    children = children.select(
        "period", "service_id", "child_id", event_date=children.event_date.cast("date"),
        children=one(), supported=children.supported.cast("int64"),
        completed=zero(), satisfied=zero())

    done = c.parenting_intervention
    done = done.join(c.child.select("child_id", "service_id"), "child_id")
    done = c.in_periods(done, done.completed_date)
    parents = done.select(
        "period", "service_id", "child_id", event_date=done.completed_date.cast("date"),
        children=zero(), supported=zero(), completed=one(),
        satisfied=flag(done.parent_satisfied))
    return children.union(parents)


# -- race ----------------------------------------------------------------------------------


def _nearest_census(c: Context) -> ibis.Table:
    """For each period and service, the census year nearest the year the period's financial
    year starts (on a tie, the later census): ``period``, ``service_id``, ``census_year``."""
    periods = c.periods_table()
    first_year = periods.start_key // 10000
    periods = periods.mutate(_year=(((periods.start_key // 100) % 100) >= 4).ifelse(
        first_year, first_year - 1)).select("period", "_year")
    pe = c.population_ethnicity
    censuses = pe.select("service_id", "census_year").distinct()
    pairs = censuses.cross_join(periods)
    pairs = pairs.mutate(_distance=(pairs.census_year - pairs._year).abs())
    ranked = pairs.mutate(_rank=ibis.row_number().over(
        group_by=[pairs.period, pairs.service_id],
        order_by=[pairs._distance, ibis.desc(pairs.census_year)]))
    return ranked.filter(ranked._rank == 0).select(
        "period", _cservice="service_id", _census="census_year")


@definition("yjb2006.race")
def race(c: Context) -> ibis.Table:
    """Two kinds of rows, each with its own ``ethnicity`` (the broad ethnic group).

    Offenders: children aged 10-17 on the outcome date with a substantive outcome (pre-court
    or court) in the period, each once per period (event date: the first such outcome), by
    the child's ethnic_group (blank: not_known). Population: the census count of 10-17 year
    olds in each ethnic group of the service's area (population_ethnicity), from the census
    nearest the year the period's financial year starts (the later one on a tie); these rows
    have no child.

    ``all_offenders`` and ``all_population`` repeat ``offenders`` and ``population``: they are
    the columns of the share denominators (summed over every group), kept apart from the
    numerators' so that each measure column is a column of its own."""
    outcome = outcomes_aged_10_to_17(c)
    rows = c.in_periods(outcome, outcome.outcome_date)
    starts = c.periods_table().select("period", _period_start="start_key")
    rows = rows.join(starts, "period")
    rows = rows.filter(rows._previous_10_17.isnull()  # the child's first in the period
                       | (rows._previous_10_17 < rows._period_start))
    rows = rows.join(c.child.select("child_id", "ethnic_group"), "child_id")
    offenders = rows.select(
        "period", "service_id", "child_id", event_date=rows.outcome_date,
        ethnicity=rows.ethnic_group.fill_null("not_known").cast("string"), offenders=one(),
        all_offenders=one(), population=zero(), all_population=zero())

    census = _nearest_census(c)
    pe = c.population_ethnicity
    population = pe.join(census, (pe.service_id == census._cservice)
                         & (pe.census_year == census._census))
    population = population.select(
        "period", "service_id", child_id=ibis.null("string"), event_date=ibis.null("date"),
        ethnicity=population.ethnic_group.cast("string"), offenders=zero(), all_offenders=zero(),
        population=population.population.cast("int64"),
        all_population=population.population.cast("int64"))
    return offenders.union(population)
