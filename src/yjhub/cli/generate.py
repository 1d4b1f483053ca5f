"""``yjhub generate``: synthetic case-level data for every table of the schema."""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def add_parser(sub):
    from yjhub.synthetic.presets import PRESETS

    p = sub.add_parser(
        "generate",
        help="write synthetic case data (every table) to a folder",
        description="Write synthetic case-level data for every table of the schema: one file "
        "per table in OUT. The same preset and seed always give the same files.",
    )
    p.add_argument("--preset", required=True, help=f"one of: {', '.join(PRESETS)}")
    p.add_argument("--seed", required=True, help="a whole number, 0 or more")
    p.add_argument("--out", required=True, type=Path, help="folder to write to")
    p.add_argument("--format", default="parquet", dest="fmt",
                   help="parquet (default) or csv")
    p.set_defaults(handler=run)


def _check(args: argparse.Namespace) -> int:
    from yjhub.cli.main import UserError
    from yjhub.synthetic.presets import PRESETS
    from yjhub.synthetic.writer import FORMATS

    if args.preset not in PRESETS:
        raise UserError(f"unknown preset {args.preset!r}: choose one of {', '.join(PRESETS)}")
    if args.fmt not in FORMATS:
        raise UserError(f"unknown format {args.fmt!r}: choose parquet or csv")
    try:
        seed = int(args.seed)
    except ValueError:
        raise UserError(f"--seed must be a whole number, not {args.seed!r}") from None
    if seed < 0:
        raise UserError(f"--seed must be 0 or more, not {seed}")
    if args.out.exists() and not args.out.is_dir():
        raise UserError(f"--out {args.out} is a file, not a folder")
    return seed


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
    from rich.table import Table

    from yjhub.cli.main import UserError
    from yjhub.synthetic import generate

    seed = _check(args)
    console = Console()
    started = time.perf_counter()
    try:
        if args.preset == "national":
            columns = ("[progress.description]{task.description}", BarColumn(),
                       MofNCompleteColumn(), TimeElapsedColumn())
            with Progress(*columns, console=console) as bar:
                task = bar.add_task("services", total=None)

                def progress(done: int, total: int) -> None:
                    bar.update(task, completed=done, total=total)

                counts = generate(args.preset, seed=seed, out=args.out, fmt=args.fmt,
                                  progress=progress)
        else:
            counts = generate(args.preset, seed=seed, out=args.out, fmt=args.fmt)
    except OSError as error:
        raise UserError(f"cannot write to {args.out}: {error}") from None
    table = Table(title=f"{args.preset} (seed {seed}) → {args.out}")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, rows in counts.items():
        table.add_row(name, f"{rows:,}")
    table.add_row("[bold]total", f"[bold]{sum(counts.values()):,}")
    console.print(table)
    console.print(f"written in {time.perf_counter() - started:.1f} s")
    return 0
