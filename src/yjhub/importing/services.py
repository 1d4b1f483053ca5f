"""Importing case-management exports: check everything, then load all of it or none of it.

``import_run_create`` is the one entry point (the command line and the web app call it):

1. check every row of every file (``checking.check_import``) without writing anything;
2. if any problem was found, write nothing: record a rejected ``ImportRun`` and the CSV report;
3. otherwise read the files again and upsert every table, parents first, inside one transaction:
   rows are matched on the table's key, new rows created, changed rows updated and unchanged rows
   counted; a dry run does the same comparisons and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from yjhub.casedata.models import MODELS
from yjhub.importing.checking import Progress, Stream, check_import, stream_rows
from yjhub.importing.mapping import Mapping, load_mapping
from yjhub.importing.models import ImportRun
from yjhub.importing.problems import Problem, ProblemLog
from yjhub.importing.readers import SourceError
from yjhub.importing.selectors import casedata_keys_existing
from yjhub.schema import table as schema_table

BATCH = 1000


class ImportSetupError(ValueError):
    """The import cannot start: the path does not exist, or the mapping file is unusable."""


@dataclass
class ImportResult:
    status: str  # loaded, rejected, dry_run
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # the first 1,000
    problem_count: int = 0
    warnings: list[Problem] = field(default_factory=list)
    warning_count: int = 0
    report_path: Path | None = None
    rows_read: int = 0
    run: ImportRun | None = None
    text: str = ""  # problems and warnings as text, capped

    @property
    def ok(self) -> bool:
        return self.problem_count == 0


def import_run_create(*, path, mapping_path=None, dry_run: bool = False, actor: str, user=None,
                      report_dir=None, report_path=None,
                      progress: Progress | None = None,
                      on_loaded: Callable[[ImportRun], None] | None = None) -> ImportResult:
    """Check and load an export (a folder, workbook or file). Raises ImportSetupError when it
    cannot start; every problem in the data is reported in the result instead.

    ``on_loaded(run)`` is called inside the load's transaction once the run is recorded (not
    for a dry run, nor when nothing was loaded): the web app writes the import's audit event
    there, so the event and the data are committed together or not at all."""
    started = timezone.now()
    path = Path(path)
    try:
        mapping = load_mapping(mapping_path)
    except ValueError as error:
        raise ImportSetupError(str(error)) from None
    log = ProblemLog()
    try:
        try:
            checked = check_import(path, mapping, log, progress=progress,
                                   existing_keys=lambda t, vs: casedata_keys_existing(
                                       table=t, values=vs))
        except SourceError as error:
            raise ImportSetupError(str(error)) from None
        counts = {name: {"read": n, "created": 0, "updated": 0, "unchanged": 0}
                  for name, n in checked.read.items()}
        run = ImportRun(started_at=started, actor=actor[:150], user=user,
                        source=str(path)[:500],
                        mapping=str(mapping_path or "")[:500], rows_read=checked.rows_read)
        status = "dry_run" if dry_run else "loaded"
        if not log.has_problems:
            try:
                with transaction.atomic():
                    _load(checked.sources, mapping, counts, write=not dry_run, log=log,
                          progress=progress)
                    if log.has_problems:  # a file changed between the passes
                        raise _Abandon
                    if not dry_run:
                        _record(run, status, counts, log, report_dir, report_path)
                        if on_loaded is not None:
                            on_loaded(run)
            except _Abandon:
                run.pk = None
            except (DatabaseError, IntegrityError) as error:
                run.pk = None
                log.add(problem=f"the database refused the load, so nothing was written: "
                        f"{str(error).strip().splitlines()[0] if str(error).strip() else error}")
        if log.has_problems:
            status = "dry_run" if dry_run else "rejected"
            if not dry_run:
                for table_counts in counts.values():
                    table_counts.update(created=0, updated=0, unchanged=0)
        if run.pk is None:
            _record(run, status, counts, log, report_dir, report_path)
        if status == "loaded":
            _statistics_refresh()
        report = Path(run.report_path) if run.report_path else None
        return ImportResult(
            status=status, counts=counts, problems=list(log.problems),
            problem_count=log.problem_count, warnings=list(log.warnings),
            warning_count=log.warning_count, report_path=report, rows_read=checked.rows_read,
            run=run, text=log.text(report_path=report))
    finally:
        log.close()


def _statistics_refresh() -> None:
    """After a load, let PostgreSQL's planner see the new row counts at once (autovacuum would
    take a while; until then a query straight after an import can be 20 times slower)."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class _Abandon(Exception):
    """Roll the transaction back without a database error."""


