"""Writes of performance: the data version, the results cache and the audit of children lists.

``results_refresh`` computes the figures the pages show and stores them (``CachedResults``):
every indicator of the catalogue, with no breakdown and with each breakdown it declares (for
the indicators still in use: ``breakdowns_kept``), for the reporting quarters and years
(``periods.reporting_periods``), for each service in the data.
The case data is first copied, without names, into an in-memory DuckDB database (a consistent
snapshot, read in about a second on the demo) and the catalogue is computed there: on the demo
that is over twice as fast as computing on SQLite itself, and it keeps the app's database free
for the pages while it runs.

It runs when ``yjhub setup --demo`` has loaded the demo, from ``yjhub indicators refresh``, and
from a page that finds the cache older than the data (``results_refresh_start``): that page
and any other until the refresh ends show the figures already cached with a notice that they
are being updated; the refresh runs in a background thread of the web process, and only one
runs at a time (a refresh that has not finished within ``RUNNING_TIMEOUT`` is taken as dead).
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import threading
import time
from collections import defaultdict

from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from yjhub.audit.services import audit_event_record
from yjhub.performance.models import CachedResults, DataVersion, ResultsRefresh
from yjhub.performance.periods import is_quarter, reporting_periods

log = logging.getLogger(__name__)

RUNNING_TIMEOUT = dt.timedelta(minutes=15)
#: The Result fields the cache keeps (the rest are known from the row: indicator, period...).
KEPT = ("measure", "unit_id", "group", "dimensions", "numerator", "denominator", "value",
        "ci_low", "ci_high", "suppressed", "provisional", "previous_value", "change",
        "change_kind", "target", "target_value", "met", "rag", "comparison",
        "comparison_value")


class RefreshRunning(Exception):
    """Another refresh is running: the message says since when."""


def data_version_bump() -> int:
    """Marks the case data as changed, so cached figures are recomputed. Call it after a
    change that is not recorded as an audited change of a case-data table (those, and every
    loaded import, already count: ``selectors.data_version_current``)."""
    with transaction.atomic():
        DataVersion.objects.get_or_create(pk=1)
        state = DataVersion.objects.select_for_update().get(pk=1)
        state.bumps += 1
        state.bumped_at = timezone.now()
        state.save(update_fields=["bumps", "bumped_at"])
        return state.bumps


def _claim(*, trigger: str) -> ResultsRefresh | None:
    """A new running refresh, unless one is already running (then None)."""
    from yjhub.performance.selectors import data_version_current

    now = timezone.now()
    with transaction.atomic():
        DataVersion.objects.get_or_create(pk=1)
        DataVersion.objects.select_for_update().get(pk=1)  # one claim at a time
        running = ResultsRefresh.objects.filter(status="running")
        if running.filter(started_at__gte=now - RUNNING_TIMEOUT).exists():
            return None
        running.update(status="failed", finished_at=now,
                       error=f"did not finish within {RUNNING_TIMEOUT}")
        return ResultsRefresh.objects.create(
            started_at=now, trigger=trigger, data_version=data_version_current(),
            as_of=timezone.localdate())


def results_refresh(*, trigger: str, indicators: list[str] | None = None,
                    periods: list[str] | None = None, as_of: dt.date | None = None,
                    refresh: ResultsRefresh | None = None) -> ResultsRefresh:
    """Computes and stores the cached figures; returns the refresh, done or failed.

    ``indicators`` (ids or families) and ``periods`` (labels) narrow what is computed (tests
    use them); by default the whole catalogue for the reporting periods of ``as_of`` (today).
    Raises ``RefreshRunning`` when another refresh is running."""
    if refresh is None:
        refresh = _claim(trigger=trigger)
        if refresh is None:
            since = ResultsRefresh.objects.filter(status="running").first()
            raise RefreshRunning(f"a refresh has been running since "
                                 f"{timezone.localtime(since.started_at):%H:%M:%S}"
                                 if since else "a refresh is running")
    started = time.perf_counter()
    try:
        _compute(refresh, indicators=indicators, periods=periods,
                 as_of=as_of or timezone.localdate())
    except Exception as error:  # recorded, so the pages can say the update failed
        log.exception("results refresh %s failed", refresh.pk)
        ResultsRefresh.objects.filter(pk=refresh.pk).update(
            status="failed", finished_at=timezone.now(), error=f"{type(error).__name__}: {error}",
            seconds=time.perf_counter() - started)
        refresh.refresh_from_db()
        return refresh
    ResultsRefresh.objects.filter(pk=refresh.pk).update(
        status="done", finished_at=timezone.now(), seconds=time.perf_counter() - started)
    refresh.refresh_from_db()
    return refresh


def results_refresh_start(*, trigger: str = "page") -> bool:
    """Starts a refresh in a background thread once the current transaction commits; False
    when one is already running. (In a test's transaction, which is rolled back, the thread
    never starts.)"""
    refresh = _claim(trigger=trigger)
    if refresh is None:
        return False
    transaction.on_commit(lambda: threading.Thread(
        target=_refresh_in_thread, args=(refresh.pk,), name="yjhub-results-refresh",
        daemon=True).start())
    return True


def _refresh_in_thread(refresh_id: int) -> None:
    close_old_connections()
    try:
        refresh = ResultsRefresh.objects.get(pk=refresh_id)
        results_refresh(trigger=refresh.trigger, refresh=refresh)
    finally:
        connection.close()


# -- computing ----------------------------------------------------------------------------


def snapshot_source(tables: set[str] | None = None):
    """The case-level tables of the app's database copied, without the identifying columns
    (names), into an in-memory DuckDB database: read through the ORM in one transaction, so
    the figures come from one state of the data. (Ibis reading Django's own SQLite connection
    would commit the request's transaction as it goes.) ``tables``: only these (default all).

    DuckDB runs on one thread: a service's data is small, so more threads only add overhead
    (measured: about 15% more CPU time for the demo), and the web process keeps a core."""
    import pyarrow as pa

    from yjhub.casedata.models import MODELS
    from yjhub.indicators.source import Source
    from yjhub.schema.arrow import arrow_schema
    from yjhub.schema.tables import TABLES

    data = {}
    with transaction.atomic():
        for table in TABLES:
            if tables is not None and table.name not in tables:
                continue
            model = MODELS[table.name]
            schema = arrow_schema(table, analytic=True)
            attnames = {f.column: f.attname for f in model._meta.concrete_fields}
            names = [f.name for f in schema]
            rows = list(model.objects.order_by().values_list(*[attnames[n] for n in names]))
            columns = list(zip(*rows, strict=True)) if rows else [()] * len(names)
            data[table.name] = pa.Table.from_arrays(
                [pa.array(list(values), type=field.type)
                 for values, field in zip(columns, schema, strict=True)], schema=schema)
    source = Source.duckdb_arrow(data)
    source.con.raw_sql("SET threads = 1")
    source.workers = 1  # and one query at a time
    return source


def _compute(refresh: ResultsRefresh, *, indicators, periods, as_of: dt.date) -> None:
    from yjhub.indicators.catalogue import catalogue
    from yjhub.indicators.engine import Request, compute_frame, results_of
    from yjhub.indicators.periods import parse_period
    from yjhub.performance.selectors import data_version_current
    from yjhub.performance.suppression import withhold

    version = data_version_current()  # read before the data, so a later change shows as stale
    chosen_periods = ([parse_period(p) for p in periods] if periods
                      else reporting_periods(as_of).all)
    chosen = catalogue().select(indicators)
    ResultsRefresh.objects.filter(pk=refresh.pk).update(
        data_version=version, as_of=as_of, periods=[p.label for p in chosen_periods],
        indicators=[i.id for i in chosen])
    source = snapshot_source()
    labels = [p.label for p in chosen_periods]
    years = _years_of_quarters(labels)
    rows = []
    first_day = min(p.start for p in chosen_periods)
    for indicator in chosen:
        found = []
        breakdowns = breakdowns_kept(indicator, first_day)
        for breakdown in (None, *breakdowns):
            frame = compute_frame(source, Request(periods=chosen_periods,
                                                  indicators=[indicator.id],
                                                  breakdown=breakdown, as_of=as_of))
            found += [_kept(r.as_dict()) | {"breakdown": breakdown or "none", "period": r.period}
                      for r in results_of(frame)]
        counted = {m.id: bool(m.denominator and m.denominator.column)
                   for m in indicator.measures}
        withhold(found, counted=counted, years=years)
        cells = defaultdict(list)
        for r in found:
            key = (r.pop("breakdown"), r.pop("period"), r["unit_id"])
            cells[key].append(r)
        rows += [CachedResults(indicator_id=indicator.id, unit_id=unit_id, breakdown=breakdown,
                               period=period, refresh=refresh, data_version=version,
                               results=results)
                 for (breakdown, period, unit_id), results in cells.items()]
        # A period with no rows at all (nothing counted) is still computed: store it empty.
        for unit_id in {r["unit_id"] for r in found} or _service_ids():
            for breakdown in ("none", *breakdowns):
                for period in labels:
                    if (breakdown, period, unit_id) not in cells:
                        rows.append(CachedResults(
                            indicator_id=indicator.id, unit_id=unit_id, breakdown=breakdown,
                            period=period, refresh=refresh, data_version=version, results=[]))
    with transaction.atomic():
        CachedResults.objects.filter(indicator_id__in=[i.id for i in chosen]).delete()
        CachedResults.objects.bulk_create(rows, batch_size=500)


def breakdowns_kept(indicator, first_day: dt.date) -> tuple[str, ...]:
    """The breakdowns the cache keeps for an indicator: all it declares, unless it went out of
    use before the first period kept (the YJB's 2006-08 KPIs, replaced in 2008): those keep
    their trend only, which halves the time a refresh takes."""
    if indicator.valid_to is not None and indicator.valid_to < first_day:
        return ()
    return indicator.breakdowns


def _service_ids() -> list[str]:
    from yjhub.casedata.models import Service

    return list(Service.objects.values_list("service_id", flat=True))


def _years_of_quarters(labels: list[str]) -> dict[str, list[str]]:
    """Each year among ``labels`` whose four quarters are there too."""
    out = {}
    for label in labels:
        if is_quarter(label):
            continue
        quarters = [f"{label} Q{q}" for q in (1, 2, 3, 4)]
        if all(q in labels for q in quarters):
            out[label] = quarters
    return out


def _kept(result: dict) -> dict:
    out = {}
    for key in KEPT:
        value = result[key]
        if isinstance(value, float) and math.isnan(value):
            value = None
        elif hasattr(value, "item"):  # a numpy scalar
            value = value.item()
        out[key] = value
    return out


# -- children behind a figure -----------------------------------------------------------


def children_list_view_record(*, request, indicator_id: str, measure_id: str, period: str,
                              child_ids: list[str], hidden: int) -> None:
    """A list of the children behind a figure was seen: one view event naming them."""
    ids = sorted(set(child_ids))
    audit_event_record(
        user=request.user, action="view", table="child", request=request,
        changes={"children": ids},
        detail=f"Children behind {measure_id}, {period}: {len(ids)} shown"
               + (f", {hidden} outside the user's scope not shown" if hidden else "")
               + f" ({indicator_id})")
