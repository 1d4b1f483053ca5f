"""Confidence intervals for the small numbers a youth justice service counts.

- Proportions (reoffenders / cohort, children in suitable ETE / children whose order ended):
  the Wilson score interval, which behaves at 0 % and 100 % and for small cohorts.
- Counts and rates (first-time entrants, rates per 100,000): the exact Poisson interval
  (Garwood), from the chi-square / gamma quantiles, worked out here with the regularised
  incomplete gamma function so no statistics package is needed.
"""

from __future__ import annotations

import math

import numpy as np

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal
_LIMITS: dict[float, dict[int, tuple[float, float]]] = {}  # by alpha, the limits of each count


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
    low, high = poisson_intervals(np.array([count]), alpha)
    return float(low[0]), float(high[0])


def poisson_intervals(counts: np.ndarray, alpha: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """:func:`poisson_interval` for an array of counts at once. Each distinct count is worked
    out once per process (a catalogue run asks for the same counts measure after measure)."""
    unique, inverse = np.unique(np.asarray(counts, dtype="int64"), return_inverse=True)
    known = _LIMITS.setdefault(alpha, {})
    new = np.array([k for k in unique.tolist() if k not in known], dtype="int64")
    if len(new):
        shapes = new.astype("float64")
        low = np.zeros(len(new))
        positive = new > 0
        low[positive] = _gamma_quantile(alpha / 2, shapes[positive])
        high = _gamma_quantile(1 - alpha / 2, shapes + 1)
        limits = zip(low.tolist(), high.tolist(), strict=True)
        known.update(zip(new.tolist(), limits, strict=True))
    limits = np.array([known[k] for k in unique.tolist()]).reshape(-1, 2)
    return limits[inverse, 0], limits[inverse, 1]


def rate_interval(count: int, denominator: float, per: float,
                  alpha: float = 0.05) -> tuple[float, float] | None:
    """The exact interval of a rate: count per ``per`` of a population of ``denominator``."""
    if denominator <= 0:
        return None
    low, high = poisson_interval(count, alpha)
    return low / denominator * per, high / denominator * per


def _gamma_quantile(p: float, shape: np.ndarray) -> np.ndarray:
    """x with P(shape, x) = p, for the regularised lower incomplete gamma P (unit scale), for
    each of the shapes.

    Newton's method from the Wilson-Hilferty approximation, kept inside a bracket that
    bisection narrows whenever a Newton step would leave it: a few evaluations of P rather
    than the forty a plain bisection needs. The shapes are worked on together, each until
    its own x has converged."""
    low = np.zeros(len(shape))
    high = np.maximum(1.0, shape)
    below = _gamma_p(shape, high) < p
    while below.any():
        low[below], high[below] = high[below], high[below] * 2
        below[below] = _gamma_p(shape[below], high[below]) < p
    z = _normal_quantile(p)
    guess = shape * (1 - 1 / (9 * shape) + z * np.sqrt(1 / (9 * shape))) ** 3
    x = np.where((low < guess) & (guess < high), guess, (low + high) / 2)
    out = x.copy()
    todo = np.arange(len(shape))
    for _ in range(100):
        if not len(todo):
            break
        a, xs, lo, hi = shape[todo], x[todo], low[todo], high[todo]
        error = _gamma_p(a, xs) - p
        lo = np.where(error < 0, xs, lo)
        hi = np.where(error < 0, hi, xs)
        positive = xs > 0  # the density x^(a-1) e^-x / Gamma(a)
        density = np.zeros(len(xs))
        density[positive] = np.exp(_log_prefix(a[positive], xs[positive])) / xs[positive]
        step = np.where(density > 0, error / np.where(density > 0, density, 1), 0.0)
        candidate = xs - step
        bisect = (density == 0) | ~((lo < candidate) & (candidate < hi))
        candidate = np.where(bisect, (lo + hi) / 2, candidate)
        done = ((np.abs(candidate - xs) <= 1e-12 * np.maximum(1.0, xs))
                | (hi - lo <= 1e-12 * np.maximum(1.0, hi)))
        out[todo] = candidate
        x[todo], low[todo], high[todo] = candidate, lo, hi
        todo = todo[~done]
    return out


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


def _gamma_p(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The regularised lower incomplete gamma function P(a, x), element by element: the
    series where it converges quickly (x < a + 1, or within five standard deviations above
    a for a large a, where the continued fraction would take as many steps), otherwise the
    continued fraction for Q(a, x) (modified Lentz), each element iterated until its own
    term is negligible."""
    out = np.zeros(len(a))
    positive = x > 0
    series = positive & ((x < a + 1) | ((a >= 30) & (x < a + 5 * np.sqrt(a))))
    fraction = positive & ~series
    if series.any():
        out[series] = _gamma_series(a[series], x[series])
    if fraction.any():
        out[fraction] = _gamma_fraction(a[fraction], x[fraction])
    return out


def _log_prefix(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """log(x^a e^-x / Gamma(a)). For a large a, written as a (log(1 + d) - d), d = (x - a)
    / a, plus Stirling's a log a - a - log Gamma(a): the plain sum subtracts numbers of tens
    of thousands and would lose the digits of a probability near 1."""
    out = np.empty(len(a))
    small = a < 100  # (there the plain sum loses little; Stirling's five terms would lose more)
    if small.any():
        s, xs = a[small], x[small]
        out[small] = s * np.log(xs) - xs - np.array([math.lgamma(v) for v in s])
    if (~small).any():
        big, xb = a[~small], x[~small]
        d = (xb - big) / big
        stirling = (0.5 * np.log(big / (2 * math.pi)) - 1 / (12 * big) + 1 / (360 * big ** 3)
                    - 1 / (1260 * big ** 5) + 1 / (1680 * big ** 7))
        out[~small] = big * (np.log1p(d) - d) + stirling
    return out


def _gamma_series(a: np.ndarray, x: np.ndarray, chunk: int = 64) -> np.ndarray:
    """P(a, x) = x^a e^-x / Gamma(a) * sum over n >= 0 of x^n / (a (a+1) ... (a+n)), the
    terms worked out ``chunk`` at a time (a running product along each row), each element
    until its own last term is negligible."""
    total = np.empty(len(a))
    todo = np.arange(len(a))
    aa, xs = a.copy(), x.copy()
    last = 1.0 / a  # the latest term of each element
    sums = last.copy()
    start = 1
    steps = np.arange(chunk)
    while len(todo):
        terms = np.cumprod(xs[:, None] / (aa[:, None] + (start + steps)[None, :]), axis=1)
        terms *= last[:, None]
        sums = sums + terms.sum(axis=1)
        last = terms[:, -1]
        start += chunk
        going = np.abs(last) > np.abs(sums) * 1e-16
        if not going.all():
            total[todo[~going]] = sums[~going]
            todo, aa, xs, last, sums = todo[going], aa[going], xs[going], last[going], sums[going]
    return np.minimum(1.0, total * np.exp(_log_prefix(a, x)))


def _gamma_fraction(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    tiny = 1e-300
    h_out = np.empty(len(a))
    todo = np.arange(len(a))
    shape = a.copy()
    b = x + 1 - a
    c = np.full(len(a), 1 / tiny)
    d = 1 / b
    h = d.copy()
    i = 1
    while len(todo):
        an = -i * (i - shape)
        b += 2
        d = an * d + b
        d = np.where(np.abs(d) < tiny, tiny, d)
        c = b + an / c
        c = np.where(np.abs(c) < tiny, tiny, c)
        d = 1 / d
        delta = d * c
        h *= delta
        going = ~(np.abs(delta - 1) < 1e-16) & (i <= 10_000)
        if not going.all():
            h_out[todo[~going]] = h[~going]
            todo, shape, b, c, d, h = (todo[going], shape[going], b[going], c[going],
                                       d[going], h[going])
        i += 1
    return np.maximum(0.0, 1.0 - np.exp(_log_prefix(a, x)) * h_out)
