"""Vectorised drawing helpers: weighted choices (respecting code validity dates), expanding
parents into children rows, cumulative sums within groups, and working days."""

from __future__ import annotations

import numpy as np

from yjhub.schema import code_list
from yjhub.synthetic.columns import NA, day


def bern(rng: np.random.Generator, p, n: int | None = None) -> np.ndarray:
    """True with probability ``p`` (a number or an array of probabilities)."""
    if n is None:
        n = len(p)
    return rng.random(n) < p


def expand(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For ``counts[i]`` rows per parent i: each row's parent and its position (0, 1, ...)."""
    counts = np.asarray(counts, dtype=np.int64)
    parent = np.repeat(np.arange(len(counts)), counts)
    starts = np.cumsum(counts) - counts
    position = np.arange(len(parent)) - np.repeat(starts, counts)
    return parent, position


def group_cumsum(values: np.ndarray, group: np.ndarray, exclusive: bool = False) -> np.ndarray:
    """Cumulative sum restarting at each new value of ``group`` (rows sorted by group)."""
    values = np.asarray(values, dtype=np.int64)
    total = np.cumsum(values)
    if len(values) == 0:
        return total
    first = np.r_[True, group[1:] != group[:-1]]
    base = np.maximum.accumulate(np.where(first, np.arange(len(values)), 0))
    out = total - total[base] + values[base]
    return out - values if exclusive else out


def choose(rng: np.random.Generator, weights: dict, n: int) -> np.ndarray:
    """Indexes into ``list(weights)`` drawn with the given weights."""
    w = np.array(list(weights.values()), dtype=float)
    return rng.choice(len(w), size=n, p=w / w.sum())


class Vocabulary:
    """A code list's codes in order, with lookups from code to index and validity in days."""

    def __init__(self, name: str):
        codes = code_list(name).codes
        self.name = name
        self.codes = [c.code for c in codes]
        self.index = {c: i for i, c in enumerate(self.codes)}
        self.valid_from = np.array([day(c.valid_from) if c.valid_from else -10**7 for c in codes])
        self.valid_to = np.array([day(c.valid_to) if c.valid_to else 10**7 for c in codes])
        self.attributes = [c.attributes for c in codes]

    def of(self, *codes: str) -> np.ndarray:
        return np.array([self.index[c] for c in codes], dtype=np.int64)

    def attribute(self, name: str, default=None) -> np.ndarray:
        return np.array([a.get(name, default) for a in self.attributes])

    def choose_valid(self, rng: np.random.Generator, weights: dict, dates: np.ndarray
                     ) -> np.ndarray:
        """Codes (as indexes into this list) drawn with ``weights`` among the codes valid on
        each date; codes not valid on a row's date get no weight."""
        keys = self.of(*weights)
        w = np.array(list(weights.values()), dtype=float)
        dates = np.asarray(dates)[:, None]
        valid = (dates >= self.valid_from[keys][None, :]) & (dates <= self.valid_to[keys][None, :])
        cumulative = np.cumsum(valid * w[None, :], axis=1)
        if len(dates) and (cumulative[:, -1] <= 0).any():
            raise ValueError(f"{self.name}: no code of {list(weights)} is valid on some date")
        u = rng.random(len(dates)) * cumulative[:, -1] if len(dates) else np.zeros(0)
        pick = (cumulative < u[:, None]).sum(axis=1)
        return keys[np.minimum(pick, len(keys) - 1)]


_VOCABULARIES: dict[str, Vocabulary] = {}


def vocabulary(name: str) -> Vocabulary:
    if name not in _VOCABULARIES:
        _VOCABULARIES[name] = Vocabulary(name)
    return _VOCABULARIES[name]


class Workdays:
    """Working days of England and Wales: weekdays that are not bank holidays."""

    def __init__(self, holidays: np.ndarray):
        self.calendar = np.busdaycalendar(holidays=np.asarray(holidays).astype("datetime64[D]"))

    def add(self, days: np.ndarray, n) -> np.ndarray:
        """The date ``n`` working days after each date (rolled forward to a working day
        first); NA stays NA."""
        days = np.asarray(days, dtype=np.int64)
        blank = days == NA
        safe = np.where(blank, 0, days).astype("datetime64[D]")
        out = np.busday_offset(safe, n, roll="forward", busdaycal=self.calendar)
        return np.where(blank, NA, out.astype(np.int64))


def blank_after(days: np.ndarray, limit: int) -> np.ndarray:
    """NA where a date falls after ``limit`` (not yet happened on the extract date)."""
    days = np.asarray(days, dtype=np.int64)
    return np.where(days > limit, NA, days)
