"""Confidence intervals for the small numbers a youth justice service counts.

- Proportions (reoffenders / cohort, children in suitable ETE / children whose order ended):
  the Wilson score interval, which behaves at 0 % and 100 % and for small cohorts.
- Counts and rates (first-time entrants, rates per 100,000): the exact Poisson interval
  (Garwood), from the chi-square / gamma quantiles, worked out here with the regularised
  incomplete gamma function so no statistics package is needed.
"""

from __future__ import annotations

import math
from functools import lru_cache

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


@lru_cache(maxsize=65536)
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
    """x with P(shape, x) = p, for the regularised lower incomplete gamma P (unit scale).

    Newton's method from the Wilson-Hilferty approximation, kept inside a bracket that
    bisection narrows whenever a Newton step would leave it: a few evaluations of P rather
    than the forty a plain bisection needs."""
    low, high = 0.0, max(1.0, shape)
    while _gamma_p(shape, high) < p:
        low, high = high, high * 2
    z = _normal_quantile(p)
    guess = shape * (1 - 1 / (9 * shape) + z * math.sqrt(1 / (9 * shape))) ** 3
    x = guess if low < guess < high else (low + high) / 2
    log_gamma = math.lgamma(shape)
    for _ in range(100):
        error = _gamma_p(shape, x) - p
        if error < 0:
            low = x
        else:
            high = x
        density = math.exp((shape - 1) * math.log(x) - x - log_gamma) if x > 0 else 0.0
        step = error / density if density > 0 else 0.0
        candidate = x - step
        if density == 0 or not low < candidate < high:
            candidate = (low + high) / 2
        if abs(candidate - x) <= 1e-12 * max(1.0, x) or high - low <= 1e-12 * max(1.0, high):
            return candidate
        x = candidate
    return x


def _normal_quantile(p: float) -> float:
    """The standard normal quantile (Acklam's rational approximation, good to 1e-9): only a
    starting point for Newton's method."""
    a = (-3.969683028665376e01, 2.209460984245205e02, -2.759285104469687e02,
         1.383577518672690e02, -3.066479806614716e01, 2.506628277459239e00)
    b = (-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02,
         6.680131188771972e01, -1.328068155288572e01)
    c = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e00,
         -2.549732539343734e00, 4.374664141464968e00, 2.938163982698783e00)
    d = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00,
         3.754408661907416e00)
    if p < 0.02425:
        q = math.sqrt(-2 * math.log(p))
        return ((((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1))
    if p > 1 - 0.02425:
        return -_normal_quantile(1 - p)
    q = p - 0.5
    r = q * q
    return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1))


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
