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
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field, fields

import ibis
import numpy as np
import pandas as pd

from yjhub.indicators import dates, figures
from yjhub.indicators.catalogue import Indicator, Target, catalogue
from yjhub.indicators.definitions import Context, definitions
from yjhub.indicators.periods import Period, parse_period
from yjhub.indicators.results import round_half_up  # noqa: F401 (kept importable from here)

UNITS = ("service", "team", "all", "region", "family_group")
TOTAL = figures.TOTAL


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


RESULT_COLUMNS = [f.name for f in fields(Result)]


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
    return results_of(compute_frame(source, request))


def compute_frame(source, request: Request) -> pd.DataFrame:
    """As :func:`compute`, as one table (a row per figure, the columns of :class:`Result`):
    the form the benchmark and bulk outputs use."""
    if request.unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {request.unit!r}")
    registry = definitions()
    # The queries run side by side (on DuckDB) while the next ones are built; one thread
    # turns their sums into figures (pandas, numpy), indicator by indicator.
    with ThreadPoolExecutor(max_workers=1) as figures_thread:
        frames = [_compute_indicator(source, indicator, registry[indicator.id], request,
                                     figures_thread)
                  for indicator in catalogue().select(request.indicators)
                  if not request.breakdown or request.breakdown in indicator.breakdowns]
        frames = [frame.result() for frame in frames]
    if not frames:
        return pd.DataFrame(columns=RESULT_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def results_of(frame: pd.DataFrame) -> list[Result]:
    out = []
    for row in frame.to_dict("records"):
        for key, value in row.items():
            if isinstance(value, float) and math.isnan(value):
                row[key] = None
        if row["denominator"] is not None and float(row["denominator"]).is_integer():
            row["denominator"] = int(row["denominator"])
        row["dimensions"] = _dimensions(row["dimensions"])
        row["met"] = None if row["met"] is None else bool(row["met"])
        out.append(Result(**row))
    return out


def _dimensions(text: str) -> dict:
    if not text:
        return {}
    return dict(part.split("=", 1) for part in text.split(";"))


def _compute_indicator(source, indicator: Indicator, function, request: Request,
                       figures_thread: Executor) -> Future:
    """Runs the indicator's query; its figures come from ``figures_thread``."""
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
    groups, dims = _grouped(source, indicator, rows, request.unit, breakdown,
                            context.windows)
    fetched = source.fetch_later(groups)
    populations = None
    if source.backend == "duckdb":  # read on the figures thread, on a cursor of its own
        for name in ("service", "population", "population_ethnicity"):
            source.table(name)  # (bound here: only this thread uses the engine's connection)
    else:  # one connection, which only this thread may use
        populations = _populations(source, indicator, periods, request.unit, breakdown)
    return figures_thread.submit(_figures, source, indicator, fetched, dims, populations,
                                 periods, request)


def _figures(source, indicator: Indicator, fetched: Future, dims: list[str],
             populations: pd.DataFrame | None, periods: list[Period],
             request: Request) -> pd.DataFrame:
    """The figures of the periods asked for from the sums of every period, in order: by
    measure, period, unit, dimensions, then the total before the groups (numbers in order).
    Runs on the figures thread; reads the populations when not given (DuckDB)."""
    if populations is None:
        populations = _populations(source, indicator, periods, request.unit,
                                   request.breakdown)
    sums = _sums(fetched.result().to_pandas(), indicator, dims, request.breakdown)
    previous_of = {p.label: p.previous().label for p in periods}
    columns = figures.measure_frame(indicator, sums, populations, previous_of, request.targets,
                                    keep=_figure_order(sums, request.periods))
    measures = indicator.measures
    each = len(columns["period"]) // len(measures)
    texts = {"indicator": [indicator.id] * len(measures),
             "label": [m.label for m in measures],
             "unit_of_measure": [m.unit for m in measures],
             "unit": [request.unit] * len(measures),
             "breakdown": [request.breakdown or "none"] * len(measures)}
    columns.update({name: figures.text_column(values, each) for name, values in texts.items()})
    columns["dimensions"] = columns["dims"]
    return pd.DataFrame({name: columns[name] for name in RESULT_COLUMNS})


def _figure_order(sums: pd.DataFrame, periods: list[Period]) -> np.ndarray:
    """The positions of the rows of ``sums`` in the periods asked for, in the figures'
    order: by period (as asked), unit, dimensions, then the total before the groups (groups
    that are numbers in numeric order, then the rest as text). Sorted on integer codes."""
    rank = {p.label: i for i, p in enumerate(periods)}
    period_codes, period_labels = pd.factorize(sums.period)
    period = np.array([rank.get(label, -1) for label in period_labels])[period_codes]
    unit = pd.factorize(sums.unit_id, sort=True)[0]
    dims = pd.factorize(sums.dims, sort=True)[0]
    group, group_labels = pd.factorize(sums.group, sort=True)
    number = pd.to_numeric(pd.Series(group_labels), errors="coerce").to_numpy("float64")[group]
    total = (sums.group != TOTAL).to_numpy()
    kept = np.flatnonzero(period >= 0)
    order = np.lexsort((group[kept], number[kept], total[kept], dims[kept], unit[kept],
                        period[kept]))
    return kept[order]


def _sums(fetched: pd.DataFrame, indicator: Indicator, dims: list[str],
          breakdown: str | None) -> pd.DataFrame:
    """The fetched sums with string keys: period, unit_id, dims ("k=v;k=v"), group; and a
    total row (group "all") per cell when there is a breakdown."""
    columns = indicator.columns + ["open_window"]
    frame = pd.DataFrame({"period": fetched["period"].astype(str),
                          "unit_id": fetched["_unit"].astype(str)})
    if dims:
        parts = [d + "=" + fetched[d].astype(str) for d in dims]
        joined = parts[0]
        for part in parts[1:]:
            joined = joined + ";" + part
        frame["dims"] = joined.to_numpy()
    else:
        frame["dims"] = ""
    for column in columns:
        frame[column] = (fetched[column].fillna(0).astype("int64") if column in fetched
                         else 0)
    if breakdown is None:
        frame["group"] = TOTAL
        return frame
    frame["group"] = fetched["_group"].map(_group_label).to_numpy()
    totals = frame.groupby(["period", "unit_id", "dims"], as_index=False)[columns].sum()
    totals["group"] = TOTAL
    return pd.concat([totals, frame], ignore_index=True)


def _group_label(value) -> str:
    return "not recorded" if value is None or value != value else str(value)


# -- grouping ----------------------------------------------------------------------------


def _grouped(source, indicator: Indicator, rows: ibis.Table, unit: str,
             breakdown: str | None, windows: ibis.Table | None = None):
    """The rows summed by period, unit, the indicator's dimensions and the breakdown.

    Rows placed by quarter (``Context.in_windows``: ``_quarter_code``, ``_since_code``) are
    summed by quarter first, then each quarter's sums are added into every period whose
    window (``windows``: ``period``, ``_code``, ``_first``) holds it and starts after the
    row's ``_since_code``."""
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
    keys = {"_unit": unit_value}
    for dim in indicator.dimensions:
        keys[dim] = rows[dim]
    if group_value is not None:
        keys["_group"] = group_value
    sums = {c: rows[c].sum().cast("int64") for c in columns}
    if "period" in rows.columns:
        return (rows.group_by(period=rows.period, **keys).aggregate(**sums),
                list(indicator.dimensions))
    by_quarter = rows.group_by(_quarter_code=rows._quarter_code,
                               _since_code=rows._since_code, **keys).aggregate(**sums)
    placed = by_quarter.join(windows, by_quarter._quarter_code == windows._code)
    placed = placed.filter(placed._since_code.isnull()
                           | (placed._since_code < placed._first))
    return (placed.group_by("period", *keys).aggregate(
        **{c: placed[c].sum().cast("int64") for c in columns}), list(indicator.dimensions))


def _with_team(source, rows: ibis.Table) -> ibis.Table:
    """Adds ``team_id``: the team whose allocation of the child covers ``event_date`` (the
    latest-starting one when several do); failing that, the child's next allocation after
    the date (a case is often allocated after the outcome), then the last one before it.
    The team depends only on the child and the day, so it is found once per pair."""
    alloc = source.table("case_allocation")
    alloc = alloc.select(_a_child="child_id", team_id="team_id",
                         _a_start=dates.key(alloc.start_date),
                         _a_end=dates.key(alloc.end_date).fill_null(dates.FAR_FUTURE))
    rows = rows.mutate(_day=dates.key(rows.event_date))
    pairs = rows.select(_t_child="child_id", _t_day="_day").distinct()
    matched = pairs.join(alloc, pairs._t_child == alloc._a_child)
    day = matched._t_day
    covers = (matched._a_start <= day) & (matched._a_end >= day)
    after = matched._a_start > day
    priority = covers.ifelse(0, after.ifelse(1, 2))
    distance = after.ifelse(matched._a_start - day, day - matched._a_start)
    ranked = matched.mutate(_rank=ibis.row_number().over(
        group_by=[matched._t_child, matched._t_day],
        order_by=[priority, distance, ibis.desc(matched._a_start), matched.team_id]))
    best = ranked.filter(ranked._rank == 0).select("_t_child", "_t_day", "team_id")
    joined = rows.left_join(best, (rows.child_id == best._t_child) & (rows._day == best._t_day))
    return joined.drop("_day", "_t_child", "_t_day")


# -- populations -------------------------------------------------------------------------


def _population_year(period: Period) -> int:
    """The mid-year estimate a period's rates divide by: the year its financial year starts."""
    return period.start.year if period.start.month >= 4 else period.start.year - 1


def _populations(source, indicator: Indicator, periods: list[Period], unit: str,
                 breakdown: str | None) -> pd.DataFrame:
    """The population aged 10-17 by period, unit_id and group, for the measures that divide
    by it."""
    empty = pd.DataFrame(columns=["period", "unit_id", "group", "population"])
    if not any(m.denominator and m.denominator.population for m in indicator.measures):
        return empty
    if unit == "team" or breakdown not in (None, "sex", "age", "ethnicity"):
        return empty
    key = ("populations", tuple(p.label for p in periods), unit, breakdown)
    return source.memo(key, lambda: _population_table(source, periods, unit, breakdown))


def _population_table(source, periods: list[Period], unit: str,
                      breakdown: str | None) -> pd.DataFrame:
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
        return _population_frame(out)
    pop = source.table("population")
    pop = pop.filter((pop.age >= 10) & (pop.age <= 17))
    summed = source.fetch(pop.group_by("service_id", "year", "age", "sex")
                          .aggregate(population=pop.population.sum())).to_pandas()
    summed = summed[summed.service_id.isin(list(unit_of))]
    years = sorted(summed.year.unique().tolist())
    if not years:
        return _population_frame(out)
    chosen = []  # the latest estimate up to the period's year, else the earliest there is
    for period in periods:
        year = _population_year(period)
        usable = [y for y in years if y <= year] or years
        chosen.append((period.label, max(usable) if usable[0] <= year else min(usable)))
    rows = pd.DataFrame(chosen, columns=["period", "year"]).merge(summed, on="year")
    rows["unit_id"] = rows.service_id.map(unit_of)
    rows["age"] = rows.age.astype(str)
    parts = [rows.groupby(["period", "unit_id"], sort=False, dropna=False)["population"]
             .sum().reset_index().assign(group=TOTAL)]
    if breakdown in ("sex", "age"):
        parts.append(rows.groupby(["period", "unit_id", breakdown], sort=False, dropna=False)
                     ["population"].sum().reset_index().rename(columns={breakdown: "group"}))
    frame = pd.concat(parts, ignore_index=True)
    frame["population"] = frame.population.astype("int64")
    return frame[["period", "unit_id", "group", "population"]]


def _population_frame(populations: dict) -> pd.DataFrame:
    return pd.DataFrame([(p, u, g, n) for (p, u, g), n in populations.items()],
                        columns=["period", "unit_id", "group", "population"])
