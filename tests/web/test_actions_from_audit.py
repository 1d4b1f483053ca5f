"""An improvement plan raised from a case audit's recommendations (issue 6 meets issue 7)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from yjhub.actions.models import Plan
from yjhub.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

COMPLETED_AT = dt.datetime(2026, 10, 5, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def audit_with_recommendations():
    from yjhub.accounts.models import User
    from yjhub.audits.models import Audit
    from yjhub.audits.services import recommendation_create

    officer = User.objects.get(username="test-performance_officer")
    audit = Audit.objects.create(
        title="Autumn dip sample", framework_id="hmip-cci-2009", framework_version="2009.1",
        period_start=dt.date(2026, 4, 1), period_end=dt.date(2026, 9, 30), sample_size=38,
        seed=7, caseload_size=1, caseload_counts={}, created_by=officer,
        created_at=timezone.now(), status="complete", completed_by=officer,
        completed_at=COMPLETED_AT)
    first = recommendation_create(user=officer, audit=audit, owner="YOS Head of Service",
                                  text="Risk of harm assessments are reviewed on time",
                                  criteria=["1.1"])
    second = recommendation_create(user=officer, audit=audit, owner="Team managers",
                                   text="Plans address safeguarding needs", criteria=["1.3"])
    return audit, first, second


def test_the_recommendations_page_offers_a_plan_only_to_those_who_manage_plans(
        client_as, audit_with_recommendations):
    audit, _, _ = audit_with_recommendations
    url = f"/audits/{audit.pk}/recommendations/"
    link = f"/action-plans/from-audit/{audit.pk}/"
    assert link in client_as("head_of_service").get(url).content.decode()
    assert link not in client_as("team_manager").get(url).content.decode()


def test_raising_the_plan_links_each_recommendation_and_gives_its_owner_a_first_activity(
        client_as, audit_with_recommendations):
    audit, first, second = audit_with_recommendations
    client = client_as("head_of_service")
    page = client.get(f"/action-plans/from-audit/{audit.pk}/").content.decode()
    assert first.reference in page and "Plans address safeguarding needs" in page
    response = client.post(f"/action-plans/from-audit/{audit.pk}/")
    plan = Plan.objects.get(title="Improvement plan: Autumn dip sample")
    assert response.status_code == 302 and response.url == f"/action-plans/{plan.pk}/"
    assert plan.kind == "improvement_plan"
    # completed on 5 October 2026, so the plan is due four weeks later, on 2 November 2026
    assert plan.report_published_on == dt.date(2026, 10, 5)
    assert plan.submission_due_on == dt.date(2026, 11, 2)
    recs = list(plan.recommendations.order_by("position"))
    assert [(r.number, r.source_audit_ref, r.source_recommendation_ref) for r in recs] == [
        ("1", audit.reference, first.reference), ("2", audit.reference, second.reference)]
    activities = [(a.recommendation.number, a.number, [lead.role for lead in a.leads.all()],
                   a.due_on) for a in plan.actions.order_by("position")]
    assert activities == [("1", "1", ["YOS Head of Service"], dt.date(2026, 11, 2)),
                          ("2", "1", ["Team managers"], dt.date(2026, 11, 2))]
    made = AuditEvent.objects.filter(actor__username="test-head_of_service", action="create")
    assert made.filter(table="action_plan", record_id=str(plan.pk)).count() == 1
    assert made.filter(table="action_recommendation").count() == 2


def test_an_audit_is_planned_for_once(client_as, audit_with_recommendations):
    audit, _, _ = audit_with_recommendations
    client = client_as("head_of_service")
    client.post(f"/action-plans/from-audit/{audit.pk}/")
    again = client.post(f"/action-plans/from-audit/{audit.pk}/").content.decode()
    assert "already planned for in “Improvement plan: Autumn dip sample”" in again
    assert Plan.objects.filter(title="Improvement plan: Autumn dip sample").count() == 1
