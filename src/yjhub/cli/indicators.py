"""``yjhub indicators``: compute the indicator catalogue from case-level data.

    yjhub indicators --source DIR|db|URL --period 2024-25 [--period 2024-25 Q3 ...]
                     [--indicator headline.fte ...] [--unit service|team|all|region|family_group]
                     [--breakdown sex|ethnicity|age|team|disposal|...]
                     [--backend duckdb|sqlite|postgres|pyspark] [--format table|json|csv]
                     [--as-of YYYY-MM-DD] [--targets FILE] [--out FILE]
    yjhub indicators --list                        the catalogue's indicators and measures
    yjhub indicators refresh                       recompute the web app's cached figures
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from yjhub.cli.main import UserError


def add_parser(sub):
    p = sub.add_parser(
        "indicators", help="compute indicators from case-level data",
        description="Compute the indicators of the catalogue (docs/indicators.md) for the "
        "periods asked for, from a folder of case-level files or the app's database.")
    p.add_argument("action", nargs="?", choices=["refresh"],
                   help="refresh: recompute the figures the web app's pages show (its results "
                   "cache), from the app's database")
    p.add_argument("--source", help="a folder of <table>.parquet/.csv files, `db` for the "
                   "app's database, or a database URL")
    p.add_argument("--period", action="append", default=[],
                   help="a financial year (2024-25) or quarter (2024-25 Q3); repeatable")
    p.add_argument("--indicator", action="append", default=[],
                   help="an indicator id, measure id or family (headline, kpi2023, yjb2006); "
                   "repeatable; default: all")
    p.add_argument("--unit", default="service",
                   help="service (default), team, all, region or family_group")
    p.add_argument("--breakdown", help="sex, ethnicity, age, team, disposal, ...")
    p.add_argument("--backend", help="duckdb (default for a folder), pyspark, sqlite, postgres")
    p.add_argument("--format", default="table", dest="fmt", help="table, json or csv")
    p.add_argument("--as-of", help="the date the data runs to (default: today); later "
                   "follow-up windows are provisional")
    p.add_argument("--targets", type=Path, help="YAML file of the service's own targets")
    p.add_argument("--out", type=Path, help="write to this file instead of the screen")
    p.add_argument("--list", action="store_true", help="list the catalogue and stop")
    p.set_defaults(handler=handle)


def handle(args) -> int:
    from yjhub.indicators.api import load_targets, open_source, results
    from yjhub.indicators.engine import UNITS
    from yjhub.indicators.periods import parse_period
    from yjhub.indicators.results import as_csv, as_json, as_table
    from yjhub.indicators.source import SourceError

    if args.list:
        return _list()
    if args.action == "refresh":
        return _refresh()
    if not args.source:
        raise UserError("say where the data is: --source DIR, --source db or a database URL")
    if not args.period:
        raise UserError("say which period: --period 2024-25 (or a quarter: --period '2024-25 Q3')")
    if args.fmt not in ("table", "json", "csv"):
        raise UserError(f"--format must be table, json or csv, not {args.fmt!r}")
    if args.unit not in UNITS:
        raise UserError(f"--unit must be one of {', '.join(UNITS)}, not {args.unit!r}")
    try:
        periods = [parse_period(p) for p in args.period]
    except ValueError as error:
        raise UserError(str(error)) from None
    as_of = None
    if args.as_of:
        try:
            as_of = dt.date.fromisoformat(args.as_of)
        except ValueError:
            raise UserError(f"--as-of must be a date like 2025-03-31, not {args.as_of!r}") from None
    _check_names(args.indicator, args.breakdown)
    try:
        targets = load_targets(args.targets) if args.targets else {}
        if args.source == "db":
            from yjhub.cli.main import django_setup

            django_setup()
        source = open_source(args.source, backend=args.backend)
        figures = results(source, periods, indicators=args.indicator or None, unit=args.unit,
                          breakdown=args.breakdown, as_of=as_of, targets=targets)
    except SourceError as error:
        raise UserError(str(error)) from None
    if args.breakdown and not figures:
        raise UserError(f"none of the chosen indicators can be broken down by {args.breakdown}")
    meta = {"source": source.description, "backend": source.backend,
            "as_of": str(as_of or dt.date.today()), "periods": [p.label for p in periods],
            "unit": args.unit, "breakdown": args.breakdown or "none"}
    text = {"json": lambda: as_json(figures, meta), "csv": lambda: as_csv(figures),
            "table": lambda: as_table(figures)}[args.fmt]()
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {len(figures)} figures to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _refresh() -> int:
    from yjhub.cli.main import django_setup

    django_setup()
    from yjhub.performance.services import RefreshRunning, results_refresh

    print("Computing the figures the web app shows...", flush=True)
    try:
        refresh = results_refresh(trigger="command")
    except RefreshRunning as error:
        raise UserError(f"{error}: try again when it has finished") from None
    if refresh.status != "done":
        raise UserError(f"the figures could not be computed: {refresh.error}")
    print(f"Computed {len(refresh.indicators)} indicators for {len(refresh.periods)} periods "
          f"in {refresh.seconds:.1f} s (data version: {refresh.data_version}).")
    return 0


def _check_names(names: list[str], breakdown: str | None) -> None:
    from yjhub.indicators.catalogue import BREAKDOWNS, catalogue

    try:
        catalogue().select(names or None)
    except KeyError as error:
        raise UserError(f"no indicator, measure or family called {error.args[0]!r}: "
                        f"`yjhub indicators --list` shows them") from None
    if breakdown and breakdown not in BREAKDOWNS:
        raise UserError(f"--breakdown must be one of {', '.join(BREAKDOWNS)}, not {breakdown!r}")


def _list() -> int:
    from yjhub.indicators.catalogue import FAMILIES, UNITS, catalogue

    for family, title in FAMILIES.items():
        print(f"{family}: {title}")
        for indicator in catalogue():
            if indicator.family != family:
                continue
            print(f"  {indicator.id}  {indicator.title}")
            for m in indicator.measures:
                print(f"    {m.id}  {m.label} [{UNITS[m.unit][0]}]")
    return 0
