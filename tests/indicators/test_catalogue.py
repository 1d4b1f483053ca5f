"""The catalogue: complete, consistent with the schema, documented, and every measure pinned."""

from pathlib import Path

import pytest

from yjhub.indicators.catalogue import FAMILIES, Measure, Target, Term, catalogue
from yjhub.indicators.definitions import definitions
from yjhub.indicators.docs import render_indicators
from yjhub.schema.uses import INDICATORS

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "indicators" / "golden"


def test_every_indicator_of_the_schema_is_in_the_catalogue_and_defined():
    ids = [i.id for i in catalogue()]
    assert sorted(ids) == sorted(INDICATORS)
    assert sorted(definitions()) == sorted(ids)


def test_every_family_is_used_and_ids_carry_their_family():
    for indicator in catalogue():
        assert indicator.family in FAMILIES
        assert indicator.id.startswith(indicator.family + ".")
        assert indicator.measures, indicator.id


def test_every_measure_has_a_golden_test():
    """Each measure is named in a golden test: by its id, or by its indicator's id and its
    key in the same file (``f"yjb2006.asset_completion.{key}"`` over the keys)."""
    texts = [p.read_text(encoding="utf-8") for p in GOLDEN.glob("test_*.py")]

    def named(m) -> bool:
        return any(f'"{m.id}"' in text or (m.indicator.id in text and f'"{m.key}"' in text)
                   for text in texts)

    missing = [m.id for m in catalogue().measures() if not named(m)]
    assert not missing, f"no golden test names {missing}"


def test_docs_indicators_is_current():
    doc = (ROOT / "docs" / "indicators.md").read_text(encoding="utf-8")
    assert doc == render_indicators(), "run `make docs` and commit docs/indicators.md"


def test_declarations_are_checked():
    indicator = catalogue().get("headline.fte")
    term = Term(text="n", column="fte")
    with pytest.raises(ValueError, match="unknown unit"):
        Measure(indicator=indicator, key="x", label="x", unit="furlongs", numerator=term,
                denominator=term, polarity="none")
    with pytest.raises(ValueError, match="a count has no denominator"):
        Measure(indicator=indicator, key="x", label="x", unit="count", numerator=term,
                denominator=term, polarity="none")
    with pytest.raises(ValueError, match="a term is a column or a population"):
        Term(text="n", column="a", population="10-17")
    with pytest.raises(ValueError, match="needs a value"):
        Target(kind="at_least")


def test_targets_read_as_plans_write_them():
    assert Target(kind="at_most", value=5).describe() == "at most 5"
    assert (Target(kind="reduction_relative", value=5, baseline="2002-03").describe()
            == "reduction of 5% against 2002-03")
    assert Target(kind="text", text="NEW TARGET").describe() == "NEW TARGET"


def test_select_by_family_indicator_and_measure():
    cat = catalogue()
    assert [i.id for i in cat.select(["headline.fte.rate"])] == ["headline.fte"]
    assert all(i.family == "headline" for i in cat.select(["headline"]))
    with pytest.raises(KeyError):
        cat.select(["nothing"])
