"""The engine: runs the definitions and turns their rows into results.

For each indicator asked for, the definition's rows are grouped by period, unit (service,
team, every service together, region or family group) and breakdown, and the measure columns
are summed: every numerator and denominator is a sum, so totals are the sums of their
breakdowns and one query per indicator covers every period. Population denominators come from
the ``population`` (ONS mid-year estimates) and ``population_ethnicity`` (census) tables.
Then, in Python, each figure gets its value, 95% interval, small-number flag, change against
the previous period, target, met / not met and RAG.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

import ibis

from yjhub.indicators import dates, stats
from yjhub.indicators.catalogue import SCALE, Indicator, Measure, Target, catalogue
from yjhub.indicators.definitions import Context, definitions
from yjhub.indicators.periods import Period, parse_period

UNITS = ("service", "team", "all", "region", "family_group")
BREAKDOWNS_OF_CHILD = ("sex", "ethnicity", "age", "team")
SUPPRESS_BELOW = 5
TOTAL = "all"


@dataclass
class Result:
    """One figure: a measure for a period, a unit and a breakdown group."""

    measure: str
    indicator: str
    label: str
    unit_of_measure: str
    period: str
    unit: str  # service, team, all, region, family_group
    unit_id: str
    breakdown: str  # "none" or the breakdown's name
    group: str  # "all" or the breakdown group's value
    numerator: int | None
    denominator: float | None
    value: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    suppressed: bool = False
    provisional: bool = False
    dimensions: dict = field(default_factory=dict)
    previous_period: str | None = None
    previous_value: float | None = None
    change: float | None = None
    change_kind: str = ""
    change_points: float | None = None
    change_relative: float | None = None
    target: str = ""
    target_value: float | None = None
    met: bool | None = None
    rag: str | None = None
    comparison: str = ""
    comparison_value: float | None = None
    difference_points: float | None = None
    difference_relative: float | None = None

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Request:
    """What to compute."""

    periods: list[Period]
    indicators: list[str] | None = None  # ids, measure ids or families; None = everything
    unit: str = "service"
    breakdown: str | None = None
    as_of: dt.date | None = None
    targets: dict[str, Target] = field(default_factory=dict)  # local targets by measure id
    previous: bool = True  # also compute the previous periods, for change


def compute(source, request: Request) -> list[Result]:
    """Every measure of the chosen indicators, for every period asked for."""
    if request.unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {request.unit!r}")
    results: list[Result] = []
    registry = definitions()
    for indicator in catalogue().select(request.indicators):
        if request.breakdown and request.breakdown not in indicator.breakdowns:
            continue
        results += _compute_indicator(source, indicator, registry[indicator.id], request)
    return results


def _compute_indicator(source, indicator: Indicator, function, request: Request) -> list[Result]:
    asked = list(request.periods)
    periods = list(asked)
    if request.previous:
        periods += [p.previous() for p in asked if p.previous() not in periods]
    for measure in indicator.measures:
        target = request.targets.get(measure.id, measure.target)
        if target and target.baseline:
            base = parse_period(target.baseline)
            if base not in periods:
                periods.append(base)
    as_of = request.as_of or dt.date.today()
    context = Context(source, periods, as_of, indicator.parameters)
    rows = source.stage(function(context))
    breakdown = request.breakdown
    groups, dims = _grouped(source, context, indicator, rows, request.unit, breakdown)
    table = source.fetch(groups).to_pylist()
    populations = _populations(source, indicator, periods, request.unit, breakdown)

    # cells[(period, unit_id, dims...)][group] = {column: sum}
    cells: dict[tuple, dict[str, dict]] = defaultdict(dict)
    for row in table:
        group = TOTAL if breakdown is None else _group_label(row["_group"])
        cell_key = (row["period"], str(row["_unit"]), *(str(row[d]) for d in dims))
        cells[cell_key][group] = row
    out: list[Result] = []
    by_key: dict[tuple, Result] = {}
    for cell_key, by_group in cells.items():
        total = _sum_rows(by_group.values(), indicator.columns + ["open_window"])
        groups_here = {TOTAL: total}
        if breakdown is not None:
            groups_here.update(by_group)
        for measure in indicator.measures:
            for group, sums in groups_here.items():
                result = _result(measure, cell_key, dims, breakdown, group, sums, total,
                                 populations, request)
                by_key[(measure.id, cell_key, group)] = result
                out.append(result)
    _compare_groups(out)
    for result in out:
        _change_and_target(result, by_key, request)
    wanted = {p.label for p in asked}
    return sorted((r for r in out if r.period in wanted), key=_order(asked))


def _order(asked: list[Period]):
    rank = {p.label: i for i, p in enumerate(asked)}
    measure_rank = {m.id: i for i, m in enumerate(catalogue().measures())}

    def sort_key(r: Result):
        return (measure_rank[r.measure], rank[r.period], r.unit_id,
                tuple(sorted(r.dimensions.items())), r.group != TOTAL, _natural(r.group))

    return sort_key


def _natural(text: str):
    return (0, int(text), "") if text.lstrip("-").isdigit() else (1, 0, text)


def _group_label(value) -> str:
    return "not recorded" if value is None else str(value)


def _sum_rows(rows, columns: list[str]) -> dict:
    sums: dict = {}
    for column in columns:
        values = [r.get(column) for r in rows]
        sums[column] = sum(v for v in values if v is not None)
    return sums


# -- grouping ----------------------------------------------------------------------------


def _grouped(source, context: Context, indicator: Indicator, rows: ibis.Table, unit: str,
             breakdown: str | None):
    """The rows summed by period, unit, the indicator's dimensions and the breakdown."""
    own = breakdown is not None and breakdown in rows.columns  # the definition sets it
    needs_child = breakdown in ("sex", "ethnicity", "age") and not own
    if needs_child:
        child = source.table("child").select("child_id", "sex", "ethnic_group",
                                             "date_of_birth")
        rows = rows.left_join(child, rows.child_id == child.child_id).drop("child_id_right")
    if unit == "team" or breakdown == "team":
        rows = source.stage(_with_team(source, rows))
    unit_column = {"service": rows.service_id, "team": None, "all": ibis.literal("all")}
    if unit in ("region", "family_group"):
        service = source.table("service").select("service_id", _u=unit)
        rows = rows.left_join(service, rows.service_id == service.service_id)
        rows = rows.drop("service_id_right")
        unit_value = rows._u.fill_null("not recorded")
    elif unit == "team":
        unit_value = rows.team_id.fill_null("unallocated")
    else:
        unit_value = unit_column[unit]
    group_value = None
    if own:
        group_value = rows[breakdown].cast("string")
    elif breakdown == "sex":
        group_value = rows.sex
    elif breakdown == "ethnicity":
        group_value = rows.ethnic_group
    elif breakdown == "age":
        group_value = dates.age_on(rows.date_of_birth, rows.event_date).cast("string")
    elif breakdown == "team":
        group_value = rows.team_id
    elif breakdown is not None:
        group_value = rows[breakdown].cast("string")
    columns = indicator.columns + (["open_window"] if "open_window" in rows.columns else [])
    keys = {"period": rows.period, "_unit": unit_value}
    for dim in indicator.dimensions:
        keys[dim] = rows[dim]
    if group_value is not None:
        keys["_group"] = group_value
    sums = {c: rows[c].sum().cast("int64") for c in columns}
    return rows.group_by(**keys).aggregate(**sums), list(indicator.dimensions)


