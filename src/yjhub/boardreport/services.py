"""Writes of the board report's inputs: budget lines (entered or imported) and the rota of
themed items. Each runs in one transaction with its audit event (old -> new values)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from yjhub.audit.services import audit_event_record
from yjhub.boardreport.budget_workbook import BudgetBook
from yjhub.boardreport.models import BudgetLine, ThemeItem
from yjhub.boardreport.rota import KINDS

LINE_FIELDS = ("agency", "contribution", "budget", "forecast", "actual_to_date")


class BudgetError(ValueError):
    """A change that cannot be made, in words for the user."""


def _plain(value):
    return str(value) if isinstance(value, Decimal) else value


def _duplicate(first_year: int, agency: str, contribution: str, exclude=None) -> bool:
    lines = BudgetLine.objects.filter(first_year=first_year, agency__iexact=agency,
                                      contribution__iexact=contribution)
    if exclude is not None:
        lines = lines.exclude(pk=exclude)
    return lines.exists()


@transaction.atomic
def budget_line_create(*, user, first_year: int, data: dict, request=None) -> BudgetLine:
    if _duplicate(first_year, data["agency"], data["contribution"]):
        raise BudgetError(f"{data['agency']} already has a {data['contribution']} line in "
                          "this year: change that line instead")
    position = (BudgetLine.objects.filter(first_year=first_year)
                .aggregate(p=Max("position"))["p"] or 0) + 1
    line = BudgetLine.objects.create(first_year=first_year, position=position,
                                     updated_on=timezone.localdate(),
                                     **{f: data.get(f) for f in LINE_FIELDS})
    audit_event_record(user=user, action="create", table="budget_line", record_id=line.pk,
                       request=request, detail=f"Budget {line.year_label}",
                       changes={f: [None, _plain(getattr(line, f))] for f in LINE_FIELDS})
    return line


@transaction.atomic
def budget_line_update(*, user, line: BudgetLine, data: dict, request=None) -> BudgetLine:
    line = BudgetLine.objects.select_for_update().get(pk=line.pk)
    changes = {f: [getattr(line, f), data[f]] for f in LINE_FIELDS
               if f in data and getattr(line, f) != data[f]}
    if not changes:
        return line
    if _duplicate(line.first_year, data.get("agency", line.agency),
                  data.get("contribution", line.contribution), exclude=line.pk):
        raise BudgetError("Another line of this year has that agency and contribution")
    for f, (_old, new) in changes.items():
        setattr(line, f, new)
    line.updated_on = timezone.localdate()
    line.save()
    audit_event_record(user=user, action="update", table="budget_line", record_id=line.pk,
                       request=request, detail=f"Budget {line.year_label}",
                       changes={f: [_plain(o), _plain(n)] for f, (o, n) in changes.items()})
    return line


@transaction.atomic
def budget_line_delete(*, user, line: BudgetLine, request=None) -> None:
    audit_event_record(user=user, action="delete", table="budget_line", record_id=line.pk,
                       request=request, detail=f"Budget {line.year_label}",
                       changes={f: [_plain(getattr(line, f)), None] for f in LINE_FIELDS})
    line.delete()


def _line_words(line) -> str:
    return " / ".join(f"{f} {_plain(getattr(line, f))}" for f in LINE_FIELDS
                      if getattr(line, f) is not None)


@transaction.atomic
def budget_import(*, user, first_year: int, book: BudgetBook, file_name: str = "",
                  request=None) -> int:
    """Replace a year's budget lines with a workbook's, whole or not at all."""
    if not book.ok:
        raise BudgetError("the workbook has problems: nothing was loaded")
    old = BudgetLine.objects.filter(first_year=first_year).order_by("position", "id")
    before = [_line_words(x) for x in old]
    removed = len(before)
    old.delete()
    today = timezone.localdate()
    BudgetLine.objects.bulk_create([
        BudgetLine(first_year=first_year, position=i, updated_on=today,
                   **{f: getattr(row, f) for f in LINE_FIELDS})
        for i, row in enumerate(book.rows, start=1)])
    label = f"{first_year}-{(first_year + 1) % 100:02d}"
    # "update", not "import": an import event marks the case data as changed (and so the
    # performance figures as out of date); the budget is not case data
    audit_event_record(user=user, action="update", table="budget_line", request=request,
                       changes={"lines": [before, [_line_words(x) for x in book.rows]]},
                       detail=f"Budget {label}: {len(book.rows)} lines from "
                              f"{file_name or 'a workbook'} (replacing {removed})")
    return len(book.rows)


@transaction.atomic
def rota_save(*, user, service_id: str, quarters: dict[int, dict[str, list[str]]],
              request=None) -> None:
    """Set a service's rota: ``quarters`` is {1-4: {"service": [...], "partner": [...]}}."""
    old_rows = ThemeItem.objects.filter(service_id=service_id)
    old = {q: {k: [t.text for t in old_rows if t.quarter == q and t.kind == k] for k in KINDS}
           for q in (1, 2, 3, 4)}
    new = {q: {k: [t.strip() for t in quarters.get(q, {}).get(k, []) if t.strip()]
               for k in KINDS} for q in (1, 2, 3, 4)}
    if old == new and old_rows.exists():
        return
    old_rows.delete()
    ThemeItem.objects.bulk_create([
        ThemeItem(service_id=service_id, quarter=q, kind=k, text=text[:300], position=i)
        for q in (1, 2, 3, 4) for k in KINDS for i, text in enumerate(new[q][k], start=1)])
    changes = {f"Q{q} {k}": ["; ".join(old[q][k]), "; ".join(new[q][k])]
               for q in (1, 2, 3, 4) for k in KINDS if old[q][k] != new[q][k]}
    audit_event_record(user=user, action="update", table="theme_rota",
                       record_id=service_id or "service", request=request, changes=changes,
                       detail="Board rota of themed items")
