"""Turning numpy arrays into Arrow columns quickly.

The generator works on numpy arrays of integers: dates are days since 1970-01-01, codes are
indexes into a vocabulary, booleans are 0/1, and ``NA`` (a sentinel) marks a blank. This module
turns them into the Arrow types of the schema without a Python loop per value: identifiers are
fixed-width strings assembled byte by byte.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa

#: The blank marker in integer arrays (dates, codes, integers, booleans).
NA = np.iinfo(np.int32).min
EPOCH = dt.date(1970, 1, 1)


def day(value: dt.date) -> int:
    """A date as days since 1970-01-01."""
    return (value - EPOCH).days


def to_date(days: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(days))


def ids(prefix: str, numbers: np.ndarray, digits: int = 6, blank=None) -> pa.Array:
    """``prefix`` followed by each number zero-padded to ``digits`` (more if needed)."""
    numbers = np.asarray(numbers, dtype=np.int64)
    n = len(numbers)
    if n and numbers.max() >= 10**digits:
        digits = len(str(int(numbers.max())))
    head = np.frombuffer(prefix.encode("ascii"), dtype=np.uint8)
    width = len(head) + digits
    data = np.empty((n, width), dtype=np.uint8)
    data[:, : len(head)] = head
    rest = numbers.copy()
    for position in range(width - 1, len(head) - 1, -1):
        data[:, position] = 48 + rest % 10
        rest //= 10
    return _strings(data, blank)


def prefixed_numbers(prefixes: list[str], which: np.ndarray, numbers: np.ndarray,
                     digits: int) -> pa.Array:
    """Per row, ``prefixes[which]`` (all the same length) followed by a zero-padded number."""
    table = np.array([np.frombuffer(p.encode("ascii"), dtype=np.uint8) for p in prefixes])
    width = table.shape[1] + digits
    data = np.empty((len(which), width), dtype=np.uint8)
    data[:, : table.shape[1]] = table[which]
    rest = np.asarray(numbers, dtype=np.int64).copy()
    for position in range(width - 1, table.shape[1] - 1, -1):
        data[:, position] = 48 + rest % 10
        rest //= 10
    return _strings(data, None)


def _strings(data: np.ndarray, blank) -> pa.Array:
    n, width = data.shape
    offsets = np.arange(0, (n + 1) * width, width, dtype=np.int32)[: n + 1]
    validity = None
    if blank is not None and np.any(blank):
        validity = pa.array(~np.asarray(blank, dtype=bool)).buffers()[1]
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(data.tobytes()),
                                       validity)


def codes(vocabulary: list[str], index: np.ndarray) -> pa.Array:
    """Codes from indexes into ``vocabulary``; a negative index is a blank."""
    index = np.asarray(index)
    blank = index < 0
    indices = pa.array(np.where(blank, 0, index).astype(np.int32),
                       mask=blank if blank.any() else None)
    return pa.array(vocabulary, type=pa.string()).take(indices)


def texts(values: list[str] | np.ndarray) -> pa.Array:
    return pa.array(list(values), type=pa.string())


def dates(days: np.ndarray) -> pa.Array:
    days = np.asarray(days, dtype=np.int64)
    blank = days == NA
    values = np.where(blank, 0, days).astype(np.int32)
    return pa.array(values, type=pa.int32(), mask=blank if blank.any() else None).cast(
        pa.date32())


def integers(values: np.ndarray) -> pa.Array:
    values = np.asarray(values, dtype=np.int64)
    blank = values == NA
    return pa.array(np.where(blank, 0, values).astype(np.int32), type=pa.int32(),
                    mask=blank if blank.any() else None)


def booleans(values: np.ndarray) -> pa.Array:
    """0 / 1 as false / true; NA (or any negative) as blank."""
    values = np.asarray(values)
    if values.dtype == bool:
        return pa.array(values, type=pa.bool_())
    blank = values < 0
    return pa.array(values > 0, type=pa.bool_(), mask=blank if blank.any() else None)
