"""The presets: which services, how many children, over which years, with which faults.

``demo`` is one fictional county service for trying the app; ``national`` is every service in
England and Wales (in number; the services are fictional) for benchmarks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from yjhub.synthetic import rates
from yjhub.synthetic.columns import day, to_date
from yjhub.synthetic.faults import DEMO_FAULTS, NO_FAULTS, FaultRates


@dataclass(frozen=True)
class ServiceSpec:
    service_id: str
    name: str
    nation: str  # england / wales
    local_authority_codes: tuple[str, ...]
    region: str
    family_group: str
    id_prefix: str  # put before every identifier, so ids are unique across services
    children: int
    teams: tuple[str, ...]  # team names; a name starting "Prevention" takes voluntary work
    population: int  # children aged 10-17 in the area (mid-year estimate of the first year)
    assetplus_from: dt.date  # the day the service moved from Asset to AssetPlus


@dataclass(frozen=True)
class Preset:
    name: str
    description: str
    window_start: dt.date  # first day of the first financial year
    data_end: dt.date  # the extract date: nothing after it has happened yet
    services: tuple[ServiceSpec, ...]
    faults: FaultRates = field(default=NO_FAULTS)

    @property
    def children(self) -> int:
        return sum(s.children for s in self.services)


def area_population(children: int, years: float) -> int:
    """The 10-17 population that gives the published first-time entrant rate, for a service
    whose substantive children (about half) arrive evenly over ``years``."""
    fte_per_year = children * rates.ROUTE_WEIGHTS["substantive"] / years
    return int(round(fte_per_year / rates.FTE_RATE_PER_100K * 100_000, -2))


def _years(start: dt.date, end: dt.date) -> float:
    return (end - start).days / 365.25


def demo() -> Preset:
    start, end = dt.date(2018, 4, 1), dt.date(2026, 9, 30)
    children = 1500
    service = ServiceSpec(
        service_id="YJS-DEMO",
        name="Barsetshire Youth Justice Service",  # Trollope's fictional county
        nation="england",
        # E99 is not an ONS entity code in use: the codes cannot be mistaken for real areas
        local_authority_codes=("E99000001", "E99000002", "E99000003"),
        region="South West",
        family_group="Family group 4",
        id_prefix="",
        children=children,
        teams=("North", "South", "West", "Prevention and Diversion"),
        population=area_population(children, _years(start, end)),
        assetplus_from=dt.date(2016, 4, 1),
    )
    return Preset("demo", "One fictional county service, 2018-19 to 2026-27 (to 30 September "
                  "2026), about 1,500 children, with planted data-quality faults.",
                  start, end, (service,), DEMO_FAULTS)


ENGLISH_SERVICES, WELSH_SERVICES = 138, 17
NATIONAL_CHILDREN = 1_005_000
REGIONS = ("North East", "North West", "Yorkshire and the Humber", "East Midlands",
           "West Midlands", "East of England", "London", "South East", "South West")
_SYLLABLES = ("Ash", "Bar", "Brook", "Carr", "Dun", "Elm", "Fen", "Glen", "Hart", "Holm", "Kin",
              "Lang", "Mar", "Nor", "Oak", "Pen", "Red", "Rother", "Sand", "Stan", "Thorn",
              "Wel", "West", "Wick")
_ENDINGS = ("bury", "by", "combe", "dale", "field", "ford", "ham", "ley", "mere", "minster",
            "shire", "stead", "ton", "wick")


def national(services: int | None = None, children: int | None = None) -> Preset:
    """Every service of England and Wales (138 + 17 fictional ones), ten financial years.

    ``services`` and ``children`` shrink it for tests (the first ``services`` services, with
    ``children`` children in all)."""
    start, end = dt.date(2016, 4, 1), dt.date(2026, 3, 31)
    total = ENGLISH_SERVICES + WELSH_SERVICES
    count = total if services is None else services
    children = NATIONAL_CHILDREN if children is None else children
    rng = np.random.default_rng(20_240_401)  # fixed: the list of services never changes
    size = rng.lognormal(0.0, 0.55, total)[:count]
    counts = np.floor(size / size.sum() * children).astype(np.int64)
    counts[: children - counts.sum()] += 1
    switch_range = [day(d) for d in rates.ASSETPLUS_SWITCH]
    switches = rng.integers(switch_range[0], switch_range[1] + 1, total)
    names = rng.permutation(len(_SYLLABLES) * len(_ENDINGS))
    specs = []
    for i in range(count):
        wales = i >= ENGLISH_SERVICES
        code = f"{'W' if wales else 'E'}{i + 1:03d}"
        syllable, ending = divmod(int(names[i]), len(_ENDINGS))
        place = _SYLLABLES[syllable] + _ENDINGS[ending]
        n_la = 1 + int(rng.integers(0, 3))
        las = tuple(f"{'W' if wales else 'E'}99{i + 1:03d}{k:03d}" for k in range(1, n_la + 1))
        n_teams = 3 + int(rng.integers(0, 3))
        teams = ("North", "South", "East", "West", "Central")[: n_teams - 1]
        specs.append(ServiceSpec(
            service_id=f"YJS-{code}",
            name=f"{place} Youth Justice Service",
            nation="wales" if wales else "england",
            local_authority_codes=las,
            region="Wales" if wales else REGIONS[i % len(REGIONS)],
            family_group=f"Family group {1 + i % 11}",
            id_prefix=f"{code}-",
            children=int(counts[i]),
            teams=(*teams, "Prevention and Diversion"),
            population=area_population(int(counts[i]), _years(start, end)),
            assetplus_from=to_date(switches[i]),
        ))
    return Preset("national", "Every service of England and Wales (fictional ones, in number), "
                  "2016-17 to 2025-26, over a million children; no planted faults.",
                  start, end, tuple(specs), NO_FAULTS)


PRESETS = {"demo": demo, "national": national}


def preset(name: str) -> Preset:
    try:
        return PRESETS[name]()
    except KeyError:
        raise ValueError(f"unknown preset {name!r}: choose from {', '.join(PRESETS)}") from None
