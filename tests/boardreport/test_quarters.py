"""The board's quarters are financial-year quarters named by the year the financial year
starts: Q1 April-June, Q2 July-September, Q3 October-December, Q4 January-March (next
calendar year)."""

import datetime as dt

import pytest

from yjhub.boardreport.quarters import quarter_choices, quarter_of, quarter_parse, quarter_short


@pytest.mark.parametrize("text, start, end, label", [
    ("2024-Q1", dt.date(2024, 4, 1), dt.date(2024, 6, 30), "2024-25 Q1"),
    ("2024-Q2", dt.date(2024, 7, 1), dt.date(2024, 9, 30), "2024-25 Q2"),
    ("2024-Q3", dt.date(2024, 10, 1), dt.date(2024, 12, 31), "2024-25 Q3"),
    # Q4 is January to March of the *next* calendar year
    ("2024-Q4", dt.date(2025, 1, 1), dt.date(2025, 3, 31), "2024-25 Q4"),
    ("2024-25 Q3", dt.date(2024, 10, 1), dt.date(2024, 12, 31), "2024-25 Q3"),
    ("2023q4", dt.date(2024, 1, 1), dt.date(2024, 3, 31), "2023-24 Q4"),
])
def test_quarter_parse(text, start, end, label):
    period = quarter_parse(text)
    assert (period.start, period.end, period.label) == (start, end, label)


def test_short_form_round_trips():
    assert quarter_short(quarter_parse("2024-25 Q4")) == "2024-Q4"


@pytest.mark.parametrize("text", ["2024-Q5", "2024", "2024-25", "Q3 2024", "", "2024-26 Q1"])
def test_not_a_quarter(text):
    with pytest.raises(ValueError, match="is not a quarter|second year"):
        quarter_parse(text)


def test_the_quarter_of_a_day_and_the_choices():
    assert quarter_of(dt.date(2025, 3, 31)).label == "2024-25 Q4"
    assert quarter_of(dt.date(2025, 4, 1)).label == "2025-26 Q1"
    # on 23 November 2026 the latest ended quarter is July to September 2026
    choices = quarter_choices(dt.date(2026, 11, 23), back=3)
    assert [q.label for q in choices] == ["2026-27 Q2", "2026-27 Q1", "2025-26 Q4"]
