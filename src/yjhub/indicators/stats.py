"""Confidence intervals for the small numbers a youth justice service counts.

- Proportions (reoffenders / cohort, children in suitable ETE / children whose order ended):
  the Wilson score interval, which behaves at 0 % and 100 % and for small cohorts.
- Counts and rates (first-time entrants, rates per 100,000): the exact Poisson interval
  (Garwood), from the chi-square / gamma quantiles, worked out here with the regularised
  incomplete gamma function so no statistics package is needed.
"""

from __future__ import annotations

import math

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal


def wilson_interval(successes: int, trials: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval for a proportion, as fractions (0-1); None when no trials."""
    if trials <= 0:
        return None
    if not 0 <= successes <= trials:
        raise ValueError(f"{successes} successes out of {trials} trials")
    p = successes / trials
    z2 = z * z
    centre = p + z2 / (2 * trials)
    spread = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials))
    scale = 1 + z2 / trials
    low, high = (centre - spread) / scale, (centre + spread) / scale
    return (0.0 if successes == 0 else low, 1.0 if successes == trials else high)


def poisson_interval(count: int, alpha: float = 0.05) -> tuple[float, float]:
    """The exact (Garwood) interval for a Poisson count: the means under which the observed
    count sits at the alpha/2 tail either way."""
    if count < 0:
        raise ValueError("a count cannot be negative")
    low = 0.0 if count == 0 else _gamma_quantile(alpha / 2, count)
    high = _gamma_quantile(1 - alpha / 2, count + 1)
    return low, high


def rate_interval(count: int, denominator: float, per: float,
                  alpha: float = 0.05) -> tuple[float, float] | None:
    """The exact interval of a rate: count per ``per`` of a population of ``denominator``."""
    if denominator <= 0:
        return None
    low, high = poisson_interval(count, alpha)
    return low / denominator * per, high / denominator * per


def _gamma_quantile(p: float, shape: float) -> float:
    """x with P(shape, x) = p, for the regularised lower incomplete gamma P (unit scale)."""
    low, high = 0.0, max(1.0, shape)
    while _gamma_p(shape, high) < p:
        high *= 2
    for _ in range(200):
        mid = (low + high) / 2
        if _gamma_p(shape, mid) < p:
            low = mid
        else:
            high = mid
        if high - low <= 1e-12 * max(1.0, high):
            break
    return (low + high) / 2


def _gamma_p(a: float, x: float) -> float:
    """The regularised lower incomplete gamma function P(a, x)."""
    if x <= 0:
        return 0.0
    log_prefix = a * math.log(x) - x - math.lgamma(a)
    if x < a + 1:  # the series converges quickly here
        term = total = 1.0 / a
        n = a
        while abs(term) > abs(total) * 1e-16:
            n += 1
            term *= x / n
            total += term
        return min(1.0, total * math.exp(log_prefix))
    # otherwise the continued fraction for Q(a, x) (modified Lentz)
    tiny = 1e-300
    b = x + 1 - a
    c = 1 / tiny
    d = 1 / b
    h = d
    i = 1
    while True:
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-16 or i > 10_000:
            break
        i += 1
    return max(0.0, 1.0 - math.exp(log_prefix) * h)
