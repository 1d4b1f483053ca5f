"""Reads of performance: the data version, the cached figures as pages show them, published
comparator figures, and the children behind a figure (scoped to the user)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from yjhub.accounts.permissions import roles_of
from yjhub.audit.models import AuditEvent
from yjhub.casedata.models import ComparatorFigure, Service, Team
from yjhub.casedata.selectors import children_visible
from yjhub.importing.models import ImportRun
from yjhub.indicators.catalogue import Indicator, Measure, catalogue
from yjhub.indicators.periods import Period, financial_year, parse_period
from yjhub.performance import charts
from yjhub.performance.display import BREAKDOWN_TITLES, TOTAL, Figure, group_label, unit_text
from yjhub.performance.models import CachedResults, DataVersion, ResultsRefresh
from yjhub.performance.periods import describe, is_quarter
from yjhub.performance.services import RUNNING_TIMEOUT
from yjhub.performance.tiles import COMPARATOR_MEASURES, SECTIONS
from yjhub.schema.codelists import code_list
from yjhub.schema.tables import TABLES

#: Roles that see small numbers (they may see the children's records anyway); anyone else who
#: may see the figures (a board member) sees them suppressed.
SEES_SMALL_NUMBERS = {"practitioner", "team_manager", "performance_officer", "head_of_service"}
CASE_TABLES = [t.name for t in TABLES]
CHANGES = ("create", "update", "delete")


def sees_small_numbers(user) -> bool:
    return bool(roles_of(user) & SEES_SMALL_NUMBERS)


# -- the data version and the state of the cache ----------------------------------------


def data_version_current() -> str:
    """What the case data is now: the latest loaded import, the latest audited change to a
    case-data table (or import event) and the bumps of ``services.data_version_bump``. Any
    change to the data changes it."""
    run_id = ImportRun.objects.filter(status="loaded").order_by("-id") \
        .values_list("id", flat=True).first() or 0
    change_id = AuditEvent.objects.filter(
        Q(action__in=CHANGES, table__in=CASE_TABLES) | Q(action="import")) \
        .order_by("-id").values_list("id", flat=True).first() or 0
    bumps = DataVersion.objects.filter(pk=1).values_list("bumps", flat=True).first() or 0
    return f"import {run_id}, change {change_id}, bump {bumps}"


def import_latest() -> ImportRun | None:
    return ImportRun.objects.filter(status="loaded").order_by("-finished_at", "-id").first()


@dataclass
class CacheState:
    refresh: ResultsRefresh | None  # the latest refresh that finished: the figures shown
    running: ResultsRefresh | None
    failed: ResultsRefresh | None  # a refresh that failed after it
    version: str
    today: dt.date

    @property
    def empty(self) -> bool:
        return self.refresh is None

    @property
    def stale(self) -> bool:
        """The cached figures are older than the data (or were computed on another day, when
        provisional flags and the reporting quarter may differ)."""
        return (self.refresh is None or self.refresh.data_version != self.version
                or self.refresh.as_of != self.today)

    @property
    def needs_refresh(self) -> bool:
        """Stale and nothing running; a refresh that failed for the same data is retried
        only after ``RUNNING_TIMEOUT``."""
        if not self.stale or self.running is not None:
            return False
        if self.failed is not None and self.failed.data_version == self.version:
            return timezone.now() - self.failed.started_at > RUNNING_TIMEOUT
        return True

    @property
    def key(self) -> str:
        """Names the figures shown, for caching what is rendered from them."""
        if self.refresh is None:
            return "none"
        return f"{self.refresh.pk}-{self.refresh.finished_at.timestamp():.6f}"

    @property
    def periods(self) -> list[str]:
        return list(self.refresh.periods) if self.refresh else []

    @property
    def quarters(self) -> list[str]:
        return [p for p in self.periods if is_quarter(p)]

    @property
    def years(self) -> list[str]:
        return [p for p in self.periods if not is_quarter(p)]


def cache_state() -> CacheState:
    refreshes = list(ResultsRefresh.objects.order_by("-started_at", "-id")[:10])
    done = next((r for r in refreshes if r.status == "done"), None)
    running = next((r for r in refreshes if r.status == "running"
                    and timezone.now() - r.started_at <= RUNNING_TIMEOUT), None)
    failed = next((r for r in refreshes if r.status == "failed"
                   and (done is None or r.started_at > done.started_at)), None)
    return CacheState(done, running, failed, data_version_current(), timezone.localdate())


def service_shown() -> Service | None:
    """The service the pages are about: the app holds one (with several, the first)."""
    return Service.objects.order_by("service_id").first()


def team_names() -> dict[str, str]:
    return dict(Team.objects.values_list("team_id", "name"))


# -- cached figures -----------------------------------------------------------------------


def _dims_key(result: dict) -> str:
    return ";".join(f"{k}={v}" for k, v in sorted((result.get("dimensions") or {}).items()))


def cached_results(*, indicator_ids: list[str], unit_id: str, breakdown: str = "none",
                   periods: list[str] | None = None) -> dict[tuple[str, str], list[dict]]:
    """(indicator id, period) -> the cached results."""
    rows = CachedResults.objects.filter(indicator_id__in=indicator_ids, unit_id=unit_id,
                                        breakdown=breakdown)
    if periods is not None:
        rows = rows.filter(period__in=periods)
    return {(r["indicator_id"], r["period"]): r["results"]
            for r in rows.values("indicator_id", "period", "results")}


def _pick(results: list[dict] | None, measure_id: str, *, group: str = TOTAL,
          dims: str = "") -> dict | None:
    for r in results or ():
        if r["measure"] == measure_id and r["group"] == group and _dims_key(r) == dims:
            return r
    return None


def _previous_label(period: str) -> str:
    return parse_period(period).previous().label


def series(cached: dict, indicator: Indicator, measure: Measure, periods: list[str], *,
           board: bool, group: str = TOTAL, dims: str = "", group_name: str = "All") \
        -> list[Figure]:
    """The figures of one measure (and group) over ``periods``, each knowing its previous
    period's result when that is cached."""
    out = []
    for period in periods:
        previous_period = _previous_label(period)
        result = _pick(cached.get((indicator.id, period)), measure.id, group=group, dims=dims)
        previous = _pick(cached.get((indicator.id, previous_period)), measure.id, group=group,
                         dims=dims)
        out.append(Figure(measure, period, result, board=board, group=group,
                          group_name=group_name, previous=previous,
                          previous_period=previous_period))
    return out