def _with_team(source, rows: ibis.Table) -> ibis.Table:
    """Adds ``team_id``: the team whose allocation of the child covers ``event_date`` (the
    latest-starting one when several do); failing that, the child's next allocation after
    the date (a case is often allocated after the outcome), then the last one before it."""
    alloc = source.table("case_allocation")
    alloc = alloc.select(_a_child="child_id", team_id="team_id",
                         _a_start=dates.key(alloc.start_date),
                         _a_end=dates.key(alloc.end_date).fill_null(dates.FAR_FUTURE))
    rows = rows.mutate(_row=ibis.row_number(), _day=dates.key(rows.event_date))
    matched = rows.join(alloc, rows.child_id == alloc._a_child)
    day = matched._day
    covers = (matched._a_start <= day) & (matched._a_end >= day)
    after = matched._a_start > day
    priority = covers.ifelse(0, after.ifelse(1, 2))
    distance = after.ifelse(matched._a_start - day, day - matched._a_start)
    best = matched.mutate(_rank=ibis.row_number().over(
        group_by=matched._row, order_by=[priority, distance, matched.team_id]))
    best = best.filter(best._rank == 0).select(_best_row="_row", team_id="team_id")
    joined = rows.left_join(best, rows._row == best._best_row)
    return joined.drop("_row", "_day", "_best_row")


