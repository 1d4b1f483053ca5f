"""The import screens: upload, dry run and its report, then confirm and load (with one audit
event in the load's transaction). A file with a problem writes nothing."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yjhub.accounts.models import User
from yjhub.audit.models import AuditEvent
from yjhub.casedata.models import Child, Service
from yjhub.importing.models import ImportRun

pytestmark = pytest.mark.django_db

HEADER = "child_id,service_id,given_name,family_name,date_of_birth,sex,ethnicity"


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    settings.IMPORT_DIR = tmp_path / "imports"
    return settings.IMPORT_DIR


def child_csv(*rows: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("child.csv", "\n".join([HEADER, *rows]).encode(), "text/csv")


def service_id() -> str:
    return Service.objects.get().pk


def upload(client, file):
    return client.post("/imports/", {"file": file})


def run_of(response) -> ImportRun:
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportRun.objects.get(pk=int(re.fullmatch(r"/imports/(\d+)/", response.url)[1]))


@pytest.mark.parametrize("role", ["practitioner", "team_manager", "board_member",
                                  "case_auditor", "administrator"])
def test_only_performance_officer_and_head_of_service_import(client_as, role):
    assert client_as(role).get("/imports/").status_code == 403
    assert client_as(role).post("/imports/", {"file": child_csv()}).status_code == 403


def test_a_bad_date_is_reported_with_row_column_and_value_and_nothing_is_written(client_as):
    client = client_as("performance_officer")
    children_before = Child.objects.count()
    response = upload(client, child_csv(f"CW1,{service_id()},Ann,Able,2010-04-01,F,",
                                        f"CW2,{service_id()},Ben,Baker,31/02/2010,M,"))
    run = run_of(response)
    assert (run.status, run.problem_count, run.rows_read) == ("dry_run", 1, 2)
    assert run.user == User.objects.get(username="test-performance_officer")

    page = client.get(response.url).content.decode()
    assert "child.csv has problems" in page
    assert "Nothing was written" in page
    assert ('<td class="govuk-table__cell">child.csv</td>\n'
            '    <td class="govuk-table__cell govuk-table__cell--numeric">3</td>\n'
            '    <td class="govuk-table__cell">date_of_birth</td>\n'
            '    <td class="govuk-table__cell"><code>31/02/2010</code></td>\n'
            '    <td class="govuk-table__cell">not a real date (day/month/year)</td>') in page
    assert "Confirm and load" not in page
    assert Child.objects.count() == children_before
    assert not Child.objects.filter(pk__in=["CW1", "CW2"]).exists()
    assert not AuditEvent.objects.filter(action="import").exists()
    assert client.post(response.url).status_code == 302  # a forced confirm does nothing
    assert not Child.objects.filter(pk="CW1").exists()
    assert not Path(run.source).exists()  # the upload is not kept


def test_journey_a_bad_file_then_the_corrected_one(client_as):
    """The performance officer uploads an export with a bad date, reads the problem, uploads
    the corrected file and loads it."""
    client = client_as("performance_officer")
    bad = run_of(upload(client, child_csv(f"CW1,{service_id()},Ann,Able,1/13/2010,F,")))
    page = client.get(f"/imports/{bad.pk}/").content.decode()
    assert "<code>1/13/2010</code>" in page and "date_of_birth" in page
    assert not Child.objects.filter(pk="CW1").exists()

    good = run_of(upload(client, child_csv(f"CW1,{service_id()},Ann,Able,13/1/2010,F,")))
    assert "Confirm and load" in client.get(f"/imports/{good.pk}/").content.decode()
    loaded = run_of(client.post(f"/imports/{good.pk}/"))
    assert loaded.status == "loaded"
    assert str(Child.objects.get(pk="CW1").date_of_birth) == "2010-01-13"
    assert AuditEvent.objects.filter(action="import", record_id=str(loaded.pk)).count() == 1


def test_a_checked_upload_can_be_discarded_instead(client_as):
    client = client_as("performance_officer")
    checked = run_of(upload(client, child_csv(f"CW1,{service_id()},Ann,Able,2010-04-01,F,")))
    assert Path(checked.source).exists()
    client.post(f"/imports/{checked.pk}/", {"action": "discard"})
    assert not Path(checked.source).exists()
    page = client.get(f"/imports/{checked.pk}/").content.decode()
    assert "Confirm and load" not in page
    assert "The upload child.csv was removed without loading it." in page
    assert client.post(f"/imports/{checked.pk}/").status_code == 302
    assert not Child.objects.filter(pk="CW1").exists()


def test_the_full_report_downloads_and_the_download_is_logged(client_as):
    client = client_as("performance_officer")
    run = run_of(upload(client, child_csv(f"CW2,{service_id()},Ben,Baker,31/02/2010,M,")))
    response = client.get(f"/imports/{run.pk}/problems.csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content)
                                           .decode("utf-8-sig"))))
    assert rows == [{"file": "child.csv", "sheet": "", "row": "2", "column": "date_of_birth",
                     "value": "31/02/2010", "problem": "not a real date (day/month/year)"}]
    [export] = AuditEvent.objects.filter(action="export")
    assert export.detail == f"Problem report of import run {run.pk} (child.csv) as CSV"


def test_only_the_first_100_problems_are_listed(client_as):
    rows = [f"CW{i},{service_id()},A,B,not a date,F," for i in range(130)]
    client = client_as("performance_officer")
    response = upload(client, child_csv(*rows))
    page = client.get(response.url).content.decode()
    assert "Problems: the first 100 of 130" in page
    assert page.count("<code>not a date</code>") == 100
    assert "And 30 more problems." in page
    assert "Download the full report" in page


def test_a_clean_file_is_checked_then_loaded_on_confirmation(client_as):
    client = client_as("performance_officer")
    children_before = Child.objects.count()
    response = upload(client, child_csv(f"CW1,{service_id()},Ann,Able,2010-04-01,F,WBRI",
                                        f"CW2,{service_id()},Ben,Baker,02/03/2011,M,"))
    checked = run_of(response)
    assert (checked.status, checked.problem_count) == ("dry_run", 0)
    assert checked.counts["child"] == {"read": 2, "created": 2, "updated": 0, "unchanged": 0}
    assert Child.objects.count() == children_before  # a check writes nothing

    page = client.get(response.url).content.decode()
    assert "Check of child.csv" in page
    assert "Would create" in page
    assert ('<th scope="row" class="govuk-table__header">child</th>\n'
            '      <td class="govuk-table__cell govuk-table__cell--numeric">2</td>\n'
            '      <td class="govuk-table__cell govuk-table__cell--numeric">2</td>') in page
    assert "Confirm and load" in page

    loaded_response = client.post(response.url)
    loaded = run_of(loaded_response)
    assert loaded.pk != checked.pk
    assert (loaded.status, loaded.user.username) == ("loaded", "test-performance_officer")
    assert loaded.counts["child"] == {"read": 2, "created": 2, "updated": 0, "unchanged": 0}
    ann = Child.objects.get(pk="CW1")
    assert (ann.given_name, str(ann.date_of_birth), ann.ethnicity, ann.ethnic_group) == (
        "Ann", "2010-04-01", "white_british", "white")
    assert str(Child.objects.get(pk="CW2").date_of_birth) == "2011-03-02"
    assert Child.objects.count() == children_before + 2

    [event] = AuditEvent.objects.filter(action="import")
    assert (event.table, event.record_id, event.actor_name) == (
        "import_run", str(loaded.pk), "test-performance_officer")
    assert event.detail == (f"Import run {loaded.pk} of child.csv: 2 created, 0 updated, "
                            "0 unchanged; child: 2 created, 0 updated")
    assert event.changes == {"counts": loaded.counts}

    page = client.get(loaded_response.url).content.decode()
    assert "child.csv loaded: 2 created, 0 updated, 0 unchanged; child: 2 created, 0 updated." \
        in page
    assert "What was loaded" in page

    # The check cannot be loaded twice: it links to the load instead.
    again = client.get(response.url).content.decode()
    assert "Confirm and load" not in again
    assert f'href="/imports/{loaded.pk}/"' in again
    client.post(response.url)
    assert ImportRun.objects.filter(status="loaded", pk__gt=checked.pk).count() == 1
    assert "Checked, then loaded" in client.get("/imports/").content.decode()


def test_the_load_and_its_audit_event_are_one_transaction(client_as, monkeypatch):
    """If the audit event cannot be written, nothing of the load is kept."""
    from django.db import DatabaseError

    from yjhub.importing import views

    client = client_as("performance_officer")
    checked = run_of(upload(client, child_csv(f"CW1,{service_id()},Ann,Able,2010-04-01,F,")))

    def refuse(**kwargs):
        raise DatabaseError("audit trail unavailable")

    monkeypatch.setattr(views, "audit_event_record", refuse)
    result = run_of(client.post(f"/imports/{checked.pk}/"))
    assert result.status == "rejected"
    assert not Child.objects.filter(pk="CW1").exists()
    assert not AuditEvent.objects.filter(action="import").exists()


def test_a_zip_of_several_files_is_checked_together(client_as):
    from yjhub.casedata.models import Offence

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("export/child.csv", f"{HEADER}\nCW1,{service_id()},Ann,Able,"
                         "2010-04-01,F,\n")
        archive.writestr("export/offence.csv", "offence_id,child_id,committed_date,"
                         "offence_category,gravity_score\nFW1,CW1,2024-05-06,robbery,5\n")
        archive.writestr("__MACOSX/._child.csv", "junk")
    client = client_as("head_of_service")
    run = run_of(upload(client, SimpleUploadedFile("export.zip", buffer.getvalue())))
    assert run.problem_count == 0
    assert run.counts["child"]["created"] == 1 and run.counts["offence"]["created"] == 1
    assert "Check of export.zip" in client.get(f"/imports/{run.pk}/").content.decode()
    loaded = run_of(client.post(f"/imports/{run.pk}/"))
    assert loaded.status == "loaded"
    assert Offence.objects.get(pk="FW1").child_id == "CW1"


@pytest.mark.parametrize("file, message", [
    (SimpleUploadedFile("notes.docx", b"hello"),
     'The selected file "notes.docx" must be a CSV, Excel (.xlsx), Parquet or .zip file'),
    (SimpleUploadedFile("child.csv", b""), 'The selected file "child.csv" is empty'),
    (SimpleUploadedFile("export.zip", b"not a zip"), "export.zip cannot be opened as a zip file"),
    (None, "Select a file to import"),
])
def test_a_file_that_cannot_be_imported_is_refused_with_a_reason(client_as, file, message):
    client = client_as("performance_officer")
    runs_before = ImportRun.objects.count()
    response = client.post("/imports/", {"file": file} if file else {})
    assert response.status_code == 200
    page = response.content.decode().replace("&quot;", '"')
    assert "There is a problem" in page
    assert f'<a href="#id_file">{message}</a>' in page
    assert ImportRun.objects.count() == runs_before


def test_a_file_over_the_size_limit_is_not_stored(client_as, monkeypatch, import_dir):
    from yjhub.importing import uploads

    monkeypatch.setattr(uploads, "UPLOAD_LIMIT", 100)
    client = client_as("performance_officer")
    runs_before = ImportRun.objects.count()
    response = upload(client, child_csv(*[f"CW{i},{service_id()},A,B,2010-04-01,F,"
                                          for i in range(20)]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The file must be smaller than 100 bytes: split the export into parts and import " \
        "each" in page
    assert ImportRun.objects.count() == runs_before
    assert not (import_dir / "uploads").exists() or not any((import_dir / "uploads").iterdir())


def test_the_imports_page_lists_runs_with_who_and_counts(client_as):
    client = client_as("performance_officer")
    run = run_of(upload(client, child_csv(f"CW1,{service_id()},Ann,Able,2010-04-01,F,")))
    page = client.get("/imports/").content.decode()
    assert f'href="/imports/{run.pk}/"' in page
    assert "test-performance_officer" in page
    assert "Checked: ready to load" in page
