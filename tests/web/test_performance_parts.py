"""The parts of the performance pages on their own, on tiny hand-made inputs: suppression,
charts, reporting periods, how a figure reads."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from yjhub.performance.charts import Point, line_chart
from yjhub.performance.periods import describe, reporting_periods
from yjhub.performance.suppression import withhold


def _r(group, n, d=None, *, period="2025-26", breakdown="sex", measure="m", suppressed=None):
    small = (0 < n < 5) or (d is not None and 0 < d < 5)
    return {"measure": measure, "unit_id": "S", "dimensions": {}, "breakdown": breakdown,
            "period": period, "group": group, "numerator": n, "denominator": d,
            "suppressed": small if suppressed is None else suppressed}


def _hidden(results):
    return {(r["period"], r["group"]) for r in results if r["withheld"]}


def test_one_small_group_takes_the_next_smallest_with_it():
    # total 30 = 3 + 12 + 15: with only 3 hidden, 30 - 12 - 15 gives it away
    results = [_r("all", 30), _r("F", 3), _r("M", 12), _r("U", 15)]
    withhold(results, counted={"m": False}, years={})
    assert _hidden(results) == {("2025-26", "F"), ("2025-26", "M")}


def test_zeros_hide_nothing_and_hidden_cells_must_hold_5():
    # 1 and 2 hidden hold 3 < 5: the two could be worked out as (1, 2) or (2, 1) but their
    # sum is known to be 3, so one more (the smallest non-zero, 6) is hidden; 0 stays shown
    results = [_r("all", 19), _r("a", 1), _r("b", 2), _r("c", 0), _r("d", 6), _r("e", 10)]
    withhold(results, counted={"m": False}, years={})
    assert _hidden(results) == {("2025-26", "a"), ("2025-26", "b"), ("2025-26", "d")}


def test_counted_denominators_are_protected_too():
    # a percentage: F is 2 of 3 (small denominator); M is 5 of 40 and U 9 of 60 (6 and 20
    # would do for the numerators, but the denominators hidden must hold 5 as well)
    results = [_r("all", 16, 103), _r("F", 2, 3), _r("M", 5, 40), _r("U", 9, 60)]
    withhold(results, counted={"m": True}, years={})
    assert _hidden(results) == {("2025-26", "F"), ("2025-26", "M")}


def test_a_hidden_quarter_takes_another_quarter_of_its_year():
    quarters = [f"2025-26 Q{q}" for q in (1, 2, 3, 4)]
    results = [_r("all", 26, period="2025-26", breakdown="none")] + [
        _r("all", n, period=q, breakdown="none") for q, n in zip(quarters, (2, 7, 8, 9),
                                                                  strict=True)]
    withhold(results, counted={"m": False}, years={"2025-26": quarters})
    assert _hidden(results) == {("2025-26 Q1", "all"), ("2025-26 Q2", "all")}


def test_a_cell_hidden_for_its_year_completes_its_breakdown_too():
    # F in Q1 is 2: hidden. Its year line (F by quarter) hides Q2's F (6); then Q2's sex
    # breakdown has one hidden group, so Q2's M is hidden as well.
    quarters = [f"2025-26 Q{q}" for q in (1, 2, 3, 4)]
    results = []
    for q, (f, m) in zip(quarters, ((2, 20), (6, 30), (7, 40), (8, 50)), strict=True):
        results += [_r("F", f, period=q), _r("M", m, period=q)]
    results += [_r("F", 23), _r("M", 140)]
    withhold(results, counted={"m": False}, years={"2025-26": quarters})
    hidden = _hidden(results)
    assert {("2025-26 Q1", "F"), ("2025-26 Q2", "F")} <= hidden
    assert ("2025-26 Q1", "M") in hidden and ("2025-26 Q2", "M") in hidden
    # and every line with a hidden cell now has at least two, holding at least 5
    for q in quarters:
        cells = [r for r in results if r["period"] == q and r["withheld"]]
        assert len(cells) in (0, 2) and (not cells or sum(c["numerator"] for c in cells) >= 5)


def test_chart_is_an_image_with_words_and_a_gap_for_a_missing_point():
    svg = str(line_chart(
        [Point("Q1", 10, 8, 12, "10"), Point("Q2", None, value_text="Withheld"),
         Point("Q3", 14, 11, 17, "14"), Point("Q4", 12, 9, 15, "12")],
        chart_id="c", title="Things: trend", description="Things counted.", target=13,
        target_text="at most 13"))
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Things: trend</title>' in svg
    assert re.search(r'<desc id="c-desc">Things counted\. Q1: 10; Q2: Withheld; Q3: 14; '
                     r'Q4: 12\. Target: at most 13\.</desc>', svg)
    assert "style" not in svg  # presentation attributes only: the CSP forbids inline styles
    assert len(re.findall(r'class="yj-chart__line"', svg)) == 2  # Q1 alone, then Q3-Q4
    assert 'class="yj-chart__target"' in svg and ">Target at most 13<" in svg
    assert len(re.findall(r"<circle", svg)) == 3
    for label in ("Q1", "Q4"):
        assert f">{label}</text>" in svg


def test_chart_escapes_text():
    svg = str(line_chart([Point("<Q1>", 1)], chart_id="x", title="a & b",
                         description="<script>"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "a &amp; b" in svg


@pytest.mark.parametrize("today, quarter, year", [
    (dt.date(2026, 11, 23), "2026-27 Q2", "2025-26"),
    (dt.date(2026, 4, 1), "2025-26 Q4", "2025-26"),
    (dt.date(2026, 3, 31), "2025-26 Q3", "2024-25"),
    (dt.date(2026, 7, 1), "2026-27 Q1", "2025-26"),
])
def test_reporting_periods(today, quarter, year):
    periods = reporting_periods(today)
    assert periods.quarter.label == quarter
    assert len(periods.quarters) == 12 and len(periods.years) == 5
    assert periods.years[-1].label == year
    assert periods.quarters[0].end < periods.quarters[1].start


def test_period_in_words():
    assert describe(reporting_periods(dt.date(2026, 11, 23)).quarter) \
        == "July to September 2026 (2026-27 Q2)"
    assert describe(reporting_periods(dt.date(2026, 11, 23)).years[-1]) \
        == "April 2025 to March 2026 (2025-26)"


def test_figure_reads_as_plans_print_it():
    from yjhub.indicators import engine
    from yjhub.indicators.catalogue import catalogue
    from yjhub.performance.display import TOTAL, Figure

    assert TOTAL == engine.TOTAL
    measure = catalogue().measure("headline.custody.share_of_disposals")
    result = {"numerator": 2, "denominator": 30, "value": 6.6667, "ci_low": 1.85,
              "ci_high": 21.32, "suppressed": True, "provisional": False, "change": -1.26,
              "change_kind": "points", "target": "at most 5", "target_value": 5.0,
              "met": False, "rag": "amber", "withheld": True, "comparison_value": None}
    staff = Figure(measure, "2026-27 Q2", result, board=False)
    assert (staff.value_text, staff.numerator_text, staff.denominator_text) == ("6.7%", "2", "30")
    assert staff.interval_text == "1.9% to 21.3%"
    assert staff.change_text == "-1.3 points"
    assert staff.tags == [("govuk-tag--yellow", "Amber: close to target"),
                          ("govuk-tag--orange", "Fewer than 5")]
    board = Figure(measure, "2026-27 Q2", result, board=True)
    assert (board.value_text, board.numerator_text, board.denominator_text) \
        == ("Withheld", "Withheld", "Withheld")
    assert board.interval_text == board.change_text == board.met_text == ""
    assert board.tags == []
