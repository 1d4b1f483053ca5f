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
