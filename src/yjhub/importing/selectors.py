from django.db.models import QuerySet

from yjhub.importing.models import ImportRun


def import_run_latest(*, status: str = "loaded") -> ImportRun | None:
    return ImportRun.objects.filter(status=status).order_by("-started_at").first()


def import_run_list(*, limit: int = 50) -> list[ImportRun]:
    return list(ImportRun.objects.order_by("-started_at")[:limit])


def casedata_keys_existing(*, table: str, values: list[str]) -> set[str]:
    """Which of ``values`` are keys of rows already in ``table`` (a single-key table)."""
    from yjhub.casedata.models import MODELS

    model = MODELS[table]
    return set(model.objects.filter(pk__in=values).values_list("pk", flat=True))


def import_runs() -> QuerySet:
    """Every import run, newest first, with who ran it."""
    return ImportRun.objects.select_related("user").order_by("-started_at", "-pk")


def import_run_confirmed_by(*, run: ImportRun) -> ImportRun | None:
    """The load that followed a dry run of the same upload, if there was one."""
    return ImportRun.objects.filter(source=run.source, status__in=["loaded", "rejected"],
                                    started_at__gte=run.started_at).exclude(pk=run.pk) \
        .order_by("started_at").first()


def import_runs_loaded_after(*, runs: list[ImportRun]) -> set[int]:
    """Which of these dry runs were followed by a load of the same upload (one query)."""
    checks = [run for run in runs if run.status == "dry_run"]
    if not checks:
        return set()
    later: dict[str, list] = {}
    for source, started in ImportRun.objects.filter(
            source__in={run.source for run in checks},
            status__in=["loaded", "rejected"]).values_list("source", "started_at"):
        later.setdefault(source, []).append(started)
    return {run.pk for run in checks
            if any(started >= run.started_at for started in later.get(run.source, []))}