def trend_chart(figures: list[Figure], *, chart_id: str, title: str, compact: bool = False):
    measure = figures[0].measure
    points = [charts.Point(f.period, f.value, f.result["ci_low"] if f.known else None,
                           f.result["ci_high"] if f.known else None,
                           f"{f.value_text}{' ' + f.unit_text if f.unit_text else ''}")
              for f in figures]
    target = next((f.result["target_value"] for f in reversed(figures)
                   if f.known and f.result["target_value"] is not None
                   and f.result["target"].startswith(("at most", "at least"))), None)
    target_text = ""
    if target is not None:
        target_text = next(f.target_text for f in reversed(figures) if f.known)
    description = (f"{measure.label}, {figures[0].period} to {figures[-1].period}"
                   f"{' (' + unit_text(measure) + ')' if unit_text(measure) else ''}, "
                   f"with its 95% confidence interval as a shaded band.")
    return charts.line_chart(points, chart_id=chart_id, title=title, description=description,
                             target=target, target_text=target_text, compact=compact,
                             unit=unit_text(measure) or ("%" if measure.unit == "percent"
                                                         else ""))


# -- published comparator figures --------------------------------------------------------

_APRIL_TO_MARCH = re.compile(r"^apr(?:il)?\s+(\d{4})\s+to\s+mar(?:ch)?\s+(\d{4})$", re.I)


def comparator_period(text: str) -> Period | None:
    """The financial year a published period is, when it is one ("2023-24", "2023/24",
    "Apr 2021 to Mar 2022")."""
    try:
        period = parse_period(text)
    except ValueError:
        match = _APRIL_TO_MARCH.match(text.strip())
        if not match or int(match.group(2)) != int(match.group(1)) + 1:
            return None
        return financial_year(int(match.group(1)))
    return None if is_quarter(period.label) else period


@dataclass
class Comparator:
    label: str  # "England and Wales"
    period: str  # as published
    value_text: str
    source: str
    ours: Figure | None  # the service's figure for the same financial year, when cached