# -- populations -------------------------------------------------------------------------


def _population_year(period: Period) -> int:
    """The mid-year estimate a period's rates divide by: the year its financial year starts."""
    return period.start.year if period.start.month >= 4 else period.start.year - 1


def _populations(source, indicator: Indicator, periods: list[Period], unit: str,
                 breakdown: str | None) -> dict:
    """{(period, unit_id, group): population aged 10-17} for the measures that divide by it."""
    if not any(m.denominator and m.denominator.population for m in indicator.measures):
        return {}
    if unit == "team" or breakdown not in (None, "sex", "age", "ethnicity"):
        return {}
    service = source.table("service").select("service_id", "region", "family_group")
    units = source.fetch(service).to_pylist()
    unit_of = {r["service_id"]: (r["service_id"] if unit == "service" else
                                 "all" if unit == "all" else r[unit] or "not recorded")
               for r in units}
    out: dict = defaultdict(int)
    if breakdown == "ethnicity":
        pe = source.fetch(source.table("population_ethnicity")).to_pylist()
        censuses = sorted({r["census_year"] for r in pe})
        for period in periods:
            year = _population_year(period)
            if not censuses:
                continue
            census = min(censuses, key=lambda c: (abs(c - year), -c))
            for r in pe:
                if r["census_year"] == census and r["service_id"] in unit_of:
                    u = unit_of[r["service_id"]]
                    out[(period.label, u, r["ethnic_group"])] += r["population"]
                    out[(period.label, u, TOTAL)] += r["population"]
        return dict(out)
    pop = source.table("population")
    pop = pop.filter((pop.age >= 10) & (pop.age <= 17))
    summed = source.fetch(pop.group_by("service_id", "year", "age", "sex")
                          .aggregate(population=pop.population.sum())).to_pylist()
    years = sorted({r["year"] for r in summed})
    for period in periods:
        year = _population_year(period)
        usable = [y for y in years if y <= year] or years
        if not usable:
            continue
        chosen = max(usable) if usable[0] <= year else min(usable)
        for r in summed:
            if r["year"] != chosen or r["service_id"] not in unit_of:
                continue
            u = unit_of[r["service_id"]]
            out[(period.label, u, TOTAL)] += r["population"]
            if breakdown == "sex":
                out[(period.label, u, r["sex"])] += r["population"]
            elif breakdown == "age":
                out[(period.label, u, str(r["age"]))] += r["population"]
    return dict(out)


# -- figures -----------------------------------------------------------------------------


def _result(measure: Measure, cell_key: tuple, dims: list[str], breakdown: str | None,
            group: str, sums: dict, total: dict, populations: dict,
            request: Request) -> Result:
    period, unit_id = cell_key[0], cell_key[1]
    numerator = int(sums.get(measure.numerator.column) or 0)
    denominator: float | None = None
    if measure.denominator is not None:
        if measure.denominator.population:
            denominator = populations.get((period, unit_id, group))
        elif measure.denominator.scope == "total":
            denominator = total.get(measure.denominator.column) or 0
        else:
            denominator = sums.get(measure.denominator.column) or 0
    value, low, high = _value_and_interval(measure, numerator, denominator)
    small = (0 < numerator < SUPPRESS_BELOW
             or (denominator is not None and 0 < denominator < SUPPRESS_BELOW
                 and not measure.denominator.population))
    return Result(
        measure=measure.id, indicator=measure.indicator.id, label=measure.label,
        unit_of_measure=measure.unit, period=period, unit=request.unit, unit_id=unit_id,
        breakdown=breakdown or "none", group=group, numerator=numerator,
        denominator=denominator, value=value, ci_low=low, ci_high=high, suppressed=small,
        provisional=bool(sums.get("open_window")),
        dimensions={d: v for d, v in zip(dims, cell_key[2:], strict=True)},
    )


