"""``make bench``: the whole indicator catalogue on the national data set, side by side with
two baselines, in one run.

1. **scan**: the time DuckDB takes to read, once, every column the catalogue reads (as the
   definitions' own query plans show, keys included), forcing every value to be decoded
   (``sum(hash(column))``).
2. **engine**: yjhub's engine on DuckDB, the full catalogue for every service and every
   quarter of ten years (the previous quarters, for change, come with it), with values,
   intervals, change, targets and RAG.
3. **pandas**: a straightforward pandas implementation of the same definitions
   (``benchmarks/pandas_reference/``), producing the same numerators and denominators for
   every service and quarter, which the run checks against the engine's.

Each phase runs in its own process, so its peak memory (maximum resident set) is its own.
Usage: ``python -m benchmarks.indicators [--data DIR] [--seed 1] [--quarters 40]
[--skip-pandas]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAST_YEAR = 2024  # quarters of 2015-16 to 2024-25


def quarters(count: int):
    from yjhub.indicators.periods import financial_quarter

    first = LAST_YEAR - count // 4 + 1
    return [financial_quarter(year, q) for year in range(first, LAST_YEAR + 1)
            for q in (1, 2, 3, 4)][-count:]


def scanned_columns() -> dict[str, list[str]]:
    """Every column the catalogue reads, keys included, as its definitions' DuckDB plans show
    (``yjhub.indicators.lineage``), with the population and bank-holiday columns the engine
    reads for them."""
    from yjhub.indicators.catalogue import catalogue
    from yjhub.indicators.lineage import columns_read, data_items
    from yjhub.schema.tables import TABLES

    wanted: dict[str, set[str]] = {}
    for indicator in catalogue().select(ONLY or None):
        for table, columns in columns_read(indicator).items():
            wanted.setdefault(table, set()).update(columns)
        for item in data_items(indicator):
            table, column = item.split(".")
            wanted.setdefault(table, set()).add(column)
            if table.startswith("population"):  # (data items leave keys out: the engine
                # sums populations by service, and reads each service's units)
                wanted[table].add("service_id")
                wanted.setdefault("service", set()).update(
                    ("service_id", "region", "family_group"))
    return {t.name: [c.name for c in t.columns if c.name in wanted[t.name]]
            for t in TABLES if t.name in wanted}


# -- phases (each in its own process) --------------------------------------------------------


def phase_scan(data: Path, _quarters: int) -> dict:
    import duckdb

    con = duckdb.connect()
    rows = 0
    columns = scanned_columns()
    started = time.perf_counter()
    for table, names in columns.items():
        path = data / f"{table}.parquet"
        sums = ", ".join(f'sum(hash("{c}"))' for c in names)
        con.execute(f"select count(*), {sums} from read_parquet('{path}')").fetchall()
    seconds = time.perf_counter() - started
    for table in columns:
        rows += con.execute(
            f"select count(*) from read_parquet('{data / (table + '.parquet')}')").fetchone()[0]
    return {"seconds": seconds, "tables": len(columns),
            "columns": sum(len(c) for c in columns.values()), "rows": rows}


ONLY: list[str] = []  # --indicator: a part of the catalogue, while developing


def phase_engine(data: Path, count: int, out: Path) -> dict:
    import datetime as dt

    # (Ibis imports its DuckDB backend on first use: imported here, before the clock starts,
    # as the scan's DuckDB is, so the time is the computation's and not the modules' loading)
    import ibis.backends.duckdb  # noqa: F401

    from yjhub.indicators.engine import Request, compute_frame
    from yjhub.indicators.source import Source

    periods = quarters(count)
    started = time.perf_counter()
    source = Source.folder(data)
    frame = compute_frame(source, Request(periods=periods, as_of=dt.date(2026, 11, 1),
                                          indicators=ONLY or None))
    seconds = time.perf_counter() - started
    frame[["measure", "period", "unit_id", "dimensions", "numerator",
           "denominator"]].to_parquet(out)
    return {"seconds": seconds, "figures": len(frame),
            "measures": int(frame.measure.nunique()), "periods": len(periods),
            "services": int(frame.unit_id.nunique())}


def phase_pandas(data: Path, count: int, out: Path) -> dict:
    from benchmarks.pandas_reference import compute_all

    periods = quarters(count)
    started = time.perf_counter()
    frame = compute_all(data, periods, only=ONLY)
    seconds = time.perf_counter() - started
    frame.to_parquet(out)
    return {"seconds": seconds, "figures": len(frame),
            "measures": int(frame.measure.nunique())}


PHASES = {"scan": phase_scan, "engine": phase_engine, "pandas": phase_pandas}


def _run_phase(name: str, data: Path, count: int, out: Path) -> dict:
    """Runs a phase in a child process; returns its report with its peak memory."""
    command = [sys.executable, "-m", "benchmarks.indicators", "--phase", name, "--data",
               str(data), "--quarters", str(count), "--out", str(out)]
    for name_ in ONLY:
        command += ["--indicator", name_]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"bench: the {name} phase failed (exit {child.returncode})")
    report = json.loads(output.strip().splitlines()[-1])
    report["peak_mib"] = usage.ru_maxrss / 1024
    return report


def _agreement(engine_file: Path, pandas_file: Path) -> tuple[int, int, list]:
    """(figures compared, figures that differ, a few examples): numerators and denominators
    of every measure the pandas reference implements, by service and quarter (and by the
    indicator's dimensions, "" for an indicator without any, such as the follow-up quarter)."""
    import pandas as pd

    engine = pd.read_parquet(engine_file)
    reference = pd.read_parquet(pandas_file)
    keys = ["measure", "period", "unit_id"]
    if "dimensions" in engine and "dimensions" in reference:
        engine["dimensions"] = engine.dimensions.fillna("").astype(str)
        reference["dimensions"] = reference.dimensions.fillna("").astype(str)
        keys.append("dimensions")
    merged = reference.merge(engine, on=keys, how="left", suffixes=("_pandas", "_engine"))
    differs = (merged.numerator_pandas.fillna(-1) != merged.numerator_engine.fillna(-1)) | (
        merged.denominator_pandas.fillna(-1).round(6)
        != merged.denominator_engine.fillna(-1).round(6))
    examples = merged[differs].head(5).to_dict("records")
    return len(merged), int(differs.sum()), examples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "bench" / "national-seed1")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quarters", type=int, default=40)
    parser.add_argument("--skip-pandas", action="store_true")
    parser.add_argument("--indicator", action="append", default=[],
                        help="only these indicators or families (default: the catalogue)")
    parser.add_argument("--phase", choices=PHASES)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    ONLY[:] = args.indicator
    if args.phase:
        function = PHASES[args.phase]
        call = (function(args.data, args.quarters) if args.phase == "scan"
                else function(args.data, args.quarters, args.out))
        print(json.dumps(call))
        return 0

    if not (args.data / "child.parquet").exists():
        print(f"bench: generating the national data set (seed {args.seed}) in {args.data}")
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "yjhub.cli.main", "generate", "--preset",
                        "national", "--seed", str(args.seed), "--out", str(args.data)],
                       check=True, stdout=subprocess.DEVNULL)
        print(f"bench: generated in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        engine_out, pandas_out = Path(tmp) / "engine.parquet", Path(tmp) / "pandas.parquet"
        scan = _run_phase("scan", args.data, args.quarters, Path(tmp) / "scan")
        engine = _run_phase("engine", args.data, args.quarters, engine_out)
        reference = None
        if not args.skip_pandas:
            reference = _run_phase("pandas", args.data, args.quarters, pandas_out)
            compared, differing, examples = _agreement(engine_out, pandas_out)
    print()
    print(f"National data set: {args.data} ({scan['rows']:,} rows in the {scan['tables']} "
          f"tables the catalogue reads, {scan['columns']} columns)")
    print(f"Catalogue: {engine['measures']} measures, {engine['services']} services, "
          f"{engine['periods']} quarters -> {engine['figures']:,} figures")
    print()
    print(f"{'phase':<34}{'seconds':>10}{'peak MiB':>11}")
    print(f"{'DuckDB scan of the columns read':<34}{scan['seconds']:>10.2f}"
          f"{scan['peak_mib']:>11.0f}")
    print(f"{'yjhub engine (DuckDB)':<34}{engine['seconds']:>10.2f}{engine['peak_mib']:>11.0f}")
    if reference:
        print(f"{'pandas reference':<34}{reference['seconds']:>10.2f}"
              f"{reference['peak_mib']:>11.0f}")
    print()
    print(f"engine / scan   = {engine['seconds'] / scan['seconds']:.1f}x  (must be <= 10)")
    if reference:
        print(f"pandas / engine = {reference['seconds'] / engine['seconds']:.1f}x  "
              f"(must be >= 10; the pandas reference covers {reference['measures']} of "
              f"{engine['measures']} measures)")
        print(f"agreement: {compared:,} figures compared, {differing:,} differ")
        for example in examples:
            print(f"  differs: {example}")
    print(f"peak memory of the engine: {engine['peak_mib'] / 1024:.2f} GiB (must be < 8)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
