"""A shared step is built once per source, periods, as-of date and arguments."""

import datetime as dt

import pytest

from yjhub.indicators.definitions import Context, shared_step
from yjhub.indicators.definitions.kpi2023 import last_programmes
from yjhub.indicators.definitions.reoffending import quarterly_counts
from yjhub.indicators.periods import financial_quarter, financial_year
from yjhub.indicators.source import Source
from yjhub.schema.arrow import arrow_schema
from yjhub.schema.tables import TABLES


def _source():
    """Empty tables of the schema (the steps are built, not run)."""
    return Source.duckdb_arrow({t.name: arrow_schema(t).empty_table() for t in TABLES})


def _context(source, periods, **parameters):
    return Context(source, periods, dt.date(2026, 1, 1), parameters)


def test_a_step_is_built_once_and_read_by_every_definition_that_asks():
    source = _source()
    year = [financial_year(2024)]
    first = last_programmes(_context(source, year, follow_up_quarters=4))
    assert last_programmes(_context(source, year)) is first
    assert last_programmes(_context(source, [financial_quarter(2024, 1)])) is not first


def test_a_step_is_built_again_for_other_arguments():
    source = _source()
    year = [financial_year(2024)]
    twelve = quarterly_counts(_context(source, year), follow_up=12, waiting=6)
    assert quarterly_counts(_context(source, year), follow_up=12, waiting=6) is twelve
    assert quarterly_counts(_context(source, year), follow_up=24, waiting=6) is not twelve


def test_a_step_reads_no_indicator_parameter_and_cannot_change_the_context():
    @shared_step
    def reads_a_parameter(c):
        return c.param("pool_years", "none given")

    @shared_step
    def placed_by_window(c):
        return c.in_windows(c.outcome, c.outcome.outcome_date)

    source = _source()
    context = _context(source, [financial_year(2024)], pool_years=3)
    assert reads_a_parameter(context) == "none given"
    with pytest.raises(ValueError, match="placed_by_window is a shared step"):
        placed_by_window(context)
    assert context.windows is None
