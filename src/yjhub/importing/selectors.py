from yjhub.importing.models import ImportRun


def import_run_latest(*, status: str = "loaded") -> ImportRun | None:
    return ImportRun.objects.filter(status=status).order_by("-started_at").first()


def import_run_list(*, limit: int = 50) -> list[ImportRun]:
    return list(ImportRun.objects.order_by("-started_at")[:limit])
