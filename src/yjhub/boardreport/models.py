"""What the board report needs beside the figures, risks and actions: the budget (lines by
agency and contribution for each financial year) and the rota of themed items."""

from __future__ import annotations

from django.db import models

KINDS = {"service": "Service item", "partner": "Partner report"}


class BudgetLine(models.Model):
    """One agency's contribution of one kind to the service's budget for a financial year:
    what was budgeted, the forecast outturn for the year and the actual to date."""

    first_year = models.PositiveSmallIntegerField(
        db_index=True, help_text="The financial year's first year: 2024 for 2024-25.")
    agency = models.CharField(max_length=200, help_text="Police and Crime Commissioner, ...")
    contribution = models.CharField(max_length=100,
                                    help_text="Staffing, payments in kind, other delegated "
                                              "funds, grant, ...")
    budget = models.DecimalField(max_digits=12, decimal_places=2)
    forecast = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True,
                                   help_text="Forecast outturn for the year.")
    actual_to_date = models.DecimalField(max_digits=12, decimal_places=2, null=True,
                                         blank=True)
    position = models.PositiveIntegerField(default=0)
    updated_on = models.DateField(help_text="When the line's figures were last entered.")

    class Meta:
        ordering = ["first_year", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["first_year", "agency", "contribution"],
                                               name="budget_line_unique")]

    def __str__(self):
        return f"{self.first_year} {self.agency} {self.contribution}"

    @property
    def year_label(self) -> str:
        return f"{self.first_year}-{(self.first_year + 1) % 100:02d}"


class ThemeItem(models.Model):
    """One themed item on the board's rota for a quarter (1-4) of every year, per service."""

    service_id = models.CharField(max_length=20, blank=True, default="")
    quarter = models.PositiveSmallIntegerField(choices=[(q, f"Q{q}") for q in (1, 2, 3, 4)])
    kind = models.CharField(max_length=10, choices=sorted(KINDS.items()))
    text = models.CharField(max_length=300)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["service_id", "quarter", "kind", "position", "id"]

    def __str__(self):
        return f"Q{self.quarter} {self.kind}: {self.text}"
