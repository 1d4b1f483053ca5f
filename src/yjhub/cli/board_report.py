"""``yjhub board-report``: the quarterly management board report.

    yjhub board-report --quarter 2024-Q3 --format pdf|docx|html --out PATH [--refresh]

Quarters are financial-year quarters named by the year the financial year starts: 2024-Q3 is
October to December 2024, 2024-Q4 is January to March 2025 (Q1 is April to June). The report
reads the figures the web app shows (its results cache); ``--refresh`` recomputes them first
when they are older than the data. Small numbers are withheld throughout, as for the board.
"""

from __future__ import annotations

import time
from pathlib import Path

from yjhub.cli.main import UserError, django_setup


def add_parser(sub):
    p = sub.add_parser("board-report", help="write the quarterly board report (docx, pdf, html)",
                       description="Write the management board's quarterly report for a "
                       "financial-year quarter (2024-Q3 is October to December 2024).")
    p.add_argument("--quarter", required=True, help="like 2024-Q3 (or 2024-25 Q3)")
    p.add_argument("--format", dest="fmt", required=True, choices=["pdf", "docx", "html"])
    p.add_argument("--out", required=True, help="the file to write")
    p.add_argument("--refresh", action="store_true",
                   help="recompute the indicator figures first when they are out of date")
    p.set_defaults(handler=handle)


def handle(args):
    from yjhub.boardreport.quarters import quarter_parse

    try:
        quarter = quarter_parse(args.quarter)
    except ValueError as error:
        raise UserError(str(error)) from None
    out = Path(args.out)
    if not out.parent.exists():
        raise UserError(f"the folder {out.parent} does not exist")
    django_setup()
    from yjhub.audit.services import audit_event_record
    from yjhub.boardreport.report import board_report
    from yjhub.documents import render

    if args.refresh:
        from yjhub.performance.selectors import cache_state
        from yjhub.performance.services import results_refresh

        if cache_state().stale:
            refresh = results_refresh(trigger="board-report")
            if refresh.status != "done":
                raise UserError(f"the figures could not be computed: {refresh.error}")
    started = time.perf_counter()
    data = render(board_report(quarter=quarter), args.fmt)
    out.write_bytes(data)
    audit_event_record(user=None, action="export", actor_name="yjhub board-report",
                       detail=f"Board report {quarter.label} ({args.fmt}) to {out}")
    print(f"Wrote {out} ({len(data):,} bytes, {args.fmt}, {quarter.label}) in "
          f"{time.perf_counter() - started:.2f} s")
    return 0
