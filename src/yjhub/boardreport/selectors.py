"""Reads of the board report's inputs: the budget position of a year and the rota."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from yjhub.boardreport.models import BudgetLine, ThemeItem
from yjhub.boardreport.rota import KINDS, Rota, rota_default


def budget_lines(*, first_year: int):
    return BudgetLine.objects.filter(first_year=first_year).order_by("position", "id")


def budget_years() -> list[int]:
    return sorted(set(BudgetLine.objects.values_list("first_year", flat=True)), reverse=True)


@dataclass
class AgencyTotal:
    agency: str
    lines: list[BudgetLine]
    budget: Decimal
    forecast: Decimal | None  # None when no line has a forecast
    actual_to_date: Decimal | None


@dataclass
class BudgetPosition:
    first_year: int
    agencies: list[AgencyTotal]
    budget: Decimal
    forecast: Decimal | None
    actual_to_date: Decimal | None
    updated_on: object  # the latest date a line was entered, or None

    @property
    def variance(self) -> Decimal | None:
        """Forecast less budget: positive is an overspend."""
        return None if self.forecast is None else self.forecast - self.budget


def _total(values) -> Decimal | None:
    known = [v for v in values if v is not None]
    return sum(known, Decimal("0")) if known else None


def budget_position(*, first_year: int) -> BudgetPosition:
    """The year's lines grouped by agency (in the order first entered), with totals. A line
    with no forecast counts as forecast at its budget in the totals when any line has one."""
    lines = list(budget_lines(first_year=first_year))
    any_forecast = any(line.forecast is not None for line in lines)

    def forecast_of(line):
        return line.forecast if line.forecast is not None else line.budget

    groups: dict[str, list[BudgetLine]] = {}
    for line in lines:
        groups.setdefault(line.agency, []).append(line)
    agencies = [AgencyTotal(agency, group, sum((x.budget for x in group), Decimal("0")),
                            _total(forecast_of(x) for x in group) if any_forecast else None,
                            _total(x.actual_to_date for x in group))
                for agency, group in groups.items()]
    return BudgetPosition(
        first_year, agencies, sum((x.budget for x in lines), Decimal("0")),
        _total(forecast_of(x) for x in lines) if any_forecast else None,
        _total(x.actual_to_date for x in lines),
        max((x.updated_on for x in lines), default=None))


def rota_for(*, service_id: str) -> Rota:
    """The service's own rota when it has set one, otherwise the default."""
    rows = list(ThemeItem.objects.filter(service_id=service_id))
    if not rows:
        return rota_default()
    quarters = {q: {k: [r.text for r in rows if r.quarter == q and r.kind == k] for k in KINDS}
                for q in (1, 2, 3, 4)}
    return Rota(quarters, "the service's own rota", False)
