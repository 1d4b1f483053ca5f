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
