"""The data items of an indicator are worked out from its definition."""

from yjhub.indicators.catalogue import catalogue
from yjhub.indicators.lineage import columns_read, data_items, indicator_uses


def test_first_time_entrants_read_what_the_rule_needs():
    fte = catalogue().get("headline.fte")
    read = columns_read(fte)
    assert read["outcome"] == {"outcome_id", "child_id", "outcome_date", "tier", "substantive"}
    assert read["child"] == {"child_id", "service_id", "date_of_birth"}
    items = data_items(fte)
    assert "outcome.substantive" in items and "population.population" in items
    assert "child.given_name" not in items and "outcome.outcome_type" not in items


def test_a_working_day_clock_reads_the_bank_holidays():
    assert "bank_holiday.holiday_date" in data_items(catalogue().get("yjb2006.psr_timeliness"))


def test_every_indicator_reads_something_and_no_name():
    uses = indicator_uses()
    for indicator in catalogue():
        assert data_items(indicator), indicator.id
    assert not [item for item in uses if item.endswith(("given_name", "family_name"))]
