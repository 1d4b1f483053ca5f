"""The demo service's board inputs (data/demo.yaml): a risk register with a history of
changes, and a budget for several years. Loaded by ``yjhub setup --demo`` when the app holds
no register and no budget, through the services (so every change is audited)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources

import yaml
from django.db import transaction
from django.utils import timezone

RISK_KEYS = {"title", "causes", "consequences", "owner", "impact", "likelihood",
             "current_controls", "further_actions", "residual_impact", "residual_likelihood",
             "closed_on"}


def _demo() -> dict:
    text = resources.files("yjhub.boardreport").joinpath("data", "demo.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _risk_data(entry: dict) -> dict:
    data = {k: v for k, v in entry.items() if k in RISK_KEYS}
    if "score" in entry:
        data["score_written"] = entry["score"]
    if "residual_score" in entry:
        data["residual_score_written"] = entry["residual_score"]
    return data


@transaction.atomic
def board_demo_load(*, today: dt.date | None = None) -> list[str]:
    """Load what is missing; returns what was loaded, in words."""
    from yjhub.boardreport.models import BudgetLine
    from yjhub.boardreport.quarters import quarter_of
    from yjhub.boardreport.services import budget_line_create
    from yjhub.risks.models import Register
    from yjhub.risks.services import register_create, risk_create, risk_update

    today = today or timezone.localdate()
    demo = _demo()
    done = []
    if not Register.objects.exists():
        spec = demo["register"]
        register = register_create(user=None, name=spec["name"], scale_max=spec["scale"],
                                   direction=spec["direction"], rule=spec["rule"],
                                   key_text=spec["key"])
        for entry in spec["risks"]:
            risk_create(user=None, register=register, on=spec["as_at"],
                        data={"ref": entry["ref"], **_risk_data(entry)})
        changes = [c for c in spec["changes"] if c["date"] <= today]
        for change in changes:
            data = _risk_data(change)
            if change.get("new"):
                risk_create(user=None, register=register, on=change["date"],
                            data={"ref": change["ref"], **data})
            else:
                risk_update(user=None, risk=register.risks.get(ref=change["ref"]), data=data,
                            on=change["date"])
        done.append(f"risk register {register.name} ({len(spec['risks'])} risks, "
                    f"{len(changes)} changes)")
    if not BudgetLine.objects.exists():
        spec = demo["budget"]
        current = int(quarter_of(today).label[:4])
        quarter_in_year = int(quarter_of(today).label[-1])
        for year in range(spec["first_year"], min(spec["last_year"], current) + 1):
            factor = Decimal(1 + spec["growth"]) ** (year - spec["first_year"])
            for i, (agency, contribution, base) in enumerate(spec["lines"]):
                budget = (Decimal(base) * factor).quantize(Decimal("1"), ROUND_HALF_UP)
                # made-up outturns: one line in three 2% over, the rest on budget
                forecast = budget * Decimal("1.02") if i % 3 == 1 else budget
                forecast = forecast.quantize(Decimal("1"), ROUND_HALF_UP)
                actual = forecast if year < current else (
                    forecast * Decimal(quarter_in_year - 1) / 4).quantize(Decimal("1"))
                budget_line_create(user=None, first_year=year, data={
                    "agency": agency, "contribution": contribution, "budget": budget,
                    "forecast": forecast, "actual_to_date": actual})
        done.append(f"budget {spec['first_year']}-{str(min(spec['last_year'], current) + 1)[2:]}"
                    " by agency")
    return done
