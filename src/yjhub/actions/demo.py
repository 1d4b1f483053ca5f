"""The demo service's action plan (data/demo.yaml), loaded by ``yjhub setup --demo`` when the app
holds no action plan, through the services (so every change is audited)."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import yaml
from django.db import transaction
from django.utils import timezone


def _demo() -> dict:
    text = resources.files("yjhub.actions").joinpath("data", "demo.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@transaction.atomic
def actions_demo_load(*, today: dt.date | None = None) -> list[str]:
    """Load the demo plan when there is none; returns what was loaded, in words."""
    from yjhub.actions.models import Plan
    from yjhub.actions.services import (
        action_create,
        lead_find_or_create,
        plan_create,
        progress_update_create,
    )

    if Plan.objects.exists():
        return []
    today = today or timezone.localdate()
    demo = _demo()
    spec = demo["plan"]
    plan = plan_create(user=None, title=spec["title"], starts_on=spec["starts_on"],
                       ends_on=spec["ends_on"], description=spec["description"])
    updates = 0
    for entry in demo["actions"]:
        leads = [lead_find_or_create(user=None, role=role) for role in entry["leads"]]
        action = action_create(
            user=None, plan=plan, text=entry["text"], deadline=entry["deadline"], leads=leads,
            enabler=entry["enabler"], objective=entry["objective"],
            indicator_ids=entry.get("indicators", []),
            success_criteria=entry.get("success_criteria", ""))
        for step in entry.get("progress", []):
            if step["date"] <= today:
                progress_update_create(user=None, action=action, on=step["date"],
                                       status=step["status"], rag=step.get("rag", ""),
                                       note=step.get("note", ""))
                updates += 1
    return [f"action plan ({len(demo['actions'])} actions, {updates} progress updates)"]
