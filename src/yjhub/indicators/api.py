"""The Python interface the web app, the plan and the board report use.

    from yjhub.indicators.api import results, open_source
    source = open_source("db")                     # the app's database (Django configured)
    source = open_source("/data/extract")          # a folder of Parquet / CSV files
    figures = results(source, ["2024-25"], indicators=["headline.fte"], breakdown="sex")

Everything returns :class:`yjhub.indicators.engine.Result` objects; nothing here touches a
child's identity.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from yjhub.indicators.catalogue import Target
from yjhub.indicators.engine import Request, Result, compute
from yjhub.indicators.periods import Period, parse_period
from yjhub.indicators.source import BACKENDS, Source, SourceError


def open_source(spec: str, *, backend: str | None = None) -> Source:
    """A source from how the user names it: ``db`` (the app's database), a database URL, or a
    folder. ``backend`` chooses the engine for a folder (duckdb or pyspark) and, for a
    database, must match it."""
    if backend is not None and backend not in BACKENDS:
        raise SourceError(f"unknown backend {backend!r}: choose one of {', '.join(BACKENDS)}")
    if spec == "db":
        source = app_source()
    elif "://" in spec:
        source = Source.database(spec)
    else:
        if backend in ("sqlite", "postgres"):
            raise SourceError(f"{spec} is a folder: read it with duckdb or pyspark, or use "
                              f"--source db for the app's {backend} database")
        return Source.folder(spec, backend=backend or "duckdb")
    if backend not in (None, source.backend):
        raise SourceError(f"the app's database is {source.backend}, not {backend}")
    return source


def app_source() -> Source:
    """The app's database, through Django's own connection (Django must be set up)."""
    from django.db import connection

    connection.ensure_connection()
    backend = "postgres" if connection.vendor == "postgresql" else "sqlite"
    return Source.connection(connection.connection, backend)


def load_targets(path: str | Path) -> dict[str, Target]:
    """A service's own targets, which replace the catalogue's: a YAML file of
    ``targets: {measure id: {kind: ..., value: ..., baseline: ...}}``."""
    from yjhub.indicators.catalogue import catalogue

    file = Path(path)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise SourceError(f"{file}: cannot read targets ({error})") from None
    targets = {}
    known = {m.id for m in catalogue().measures()}
    for measure_id, spec in (data.get("targets") or {}).items():
        if measure_id not in known:
            raise SourceError(f"{file}: {measure_id} is not a measure of the catalogue")
        try:
            targets[measure_id] = Target(kind=spec["kind"], value=spec.get("value"),
                                         baseline=spec.get("baseline"),
                                         text=spec.get("text", ""))
        except (KeyError, ValueError, TypeError) as error:
            raise SourceError(f"{file}: target for {measure_id}: {error}") from None
    return targets


def results(source: Source, periods: list[str | Period], *, indicators: list[str] | None = None,
            unit: str = "service", breakdown: str | None = None, as_of: dt.date | None = None,
            targets: dict[str, Target] | None = None) -> list[Result]:
    """The figures for the periods (labels like "2024-25" or "2024-25 Q3", or Periods)."""
    chosen = [p if isinstance(p, Period) else parse_period(p) for p in periods]
    return compute(source, Request(periods=chosen, indicators=indicators, unit=unit,
                                   breakdown=breakdown, as_of=as_of, targets=targets or {}))


def rows(source: Source, period: str | Period, *, indicator: str,
         as_of: dt.date | None = None, service_id: str | None = None):
    """The rows behind one indicator's figures for one period: one per thing counted (a child
    in a cohort, a sentence, an episode...), with ``child_id``, ``event_date``, ``service_id``
    and the columns its measures sum. A measure's numerator for the period is the sum of its
    numerator column over these rows (and so for a counted denominator).

    Returns an Arrow table (its columns say whether the rows are about children at all: board
    attendance's are about agencies). Unlike :func:`results`, these carry children's
    identifiers: for the app's own pages, shown only to users who may see those children,
    never for board outputs."""
    from yjhub.indicators.catalogue import catalogue
    from yjhub.indicators.definitions import Context, definitions

    chosen = period if isinstance(period, Period) else parse_period(period)
    definition = catalogue().get(indicator)
    context = Context(source, [chosen], as_of or dt.date.today(), definition.parameters)
    table = source.stage(definitions()[indicator](context))
    columns = [c for c in ("child_id", "event_date", "service_id") if c in table.columns]
    columns += [c for c in definition.columns + ["open_window"] if c in table.columns]
    table = table.filter(table.period == chosen.label)
    if service_id is not None:
        table = table.filter(table.service_id == service_id)
    return source.fetch(table.select(*columns))
