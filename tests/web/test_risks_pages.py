"""The risk register pages: import (whole or nothing), the register with its heat maps and its
disagreements flagged, editing a risk (history and audit), the Excel export."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.web.performance_support import page, table

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parents[1] / "risks" / "fixtures" / "leicestershire-2019-20-risks.xlsx"


def _upload(client, data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post("/risks/import/", {"file": SimpleUploadedFile(name, data)})


def _import(client):
    response = _upload(client, FIXTURE.read_bytes(), FIXTURE.name)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response.url


def test_import_the_seed_register_and_see_it_flagged(client_as):
    from yjhub.audit.models import AuditEvent

    client = client_as("head_of_service")
    url = _import(client)
    root = page(client.get(url))
    text = root.text
    assert "Impact and likelihood 1-3, 1 is the highest level of risk; score = impact × " \
           "likelihood" in text
    # the three disagreements under the product rule, worked out in
    # tests/risks/test_leicestershire_fixture.py
    assert text.count("Check score") == 3
    assert "Inherent score written as 5, but 2 × 3 = 6 (rule: product)" in text
    assert "Residual score written as 2, but 2 × 2 = 4 (rule: product)" in text
    assert "check the register's direction" in text
    svgs = list(root.find_all("svg"))
    assert len(svgs) == 2 and all(s.attrs.get("role") == "img" for s in svgs)
    # the table alternative: 1 is highest, so likelihood runs 3, 2, 1 and impact 1 is on top
    rows = table(root, "Inherent risk: risks by impact")
    assert rows[0] == ["Impact", "Likelihood 3", "Likelihood 2", "Likelihood 1"]
    assert rows[1][0] == "1" and rows[3][0] == "3"
    assert rows[2][2] == "Amber: R1, R2"       # impact 2, likelihood 2
    assert rows[2][1] == "Green: R3, R4"       # impact 2, likelihood 3 (3 is lowest here)
    assert rows[3][3] == "Amber: R5"           # impact 3, likelihood 1
    assert AuditEvent.objects.filter(action="create", table="risk_register",
                                     detail__contains="5 risks from").exists()


def test_a_bad_workbook_loads_nothing_and_names_every_problem(client_as):
    from openpyxl import load_workbook as load

    from yjhub.risks.models import Register

    book = load(FIXTURE)
    book["Risks"]["F3"] = 4          # impact 4 on a 1-3 scale
    book["Risks"]["G5"] = "often"    # not a number
    out = io.BytesIO()
    book.save(out)
    client = client_as("performance_officer")
    response = _upload(client, out.getvalue(), "bad.xlsx")
    assert response.status_code == 200
    rows = table(page(response), "Problems found")
    assert rows[1:] == [
        ["Risks", "3", "F (Impact)", "4", "Impact must be from 1 to 3 (the register's scale)"],
        ["Risks", "5", "G (Likelihood)", "often", "Likelihood must be a whole number"]]
    assert not Register.objects.exists()


def test_editing_a_risk_keeps_its_history(client_as):
    from yjhub.audit.models import AuditEvent
    from yjhub.risks.models import Risk

    client = client_as("head_of_service")
    _import(client)
    risk = Risk.objects.get(ref="R3")
    form = {"ref": "R3", "title": risk.title, "owner": risk.owner, "impact": "2",
            "likelihood": "2", "score_written": "4", "residual_impact": "2",
            "residual_likelihood": "1", "residual_score_written": "2",
            "effective_on_day": "15", "effective_on_month": "11", "effective_on_year": "2019"}
    base = f"/risks/{risk.register_id}/{risk.pk}/"
    # the form opens with the risk's levels chosen (impact 2, likelihood 3, residual 2 and 2)
    checked = {(i.attrs["name"], i.attrs["value"])
               for i in page(client.get(base + "edit/")).find_all("input", type="radio")
               if "checked" in i.attrs}
    assert checked == {("impact", "2"), ("likelihood", "3"), ("residual_impact", "2"),
                       ("residual_likelihood", "2")}
    response = client.post(base + "edit/", form)
    assert response.status_code == 302, page(response).text[:3000]
    risk.refresh_from_db()
    assert (risk.likelihood, risk.score_written, risk.residual_likelihood) == (2, 4, 1)
    assert risk.disagreements == []  # 2 x 2 = 4, 2 x 1 = 2
    history = table(page(client.get(base)), "Each change of levels or scores")
    assert [r[0] for r in history[1:]] == ["15 Nov 2019", "6 Aug 2019"]
    event = AuditEvent.objects.filter(table="risk", action="update").latest("id")
    assert event.changes["likelihood"] == [3, 2]
    assert event.actor_name == "test-head_of_service"
    # a level off the scale is refused with its field named
    response = client.post(base + "edit/", {**form, "impact": "4"})
    assert "Impact must be from 1 to 3" in page(response).text


def test_register_settings_open_with_the_register_s_choices(client_as):
    client = client_as("head_of_service")
    url = _import(client)
    checked = {(i.attrs["name"], i.attrs["value"])
               for i in page(client.get(url + "settings/")).find_all("input", type="radio")
               if "checked" in i.attrs}
    assert checked == {("scale_max", "3"), ("direction", "low"), ("rule", "product")}


def test_export_reads_back(client_as):
    client = client_as("head_of_service")
    url = _import(client)
    viewer = client_as("team_manager")
    response = viewer.get(url + "export/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["Risks"].iter_rows(values_only=True))
    assert rows[0][-3:] == ("Risk score worked out", "Residual risk score worked out",
                            "Scores disagree")
    r4 = next(r for r in rows if r[0] == "R4")
    assert r4[5:8] == (2, 3, 5) and r4[-3:-1] == (6, 2)
    assert r4[-1] == "Inherent score written as 5, but 2 × 3 = 6 (rule: product)"
    # the team manager may read the register but not change it
    assert viewer.get("/risks/new/").status_code == 403