def _value_and_interval(measure: Measure, n: int, d: float | None):
    scale = SCALE[measure.unit]
    if measure.unit == "count":
        low, high = stats.poisson_interval(n)
        return float(n), low, high
    if not d:
        return None, None, None
    value = n / d * scale
    if measure.interval == "wilson" and n <= d:
        low, high = stats.wilson_interval(n, int(d))
        return value, low * scale, high * scale
    interval = stats.rate_interval(n, d, scale)
    return value, interval[0], interval[1]


def _compare_groups(results: list[Result]) -> None:
    """For measures that compare each group with a reference group or with its population
    share: the reference value and the differences in points and relative terms."""
    measures = {m.id: m for m in catalogue().measures()}
    index = {(r.measure, r.period, r.unit_id, tuple(sorted(r.dimensions.items())), r.group): r
             for r in results}
    for r in results:
        compare = measures[r.measure].compare
        if not compare or r.breakdown == "none" or r.group == TOTAL or r.value is None:
            continue
        if compare.startswith("reference_group:"):
            reference = compare.split(":", 1)[1]
            if r.group == reference:
                continue
            ref = index.get((r.measure, r.period, r.unit_id,
                             tuple(sorted(r.dimensions.items())), reference))
            if ref is None or ref.value is None:
                continue
            r.comparison = f"{measures[r.measure].label}: {reference}"
            r.comparison_value = ref.value
        elif compare.startswith("measure:"):
            other = f"{measures[r.measure].indicator.id}.{compare.split(':', 1)[1]}"
            ref = index.get((other, r.period, r.unit_id, tuple(sorted(r.dimensions.items())),
                             r.group))
            if ref is None or ref.value is None:
                continue
            r.comparison = measures[other].label
            r.comparison_value = ref.value
        else:
            continue
        r.difference_points = r.value - r.comparison_value
        r.difference_relative = (None if not r.comparison_value
                                 else (r.value / r.comparison_value - 1) * 100)


def _change_and_target(result: Result, by_key: dict, request: Request) -> None:
    measure = catalogue().measure(result.measure)
    period = next((p for p in _all_periods(request) if p.label == result.period), None)
    cell_rest = (result.unit_id, *result.dimensions.values())
    result.change_kind = measure.change_kind
    previous = None
    if period is not None:
        prev_label = period.previous().label
        previous = by_key.get((measure.id, (prev_label, *cell_rest), result.group))
        result.previous_period = prev_label
    if previous is not None and previous.value is not None and result.value is not None:
        result.previous_value = previous.value
        result.change_points = result.value - previous.value
        if previous.value:
            result.change_relative = (result.value - previous.value) / previous.value * 100
        result.change = (result.change_relative if measure.change_kind == "relative"
                         else result.change_points)
    target = request.targets.get(measure.id, measure.target)
    if target is None:
        return
    result.target = target.describe()
    baseline = previous
    if target.baseline:
        baseline = by_key.get((measure.id, (parse_period(target.baseline).label, *cell_rest),
                               result.group))
    goal = _goal(target, baseline)
    result.target_value = goal
    if goal is None or result.value is None:
        return
    lower = (target.kind in ("at_most", "reduction_relative", "reduction_points",
                             "year_on_year_reduction"))
    gap = (result.value - goal) if lower else (goal - result.value)
    if target.kind == "year_on_year_reduction":
        result.met = gap < 0
    else:
        result.met = gap <= 0
    margin = measure.rag.amber_margin
    if measure.unit == "count":
        margin = abs(goal) * margin / 100
    result.rag = "green" if result.met else ("amber" if gap <= margin else "red")


def _goal(target: Target, baseline: Result | None) -> float | None:
    if target.kind in ("at_least", "at_most"):
        return float(target.value)
    if target.kind == "text" or baseline is None or baseline.value is None:
        return None
    if target.kind == "reduction_relative":
        return baseline.value * (1 - target.value / 100)
    if target.kind == "reduction_points":
        return baseline.value - target.value
    return baseline.value  # year_on_year_reduction


def _all_periods(request: Request) -> list[Period]:
    return list(request.periods) + [p.previous() for p in request.periods]


def round_half_up(value: float | None, places: int = 1) -> float | None:
    """Rounding as plans print figures (0.05 -> 0.1), not banker's rounding."""
    if value is None or math.isnan(value):
        return None
    factor = 10 ** places
    return math.floor(value * factor + 0.5) / factor
