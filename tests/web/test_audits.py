"""Case audits on the demo service: creating an audit draws a sample that mirrors the caseload;
a case auditor sees exactly the sampled children of their open audits; answers are saved,
audited, moderated and scored; the scoring report reads back in Word, PDF and HTML."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db

CCI = ("hmip-cci-2009", "2009.1")


def _user(role: str):
    from yjhub.accounts.models import User

    return User.objects.get(username=f"test-{role}")


def _audit(size: int = 40, seed: int = 11):
    from yjhub.audits.selectors import frameworks_all
    from yjhub.audits.services import audit_create

    today = timezone.localdate()
    return audit_create(user=_user("performance_officer"), framework=frameworks_all()[CCI],
                        title="Autumn audit", period_start=today - dt.timedelta(days=365),
                        period_end=today, size=size, seed=seed)


def test_creating_an_audit_draws_a_sample_like_the_caseload(client_as):
    from yjhub.audit.models import AuditEvent
    from yjhub.audits.models import Audit

    browser = client_as("performance_officer")
    assert browser.get("/audits/new/").status_code == 200
    today = timezone.localdate()
    start = today - dt.timedelta(days=365)
    response = browser.post("/audits/new/", {
        "framework": "hmip-cci-2009@2009.1", "title": "Autumn audit",
        "period_start_day": start.day, "period_start_month": start.month,
        "period_start_year": start.year, "period_end_day": today.day,
        "period_end_month": today.month, "period_end_year": today.year,
        "size": "40", "seed": "2026"})
    audit = Audit.objects.get(title="Autumn audit")
    assert response.status_code == 302 and response.url == f"/audits/{audit.pk}/"
    assert audit.cases.count() == 40 and audit.seed == 2026
    # Each case type's count is its proportional share of the 40, rounded down or up (case
    # type is the first stratum the sample is shared out by).
    counts = audit.caseload_counts["case_type"]
    total = sum(counts.values())
    assert total == audit.caseload_size
    drawn = {t: audit.cases.filter(case_type=t).count() for t in counts}
    for case_type, n in counts.items():
        assert abs(drawn[case_type] - 40 * n / total) < 1, (case_type, drawn, counts)
    # The same seed draws the same children again.
    again = _audit(seed=2026)
    assert list(again.cases.values_list("child_id", flat=True)) == \
        list(audit.cases.values_list("child_id", flat=True))
    page = browser.get(f"/audits/{audit.pk}/").content.decode()
    assert "How the sample compares with the caseload" in page
    assert f"40 of {audit.caseload_size} cases" in page
    created = AuditEvent.objects.get(table="audit", action="create", record_id=str(audit.pk))
    assert created.changes["seed"] == [None, 2026]
    assert sorted(created.changes["children"]) == sorted(
        audit.cases.values_list("child_id", flat=True))


def test_a_case_auditor_sees_exactly_the_sampled_children_of_their_audits(client_as, demo):
    from yjhub.audit.models import AuditEvent
    from yjhub.audits.services import audit_assessors_assign
    from yjhub.casedata.models import Child
    from yjhub.casedata.selectors import children_visible

    auditor = _user("case_auditor")
    assert not children_visible(user=auditor).exists()  # no audit yet
    audit = _audit()
    other = _audit(seed=99)  # an audit they are not given
    audit_assessors_assign(user=_user("performance_officer"), audit=audit,
                           assessors=[auditor])
    sampled = set(audit.cases.values_list("child_id", flat=True))
    auditor = _user("case_auditor")  # fresh: roles and teams are cached on the user
    assert set(children_visible(user=auditor).values_list("child_id", flat=True)) == sampled

    browser = client_as("case_auditor")
    child_id = sorted(sampled)[0]
    assert browser.get(f"/children/{child_id}/").status_code == 200
    assert AuditEvent.objects.filter(actor=auditor, action="view", child_id=child_id,
                                     table="child").exists()
    outside = Child.objects.exclude(pk__in=sampled).order_by("pk").first()
    assert browser.get(f"/children/{outside.pk}/").status_code == 404
    assert browser.get(f"/audits/{other.pk}/").status_code == 404
    mine = audit.cases.order_by("position").first()
    page = browser.get(f"/audits/{audit.pk}/cases/{mine.pk}/")
    assert page.status_code == 200 and "Open the child’s record" in page.content.decode()
    assert AuditEvent.objects.filter(actor=auditor, table="audit_case", action="view",
                                     child_id=mine.child_id).exists()

    # Once the audit is complete the records are closed to them again.
    audit.status = "complete"
    audit.save()
    assert not children_visible(user=_user("case_auditor")).exists()
    assert browser.get(f"/children/{child_id}/").status_code == 404


def _answers_post(questions, answer="sufficient", done=True, evidence="Seen in the plan"):
    from yjhub.audits.forms import field_key

    data = {f"q_{field_key(q.id)}": answer for q in questions}
    data |= {f"e_{field_key(q.id)}": evidence for q in questions}
    if done:
        data["done"] = "1"
    return data


def test_answering_moderating_and_scoring(client_as):
    from yjhub.audit.models import AuditEvent
    from yjhub.audits.models import AuditAnswer
    from yjhub.audits.selectors import audit_scores, framework_of
    from yjhub.audits.services import audit_assessors_assign

    audit = _audit(size=38)
    auditor = _user("case_auditor")
    audit_assessors_assign(user=_user("performance_officer"), audit=audit,
                           assessors=[auditor])
    framework = framework_of(audit)
    browser = client_as("case_auditor")
    first = audit.cases.order_by("position").first()
    questions = framework.questions_for(first.case_type)
    url = f"/audits/{audit.pk}/cases/{first.pk}/"

    # Marking done with a question unanswered is refused, naming it; nothing is saved.
    partial = _answers_post(questions[1:])
    response = browser.post(url, partial)
    assert response.status_code == 200
    assert f"Answer question {questions[0].id} before marking the case done" in \
        response.content.decode()
    assert not AuditAnswer.objects.filter(case=first).exists()

    # Every question insufficient but the first, which is sufficient.
    data = _answers_post(questions, answer="insufficient")
    data[f"q_{questions[0].id.replace('.', '_')}"] = "sufficient"
    response = browser.post(url, data)
    assert response.status_code == 302
    assert AuditAnswer.objects.filter(case=first).count() == len(questions)
    event = AuditEvent.objects.filter(table="audit_case", action="update",
                                      record_id=str(first.pk)).get()
    assert event.changes[questions[0].id] == [None, "sufficient"]
    assert event.changes[f"{questions[0].id} evidence"] == [None, "Seen in the plan"]
    assert event.child_id == first.child_id

    # Changing one answer records old -> new.
    data[f"q_{questions[1].id.replace('.', '_')}"] = "not_applicable"
    browser.post(url, data)
    change = AuditEvent.objects.filter(table="audit_case", record_id=str(first.pk)) \
        .order_by("-id").first()
    assert change.changes == {questions[1].id: ["insufficient", "not_applicable"]}

    # Scores: the first question 1 of 1 sufficient; questions[1] not applicable, so its
    # criterion pools the others: 1.1.1 sufficient, 1.1.2 not applicable, 11 insufficient in
    # 1.1 (13 questions) -> 1 of 12.
    scores = audit_scores(audit=audit)
    assert scores.questions[questions[0].id].score.answered == 1
    criterion = scores.criteria[questions[0].criterion_id]
    assert questions[0].criterion_id == "1.1"
    assert (criterion.score.sufficient, criterion.score.answered) == (1, 12)

    # The case auditor cannot open a case they were not given.
    another = audit.cases.exclude(assessor=auditor).first()
    if another is not None:
        assert browser.get(f"/audits/{audit.pk}/cases/{another.pk}/").status_code == 404

    # Moderation by the team manager, then a recommendation.
    manager = client_as("team_manager")
    response = manager.post(url, {"action": "moderate", "note": "Agreed, 1.1.2 checked"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.moderated_by == _user("team_manager")
    response = manager.post(f"/audits/{audit.pk}/recommendations/", {
        "text": "A timely and good quality assessment of Risk of Harm is completed at the start",
        "owner": "YOS Head of Service", "criteria": ["1.1"]})
    assert response.status_code == 302
    from yjhub.audits.selectors import recommendations_of

    (recommendation,) = recommendations_of(audit)
    assert recommendation.reference == f"{audit.reference}-R1"
    assert recommendation.criteria == ["1.1"]
    page = manager.get(f"/audits/{audit.pk}/scores/").content.decode()
    assert "Headline scores" in page and "37%" in page and "91%" in page  # comparators


def test_the_scoring_report_reads_back_in_every_format(client_as):
    import docx
    import pypdf

    from yjhub.audits.models import AuditAnswer
    from yjhub.audits.selectors import framework_of

    audit = _audit(size=38)
    framework = framework_of(audit)
    officer = _user("performance_officer")
    now = timezone.now()
    # Section 3 of every case: 3.1 questions sufficient in every case, 3.2 insufficient:
    # the summary shows 3.1 at 100%, 3.2 at 0%.
    rows = []
    for case in audit.cases.all():
        for q in framework.questions_for(case.case_type):
            if q.criterion_id in ("3.1", "3.2"):
                rows.append(AuditAnswer(case=case, question_id=q.id, answered_by=officer,
                                        answered_at=now, answer="sufficient"
                                        if q.criterion_id == "3.1" else "insufficient"))
    AuditAnswer.objects.bulk_create(rows)
    browser = client_as("performance_officer")
    html = browser.get(f"/audits/{audit.pk}/report.html")
    assert html.status_code == 200 and html["Content-Type"].startswith("text/html")
    text = html.content.decode()
    assert "Headline scores" in text and "Wales and the English regions" in text
    assert re.search(r"3\.1 Achievement of outcomes</t[hd]>\s*<td[^>]*>100%", text)

    pdf = browser.get(f"/audits/{audit.pk}/report.pdf")
    assert pdf.status_code == 200
    pages = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Strengths and areas for improvement" in pages and "3.2 Sustaining outcomes" in pages

    word = browser.get(f"/audits/{audit.pk}/report.docx")
    document = docx.Document(io.BytesIO(word.content))
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    achievement = next(r for r in cells if r[0] == "3.1 Achievement of outcomes")
    assert achievement[1] == "100%"
    sustaining = next(r for r in cells if r[0] == "3.2 Sustaining outcomes")
    assert sustaining[1] == "0%" and "DRASTIC" in sustaining[-1]
    # No child is named in the report.
    some_child = audit.cases.first().child_id
    assert some_child not in text and some_child not in pages


def test_recording_inspection_grades_and_epqa_scores(client_as):
    from yjhub.audit.models import AuditEvent
    from yjhub.audits.models import SelfAssessment

    browser = client_as("performance_officer")
    today = timezone.localdate()
    response = browser.post("/self-assessments/new/", {
        "framework": "yjb-epqa@2005.1", "title": "EPQA 2007", "assessed_on_day": today.day,
        "assessed_on_month": today.month, "assessed_on_year": today.year})
    made = SelfAssessment.objects.get(title="EPQA 2007")
    assert response.url == f"/self-assessments/{made.pk}/"
    # A score outside 1 to 4 is refused, naming the theme, the column and the value; nothing
    # is saved.
    bad = browser.post(f"/self-assessments/{made.pk}/", {
        "v__resettlement__initial": "1.44", "v__parenting__actual": "4.5"})
    assert bad.status_code == 200
    assert "Parenting: Actual score: &#x27;4.5&#x27; is outside 1 to 4" in bad.content.decode()
    assert not made.values.exists()
    # Seed 000's resettlement row: 1.44 initial, 2 predicted.
    browser.post(f"/self-assessments/{made.pk}/", {
        "v__resettlement__initial": "1.44", "v__resettlement__predicted": "2"})
    assert {(v.item_id, v.column): str(v.value.normalize()) for v in made.values.all()} == {
        ("resettlement", "initial"): "1.44", ("resettlement", "predicted"): "2"}
    event = AuditEvent.objects.get(table="self_assessment", action="update",
                                   record_id=str(made.pk))
    assert event.changes == {"resettlement initial": [None, "1.44"],
                             "resettlement predicted": [None, "2"]}
    # A board member reads it, and cannot change it.
    board = client_as("board_member")
    assert board.get(f"/self-assessments/{made.pk}/").status_code == 200
    assert board.post(f"/self-assessments/{made.pk}/",
                      {"v__resettlement__initial": "3"}).status_code == 403

    grades = SelfAssessment.objects.create(
        title="Joint inspection 2008", framework_id="joint-inspection-2006",
        framework_version="2006.1", assessed_on=today, created_at=timezone.now(),
        created_by=_user("performance_officer"))
    browser.post(f"/self-assessments/{grades.pk}/", {
        "v__courts__grade": "3", "v__at_risk__grade": "2", "v__leadership__grade": "3"})
    page = browser.get(f"/self-assessments/{grades.pk}/").content.decode()
    assert "Excellent: 0; Good: 2; Adequate: 1; Inadequate: 0" in page


def test_scores_compare_with_the_previous_audit(client_as):
    from yjhub.audits.models import AuditAnswer

    officer = _user("performance_officer")
    earlier, later = _audit(size=38, seed=1), _audit(size=38, seed=2)
    earlier.status = "complete"
    earlier.save()
    now = timezone.now()
    # Earlier audit: 1.1.1 sufficient in 3 cases of 4 (75%); later: 1 of 4 (25%).
    for audit, yes in ((earlier, 3), (later, 1)):
        cases = list(audit.cases.order_by("position")[:4])
        AuditAnswer.objects.bulk_create(
            AuditAnswer(case=c, question_id="1.1.1", answered_by=officer, answered_at=now,
                        answer="sufficient" if i < yes else "insufficient")
            for i, c in enumerate(cases))
    page = client_as("performance_officer").get(f"/audits/{later.pk}/scores/").content.decode()
    assert f"{earlier.reference} (" in page
    row = re.search(r"1\.1 Risk of Harm to others \(RoH\)</th>(.*?)</tr>", page, re.S).group(1)
    cells = re.findall(r"<td[^>]*>\s*([^<]*?)\s*<", row)
    assert cells[:3] == ["25%", "1 of 4", "75%"]


def test_a_team_manager_sees_names_only_of_their_own_teams_children(client_as, demo):
    from yjhub.casedata.selectors import children_visible

    audit = _audit()
    manager = _user("team_manager")
    visible = set(children_visible(user=manager).filter(
        pk__in=audit.cases.values("child_id")).values_list("child_id", flat=True))
    outside = audit.cases.exclude(child_id__in=visible).first()
    assert outside is not None  # the sample spans every team
    from yjhub.casedata.models import Child

    child = Child.objects.get(pk=outside.child_id)
    page = client_as("team_manager").get(f"/audits/{audit.pk}/").content.decode()
    assert f"Child {outside.child_id}" in page
    assert f"{child.given_name} {child.family_name}" not in page
    case_page = client_as("team_manager").get(
        f"/audits/{audit.pk}/cases/{outside.pk}/").content.decode()
    assert "Open the child’s record" not in case_page
    assert f"<h1 class=\"govuk-heading-l\">Child {outside.child_id}</h1>" in case_page


def test_recommendations_have_stable_references():
    from yjhub.audits.selectors import recommendation_by_reference, recommendations_of
    from yjhub.audits.services import AuditRuleError, recommendation_create

    audit = _audit(size=38)
    officer = _user("performance_officer")
    first = recommendation_create(user=officer, audit=audit, text="Timely assessment",
                                  owner="YOS Head of Service", criteria=["1.1"])
    second = recommendation_create(user=officer, audit=audit, text="Plans specific",
                                   owner="Team managers", criteria=["1.2", "1.3"])
    assert [r.reference for r in recommendations_of(audit)] == [
        f"AUD-{audit.pk:04d}-R1", f"AUD-{audit.pk:04d}-R2"]
    assert recommendation_by_reference(second.reference) == second
    assert recommendation_by_reference(first.reference).criteria == ["1.1"]
    with pytest.raises(AuditRuleError, match="criteria 9.9 are not in Core Case Inspection"):
        recommendation_create(user=officer, audit=audit, text="x", owner="y", criteria=["9.9"])


def test_a_monthly_dip_sample_takes_ten_cases_per_team():
    from collections import Counter

    from yjhub.audits.selectors import caseload_for_sampling, frameworks_all
    from yjhub.audits.services import audit_create

    framework = frameworks_all()[("local-dip-sample", "2026.1")]
    end = timezone.localdate()
    start = end - dt.timedelta(days=30)
    caseload = Counter(c.team for c in caseload_for_sampling(framework=framework, start=start,
                                                             end=end))
    audit = audit_create(user=_user("team_manager"), framework=framework, title="Dip sample",
                         period_start=start, period_end=end, per_team=10, seed=4)
    drawn = Counter(audit.cases.values_list("team_id", flat=True))
    # Each team: 10 cases, or all of a team's cases when it has fewer.
    assert drawn == {team: min(10, n) for team, n in caseload.items()}
    assert audit.per_team == 10 and audit.sample_size is None


def test_2018_standards_judged_and_summed(client_as):
    from yjhub.audits.selectors import audit_scores, frameworks_all
    from yjhub.audits.services import audit_create

    today = timezone.localdate()
    audit = audit_create(user=_user("head_of_service"),
                         framework=frameworks_all()[("hmip-yjs-2018", "2018.1")],
                         title="2018 standards", period_start=today - dt.timedelta(days=365),
                         period_end=today, size=30, seed=8)
    browser = client_as("head_of_service")
    response = browser.post(f"/audits/{audit.pk}/scores/", {
        "criterion": "1.1", "rating": "Good", "note": "Board minutes and staff survey"})
    assert response.status_code == 302
    page = browser.get(f"/audits/{audit.pk}/scores/").content.decode()
    # One standard rated (Good, 2 points) of the twelve counted.
    assert "2 of 36" in page and "so far (1 of 12 standards rated)" in page
    assert audit_scores(audit=audit).criteria["1.1"].rating.points == 2
    # An out-of-court case is asked domain 3's questions only.
    ooc = audit.cases.filter(case_type="out_of_court").first()
    case_page = browser.get(f"/audits/{audit.pk}/cases/{ooc.pk}/").content.decode()
    assert "3.1.1 Does assessment" in case_page and "2.1.1 Does assessment" not in case_page


def test_a_services_own_framework_is_offered_and_a_broken_one_explained(client_as, settings,
                                                                       tmp_path):
    from tests.audits.test_frameworks import GOOD

    settings.AUDIT_FRAMEWORKS_DIR = tmp_path
    (tmp_path / "ours.yaml").write_text(GOOD)
    (tmp_path / "broken.yaml").write_text(GOOD.replace("our-audit", "other")
                                          .replace("{size: 20}", "{size: 0}"))
    page = client_as("performance_officer").get("/audits/new/").content.decode()
    assert "Our audit (version 1)" in page
    assert f"{tmp_path / 'broken.yaml'}: sampling.size: must be 1 or more (value 0)" in page
