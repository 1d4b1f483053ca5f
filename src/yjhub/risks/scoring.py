"""How a risk register scores a risk: its scale, its direction and its rule. No Django here.

Each register declares:

- **scale**: impact and likelihood each run from 1 to 3, or from 1 to 5;
- **direction**: whether the highest number is the highest level of risk (``high``), or 1 is
  (``low``, as seed 004's key says: "with 1 representing the higher level of risk");
- **rule**: the score is impact × likelihood (``product``, the default) or impact + likelihood
  (``sum``).

The score is always worked out from the numbers as written (2 and 3 score 6 by product, 5 by
sum, whatever the direction). The score the author typed is kept beside it; where the two
differ the risk is flagged with both figures and the rule.

For colouring (the heat map, RAG) the numbers are first turned round when 1 is the highest level
(on a 1-3 scale, 1 becomes 3), so a position's *severity* always grows with risk; then the
severity score is banded: red from ``RED_FROM`` and amber from ``AMBER_FROM`` (per scale and
rule, below), green under that.
"""

from __future__ import annotations

from dataclasses import dataclass

SCALES = (3, 5)
DIRECTIONS = {
    "high": "the highest number is the highest level of risk",
    "low": "1 is the highest level of risk",
}
RULES = {"product": "impact × likelihood", "sum": "impact + likelihood"}

#: Severity scores (highest number = highest risk) from which a position is amber, and red.
#: 1-3 by product: 1-2 green, 3-4 amber, 6-9 red. 1-5 by product: 1-6 green, 8-12 amber,
#: 15-25 red (the usual 5 × 5 bands). By sum: 1-3: 2-3 green, 4 amber, 5-6 red; 1-5: 2-5
#: green, 6-7 amber, 8-10 red.
AMBER_FROM = {(3, "product"): 3, (5, "product"): 8, (3, "sum"): 4, (5, "sum"): 6}
RED_FROM = {(3, "product"): 6, (5, "product"): 15, (3, "sum"): 5, (5, "sum"): 8}
RAG_WORDS = {"red": "Red", "amber": "Amber", "green": "Green"}


def combine(impact: int, likelihood: int, rule: str) -> int:
    if rule == "product":
        return impact * likelihood
    if rule == "sum":
        return impact + likelihood
    raise ValueError(f"unknown scoring rule {rule!r}: product or sum")


@dataclass(frozen=True)
class Scale:
    """A register's scale, direction and scoring rule."""

    maximum: int = 5
    direction: str = "high"
    rule: str = "product"

    def __post_init__(self):
        if self.maximum not in SCALES:
            raise ValueError(f"a scale runs 1-3 or 1-5, not 1-{self.maximum}")
        if self.direction not in DIRECTIONS:
            raise ValueError(f"unknown direction {self.direction!r}: high or low")
        if self.rule not in RULES:
            raise ValueError(f"unknown scoring rule {self.rule!r}: product or sum")

    @property
    def levels(self) -> range:
        return range(1, self.maximum + 1)

    def describe(self) -> str:
        return (f"impact and likelihood 1-{self.maximum}, {DIRECTIONS[self.direction]}; "
                f"score = {RULES[self.rule]}")

    def score(self, impact: int | None, likelihood: int | None) -> int | None:
        """The score by this register's rule, from the numbers as written."""
        if impact is None or likelihood is None:
            return None
        return combine(impact, likelihood, self.rule)

    def severity(self, level: int) -> int:
        """A level turned so that the highest number is the highest risk."""
        return level if self.direction == "high" else self.maximum + 1 - level

    def rag(self, impact: int | None, likelihood: int | None) -> str | None:
        """red, amber or green for a position (None when either level is missing)."""
        if impact is None or likelihood is None:
            return None
        value = combine(self.severity(impact), self.severity(likelihood), self.rule)
        if value >= RED_FROM[(self.maximum, self.rule)]:
            return "red"
        if value >= AMBER_FROM[(self.maximum, self.rule)]:
            return "amber"
        return "green"

    def is_worse(self, a: tuple[int, int], b: tuple[int, int]) -> bool:
        """Whether position ``a`` (impact, likelihood) is a higher level of risk than ``b`` on
        either axis without being lower on the other."""
        sa = [self.severity(v) for v in a]
        sb = [self.severity(v) for v in b]
        return all(x >= y for x, y in zip(sa, sb, strict=True)) and sa != sb


@dataclass(frozen=True)
class Disagreement:
    """A written score that is not what the register's rule gives."""

    which: str  # "inherent" or "residual"
    written: int
    computed: int
    rule: str
    impact: int
    likelihood: int

    def __str__(self) -> str:
        sign = "×" if self.rule == "product" else "+"
        return (f"{self.which.capitalize()} score written as {self.written}, but "
                f"{self.impact} {sign} {self.likelihood} = {self.computed} "
                f"(rule: {self.rule})")


def disagreement(*, which: str, scale: Scale, impact: int | None, likelihood: int | None,
                 written: int | None) -> Disagreement | None:
    computed = scale.score(impact, likelihood)
    if computed is None or written is None or written == computed:
        return None
    return Disagreement(which, written, computed, scale.rule, impact, likelihood)
