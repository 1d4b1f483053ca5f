"""Intervals checked against published tables (values to 3-4 decimal places)."""

import math

import pytest

from yjhub.indicators.stats import poisson_interval, rate_interval, wilson_interval


def test_wilson_interval_matches_the_formula_worked_by_hand():
    # 46 of 100: p = .46, z = 1.96; centre (.46 + .019208) / 1.038416, spread as Wilson 1927.
    low, high = wilson_interval(46, 100)
    assert low == pytest.approx(0.3656, abs=1e-4)
    assert high == pytest.approx(0.5573, abs=1e-4)


def test_wilson_interval_at_the_edges_stays_inside_zero_and_one():
    assert wilson_interval(0, 10) == (0.0, pytest.approx(0.2775, abs=1e-4))
    assert wilson_interval(10, 10) == (pytest.approx(0.7225, abs=1e-4), 1.0)
    assert wilson_interval(0, 0) is None


@pytest.mark.parametrize(
    ("count", "low", "high"),
    [
        # Garwood's exact limits, as tabled by e.g. the Public Health England technical guide
        (0, 0.0, 3.6889),
        (1, 0.0253, 5.5716),
        (5, 1.6235, 11.6683),
        (10, 4.7954, 18.3904),
    ],
)
def test_exact_poisson_interval_matches_the_tables(count, low, high):
    got = poisson_interval(count)
    assert got[0] == pytest.approx(low, abs=1e-4)
    assert got[1] == pytest.approx(high, abs=1e-4)


def _poisson_cdf(k, mean):
    term = total = math.exp(-mean)
    for i in range(1, k + 1):
        term *= mean / i
        total += term
    return total


@pytest.mark.parametrize("count", [3, 27, 100, 400])
def test_exact_limits_leave_two_and_a_half_percent_in_each_tail(count):
    # checked by summing the Poisson probabilities directly, independently of the gamma function
    low, high = poisson_interval(count)
    assert 1 - _poisson_cdf(count - 1, low) == pytest.approx(0.025, abs=1e-9)
    assert _poisson_cdf(count, high) == pytest.approx(0.025, abs=1e-9)


def test_a_rate_scales_the_count_interval():
    # 10 first-time entrants among 6,410 children: 156.0 per 100,000
    low, high = rate_interval(10, 6410, 100_000)
    assert low == pytest.approx(4.7954 / 6410 * 100_000, abs=0.01)
    assert high == pytest.approx(18.3904 / 6410 * 100_000, abs=0.01)
    assert rate_interval(1, 0, 1000) is None


def test_large_counts_converge():
    low, high = poisson_interval(20_000)
    assert 19_700 < low < 20_000 < high < 20_300
