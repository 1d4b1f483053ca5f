"""``yjhub plan render``: a plan file written to Word, PDF or HTML (docs/youth-justice-plan.md).

    yjhub plan render FILE --format docx|pdf|html --out PATH [--board]
                     [--fill-from db|DIR|URL --period 2024-25 [--as-of DATE] [--save FILE]]

``--fill-from`` fills the performance appendix, the data blocks and the trend charts from data
before rendering (``yjhub.plans.fill``): ``db`` is the app's database, a folder holds
case-level files. ``--period`` is the latest outturn year (default: the year before the
plan's). ``--save`` also writes the filled plan file. ``--board`` writes the version a board
member sees (counts of 1 to 4 shown as "fewer than 5").
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from yjhub.cli.main import UserError


def add_render(actions) -> None:
    r = actions.add_parser("render", help="write a plan to Word, PDF or HTML",
                           description="Write a plan file to Word (docx), PDF or HTML, "
                           "optionally filling its performance figures from data first.")
    r.add_argument("file", type=Path)
    r.add_argument("--format", choices=["docx", "pdf", "html"], required=True, dest="fmt",
                   action="append", help="docx, pdf or html; repeat for several (--out is "
                   "then a stem: PATH.docx, PATH.pdf)")
    r.add_argument("--out", type=Path, required=True, help="the file to write")
    r.add_argument("--fill-from", help="fill the figures from data first: db (the app's "
                   "database), a folder of case-level files, or a database URL")
    r.add_argument("--period", help="the latest outturn year to fill (2024-25); default: the "
                   "year before the plan's")
    r.add_argument("--as-of", help="the date the data runs to (default: today)")
    r.add_argument("--save", type=Path, help="also write the filled plan file here")
    r.add_argument("--board", action="store_true",
                   help="the board's version: counts of 1 to 4 withheld")
    r.set_defaults(handler=render)


def render(args) -> int:
    from yjhub.cli.plan import _load
    from yjhub.documents import render as write
    from yjhub.plans import save_plan
    from yjhub.plans.rendering import plan_document

    plan = _load(args.file)
    if args.fill_from:
        _fill(plan, args)
        if args.save:
            save_plan(plan, args.save)
            print(f"wrote {args.save}", file=sys.stderr)
    elif args.period or args.save or args.as_of:
        raise UserError("--period, --as-of and --save go with --fill-from")
    document = plan_document(plan, board=args.board)
    formats = list(dict.fromkeys(args.fmt))
    for fmt in formats:
        out = args.out if len(formats) == 1 else args.out.with_suffix(f".{fmt}")
        started = time.perf_counter()
        data = write(document, fmt)
        try:
            out.write_bytes(data)
        except OSError as error:
            raise UserError(f"{out}: cannot write ({error.strerror or error})") from None
        print(f"wrote {out} ({len(data):,} bytes, {time.perf_counter() - started:.1f} s)",
              file=sys.stderr)
    return 0


def _fill(plan, args) -> None:
    from yjhub.indicators.api import open_source
    from yjhub.indicators.source import SourceError
    from yjhub.plans.fill import plan_fill

    as_of = None
    if args.as_of:
        try:
            as_of = dt.date.fromisoformat(args.as_of)
        except ValueError:
            raise UserError(f"--as-of must be a date like 2025-03-31, not {args.as_of!r}") \
                from None
    snapshot = args.fill_from
    try:
        if args.fill_from == "db":
            from yjhub.cli.main import django_setup

            django_setup()
            from yjhub.performance.selectors import data_version_current
            from yjhub.performance.services import snapshot_source

            source = snapshot_source()
            snapshot = f"app database ({data_version_current()})"
        else:
            source = open_source(args.fill_from)
            snapshot = source.description
        report = plan_fill(plan, source, args.period, snapshot=snapshot, as_of=as_of)
    except (SourceError, ValueError) as error:
        raise UserError(str(error)) from None
    print(f"filled: {report.describe()}", file=sys.stderr)
    for row_id, why in report.skipped:
        print(f"  left as entered: appendix row {row_id}: {why}", file=sys.stderr)
