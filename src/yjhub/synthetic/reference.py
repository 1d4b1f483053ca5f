"""Reference tables: the service row, its population, its board, and the tables shared by all
services (bank holidays, comparator figures)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa

from yjhub.reference.bank_holidays import bank_holidays_between
from yjhub.synthetic import rates
from yjhub.synthetic.columns import day, texts
from yjhub.synthetic.context import Context, Rows
from yjhub.synthetic.draw import bern, expand, vocabulary
from yjhub.synthetic.presets import Preset, ServiceSpec

BOY_SHARE_OF_POPULATION = 0.513  # ONS mid-year estimates: about 51% of 10-17s are boys


def service_row(spec: ServiceSpec) -> Rows:
    return {
        "service_id": texts([spec.service_id]),
        "name": texts([spec.name]),
        "nation": vocabulary("nation").of(spec.nation),
        "local_authority_codes": texts([" ".join(spec.local_authority_codes)]),
        "region": texts([spec.region]),
        "family_group": texts([spec.family_group]),
    }


def population(ctx: Context, preset: Preset) -> Rows:
    """Mid-year estimates for every year of the window: ages 10-17 by sex, all ethnic groups."""
    rng = ctx.rng
    years = np.arange(preset.window_start.year, preset.data_end.year + 1)
    year, age, boy = (a.reshape(-1) for a in np.meshgrid(years, np.arange(10, 18), [1, 0],
                                                          indexing="ij"))
    trend = 1 + 0.012 * (year - years[0])  # the 10-17 population grew through the 2010s-20s
    share = np.where(boy == 1, BOY_SHARE_OF_POPULATION, 1 - BOY_SHARE_OF_POPULATION)
    noise = rng.uniform(0.96, 1.04, len(year))
    value = np.rint(ctx.spec.population / 8 * share * trend * noise).astype(np.int64)
    sexes = vocabulary("sex")
    return {
        "year": year,
        "age": age,
        "sex": np.where(boy == 1, sexes.index["M"], sexes.index["F"]),
        "population": value,
    }


#: Shares of the 10-17 population by broad ethnic group in the 2011 and 2021 censuses of England
#: and Wales (ONS, rounded; the rest is "other" and "not known" is not a census category).
CENSUS_SHARES = {
    2011: {"white": 0.80, "mixed": 0.05, "asian": 0.10, "black": 0.04, "other": 0.01},
    2021: {"white": 0.74, "mixed": 0.07, "asian": 0.12, "black": 0.05, "other": 0.02},
}


def population_ethnicity(ctx: Context, preset: Preset) -> Rows:
    """The census 10-17 population by broad ethnic group, for each census up to the window's
    end."""
    groups = vocabulary("ethnic_group")
    years, codes, values = [], [], []
    for census, shares in CENSUS_SHARES.items():
        if census > preset.data_end.year:
            continue
        for group, share in shares.items():
            years.append(census)
            codes.append(groups.index[group])
            # no random draw here: the service's stream stays as the other tables expect it
            values.append(int(round(ctx.spec.population * share)))
    return {
        "census_year": np.array(years, dtype=np.int64),
        "ethnic_group": np.array(codes, dtype=np.int64),
        "population": np.array(values, dtype=np.int64),
    }


def board(ctx: Context) -> tuple[Rows, Rows]:
    """Quarterly board meetings (the second Thursday of June, September, December and March)
    and each partner agency's attendance."""
    rng = ctx.rng
    dates = []
    first = dt.date.fromordinal(ctx.start + dt.date(1970, 1, 1).toordinal())
    for year in range(first.year, first.year + 40):
        for month in (6, 9, 12):
            dates.append(_second_thursday(year, month))
        dates.append(_second_thursday(year + 1, 3))
    meeting_days = np.array([day(d) for d in dates])
    meeting_days = meeting_days[(meeting_days >= ctx.start) & (meeting_days <= ctx.end)]
    n = len(meeting_days)
    agencies = vocabulary("agency")
    k = len(agencies.codes)
    meeting, agency = expand(np.full(n, k))
    attended = bern(rng, np.where(agency == agencies.index["other"], 0.5, rates.BOARD_ATTENDED))
    meetings = {"meeting_id": np.arange(1, n + 1), "meeting_date": meeting_days}
    attendance = {
        "meeting_id": meeting + 1,
        "agency": agency,
        "attended": attended,
        "senior_attended": np.where(attended, bern(rng, rates.BOARD_SENIOR, n * k), 0),
        "contributed_data": bern(rng, rates.BOARD_DATA, n * k) & attended,
    }
    return meetings, attendance


def _second_thursday(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 7)


def bank_holiday_rows(preset: Preset) -> Rows:
    """Every bank holiday from the year before the window to a few years past the extract
    date (planned end dates reach into the future)."""
    holidays = bank_holidays_between(preset.window_start.year - 1, preset.data_end.year + 3)
    return {
        "holiday_date": np.array([day(d) for d, _ in holidays]),
        "name": texts([name for _, name in holidays]),
    }


def holiday_days(preset: Preset) -> np.ndarray:
    return bank_holiday_rows(preset)["holiday_date"]


# Comparator figures for the demo. They are synthetic: rounded values of the size the Youth
# Justice Statistics and proven reoffending statistics publish (FTE per 100,000, custody per
# 1,000, reoffending %, secure remands %), not quotations of them; the source column says so.
_YJS = "Synthetic, modelled on Youth Justice Statistics {}"
_FAMILY = "Synthetic family group figure"
COMPARATORS = (
    ("headline.fte", "2022-23", "national", "148", _YJS.format("2022/23")),
    ("headline.fte", "2023-24", "national", "150", _YJS.format("2023/24")),
    ("headline.fte", "2023-24", "england", "149", _YJS.format("2023/24")),
    ("headline.fte", "2023-24", "wales", "158", _YJS.format("2023/24")),
    ("headline.fte", "2023-24", "family_group", "131", _FAMILY),
    ("headline.reoffending", "Apr 2021 to Mar 2022", "national", "32.2",
     "Synthetic, modelled on MoJ proven reoffending statistics"),
    ("headline.reoffending", "Apr 2021 to Mar 2022", "family_group", "30.5", _FAMILY),
    ("headline.custody", "2023-24", "national", "0.08", _YJS.format("2023/24")),
    ("headline.custody", "2023-24", "family_group", "0.06", _FAMILY),
    ("headline.remand", "2023-24", "national", "27.0", _YJS.format("2023/24")),
)


def comparator_rows() -> Rows:
    columns = list(zip(*COMPARATORS, strict=True))
    return {
        "indicator_id": texts(columns[0]),
        "period": texts(columns[1]),
        "comparator": vocabulary("comparator").of(*columns[2]),
        "value": texts(columns[3]),
        "source": texts(columns[4]),
    }


def constant(value: str, n: int) -> pa.Array:
    """One string repeated ``n`` times."""
    return pa.array([value], type=pa.string()).take(pa.array(np.zeros(n, dtype=np.int32)))

