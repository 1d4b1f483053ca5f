"""The indicator catalogue: every indicator declared once, as data.

The declarations live in ``catalogue/<family>.yaml``. An *indicator* is what a plan or an
inspection names ("Use of custody"); it has one or more *measures*, each a single figure with
its own unit, numerator, denominator, polarity and target ("custodial sentences per 1,000
aged 10-17", "custodial sentences as a share of court disposals"). A measure's id is
``<indicator id>.<key>``.

How each indicator's rows are worked out is a small Ibis function in ``definitions/``,
registered under the indicator's id; the measures say which of its columns are summed into
the numerator and the denominator. ``docs/indicators.md`` is generated from this catalogue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

#: The families, in the order plans and this catalogue list them.
FAMILIES = {
    "headline": "Headline indicators used since 2011 (national outcome indicators)",
    "kpi2023": "Key performance indicators from April 2023",
    "yjb2006": "YJB key performance indicators of 2006-2008 (youth justice plan Appendix B)",
}

#: Units a measure is expressed in: (label, how the value is made from numerator n and
#: denominator d, the interval used).
UNITS = {
    "count": ("number", "n", "poisson"),
    "percent": ("%", "100 × n / d", "wilson"),
    "per_1000": ("per 1,000", "1,000 × n / d", "poisson"),
    "per_10000": ("per 10,000", "10,000 × n / d", "poisson"),
    "per_100000": ("per 100,000", "100,000 × n / d", "poisson"),
    "mean": ("per child", "n / d", "poisson"),
}
SCALE = {"count": 1, "percent": 100, "per_1000": 1000, "per_10000": 10000,
         "per_100000": 100000, "mean": 1}

POLARITIES = {
    "higher_is_better": "higher is better",
    "lower_is_better": "lower is better",
    "none": "no direction (context)",
}

#: The rules that decide which period a row belongs to.
PERIOD_RULES = {
    "outcome_date": "the date of the outcome (caution given, sentence passed)",
    "first_outcome_date": "the date of the child's first substantive outcome",
    "cohort": "the date of the child's index event: each 3-month cohort (April-June, ...) "
              "takes the child's first eligible event in it; a longer period adds up its "
              "quarterly cohorts, so a child can be counted in more than one",
    "cohort_period": "the date of the child's first substantive outcome or release in the "
                     "cohort period (the whole period is one cohort)",
    "programme_end": "the date the order or programme ended",
    "programme_start": "the date the order or programme started",
    "release_date": "the date of release from custody",
    "appearance_date": "the date of the court hearing",
    "remand_start": "the first day of the bail or remand episode",
    "requested_date": "the date the court requested the report",
    "referral_received": "the date the health or substance misuse service received the referral",
    "referral_assessed": "the date the service's assessment commenced",
    "assessment_completed": "the date the assessment was completed",
    "victim_referred": "the date the victim's details reached the service",
    "parenting_offered": "the date parenting work was offered",
    "meeting_date": "the date of the board meeting",
    "pooled_years": "outcome dates in the period and the years before it, pooled "
                    "(parameter pool_years)",
}

#: Breakdowns every child-based indicator can offer, and what each splits by.
BREAKDOWNS = {
    "team": "the team holding the child's case on the date that places the row in the period",
    "sex": "the child's recorded sex",
    "ethnicity": "the child's broad ethnic group (ONS 2021 groups)",
    "age": "the child's age in years on that date",
    "disposal": "the tier of the outcome or the kind of programme",
    "previous_offences": "offences proven before the index event: 0, 1-2, 3-6, 7-10, 11+",
    "agency": "the partner agency",
    "follow_up_quarter": "quarters of follow-up elapsed (1-4)",
    "stage": "the assessment stage",
}

TARGET_KINDS = {
    "at_least": "at least the value (e.g. 90%)",
    "at_most": "at most the value (e.g. <5%)",
    "reduction_relative": "a reduction of the value in per cent of the baseline (×(1 − v/100))",
    "reduction_points": "a reduction of the value in percentage points from the baseline",
    "year_on_year_reduction": "lower than the previous period",
    "text": "a target stated in words only (e.g. NEW TARGET, TBA): never met or not met",
}


@dataclass(frozen=True)
class Target:
    kind: str
    value: float | None = None
    baseline: str | None = None  # a period label; None = the previous period
    text: str = ""

    def __post_init__(self):
        if self.kind not in TARGET_KINDS:
            raise ValueError(f"unknown target kind {self.kind!r}")
        needs_value = self.kind in ("at_least", "at_most", "reduction_relative",
                                    "reduction_points")
        if needs_value and self.value is None:
            raise ValueError(f"a {self.kind} target needs a value")

    def describe(self) -> str:
        base = f" against {self.baseline}" if self.baseline else " against the previous period"
        return {
            "at_least": f"at least {_num(self.value)}",
            "at_most": f"at most {_num(self.value)}",
            "reduction_relative": f"reduction of {_num(self.value)}%{base}",
            "reduction_points": f"reduction of {_num(self.value)} points{base}",
            "year_on_year_reduction": "year-on-year reduction",
            "text": self.text,
        }[self.kind]


@dataclass(frozen=True)
class Rag:
    """Red / amber / green. Green when the target is met; amber when the value misses it by no
    more than ``amber_margin`` (in the measure's unit, or per cent of the target for counts);
    red otherwise."""

    amber_margin: float = 5.0


@dataclass(frozen=True)
class Term:
    """A numerator or denominator: the column of the definition's rows summed into it (or the
    population it divides by), and what it is in words."""

    text: str
    column: str | None = None
    population: str | None = None  # "10-17": the ONS mid-year estimate for ages 10 to 17
    scope: str = "group"  # "total": the sum over every group of a breakdown (a share)

    def __post_init__(self):
        if (self.column is None) == (self.population is None):
            raise ValueError(f"{self.text!r}: a term is a column or a population, and only one")


@dataclass(frozen=True)
class Measure:
    indicator: Indicator = field(repr=False, compare=False)
    key: str
    label: str
    unit: str
    numerator: Term
    denominator: Term | None
    polarity: str
    target: Target | None = None
    rag: Rag = field(default_factory=Rag)
    compare: str | None = None  # "reference_group:<code>" or "measure:<key>"

    def __post_init__(self):
        if self.unit not in UNITS:
            raise ValueError(f"{self.id}: unknown unit {self.unit!r}")
        if self.polarity not in POLARITIES:
            raise ValueError(f"{self.id}: unknown polarity {self.polarity!r}")
        if (self.unit == "count") != (self.denominator is None):
            raise ValueError(f"{self.id}: a count has no denominator, every other unit has one")

    @property
    def id(self) -> str:
        return f"{self.indicator.id}.{self.key}"

    @property
    def interval(self) -> str:
        return UNITS[self.unit][2]

    @property
    def change_kind(self) -> str:
        """How change against the previous period is shown: relative for counts, points else."""
        return "relative" if self.unit == "count" else "points"

    @property
    def columns(self) -> list[str]:
        return [t.column for t in (self.numerator, self.denominator) if t and t.column]


@dataclass(frozen=True, eq=False)
class Indicator:
    id: str
    family: str
    title: str
    wording: str
    source: str
    period_rule: str
    version: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    breakdowns: tuple[str, ...]
    dimensions: tuple[str, ...]  # always split by these (e.g. follow-up quarter)
    parameters: dict
    notes: str
    measures: tuple[Measure, ...] = ()

    def measure(self, key: str) -> Measure:
        for m in self.measures:
            if m.key == key:
                return m
        raise KeyError(f"{self.id} has no measure {key!r}")

    @property
    def columns(self) -> list[str]:
        seen: list[str] = []
        for m in self.measures:
            for column in m.columns:
                if column not in seen:
                    seen.append(column)
        return seen

    @property
    def data_items(self) -> list[str]:
        """The ``table.column`` items this indicator reads, worked out from its definition
        (``lineage.py``)."""
        from yjhub.indicators.lineage import data_items

        return list(data_items(self))


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _term(data) -> Term | None:
    if data is None:
        return None
    return Term(text=" ".join(str(data["text"]).split()), column=data.get("column"),
                population=data.get("population"), scope=data.get("scope", "group"))


def _target(data) -> Target | None:
    if data is None:
        return None
    return Target(kind=data["kind"], value=data.get("value"), baseline=data.get("baseline"),
                  text=data.get("text", ""))


def _indicator(family: str, data: dict) -> Indicator:
    for breakdown in data.get("breakdowns", []) + data.get("dimensions", []):
        if breakdown not in BREAKDOWNS:
            raise ValueError(f"{data['id']}: unknown breakdown {breakdown!r}")
    if data["period_rule"] not in PERIOD_RULES:
        raise ValueError(f"{data['id']}: unknown period rule {data['period_rule']!r}")
    indicator = Indicator(
        id=data["id"], family=family, title=data["title"],
        wording=" ".join(str(data["wording"]).split()), source=data.get("source", ""),
        period_rule=data["period_rule"], version=str(data["version"]),
        valid_from=_date(data.get("valid_from")), valid_to=_date(data.get("valid_to")),
        breakdowns=tuple(data.get("breakdowns", [])),
        dimensions=tuple(data.get("dimensions", [])),
        parameters=dict(data.get("parameters") or {}),
        notes=" ".join(str(data.get("notes", "")).split()),
    )
    measures = tuple(
        Measure(
            indicator=indicator, key=m["key"], label=m["label"], unit=m["unit"],
            numerator=_term(m["numerator"]), denominator=_term(m.get("denominator")),
            polarity=m["polarity"], target=_target(m.get("target")),
            rag=Rag(**(m.get("rag") or {})), compare=m.get("compare"),
        )
        for m in data["measures"]
    )
    object.__setattr__(indicator, "measures", measures)
    return indicator


@dataclass(frozen=True)
class Catalogue:
    indicators: tuple[Indicator, ...]

    def __iter__(self):
        return iter(self.indicators)

    def get(self, indicator_id: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)

    def measures(self) -> list[Measure]:
        return [m for i in self.indicators for m in i.measures]

    def measure(self, measure_id: str) -> Measure:
        indicator_id, _, key = measure_id.rpartition(".")
        return self.get(indicator_id).measure(key)

    def select(self, names: list[str] | None) -> list[Indicator]:
        """The indicators named by id, by measure id, or by family; all when no names."""
        if not names:
            return list(self.indicators)
        chosen: list[Indicator] = []
        for name in names:
            matches = [i for i in self.indicators
                       if name in (i.id, i.family) or name.startswith(i.id + ".")]
            if not matches:
                raise KeyError(name)
            chosen += [i for i in matches if i not in chosen]
        return chosen


#: libyaml's safe loader where PyYAML was built with it (the same values, several times faster)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def catalogue() -> Catalogue:
    """The shipped catalogue, families in order."""
    folder = resources.files("yjhub.indicators") / "catalogue"
    indicators: list[Indicator] = []
    files = sorted((p for p in folder.iterdir() if p.name.endswith(".yaml")),
                   key=lambda p: ("-" in p.name, p.name))  # kpi2023.yaml before kpi2023-x
    for family in FAMILIES:  # a family can be split over files: kpi2023.yaml, kpi2023-x.yaml
        for path in files:
            if path.name.split(".")[0].split("-")[0] != family:
                continue
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
            if data["family"] != family:
                raise ValueError(f"{path.name} declares the family {data['family']!r}")
            indicators += [_indicator(family, entry) for entry in data["indicators"]]
    ids = [i.id for i in indicators]
    if len(ids) != len(set(ids)):
        raise ValueError("an indicator id is declared twice")
    return Catalogue(tuple(indicators))