def comparators(*, indicator_ids: list[str], unit_id: str, board: bool,
                latest_only: bool = False) -> dict[str, list[Comparator]]:
    """indicator id -> its published comparator figures (newest first; with ``latest_only``
    the newest of each comparator), each beside the service's own figure for that year."""
    labels = {c.code: c.label for c in code_list("comparator").codes}
    figures = list(ComparatorFigure.objects.filter(indicator_id__in=indicator_ids))
    by_indicator = defaultdict(list)
    for f in figures:
        by_indicator[f.indicator_id].append(f)
    years = {p.label for f in figures if (p := comparator_period(f.period))}
    measures = {i: catalogue().measure(COMPARATOR_MEASURES[i]) for i in by_indicator
                if i in COMPARATOR_MEASURES}
    cached = cached_results(indicator_ids=list(measures), unit_id=unit_id,
                            periods=sorted(years)) if measures else {}
    out = {}
    for indicator_id, rows in by_indicator.items():
        rows.sort(key=lambda f: (comparator_period(f.period) or Period(dt.date.min,
                                                                        dt.date.min, ""),
                                 f.period), reverse=True)
        seen, items = set(), []
        for f in rows:
            if latest_only and f.comparator in seen:
                continue
            seen.add(f.comparator)
            measure = measures.get(indicator_id)
            year = comparator_period(f.period)
            ours = None
            if measure and year and (indicator_id, year.label) in cached:
                ours = Figure(measure, year.label,
                              _pick(cached[(indicator_id, year.label)], measure.id),
                              board=board)
            value = f.value
            if measure:
                suffix = unit_text(measure) or ("%" if measure.unit == "percent" else "")
                value = f"{f.value}{'' if suffix == '%' else ' '}{suffix}".strip()
            items.append(Comparator(labels.get(f.comparator, f.comparator), f.period, value,
                                    f.source, ours))
        out[indicator_id] = items
    return out


# -- the home page ------------------------------------------------------------------------


@dataclass
class TileView:
    indicator: Indicator
    measure: Measure
    figure: Figure
    trend: list[Figure]
    chart: str
    latest_final: bool
    comparators: list[Comparator] = field(default_factory=list)
    available: bool = True  # False: the indicator has no figures by team

    @property
    def slug(self) -> str:
        return self.indicator.id.replace(".", "-").replace("_", "-")


def home_sections(*, state: CacheState, unit_id: str, board: bool, team_id: str = "",
                  teams: dict[str, str] | None = None) -> list[tuple[str, list[TileView]]]:
    """The tiles of the home page, by section, for the service or one of its teams."""
    quarters = state.quarters
    tiles = [t for _, section in SECTIONS for t in section]
    indicator_ids = sorted({t.measure.rpartition(".")[0] for t in tiles})
    breakdown = "team" if team_id else "none"
    group = team_id or TOTAL
    cached = cached_results(indicator_ids=indicator_ids, unit_id=unit_id, breakdown=breakdown,
                            periods=state.periods)
    published = {} if team_id else comparators(indicator_ids=indicator_ids, unit_id=unit_id,
                                               board=board, latest_only=True)
    sections = []
    for title, section in SECTIONS:
        views = []
        for tile in section:
            measure = catalogue().measure(tile.measure)
            indicator = measure.indicator
            available = not team_id or "team" in indicator.breakdowns
            trend = series(cached, indicator, measure, quarters, board=board, group=group,
                           group_name=(teams or {}).get(team_id, "All"))
            shown_figure = trend[-1] if trend else Figure(measure, "", None, board=board)
            if tile.period == "latest_final":
                final = [f for f in trend if f.result is not None and not f.provisional]
                if final:
                    shown_figure = final[-1]
            chart = trend_chart(trend, chart_id=f"chart-{indicator.id.replace('.', '-')}",
                                title=f"{measure.label}: trend by quarter",
                                compact=True) if trend and available else ""
            views.append(TileView(indicator, measure, shown_figure, trend, chart,
                                  tile.period == "latest_final",
                                  published.get(indicator.id, []), available))
        sections.append((title, views))
    return sections


# -- the indicator list and page ---------------------------------------------------------


