"""Drawing a case sample that reflects the caseload (pure: no Django).

The inspectorate's sample "seeks to reflect the make up of the whole caseload" (seed 002,
Appendix 3). Here the sample is shared out by the framework's strata in turn (case type, then
risk of harm, sex and ethnic group by default): each case type gets its proportional share of
the sample (first the whole part of ``size × group / caseload``, then one more case to the
groups with the largest remainders, ties broken by the seed), each case type's share is split
the same way by risk of harm, and so on; cases are then picked at random in the last groups.
The same caseload, size and seed always give the same sample, whatever order the cases come in.

Dip sampling (``per_team``) draws that many cases from each team's caseload the same way.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

NOT_RECORDED = "not recorded"


@dataclass(frozen=True)
class Case:
    """A case that can be sampled: the child, and what the strata read."""

    child_id: str
    team: str = ""
    case_type: str | None = None
    risk_of_harm: str | None = None
    sex: str | None = None
    ethnic_group: str | None = None
    programme_id: str = ""

    def value(self, dimension: str) -> str:
        value = getattr(self, dimension)
        return value if value not in (None, "") else NOT_RECORDED


def _largest_remainders(sizes: dict, n: int, rng: random.Random) -> dict:
    """``n`` shared among groups in proportion to ``sizes``: the whole part of each share,
    then one more to the groups with the largest remainders (ties broken by ``rng``)."""
    total = sum(sizes.values())
    keys = sorted(sizes)
    quota = {k: Fraction(n * sizes[k], total) for k in keys}
    given = {k: int(quota[k]) for k in keys}
    order = list(keys)
    rng.shuffle(order)
    order.sort(key=lambda k: quota[k] - given[k], reverse=True)
    for k in order[:n - sum(given.values())]:
        given[k] += 1
    return given


def _proportional(cases: list[Case], size: int, rng: random.Random,
                  strata: Sequence[str]) -> list[Case]:
    """Nested proportional allocation: shares by the first stratum, then within each of its
    groups by the next, and so on; cases picked at random in the last groups. Each stratum's
    count is within one case of its exact share inside its parent group, and the first
    stratum's (case type) within one of its share of the whole caseload."""
    if size >= len(cases):
        return list(cases)
    if not strata:
        return rng.sample(cases, size)
    groups: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        groups[case.value(strata[0])].append(case)
    given = _largest_remainders({k: len(v) for k, v in groups.items()}, size, rng)
    picked = []
    for key in sorted(groups):
        picked += _proportional(groups[key], given[key], rng, strata[1:])
    return picked


def sample_draw(cases: Iterable[Case], *, seed: int, size: int | None = None,
                per_team: int | None = None,
                strata: Sequence[str] = ("case_type", "risk_of_harm", "sex", "ethnic_group"),
                ) -> list[Case]:
    """A stratified sample of ``size`` cases, or of ``per_team`` cases from each team; the
    whole caseload (or team) when it is smaller. Sorted by child id."""
    if (size is None) == (per_team is None):
        raise ValueError("give either size or per_team")
    population = sorted({c.child_id: c for c in cases}.values(), key=lambda c: c.child_id)
    rng = random.Random(seed)
    if per_team is not None:
        teams: dict[str, list[Case]] = defaultdict(list)
        for case in population:
            teams[case.team].append(case)
        picked = []
        for team in sorted(teams):
            picked += _proportional(teams[team], per_team, rng, strata)
    else:
        picked = _proportional(population, size, rng, strata)
    return sorted(picked, key=lambda c: c.child_id)


@dataclass(frozen=True)
class ShareRow:
    dimension: str
    value: str
    caseload: int
    caseload_total: int
    sample: int
    sample_total: int

    @property
    def caseload_share(self) -> Fraction | None:
        return Fraction(self.caseload, self.caseload_total) if self.caseload_total else None

    @property
    def sample_share(self) -> Fraction | None:
        return Fraction(self.sample, self.sample_total) if self.sample_total else None

    @property
    def difference(self) -> Fraction | None:
        """Sample share minus caseload share, in percentage points."""
        if self.caseload_share is None or self.sample_share is None:
            return None
        return (self.sample_share - self.caseload_share) * 100


def counts_by(cases: Iterable[Case], dimensions: Sequence[str]) -> dict[str, dict[str, int]]:
    """How many cases have each value of each dimension."""
    out: dict[str, dict[str, int]] = {d: {} for d in dimensions}
    for case in cases:
        for d in dimensions:
            v = case.value(d)
            out[d][v] = out[d].get(v, 0) + 1
    return out


def sample_comparison(caseload: dict[str, dict[str, int]],
                      sample: dict[str, dict[str, int]]) -> list[ShareRow]:
    """Shares of each stratum in the sample beside the caseload's (from ``counts_by``), every
    value of either, in the caseload's order of size (largest first)."""
    rows = []
    for dimension, counts in caseload.items():
        drawn = sample.get(dimension, {})
        total, drawn_total = sum(counts.values()), sum(drawn.values())
        values = sorted(set(counts) | set(drawn), key=lambda v: (-counts.get(v, 0), v))
        rows += [ShareRow(dimension, v, counts.get(v, 0), total, drawn.get(v, 0), drawn_total)
                 for v in values]
    return rows
