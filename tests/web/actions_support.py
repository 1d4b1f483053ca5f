"""Sample action plan records for the web tests (the access matrix's URLs need ids)."""

from __future__ import annotations

from datetime import date


def actions_samples(demo) -> dict:
    """A plan with one action led by a lead in the team roles' team (so the team manager may
    update it), and a rejected import check."""
    from yjhub.actions import services
    from yjhub.actions.models import PlanImport

    plan = services.plan_create(user=None, title="Sample action plan 2008-09",
                                starts_on=date(2008, 4, 1), ends_on=date(2009, 3, 31))
    lead = services.lead_create(user=None, role="Team manager", team_id=demo.team_id)
    action = services.action_create(user=None, plan=plan, text="Review the referral criteria",
                                    deadline="Mid June", leads=[lead],
                                    enabler="performance_and_quality")
    check = PlanImport.objects.create(file_name="plan.xlsx", status="problems", problems=[
        {"sheet": "Actions", "row": 2, "column": 'A "Enabler"', "value": "Morale",
         "message": "is not an enabler"}])
    return {"plan_id": plan.pk, "action_id": action.pk, "import_id": check.pk,
            "lead_id": lead.pk}