def indicator_list(*, state: CacheState, unit_id: str, board: bool) \
        -> list[tuple[str, str, list[tuple[Indicator, Figure | None]]]]:
    """(family, title, [(indicator, its first measure's figure in the reporting quarter)])."""
    from yjhub.indicators.catalogue import FAMILIES

    quarter = state.quarters[-1] if state.quarters else None
    cached = cached_results(indicator_ids=[i.id for i in catalogue()], unit_id=unit_id,
                            periods=[quarter]) if quarter else {}
    out = []
    for family, title in FAMILIES.items():
        items = []
        for indicator in catalogue():
            if indicator.family != family:
                continue
            figure = None
            if quarter and (indicator.id, quarter) in cached:
                measure = indicator.measures[0]
                results = cached[(indicator.id, quarter)]
                dims = min((_dims_key(r) for r in results if r["measure"] == measure.id),
                           default="")
                figure = Figure(measure, quarter, _pick(results, measure.id, dims=dims),
                                board=board)
            items.append((indicator, figure))
        out.append((family, title, items))
    return out


def measure_choices(indicator: Indicator, *, state: CacheState, unit_id: str) \
        -> list[tuple[str, str]]:
    """The measures of an indicator to choose from: ``key`` or ``key@dim=value`` when the
    indicator is always split (the live tracker's follow-up quarters)."""
    if not indicator.dimensions:
        return [(m.key, m.label) for m in indicator.measures]
    quarter = state.quarters[-1] if state.quarters else None
    rows = CachedResults.objects.filter(indicator_id=indicator.id, unit_id=unit_id,
                                        breakdown="none").values_list("results", flat=True)
    dims = sorted({_dims_key(r) for results in rows for r in results}) if quarter else []
    return [(f"{m.key}@{d}", f"{m.label} ({d.replace('_', ' ').replace('=', ' ')})")
            for m in indicator.measures for d in dims]


@dataclass
class BreakdownTable:
    breakdown: str
    title: str
    figures: list[Figure]
    computed: bool = True  # False: the cache does not keep this breakdown


@dataclass
class IndicatorPage:
    indicator: Indicator
    measure: Measure
    dims: str
    period: str
    period_words: str
    figure: Figure
    trend: list[Figure]
    chart: str
    breakdowns: list[BreakdownTable]
    comparators: list[Comparator]

    @property
    def compare_label(self) -> str:
        """What each group is compared with: "White", or another measure."""
        if not self.measure.compare:
            return ""
        kind, _, other = self.measure.compare.partition(":")
        if kind == "reference_group":
            breakdown = self.indicator.breakdowns[0] if self.indicator.breakdowns else ""
            return group_label(breakdown, other)
        return self.indicator.measure(other).label

    @property
    def dims_text(self) -> str:
        """The split shown, in words: "follow-up quarter 4"."""
        return ", ".join(part.replace("_", "-" if part.startswith("follow_up") else " ", 1)
                         .replace("_", " ").replace("=", " ")
                         for part in self.dims.split(";") if part)


def indicator_page(*, indicator: Indicator, measure_key: str, period: str, state: CacheState,
                   unit_id: str, board: bool, teams: dict[str, str] | None = None) \
        -> IndicatorPage:
    teams = team_names() if teams is None else teams
    key, _, dims = measure_key.partition("@")
    measure = indicator.measure(key)
    trend_periods = state.quarters if is_quarter(period) else state.years
    cached = cached_results(indicator_ids=[indicator.id], unit_id=unit_id,
                            periods=state.periods)
    trend = series(cached, indicator, measure, trend_periods, board=board, dims=dims)
    figure = next(f for f in trend if f.period == period)
    kind = "quarter" if is_quarter(period) else "year"
    chart = trend_chart(trend, chart_id="trend",
                        title=f"{measure.label}: trend by {kind}")
    rows = CachedResults.objects.filter(indicator_id=indicator.id, unit_id=unit_id,
                                        period=period, breakdown__in=indicator.breakdowns)
    by_breakdown = dict(rows.values_list("breakdown", "results"))
    tables = []
    for breakdown in indicator.breakdowns:
        results = [r for r in by_breakdown.get(breakdown, [])
                   if r["measure"] == measure.id and _dims_key(r) == dims
                   and r["group"] != TOTAL]
        figures = []
        for r in results:
            f = Figure(measure, period, r, board=board, group=r["group"],
                       group_name=group_label(breakdown, r["group"], teams))
            f.comparison_hidden = board and _comparison_withheld(
                r, by_breakdown.get(breakdown, []), indicator, measure)
            figures.append(f)
        tables.append(BreakdownTable(breakdown, BREAKDOWN_TITLES.get(breakdown, breakdown),
                                     figures, breakdown in by_breakdown))
    published = comparators(indicator_ids=[indicator.id], unit_id=unit_id, board=board)
    return IndicatorPage(indicator, measure, dims, period, describe(parse_period(period)),
                         figure, trend, chart, tables, published.get(indicator.id, []))


