"""How long the quarterly board report takes in each format, on the app's database.

    YJHUB_DEBUG=1 .venv/bin/python -m benchmarks.board_report [--quarter 2024-Q3] [--runs 3]

Run it after ``yjhub setup --demo`` (the demo service, its figures, risk register and budget).
It builds the report once to warm up (imports, the first queries), then for each run builds the
``Document`` and writes it as HTML, PDF and Word, timing each step separately, and prints every
run and the median of each step. The report is not written anywhere.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quarter", default="2024-Q3")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yjhub.config.settings")
    import django

    django.setup()
    from yjhub.boardreport.quarters import quarter_parse
    from yjhub.boardreport.report import board_report
    from yjhub.documents import render

    quarter = quarter_parse(args.quarter)
    render(board_report(quarter=quarter), "html")  # warm up
    steps: dict[str, list[float]] = {"build": [], "html": [], "pdf": [], "docx": []}
    sizes = {}
    for run in range(1, args.runs + 1):
        started = time.perf_counter()
        document = board_report(quarter=quarter)
        steps["build"].append(time.perf_counter() - started)
        for fmt in ("html", "pdf", "docx"):
            started = time.perf_counter()
            sizes[fmt] = len(render(document, fmt))
            steps[fmt].append(time.perf_counter() - started)
        print(f"run {run}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in steps.items()),
              flush=True)
    print(f"median of {args.runs} ({quarter.label}): "
          + ", ".join(f"{k} {statistics.median(v):.2f} s" for k, v in steps.items()))
    print("sizes: " + ", ".join(f"{k} {v:,} bytes" for k, v in sizes.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
