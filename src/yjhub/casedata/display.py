"""How case data reads on a page: code-list labels, yes / no, dates and ages.

One place, so a code shows the same label on the record, in the history and in the audit log.
A blank value is "Not recorded", never "No" (the schema's convention).
"""

from __future__ import annotations

from datetime import date
from functools import cache

from django.utils import timezone

from yjhub.schema import TABLES_BY_NAME, code_list

NOT_RECORDED = "Not recorded"


@cache
def labels_of(list_name: str) -> dict[str, str]:
    """Code -> label for a code list."""
    return {c.code: c.label for c in code_list(list_name).codes}


def code_label(list_name: str, code: str | None) -> str:
    """The label of a code; an unknown code shows as itself, a blank as not recorded."""
    if code in (None, ""):
        return NOT_RECORDED
    return labels_of(list_name).get(code, code)


def yes_no(value: bool | None) -> str:
    if value is None:
        return NOT_RECORDED
    return "Yes" if value else "No"


def long_date(value: date | None, blank: str = "") -> str:
    """``12 March 2006`` (the GOV.UK style), or ``blank``."""
    if value is None:
        return blank
    return f"{value.day} {value:%B %Y}"


def short_date(value: date | None, blank: str = "") -> str:
    """``12 Mar 2006``, for tables."""
    if value is None:
        return blank
    return f"{value.day} {value:%b %Y}"


def age_on(date_of_birth: date | None, on: date) -> int | None:
    """Whole years of age on a day."""
    if date_of_birth is None:
        return None
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def column_label(column: str) -> str:
    """``home_local_authority`` -> ``Home local authority``; a few read better by hand."""
    return COLUMN_LABELS.get(column, column.replace("_", " ").capitalize())


COLUMN_LABELS = {
    "child_id": "Child ID",
    "send_need": "SEND need (Wales: ALN)",
    "send_plan": "EHCP (Wales: IDP) in place",
    "home_local_authority": "Home local authority",
    "ete_type": "ETE",
    "ete_hours": "ETE hours a week",
    "ete_suitable": "ETE suitable",
    "mappa_level": "MAPPA level",
    "rj_offered": "Restorative justice offered",
    "rj_participated": "Took part in restorative justice",
}


def value_label(table: str, column: str, value) -> str:
    """A stored value of ``table.column`` as a person reads it (as kept in the audit trail:
    dates as ISO text, booleans, codes)."""
    schema_table = TABLES_BY_NAME.get(table)
    spec = schema_table.column_map.get(column) if schema_table else None
    if value is None or value == "":
        return NOT_RECORDED
    if spec is None:
        return str(value)
    if spec.type == "code":
        return code_label(spec.codes, str(value))
    if spec.type == "boolean" and isinstance(value, bool):
        return yes_no(value)
    if spec.type == "date":
        try:
            return long_date(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    return str(value)


def event_row(event) -> dict:
    """An audit event as the history shows it."""
    changes = []
    for column, value in (event.changes or {}).items():
        if column == "children" and isinstance(value, list):
            changes.append({"label": "Children", "text": str(len(value))})
        elif column == "counts" and isinstance(value, dict):
            changes.append({"label": "Rows", "text": counts_summary(value)})
        elif isinstance(value, list) and len(value) == 2:
            changes.append({"label": column_label(column),
                            "old": value_label(event.table, column, value[0]),
                            "new": value_label(event.table, column, value[1])})
        else:
            changes.append({"label": column_label(column), "text": str(value)[:200]})
    what = ""
    if event.record_id and event.record_id != event.child_id:
        what = f"{event.table.replace('_', ' ')} {event.record_id}".strip()
        if event.detail.lower().startswith(what.lower()):
            what = ""  # the detail says it already
    return {"event": event, "at": timezone.localtime(event.at),
            "action": event.get_action_display(), "what": what, "detail": event.detail,
            "changes": changes}


def counts_summary(counts: dict) -> str:
    """An import's counts in words: totals, then the tables where rows were created or
    changed (``12 created, 3 updated, 40 unchanged; child: 2 created, 1 updated; ...``)."""
    totals = {k: sum(int(c.get(k, 0)) for c in counts.values())
              for k in ("created", "updated", "unchanged")}
    text = ", ".join(f"{n} {k}" for k, n in totals.items())
    tables = [f"{name}: {c.get('created', 0)} created, {c.get('updated', 0)} updated"
              for name, c in counts.items() if c.get("created") or c.get("updated")]
    return "; ".join([text, *tables])
