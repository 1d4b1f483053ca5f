"""Reading one cell's value as the type its column declares.

Each ``parse_*`` function takes a value as a reader produced it (text from CSV; a number, date,
boolean or text from Excel and Parquet) and returns the canonical Python value, or raises
``Invalid`` with a reason in plain English. Blank values never reach these functions: the caller
treats them as missing.

No Django here: a folder can be checked without a database.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re

#: Two-digit years: 20yy unless that is after next year, else 19yy (see ``docs/import.md``).
TWO_DIGIT_YEAR_PIVOT_OFFSET = 1

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}

_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?( ?[AaPp][Mm])?$")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_NAMED = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[ \-/]([A-Za-z]{3,9})\.?,?[ \-/](\d{2}|\d{4})$")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})$")
_SERIAL = re.compile(r"\d{1,5}(\.0+)?$")

EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01, allowing for Excel's 1900 leap day
INT_MIN, INT_MAX = -(2**31), 2**31 - 1  # what every database's integer column holds

_TRUE = {"y", "yes", "true", "t", "1", "1.0"}
_FALSE = {"n", "no", "false", "f", "0", "0.0"}


class Invalid(ValueError):
    """A value that cannot be read as its column's type; the message says why."""


def full_year(two_digits: int, *, today: dt.date | None = None) -> int:
    """20yy unless that is after next year, else 19yy: in 2025, 26 is 2026 and 27 is 1927."""
    today = today or dt.date.today()
    year = 2000 + two_digits
    return year if year <= today.year + TWO_DIGIT_YEAR_PIVOT_OFFSET else year - 100


def _make_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise Invalid("not a real date (day/month/year)") from None


def excel_serial_date(serial: float) -> dt.date:
    if serial != int(serial) or not 1 <= serial <= 2958465:
        raise Invalid("not a date: a number here is read as an Excel date serial, and this one "
                      "is not a whole number of days from 1900 to 9999")
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


def parse_date(value, *, date_format: str | None = None) -> dt.date:
    """A date, UK day-first: 2006-04-26, 26/04/2006, 26/4/06, 26.4.06, 26-04-2006, 26 Apr 2006,
    26 April 2006, 20060426, or an Excel serial number (38833). With ``date_format`` (a
    ``strftime`` pattern from the mapping file) text must match that pattern or be ISO."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise Invalid("not a date")
    if isinstance(value, int | float | decimal.Decimal):
        return excel_serial_date(float(value))
    text = str(value).strip()
    text = _TIME_SUFFIX.sub("", text)
    if m := _ISO.match(text):
        return _make_date(int(m[1]), int(m[2]), int(m[3]))
    if date_format:
        try:
            return dt.datetime.strptime(text, date_format).date()
        except ValueError:
            raise Invalid(f"not a date in the mapping's format {date_format}") from None
    if m := _NUMERIC.match(text):
        day, month, year = int(m[1]), int(m[2]), m[3]
        return _make_date(full_year(int(year)) if len(year) == 2 else int(year), month, day)
    if m := _NAMED.match(text):
        month = _MONTHS.get(m[2].lower())
        if month is None:
            raise Invalid(f"not a date: {m[2]!r} is not a month")
        year = m[3]
        return _make_date(full_year(int(year)) if len(year) == 2 else int(year), month,
                          int(m[1]))
    if m := _COMPACT.match(text):
        return _make_date(int(m[1]), int(m[2]), int(m[3]))
    if _SERIAL.match(text):
        return excel_serial_date(float(text))
    raise Invalid("not a date: expected day/month/year such as 26/04/2006, or 2006-04-26")


def parse_integer(value, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """A whole number: ``1,234`` and ``14.0`` (Excel) are read; ``14.5`` is not."""
    if isinstance(value, bool):
        raise Invalid("not a whole number")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float | decimal.Decimal):
        if value != value or value in (float("inf"), float("-inf")) or value != int(value):
            raise Invalid("not a whole number")
        number = int(value)
    else:
        text = str(value).strip().replace(",", "").replace(" ", "")
        try:
            number = int(text)
        except ValueError:
            try:
                exact = decimal.Decimal(text)
            except decimal.InvalidOperation:
                raise Invalid("not a whole number") from None
            if not exact.is_finite() or exact != exact.to_integral_value():
                raise Invalid("not a whole number") from None
            number = int(exact)
    low = INT_MIN if minimum is None else minimum
    high = INT_MAX if maximum is None else maximum
    if not low <= number <= high:
        if minimum is not None and maximum is not None:
            raise Invalid(f"must be between {minimum} and {maximum}")
        if number < low:
            raise Invalid(f"must be {low} or more")
        raise Invalid(f"must be {high} or less")
    return number


def parse_boolean(value) -> bool:
    """Yes or no: Y/N, Yes/No, True/False, T/F, 1/0 (any case)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | decimal.Decimal) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise Invalid("not yes or no: expected Y/N, Yes/No, True/False, T/F or 1/0")


def as_text(value) -> str:
    """A cell as text: Excel numbers that are whole (``1234.0``) lose their ``.0``; dates are
    written ISO."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_UNREADABLE = re.compile("[\ud800-\udfff]")


def printable(value, limit: int = 120) -> str:
    """A value as it can be shown in a message or written to the report: unreadable bytes as
    ``\\x81``, control characters escaped, long values shortened."""
    text = value if isinstance(value, str) else as_text(value)
    text = _UNREADABLE.sub(lambda m: f"\\x{ord(m[0]) - 0xDC00:02x}"
                           if 0xDC00 <= ord(m[0]) <= 0xDCFF else "\\ufffd", text)
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", lambda m: f"\\x{ord(m[0]):02x}", text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def unreadable_bytes(text: str) -> str | None:
    """The bytes a reader could not decode (kept as escapes), shown as ``\\x81 \\x9d``."""
    found = _UNREADABLE.findall(text)
    if not found:
        return None
    return " ".join(dict.fromkeys(
        f"\\x{ord(c) - 0xDC00:02x}" if 0xDC00 <= ord(c) <= 0xDCFF else "\\ufffd" for c in found))
