"""Sample plans for the page tests and the access matrix."""

from __future__ import annotations


def plan_record_make(*, period: str = "2025-26", service: str = "Demo service"):
    """A plan started from the 2006-07 template, saved as version 1."""
    from yjhub.plans import plan_new
    from yjhub.plans.services import plan_create

    plan = plan_new(template_id="yjb-2006", period=period, service=service)
    return plan_create(user=None, plan=plan, what="made by the tests")


def plan_samples() -> dict[str, object]:
    """Values for the plan pages' URL parameters (the access matrix)."""
    record = plan_record_make()
    return {"plan_record_id": record.pk, "section_id": "summary", "area_id": "prevent_offending",
            "table_id": "A1", "fmt": "html"}
