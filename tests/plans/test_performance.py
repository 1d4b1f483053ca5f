"""The performance appendix worked out from small hand-built data (duckdb engine).

Remand episodes are the easiest figures to work by hand: each episode that is not unconditional
bail counts in the denominator of ``headline.remand.secure_share``, each remand to youth
detention (a secure remand) in its numerator and in ``secure_episodes``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.indicators.golden.cases import Cases
from yjhub.indicators.source import Source
from yjhub.plans.performance import appendix_compute, change_text, convention_for

AS_OF = dt.date(2026, 11, 1)
AT = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)


def _remands(c: Cases, child: str, year: int, secure: int, other: int) -> None:
    """``secure`` secure remands and ``other`` conditional bail episodes in financial year
    ``year``-``year+1``, one every ten days from 10 April; and one unconditional bail (not
    counted)."""
    start = dt.date(year, 4, 10)
    kinds = ["remand_youth_detention"] * secure + ["conditional_bail"] * other
    for n, kind in enumerate(kinds + ["unconditional_bail"]):
        c.remand(child, (start + dt.timedelta(days=10 * n)).isoformat(), kind)


@pytest.fixture
def remand_source():
    c = Cases()
    k = c.child(dob="2008-01-01")
    _remands(c, k, 2023, secure=6, other=2)   # 2023-24: 6 of 8 = 75.0%
    _remands(c, k, 2024, secure=5, other=5)   # 2024-25: 5 of 10 = 50.0%
    return Source.duckdb_arrow(c.arrow())


def test_appendix_rows_two_years_change_target_and_provenance(remand_source):
    appendix = appendix_compute(remand_source, "2024-25", measures=[
        "headline.remand.secure_share", "headline.remand.secure_episodes",
        "headline.custody.share_of_disposals"], snapshot="hand-built cases", as_of=AS_OF,
        computed_at=AT, targets={"headline.remand.secure_episodes": "4 or fewer"})
    assert (appendix.previous_period, appendix.period, appendix.target_period) == \
        ("2023-24", "2024-25", "2025-26")
    assert appendix.columns == ("2023-24 outturn", "2024-25 outturn", "2025-26 target")

    share = appendix.line("headline.remand.secure_share")
    assert (share.previous_text, share.current_text) == ("75.0%", "50.0%")
    # 50.0 - 75.0 = -25.0 percentage points, bracketed as the 2006-08 template does
    assert share.change == -25.0 and share.change_text == "(-25.0%)"
    assert share.current_with_change == "50.0% (-25.0%)"
    assert (share.numerator, share.denominator) == (5, 10)
    assert share.target_text == "" and share.target_source == ""  # no target in the catalogue

    episodes = appendix.line("headline.remand.secure_episodes")
    assert (episodes.previous_text, episodes.current_text) == ("6", "5")
    # a count's bracket is the difference in number, as for a percentage: 5 - 6 = -1
    assert episodes.change_text == "(-1)"
    assert (episodes.target_text, episodes.target_source) == ("4 or fewer", "entered")

    # no court disposals at all: nothing to divide by; the catalogue's target still shows
    custody = appendix.line("headline.custody.share_of_disposals")
    assert custody.current_text == "no data" and custody.change_text == ""
    assert (custody.target_text, custody.target_source) == ("at most 5.0%", "catalogue")

    assert share.provenance.snapshot == "hand-built cases"
    assert share.provenance.indicator_version == "2012.1"  # headline.remand in the catalogue
    assert share.provenance.computed_at == "2026-11-23T08:30:00+00:00"


def test_points_convention_for_the_current_template(remand_source):
    appendix = appendix_compute(remand_source, "2024-25",
                                measures=["headline.remand.secure_share"], as_of=AS_OF,
                                convention=convention_for("yjb-2021"))
    assert appendix.line("headline.remand.secure_share").change_text == "-25.0 points"


def test_one_trend_chart_per_indicator_with_alt_text_in_words(remand_source):
    appendix = appendix_compute(remand_source, "2024-25", measures=[
        "headline.remand.secure_share", "headline.remand.secure_episodes"], as_of=AS_OF)
    assert [c.indicator for c in appendix.charts] == ["headline.remand"]
    chart = appendix.charts[0]
    # the chart draws the measures sharing the first measure's unit (the share, asked for
    # first); the three years before 2023-24 had no episodes: nothing to divide by
    assert chart.title == "Remands to the secure estate, 2020-21 to 2024-25"
    assert "(%). Secure remands as a share" in chart.alt
    assert "2020-21 no data; 2021-22 no data; 2022-23 no data; 2023-24 75.0%; 2024-25 50.0%" \
        in chart.alt
    assert "episodes: 2020-21" not in chart.alt  # the count is another unit: not drawn
    assert chart.svg.startswith("<svg") and "<desc" in chart.svg and "<title" in chart.svg


def test_board_members_see_small_figures_withheld():
    c = Cases()
    c.population(2024, total=8000)
    c.population(2023, total=8000)
    first = c.child(dob="2009-03-01")
    c.outcome(first, "2023-12-01", "youth_caution")           # one entrant in 2023-24
    for n in range(4):                                           # four in 2024-25
        k = c.child(dob="2010-01-01")
        c.outcome(k, f"2024-0{n + 5}-01", "youth_caution")
    source = Source.duckdb_arrow(c.arrow())
    staff = appendix_compute(source, "2024-25", measures=["headline.fte.count"], as_of=AS_OF)
    line = staff.line("headline.fte.count")
    # staff see the figures: 1 -> 4 is +3; the target is below this year's figure
    assert (line.previous_text, line.current_text, line.change_text) == ("1", "4", "(+3)")
    assert line.small and line.target_text == "lower than 4 (2024-25)"
    board = appendix_compute(source, "2024-25", measures=["headline.fte.count"], as_of=AS_OF,
                             board=True)
    line = board.line("headline.fte.count")
    assert (line.previous_text, line.current_text) == ("fewer than 5", "fewer than 5")
    assert line.change_text == "" and line.target_text == "" and line.numerator is None
    assert "2023-24 fewer than 5; 2024-25 fewer than 5" in board.charts[0].alt
    assert "4" not in board.charts[0].alt.split("2023-24")[1].replace("2024-25", "")


@pytest.mark.parametrize(("before", "after", "expected"), [
    # seed 000's data blocks against its Appendix B (percentage points)
    (86.8, 91.5, "(+4.7%)"), (5.3, 6.9, "(+1.6%)"), (90.4, 88.7, "(-1.7%)"),
    (4.4, 58.8, "(+54.4%)"), (43.7, 43.7, "(no diff)"), (72.8, 90.0, "(+17.2%)"),
    # the change is taken between the figures as printed: 86.84 -> 86.8, 91.46 -> 91.5
    (86.84, 91.46, "(+4.7%)"),
])
def test_change_in_the_2006_convention(before, after, expected):
    assert change_text("percent", "", "", before, after)[1] == expected


def test_change_of_a_count_and_a_rate():
    assert change_text("count", "", "", 971, 921)[1] == "(-50)"  # seed 001's FTEs
    # the current template: relative for a count, (921 - 971) / 971 = -5.15% -> -5.1%
    assert change_text("count", "", "", 971, 921, convention="points")[1] == "-5.1%"
    assert change_text("per_100000", "", "", 124.54, 145.66)[1] == "(+21.2)"
    # no relative change from nothing
    assert change_text("count", "", "", 0, 3, convention="points")[1] == ""
    assert change_text("percent", "", "", 50, 50, convention="points")[1] == "no change"
