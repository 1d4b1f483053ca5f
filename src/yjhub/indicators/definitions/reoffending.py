"""Proven reoffending: the Ministry of Justice's quarterly cohorts, the live tracker of a
cohort, the 2006-08 YJB cohorts by population, and disproportionality by ethnic group.

Every one of them is the same three steps, written once here:

1. **index events** (:func:`index_events`, :func:`first_event`, :func:`aged_10_to_17_on_index`):
   the outcomes (and releases from custody) that can start a follow-up, each child's first one
   in a cohort (on a day with two, the more serious tier), the child 10 to 17 on its date;
2. **proven offences** (:func:`proven_offences`): offences other than breaches that led to a
   substantive outcome, with the day each was committed and the day it was proven (the
   outcome date);
3. **counting** (:func:`count_offences`): for each index event, the proven offences that fall
   in the follow-up windows an indicator asks about. An offence is never a reoffence of the
   index event it belongs to: offences of the index outcome, and of any outcome given to the
   child on the index date, are left out (:func:`new_offence`).

Dates are compared as YYYYMMDD keys (``dates.key``, ``dates.months_later_key``) so the same
expressions run on SQLite; a window of n months from the index covers the keys below
``months_later_key(index_key, n)``. Inside the offence counts, where millions of pairs are
compared, the same days are written as month keys (``dates.month_key``: months since year 0
× 100 + day), so "n months after" is a plain addition of 100 × n.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Callable

import ibis

from yjhub.indicators import dates
from yjhub.indicators.dates import key, months_later_key
from yjhub.indicators.definitions import (
    Context,
    definition,
    flag,
    one,
    placement,
    shared_step,
    zero,
)
from yjhub.indicators.definitions.headline import (
    aged_10_to_17,
    first_substantive_outcomes,
    outcomes_aged_10_to_17,
    substantive_outcomes,
    tier_rank,
)
from yjhub.schema.codelists import code_list

#: Outcome tiers that start a Ministry of Justice (and 2006-08 YJB) cohort; custody enters by
#: release, not by sentence.
NON_CUSTODIAL = ("pre_court", "first_tier", "community")
#: Previous offences, banded as the Ministry of Justice publishes them: (highest, label).
PREVIOUS_BANDS = ((0, "0"), (2, "1-2"), (6, "3-6"), (10, "7-10"))
PREVIOUS_TOP = "11+"
#: The columns of an index event (nullable, so outcomes and releases union on every engine).
EVENT_SCHEMA = ibis.schema({"child_id": "string", "event_id": "string",
                            "index_outcome_id": "string", "index_date": "date",
                            "tier": "string", "service_id": "string",
                            "date_of_birth": "date"})


# -- 1. index events ----------------------------------------------------------------------


def _key_range(c: Context):
    """The first and last day keys of all the periods asked for, to read only the events
    that can matter."""
    first, last = c.span
    return dates.key_of(first), dates.key_of(last)


def custody_programme(programme: ibis.Table) -> ibis.Value:
    """The programme is a custodial sentence (its kind, or its type's kind when blank)."""
    types = [c.code for c in code_list("programme_type").codes
             if c.attributes.get("kind") == "custody"]
    return programme.kind.fill_null(
        programme.programme_type.isin(types).ifelse("custody", "")) == "custody"


def index_events(c: Context, *, tiers: tuple[str, ...] | None, releases: bool,
                 first: dt.date | None) -> ibis.Table:
    """Events that can start a follow-up, dated from ``first`` (None: any day) to the end of
    the last period asked for: substantive outcomes of the given tiers (any tier when None),
    given on their date, and, with ``releases``, releases from custody (tier custody, dated
    by the release). The outcomes are read from :func:`substantive_outcomes` (which already
    carries the child's service and date of birth); only the releases are joined to
    ``child``.

    Columns: ``child_id``, ``event_id`` (outcome or programme), ``index_outcome_id`` (the
    outcome whose offences belong to the event: for a release, the custodial sentence),
    ``index_date``, ``tier``, ``service_id``, ``date_of_birth``, ``index_key`` and
    ``_tier_rank``."""
    last = c.span[1]

    def dated(day: ibis.Value) -> ibis.Value:
        within = day <= ibis.literal(last, "date")
        return within if first is None else within & (day >= ibis.literal(first, "date"))

    o = substantive_outcomes(c)  # (up to the last period's end)
    chosen = [o.outcome_date >= ibis.literal(first, "date")] if first is not None else []
    if tiers is not None:
        chosen.append(o.tier.isin(tiers))
    events = o.filter(*chosen) if chosen else o
    events = events.select(
        child_id=events.child_id, event_id=events.outcome_id,
        index_outcome_id=events.outcome_id, index_date=events.outcome_date, tier=events.tier,
        service_id=events.service_id, date_of_birth=events.date_of_birth).cast(EVENT_SCHEMA)
    if releases:
        p = c.intervention_programme
        released = p.filter(custody_programme(p) & dated(p.custody_release_date)).select(
            child_id=p.child_id, event_id=p.programme_id, index_outcome_id=p.outcome_id,
            index_date=p.custody_release_date, tier=ibis.literal("custody"))
        child = c.child.select("child_id", "service_id", "date_of_birth")
        released = released.join(child, "child_id").cast(EVENT_SCHEMA)
        events = events.union(released)
    return events.mutate(index_key=key(events.index_date), _tier_rank=tier_rank(events.tier))


def first_event(events: ibis.Table, cohort: str) -> ibis.Table:
    """Each child's first event in each ``cohort`` (a column): the earliest, then the more
    serious tier, then the lowest event id."""
    ranked = events.mutate(_rank=ibis.row_number().over(
        group_by=[events.child_id, events[cohort]],
        order_by=[events.index_key, ibis.desc(events._tier_rank), events.event_id]))
    return ranked.filter(ranked._rank == 0).drop("_rank", "_tier_rank")


def aged_10_to_17_on_index(index: ibis.Table) -> ibis.Table:
    """The index events of children aged 10 to 17 on the index date."""
    return index.filter(aged_10_to_17(index.date_of_birth, index.index_date)).drop(
        "date_of_birth")


@shared_step
def quarterly_cohorts(c: Context) -> ibis.Table:
    """The Ministry of Justice cohorts: in each financial quarter, each child's first
    caution / conviction of a non-custodial tier or release from custody. Worked out for
    every quarter on record up to the end of the last period asked for, whatever the
    periods, so one computation serves the reoffending rate and the pooled windows of
    disproportionality."""
    events = index_events(c, tiers=NON_CUSTODIAL, releases=True, first=None)
    events = events.mutate(_quarter=dates.financial_quarter_key(events.index_date))
    first = first_event(events, "_quarter").drop("_quarter", "event_id")
    return c.share(aged_10_to_17_on_index(first))


@shared_step
def period_cohorts(c: Context, *, tiers: tuple[str, ...] | None,
                   releases: bool) -> ibis.Table:
    """Cohorts that are the periods asked for: each child's first event in each period, one
    row per (period, child)."""
    events = index_events(c, tiers=tiers, releases=releases, first=c.span[0])
    events = c.in_periods(events, events.index_key)
    return c.share(aged_10_to_17_on_index(first_event(events, "period")))


def first_outcomes_in_periods(c: Context) -> ibis.Table:
    """The live tracker's cohorts as index events: each child's first substantive outcome in
    each period (the more serious tier on a tie), if the child is 10 to 17 on it. Read from
    the ranked substantive outcomes: an outcome is the first in a period when the child's
    outcome before it came before the period starts (:meth:`Context.in_windows`, so the
    engine pools them by quarter where it can; an outcome that is not the first in its own
    quarter is then the first in no period)."""
    low, high = _key_range(c)
    outcome = substantive_outcomes(c)
    events = outcome.select(
        "child_id", "service_id", "date_of_birth", "_previous",
        index_outcome_id=outcome.outcome_id, index_date=outcome.outcome_date,
        tier=outcome.tier, index_key=key(outcome.outcome_date))
    events = events.filter((events.index_key >= low) & (events.index_key <= high))
    rows = c.in_windows(events, events.index_key, since_key=events._previous)
    if "_quarter_code" in rows.columns:
        rows = rows.filter(rows._since_code.isnull()
                           | (rows._since_code < rows._quarter_code))
    rows = rows.filter(aged_10_to_17(rows.date_of_birth, rows.index_date))
    return rows.drop("date_of_birth", "_previous")


# -- 2. proven offences --------------------------------------------------------------------


def proven_offences(c: Context) -> ibis.Table:
    """Offences that are not breaches and led to a substantive outcome: ``_p_child``,
    ``_p_outcome``, ``_p_committed`` (key of the day committed) and ``_p_proven`` (key of
    the outcome date)."""
    offence = c.offence.filter(~c.offence.breach.fill_null(False))
    outcome = c.outcome.filter(c.outcome.substantive.fill_null(False))
    outcome = outcome.select(_p_outcome="outcome_id", _p_proven=key(outcome.outcome_date),
                             _p_proven_m=dates.month_key(outcome.outcome_date))
    joined = offence.join(outcome, offence.outcome_id == outcome._p_outcome)
    return joined.select(_p_child=joined.child_id, _p_outcome=joined._p_outcome,
                         _p_committed=key(joined.committed_date), _p_proven=joined._p_proven,
                         _p_committed_m=dates.month_key(joined.committed_date),
                         _p_proven_m=joined._p_proven_m)


# -- 3. counting ---------------------------------------------------------------------------


def new_offence(j: ibis.Table) -> ibis.Value:
    """The proven offence was committed on or after the index date and is not part of the
    index event (not an offence of the index outcome, nor of another outcome given on the
    index date)."""
    own = (j._p_outcome == j.index_outcome_id).fill_null(False)
    return (j._p_committed >= j.index_key) & (j._p_proven != j.index_key) & ~own


def reoffence(j: ibis.Table, follow_up: int, waiting: int) -> ibis.Value:
    """A proven reoffence: a new offence committed in the ``follow_up`` months from the index
    date and proven by the end of the further ``waiting`` months."""
    return (new_offence(j)
            & (j._p_committed_m < j.index_m + 100 * follow_up)
            & (j._p_proven_m < j.index_m + 100 * (follow_up + waiting)))


def count_offences(c: Context, index: ibis.Table,
                   conditions: Callable[[ibis.Table], dict[str, ibis.Value]],
                   *, one_per_day: bool = False, from_index: bool = False) -> ibis.Table:
    """``index`` with one int64 column per condition: the child's proven offences for which
    it holds. ``conditions`` gets the index events (``child_id``, ``index_key``,
    ``index_outcome_id``, ``index_m``) joined to :func:`proven_offences`. Each (child, index
    day) is counted once, however many periods it falls in.

    Only the pairs for which some condition holds are summed (most children have no offence
    that counts), and the sums are joined back to ``index``: a row with none counts 0.

    With ``one_per_day`` the index has one row per (child, index day) already (the
    quarterly cohorts, whose counts serve the reoffending rate and disproportionality
    alike): its rows are joined as they are, without the event's ids (``event_id``,
    ``index_outcome_id``: no reader of the counts needs them), and the result is computed
    once.

    With ``from_index`` every condition counts only offences committed on or after the
    index date (:func:`new_offence`), so the earlier ones are not joined at all."""
    proven = c.share(proven_offences(c))
    if one_per_day:
        index = keys = index.mutate(index_m=dates.month_key(index.index_date))
    else:
        keys = index.group_by("child_id", "index_key").aggregate(
            index_outcome_id=index.index_outcome_id.max(), index_m=index.index_date.min())
        keys = keys.mutate(index_m=dates.month_key(keys.index_m))
    same_child = keys.child_id == proven._p_child
    joined = keys.join(proven, [same_child & (proven._p_committed >= keys.index_key)]
                       if from_index else [same_child])
    counted = conditions(joined)
    joined = joined.filter(functools.reduce(operator.or_, counted.values()))
    counts = c.stage(joined.group_by(_k_child=joined.child_id, _k_key=joined.index_key)
                     .aggregate(**{name: flag(cond).sum().cast("int64")
                                   for name, cond in counted.items()}))
    # (``index`` second here and first above: Ibis writes a table that is the first of
    # two joins twice, and one that is first in one and second in the other once)
    out = counts.right_join(index, [counts._k_child == index.child_id,
                                    counts._k_key == index.index_key])
    dropped = ("event_id", "index_outcome_id", "index_m") if one_per_day else ()
    out = out.select(*(name for name in index.columns if name not in dropped),
                     **{name: out[name].fill_null(0) for name in counted})
    return c.share(out) if one_per_day else out


def previous_band(n: ibis.Value) -> ibis.Value:
    """Offences proven before the index date, banded 0, 1-2, 3-6, 7-10, 11+."""
    return ibis.cases(*((n <= top, label) for top, label in PREVIOUS_BANDS),
                      else_=PREVIOUS_TOP)


def as_of_key(c: Context) -> int:
    return dates.key_of(c.as_of)


@shared_step
def quarterly_counts(c: Context, *, follow_up: int, waiting: int) -> ibis.Table:
    """The quarterly cohorts with each child's offences counted once for every indicator
    that reads them: ``reoffences`` (committed in ``follow_up`` months, proven by the end of
    the further ``waiting``), ``previous`` (proven before the index date), and the 2006-08
    YJB cohort's ``_after_12`` and ``_after_24`` (12 and 24 months, the same waiting)."""
    return count_offences(c, quarterly_cohorts(c), lambda j: {
        "reoffences": reoffence(j, follow_up, waiting),
        "previous": j._p_proven < j.index_key,
        "_after_12": reoffence(j, 12, waiting),
        "_after_24": reoffence(j, 24, waiting),
    }, one_per_day=True)


def moj_rows(c: Context, *, follow_up: int, waiting: int, years_before: int | None = None):
    """The Ministry of Justice cohort rows: one per child and quarterly cohort whose index
    date falls in the period, with the child's proven reoffences and previous offences.
    With ``years_before``, the period's window widened back that many years, placed for the
    engine to pool (:meth:`Context.in_windows`)."""
    index = quarterly_counts(c, follow_up=follow_up, waiting=waiting)
    if years_before is not None:  # pooled windows, which the engine pools (in_windows)
        rows = c.in_windows(index, index.index_key, years_before=years_before)
    else:
        rows = c.in_periods(index, index.index_key)
    window_end = months_later_key(rows.index_key, follow_up + waiting)
    return rows.select(
        *placement(rows), "service_id", "child_id", event_date=rows.index_date,
        disposal=rows.tier, previous_offences=previous_band(rows.previous), cohort=one(),
        reoffenders=flag(rows.reoffences > 0), reoffences=rows.reoffences.cast("int64"),
        open_window=flag(window_end > as_of_key(c)))


# -- the indicators ------------------------------------------------------------------------


@definition("headline.reoffending")
def proven_reoffending(c: Context) -> ibis.Table:
    """Ministry of Justice proven reoffending. In each financial quarter, each child's first
    caution (pre-court tier), non-custodial court conviction (first-tier or community tier)
    or release from custody is the index event (the more serious tier on a tie), if the child
    is 10 to 17 that day. A proven reoffence is an offence (not a breach) committed in the
    ``follow_up_months`` from the index date, other than the index event's own offences,
    that leads to a substantive outcome before the end of the further ``waiting_months``.
    A period longer than a quarter adds up its quarterly cohorts (a child can be in several).
    Rows whose follow-up and waiting period have not ended by the as-of date are open."""
    return moj_rows(c, follow_up=c.param("follow_up_months", 12),
                    waiting=c.param("waiting_months", 6))


@definition("headline.reoffending_tracker")
def reoffending_tracker(c: Context) -> ibis.Table:
    """Live tracker: the cohort is the children with a substantive outcome (any tier but
    diversion, custodial sentences included) in the period, indexed at their first one, aged
    10 to 17 on it. For follow-up quarter k (1-4) a child has reoffended when an offence (not
    a breach, not the index event's own) committed from the index date to before k × 3 months
    later has led to a substantive outcome by the as-of date. One row per child and quarter;
    quarters not yet over by the as-of date are open."""
    quarters = int(c.param("follow_up_quarters", 4))
    proven_by = as_of_key(c)
    index = first_outcomes_in_periods(c)
    index = count_offences(c, index, lambda j: {
        f"_q{k}": (new_offence(j) & (j._p_proven <= proven_by)
                   & (j._p_committed_m < j.index_m + 300 * k))
        for k in range(1, quarters + 1)}, one_per_day="_quarter_code" in index.columns,
        from_index=True)
    k = ibis.memtable({"follow_up_quarter": list(range(1, quarters + 1))})
    rows = index.cross_join(k)
    quarter = rows.follow_up_quarter.cast("int64")
    reoffences = quarter.cases(*((q, rows[f"_q{q}"]) for q in range(1, quarters + 1)),
                               else_=0)
    return rows.select(
        *placement(rows), "service_id", "child_id", event_date=rows.index_date,
        disposal=rows.tier, follow_up_quarter=quarter, cohort=one(),
        reoffenders=flag(reoffences > 0), reoffences=reoffences.cast("int64"),
        open_window=flag(months_later_key(rows.index_key, 3 * quarter) > proven_by))


@definition("yjb2006.reoffending_cohort")
def reoffending_cohort_2006(c: Context) -> ibis.Table:
    """2006-08 YJB cohort: the period is one cohort. Each child's first caution or
    conviction of a non-custodial tier, or release from custody, in it is the index event
    (the more serious tier on a tie; the population is its tier), aged 10 to 17 that day. A
    child has reoffended after 12 (24) months when an offence (not a breach, not the index
    event's own) committed in the 12 (24) months from the index date led to a substantive
    outcome within those months plus ``waiting_months``."""
    waiting = c.param("waiting_months", 6)
    columns = ["period", "service_id", "child_id", "index_date", "index_key", "tier",
               "_after_12", "_after_24"]
    quarters = [p for p in c.periods if c.is_financial_quarter(p)]
    others = [p for p in c.periods if not c.is_financial_quarter(p)]
    parts = []
    if quarters:  # quarters are the Ministry of Justice's cohorts: counted once for both
        index = quarterly_counts(c, follow_up=12, waiting=waiting)
        parts.append(c.only(quarters).in_periods(index, index.index_key).select(*columns))
    if others:  # (a year, say, as a target's baseline)
        rest = c.only(others)
        index = period_cohorts(rest, tiers=NON_CUSTODIAL, releases=True)
        index = count_offences(rest, index, lambda j: {
            "_after_12": reoffence(j, 12, waiting),
            "_after_24": reoffence(j, 24, waiting),
        }, from_index=True)
        parts.append(index.select(*columns))
    index = parts[0] if len(parts) == 1 else parts[0].union(parts[1])
    window_end = months_later_key(index.index_key, 24 + waiting)
    return index.select(
        "period", "service_id", "child_id", event_date=index.index_date, disposal=index.tier,
        cohort=one(), reoffended_12=flag(index._after_12 > 0),
        reoffended_24=flag(index._after_24 > 0),
        open_window=flag(window_end > as_of_key(c)))


@definition("headline.disproportionality")
def disproportionality(c: Context) -> ibis.Table:
    """Rates by ethnic group over the period and the ``pool_years`` - 1 years before it:
    the Ministry of Justice cohort rows (binary and frequency of proven reoffending), first-
    time entrants aged 10-17 and children aged 10-17 with a substantive outcome (once per
    child) in the pooled window. The engine joins the child's ethnic group and divides the
    counts by the group's census population aged 10-17."""
    before = int(c.param("pool_years", 3)) - 1
    reoffending = moj_rows(c, follow_up=c.param("follow_up_months", 12),
                           waiting=c.param("waiting_months", 6), years_before=before)
    reoffending = reoffending.select(
        *placement(reoffending), "service_id", "child_id", "event_date", "cohort",
        "reoffenders", "reoffences", fte=zero(), substantive_children=zero(),
        open_window="open_window")

    first = first_substantive_outcomes(c)
    first = first.filter(aged_10_to_17(first.date_of_birth, first.outcome_date))
    first = c.in_windows(first, first.outcome_date, years_before=before)
    entrants = first.select(
        *placement(first), "service_id", "child_id", event_date=first.outcome_date,
        cohort=zero(), reoffenders=zero(), reoffences=zero(), fte=one(),
        substantive_children=zero(), open_window=zero())

    # each child once per window, at the first of their outcomes aged 10-17 in it
    outcome = outcomes_aged_10_to_17(c)
    first = c.in_windows(outcome, outcome.outcome_date, years_before=before,
                         since_key=outcome._previous_10_17)
    with_outcome = first.select(
        *placement(first), "service_id", "child_id", event_date=first.outcome_date,
        cohort=zero(), reoffenders=zero(), reoffences=zero(), fte=zero(),
        substantive_children=one(), open_window=zero())
    return reoffending.union(entrants).union(with_outcome)
