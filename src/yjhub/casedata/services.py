"""Writes to the case-level data that are not imports: reference data loaded at set-up."""

from __future__ import annotations

from django.db import transaction

from yjhub.casedata.models import BankHoliday

BANK_HOLIDAY_YEARS = range(2000, 2041)


@transaction.atomic
def bank_holidays_load(*, years=BANK_HOLIDAY_YEARS) -> int:
    """Adds the bank holidays of England and Wales the database lacks; returns how many."""
    from yjhub.reference.bank_holidays import bank_holidays_between

    have = set(BankHoliday.objects.values_list("holiday_date", flat=True))
    new = [BankHoliday(holiday_date=day, name=name)
           for day, name in bank_holidays_between(years.start, years.stop - 1) if day not in have]
    BankHoliday.objects.bulk_create(new)
    return len(new)


# --- Changes made by hand in the web app ------------------------------------------------------

def _stored(value):
    """A value as the audit trail keeps it (JSON): dates as ISO text."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def _require(user, permission: str, child) -> None:
    from django.core.exceptions import PermissionDenied

    if not user.has_perm(f"yjhub.{permission}", child):
        raise PermissionDenied


def child_update(*, user, child, data: dict, request=None) -> dict:
    """Change the child's hand-kept details (``casedata.forms.EDITABLE``) to ``data``.

    Writes only the columns that changed, and one audit event of the change ({column: [old,
    new]}) in the same transaction; nothing changed writes nothing. A new ethnicity brings its
    broad ethnic group with it. Returns the changes.
    """
    from yjhub.audit.services import audit_event_record
    from yjhub.casedata.forms import EDITABLE
    from yjhub.casedata.models import Child
    from yjhub.schema import code_list

    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise ValueError(f"these columns are not changed by hand: {', '.join(sorted(unknown))}")
    _require(user, "child_edit", child)
    with transaction.atomic():
        current = Child.objects.select_for_update().get(pk=child.pk)
        wanted = dict(data)
        if "ethnicity" in wanted and wanted["ethnicity"] != current.ethnicity \
                and wanted["ethnicity"]:
            wanted["ethnic_group"] = code_list("ethnicity").attribute(
                wanted["ethnicity"], "group")
        changes = {column: [_stored(getattr(current, column)), _stored(wanted[column])]
                   for column in Child.schema_table.column_names  # in the schema's order
                   if column in wanted and getattr(current, column) != wanted[column]}
        if not changes:
            return {}
        for column in changes:
            setattr(current, column, wanted[column])
        current.save(update_fields=list(changes))
        audit_event_record(user=user, action="update", table="child", record_id=current.pk,
                           child_id=current.pk, changes=changes,
                           detail="Changed the child's details", request=request)
    for column in changes:
        setattr(child, column, wanted[column])
    return changes


def assessment_complete(*, user, assessment, completed_date, request=None) -> dict:
    """Record the date an outstanding assessment was completed, with its audit event."""
    from yjhub.audit.services import audit_event_record
    from yjhub.casedata.models import Assessment

    _require(user, "child_edit", assessment.child_id)
    with transaction.atomic():
        current = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if current.completed_date is not None:
            raise ValueError(f"assessment {current.pk} is already completed")
        changes = {"completed_date": [None, completed_date.isoformat()]}
        current.completed_date = completed_date
        current.save(update_fields=["completed_date"])
        audit_event_record(user=user, action="update", table="assessment",
                           record_id=current.pk, child_id=current.child_id, changes=changes,
                           detail="Recorded the assessment's completion", request=request)
    assessment.completed_date = completed_date
    return changes
