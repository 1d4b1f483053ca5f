"""The schema's declarations hold together: references, code lists, uses, derived columns."""

from pathlib import Path

import pytest

from yjhub.schema import TABLES, code_lists, table
from yjhub.schema.docs import render_data_model
from yjhub.schema.model import Column, Table
from yjhub.schema.uses import FEATURES

ROOT = Path(__file__).resolve().parents[2]


def test_references_point_to_earlier_tables_so_loading_in_order_works():
    seen = set()
    for t in TABLES:
        for column in t.refs:
            assert column.ref in seen, f"{t.name}.{column.name} refers to a later table"
        seen.add(t.name)


def test_every_coded_column_names_an_existing_code_list():
    lists = code_lists()
    for t in TABLES:
        for c in t.columns:
            if c.type == "code":
                assert c.codes in lists, f"{t.name}.{c.name}: no code list {c.codes}"


def test_derived_columns_name_an_attribute_their_source_list_has():
    lists = code_lists()
    for t in TABLES:
        for c in t.columns:
            if c.derived_from:
                source, attribute = c.derived_from.split(":")
                source_list = lists[t.column(source).codes]
                for code in source_list.codes:
                    assert attribute in code.attributes, (
                        f"{t.name}.{c.name}: {source_list.name} code {code.code} has no "
                        f"{attribute}")


def test_every_declared_use_is_a_known_feature():
    # which indicator reads which column is worked out from the definitions (lineage.py)
    for t in TABLES:
        for c in t.columns:
            for use in c.used_by:
                assert use in FEATURES, f"{t.name}.{c.name}: unknown feature {use}"


def test_every_feature_reads_some_column():
    used = {u for t in TABLES for c in t.columns for u in c.used_by}
    assert [f for f in FEATURES if f not in used] == []


def test_names_of_children_are_identifying_and_left_out_of_analytics():
    child = table("child")
    assert child.column("given_name").identifying
    assert "given_name" not in child.analytic_columns
    assert "child_id" in child.analytic_columns


def test_a_bad_declaration_is_refused():
    with pytest.raises(ValueError, match="code list"):
        Column("sex", "code", "no list named")
    with pytest.raises(ValueError, match="key column"):
        Table("t", "T", "case", "", key=("missing",), columns=(Column("a", "text", ""),))


def test_docs_data_model_is_current():
    doc = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    assert doc == render_data_model(), "run `make docs` and commit docs/data-model.md"
