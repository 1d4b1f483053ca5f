"""``yjhub import PATH``: check and load a case management export.

Exit codes: 0 loaded (or a clean dry run), 1 problems found (nothing written), 2 usage errors.
"""

from __future__ import annotations

from pathlib import Path


def add_parser(sub):
    p = sub.add_parser(
        "import", help="check and load case-management exports (CSV, Excel, Parquet)",
        description="Check every row of a folder of <table>.csv / .parquet files or an Excel "
        "workbook (a sheet per table), then load all of it or, if anything is wrong, none of it. "
        "See docs/import.md.")
    p.add_argument("path", type=Path, help="a folder, an .xlsx workbook or a single file")
    p.add_argument("--dry-run", action="store_true",
                   help="check and count what would change, but write nothing")
    p.add_argument("--mapping", type=Path, metavar="FILE",
                   help="a YAML mapping file (file names, column renames, recodes)")
    p.add_argument("--report", type=Path, metavar="FILE",
                   help="where to write the CSV report of problems (default: var/imports/)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(handler=handle)


def handle(args) -> int:
    from yjhub.cli.main import UserError, django_setup

    if not args.path.exists():
        raise UserError(f"{args.path} does not exist")
    if args.mapping is not None and not args.mapping.is_file():
        raise UserError(f"the mapping file {args.mapping} does not exist")
    django_setup()
    from rich.console import Console

    from yjhub.importing.services import ImportSetupError, default_actor, import_run_create

    console = Console(stderr=True)
    out = Console(highlight=False)
    try:
        with _progress_bar(console, enabled=not args.quiet) as progress:
            result = import_run_create(path=args.path, mapping_path=args.mapping,
                                       dry_run=args.dry_run, actor=default_actor(),
                                       report_path=args.report, progress=progress)
    except ImportSetupError as error:
        raise UserError(str(error)) from None
    _print_summary(out, result)
    return 0 if result.ok else 1


class _progress_bar:
    """A rich progress bar fed by the importer's progress callback (bytes done / total)."""

    def __init__(self, console, *, enabled: bool):
        self.console = console
        self.enabled = enabled and console.is_terminal
        self.bar = None
        self.tasks = {}

    def __enter__(self):
        if not self.enabled:
            return None
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                            console=self.console, transient=True)
        self.bar.__enter__()
        return self.update

    def update(self, phase: str, done: int, total: int):
        if phase not in self.tasks:
            self.tasks[phase] = self.bar.add_task(phase.capitalize(), total=total)
        self.bar.update(self.tasks[phase], completed=done, total=total)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
        return False


def _print_summary(out, result) -> None:
    from rich.table import Table

    verb = {"loaded": "Loaded", "rejected": "Rejected: nothing was written",
            "dry_run": "Dry run: nothing was written"}[result.status]
    table = Table(title=f"{verb} ({result.rows_read} rows read)", title_justify="left")
    table.add_column("table")
    for name in ("read", "created", "updated", "unchanged"):
        table.add_column(name, justify="right")
    for name, counts in result.counts.items():
        table.add_row(name, *(str(counts[k]) for k in ("read", "created", "updated", "unchanged")))
    out.print(table)
    if result.text:
        out.print(result.text, markup=False, highlight=False, soft_wrap=True)
    if result.problem_count:
        out.print(f"{result.problem_count} problem{'s' if result.problem_count > 1 else ''} "
                  "found, so nothing was written." if result.status != "dry_run" else
                  f"{result.problem_count} problem(s) found.", markup=False)
    if result.report_path:
        out.print(f"Report: {result.report_path}", markup=False)