def _record(run: ImportRun, status, counts, log: ProblemLog, report_dir, report_path) -> None:
    run.finished_at = timezone.now()
    run.status = status
    run.counts = counts
    run.problem_count = log.problem_count
    if not log.empty:
        if report_path is None:
            folder = Path(report_dir) if report_dir else Path(settings.IMPORT_DIR)
            stamp = timezone.localtime(run.started_at).strftime("%Y%m%d-%H%M%S-%f")
            report_path = folder / f"import-{stamp}-problems.csv"
        run.report_path = str(log.write_csv(Path(report_path)))[:500]
    run.save()


def _load(sources, mapping: Mapping, counts, *, write: bool, log: ProblemLog,
          progress: Progress | None) -> None:
    """The second pass: read the files again and upsert every table in schema order."""
    total = sum(s.size for s in sources) or 1
    done_before = 0
    log.drop_warnings = True  # reported by the first pass already
    for source in sources:
        def consume(stream: Stream, source=source, done_before=done_before):
            batch = []
            for _number, record, faults in stream.rows:
                if faults:
                    log.add(file=source.file, sheet=source.sheet, row=_number,
                            problem="the file changed while it was being imported")
                    return
                batch.append(record)
                if len(batch) >= BATCH:
                    _upsert(source.table, batch, stream.present, counts[source.table], write)
                    batch = []
                    if progress:
                        progress("loading", done_before + stream.position(), total)
            if batch:
                _upsert(source.table, batch, stream.present, counts[source.table], write)

        stream_rows(source, mapping, log, consume)
        done_before += source.size
        if progress:
            progress("loading", done_before, total)


def _upsert(table_name: str, records: list[dict], present: list[str], counts: dict,
            write: bool) -> None:
    """Create, update or leave each record, matching existing rows on the table's key."""
    table = schema_table(table_name)
    model = MODELS[table_name]
    key_columns = table.key
    fields = [c for c in present if c not in key_columns]
    if table.has_single_key:
        key = key_columns[0]
        existing = model.objects.in_bulk([r[key] for r in records])
        def key_of(record):
            return record[key]
    else:
        first = key_columns[0]
        query = model.objects.filter(**{f"{first}__in": {r[first] for r in records}})
        existing = {tuple(getattr(o, k) for k in key_columns): o for o in query}
        def key_of(record):
            return tuple(record[k] for k in key_columns)
    new, changed, changed_fields = [], [], set()
    for record in records:
        current = existing.get(key_of(record))
        if current is None:
            new.append(model(**record))
            continue
        differs = [f for f in fields if getattr(current, f) != record[f]]
        if differs:
            for name in differs:
                setattr(current, name, record[name])
            changed.append(current)
            changed_fields.update(differs)
    counts["created"] += len(new)
    counts["updated"] += len(changed)
    counts["unchanged"] += len(records) - len(new) - len(changed)
    if write:
        if new:
            model.objects.bulk_create(new, batch_size=500)
        if changed:
            model.objects.bulk_update(changed, sorted(changed_fields), batch_size=500)


def default_actor() -> str:
    """The operating-system account, for imports from the command line."""
    import getpass

    try:
        return f"{getpass.getuser()} (command line)"
    except (KeyError, OSError):
        return "command line"


__all__ = ["ImportResult", "ImportSetupError", "default_actor", "import_run_create"]