def _comparison_withheld(result: dict, results: list[dict], indicator: Indicator,
                         measure: Measure) -> bool:
    """Whether the figure a result is compared with is withheld (then the comparison, which
    would give it away, is not shown to a board member)."""
    if result.get("comparison_value") is None or not measure.compare:
        return False
    kind, _, other = measure.compare.partition(":")
    for r in results:
        same_dims = _dims_key(r) == _dims_key(result)
        if kind == "reference_group" and r["measure"] == measure.id and r["group"] == other \
                and same_dims:
            return r["withheld"]
        if kind == "measure" and r["measure"] == f"{indicator.id}.{other}" \
                and r["group"] == result["group"] and same_dims:
            return r["withheld"]
    return True


# -- the children behind a figure ---------------------------------------------------------


@dataclass
class ChildRow:
    child_id: str
    name: str
    first_date: dt.date | None
    numerator: int
    denominator: int


@dataclass
class ChildrenBehind:
    about_children: bool  # False: the indicator counts something else (board places)
    numerator: int  # over every child, in scope or not: the figure's own numerator
    denominator: int | None  # None: the denominator is not counted (a population, or a count)
    rows: list[ChildRow]  # the children in scope, with their share of the figure
    hidden: int  # children behind the figure outside the user's scope


def children_behind(*, user, indicator: Indicator, measure: Measure, period: str, dims: str,
                    unit_id: str, today: dt.date | None = None) -> ChildrenBehind:
    """The children counted in a measure's numerator or (counted) denominator for a period,
    worked out from the indicator's own rows on the app's database, listed only where
    ``children_visible(user)`` allows."""
    from yjhub.indicators.api import rows
    from yjhub.performance.services import snapshot_source

    table = rows(snapshot_source(), period, indicator=indicator.id, service_id=unit_id,
                 as_of=today or timezone.localdate())
    found = table.to_pylist()
    # rows about something else (board places) carry no child: a null child_id, or none
    about = "child_id" in table.column_names and (
        not found or any(r["child_id"] is not None for r in found))
    if dims:
        wanted = dict(part.split("=", 1) for part in dims.split(";"))
        found = [r for r in found if all(str(r.get(k)) == v for k, v in wanted.items())]
    n_column = measure.numerator.column
    d_column = measure.denominator.column if measure.denominator else None
    per_child: dict[str, list] = {}
    for r in found:
        child_id = r.get("child_id")
        if child_id is None:
            continue
        entry = per_child.setdefault(child_id, [None, 0, 0])
        when = r.get("event_date")
        if when is not None and (entry[0] is None or when < entry[0]):
            entry[0] = when
        entry[1] += int(r.get(n_column) or 0)
        entry[2] += int(r.get(d_column) or 0) if d_column else 0
    counted = {c: e for c, e in per_child.items() if e[1] > 0 or e[2] > 0}
    numerator = sum(int(r.get(n_column) or 0) for r in found)
    denominator = sum(int(r.get(d_column) or 0) for r in found) if d_column else None
    visible = {c["child_id"]: c for c in children_visible(user=user)
               .filter(pk__in=list(counted)).values("child_id", "given_name", "family_name")}
    listed = [ChildRow(child_id, f"{v['given_name'] or ''} {v['family_name'] or ''}".strip()
                       or child_id, counted[child_id][0], counted[child_id][1],
                       counted[child_id][2])
              for child_id, v in visible.items()]
    listed.sort(key=lambda c: (c.name.split(" ")[-1].lower(), c.name.lower(), c.child_id))
    return ChildrenBehind(about, numerator, denominator, listed, len(counted) - len(visible))
