import dataclasses
import datetime as dt

import duckdb
import pytest

from tests.synthetic.validate import read
from yjhub.synthetic import generate, generate_preset
from yjhub.synthetic.presets import national


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    counts = generate("demo", seed=1, out=out)
    return out, counts


@pytest.fixture(scope="session")
def demo(demo_dir):
    return read(demo_dir[0])


@pytest.fixture(scope="session")
def small_national(tmp_path_factory):
    """Three services of the national preset, 15,000 children."""
    out = tmp_path_factory.mktemp("national")
    generate_preset(national(services=3, children=15_000), seed=7, out=out)
    return read(out)


@pytest.fixture(scope="session")
def old_era(tmp_path_factory):
    """Two services over 2006-07 to 2015-16: reprimands, final warnings, Asset, YISPs."""
    preset = dataclasses.replace(national(services=2, children=8_000), name="old",
                                 window_start=dt.date(2006, 4, 1), data_end=dt.date(2016, 3, 31))
    out = tmp_path_factory.mktemp("old")
    generate_preset(preset, seed=3, out=out)
    return read(out)


@pytest.fixture(scope="module")
def db(demo):
    """The demo data set as DuckDB tables, for asking it questions in SQL."""
    con = duckdb.connect()
    for name, table in demo.items():
        con.register(name, table)
    return con
