"""The plan file: round trip, stable output, and errors that name file, path and value."""

import copy
import re
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yjhub.plans import PlanFormatError, dump_plan, load_plan, model, plan_new, save_plan
from yjhub.plans.fileformat import clean_text

DOCS = Path(__file__).parents[2] / "docs" / "plan-format.md"


def test_a_new_plan_round_trips_and_writes_the_same_bytes_twice():
    plan = plan_new(template_id="yjb-2006", service="Example YOS")
    text = dump_plan(plan)
    again = load_plan(text)
    assert again == plan
    assert dump_plan(again) == text


def test_save_and_load_a_file(tmp_path):
    plan = plan_new(template_id="yjb-2006")
    plan.tables["A2a"].row("yjb").values["amount"] = 1426000
    plan.sections[0].prompts[0].answer = "Line one.\nLine two  \n\n"
    path = save_plan(plan, tmp_path / "p.yaml")
    text = path.read_text()
    assert "- {id: yjb, label: Youth Justice Board, amount: 1426000}" in text
    assert "answer: |-\n      Line one.\n      Line two\n" in text
    loaded = load_plan(path)
    assert loaded.tables["A2a"].row("yjb").values == {"amount": 1426000}
    assert loaded.sections[0].prompts[0].answer == "Line one.\nLine two"


BAD = """\
format: yjhub-plan/1
meta: {service: X, period: 2006-07}
tables:
  A2:
    columns:
    - {id: staffing}
    - {id: total}
    rows:
    - {id: police, staffing: 1, total: 1}
    - {id: probation, staffing: 2, total: 2}
    - {id: health, staffing: 3, total: 3}
    - {id: total, kind: total, staffing: 6, total: [1, 2]}
"""


def test_a_bad_cell_names_the_file_the_path_and_the_value(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    with pytest.raises(PlanFormatError) as error:
        load_plan(path)
    assert str(error.value) == (f"{path}: tables.A2.rows[3].total: expected a number or text "
                                "(value: [1, 2])")


@pytest.mark.parametrize(("line", "bad_line", "message"), [
    ("{id: probation, staffing: 2, total: 2}", "{id: probation, staffing: 2, totl: 2}",
     "tables.A2.rows[1].totl: no such column in table A2 (columns: staffing, total) "
     "(value: 2)"),
    ("{id: police, staffing: 1, total: 1}", "{id: police, staffing: yes, total: 1}",
     "tables.A2.rows[0].staffing: expected a number or text (write yes/no in quotes) "
     "(value: True)"),
])
def test_other_bad_cells(line, bad_line, message):
    text = BAD.replace("total: [1, 2]", "total: 6").replace(line, bad_line)
    with pytest.raises(PlanFormatError) as error:
        load_plan(text)
    assert str(error.value) == f"<text>: {message}"


def test_unknown_fields_and_wrong_shapes_are_all_reported():
    with pytest.raises(PlanFormatError) as error:
        load_plan("meta: {staus: draft}\nsections: {id: a}\nboard: [{name: A, chair: maybe}]\n")
    assert error.value.problems == [
        ("meta.staus", "draft", "unknown field (allowed: service, period, title, template, "
                                "status, dates, carried_from)"),
        ("sections", {"id": "a"}, "expected a list"),
        ("board[0].chair", "maybe", "expected true or false"),
    ]


def test_not_yaml_and_missing_file(tmp_path):
    with pytest.raises(PlanFormatError,
                       match=r"<text>: line 2, column 1: not valid YAML: .*expected ','"):
        load_plan("meta: [unclosed\n")
    with pytest.raises(PlanFormatError, match=r"nope.yaml: \(top\): cannot read the file"):
        load_plan(str(tmp_path / "nope.yaml"))


def _dataclasses(cls, seen):
    if cls in seen:
        return
    seen.add(cls)
    for f in fields(cls):
        for candidate in vars(model).values():
            if is_dataclass(candidate) and candidate.__name__ in str(f.type):
                _dataclasses(candidate, seen)


def test_the_format_doc_names_every_field_of_every_record():
    """docs/plan-format.md cannot drift: each field of the model appears in it as `field`."""
    doc = DOCS.read_text()
    seen: set = set()
    _dataclasses(model.Plan, seen)
    missing = [f"{cls.__name__}.{f.name}" for cls in seen for f in fields(cls)
               if f"`{f.name}`" not in doc]
    assert missing == []


_BASE = plan_new(template_id="yjb-2021")


@settings(max_examples=100, deadline=None)
@given(text=st.text(), cell=st.one_of(st.none(), st.integers(), st.text(),
                                        st.floats(allow_nan=False, allow_infinity=False)))
def test_any_text_and_any_cell_survive_the_round_trip(text, cell):
    """Whatever is typed into an answer or a cell reads back as written (text with its line
    breaks normalised, see clean_text), and writing it again gives the same bytes."""
    plan = copy.deepcopy(_BASE)
    plan.sections[0].prompts[0].answer = text
    plan.tables["budget"].rows[0].values["total"] = cell
    once = load_plan(dump_plan(plan))
    assert once.sections[0].prompts[0].answer == clean_text(text)
    expected = None if cell == "" else clean_text(cell) if isinstance(cell, str) else cell
    assert once.tables["budget"].rows[0].values.get("total") == expected
    assert dump_plan(load_plan(dump_plan(once))) == dump_plan(once)


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                     st.text(max_size=5), st.dates())
_KEYS = st.sampled_from(["id", "label", "rows", "columns", "caption", "total", "amount", "kind",
                         "number", "title", "prompts", "answer", "data", "epqa", "actions",
                         "current", "meta", "template", "figures", "sum", "value", "name", "A1"])
_TREE = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(_KEYS, inner, max_size=4)), max_leaves=12)
_TOP = st.dictionaries(st.sampled_from(["format", "meta", "contents", "sections", "tables",
                                        "delivery", "appendix", "epqa", "board", "reviews",
                                        "signatures"]), _TREE, max_size=5)


@settings(max_examples=150, deadline=None)
@given(data=_TOP)
def test_any_shape_of_file_is_read_or_refused_with_a_message(data):
    """A file of any shape either reads (and then checks without failing) or is refused with
    a PlanFormatError: never another exception."""
    from yjhub.plans import check_plan
    from yjhub.plans.fileformat import plan_from_data

    try:
        plan = plan_from_data(data, source="fuzz.yaml")
    except PlanFormatError as error:
        assert str(error).startswith("fuzz.yaml: ")
        return
    check_plan(plan)


def test_the_examples_in_the_format_doc_load():
    """Every YAML block of docs/plan-format.md that is a plan (starts with `format:`) loads,
    and the error messages the doc shows are the loader's."""
    doc = DOCS.read_text()
    blocks = re.findall(r"```yaml\n(.*?)```", doc, flags=re.S)
    plans = [b for b in blocks if b.startswith("format: yjhub-plan/1")]
    assert plans
    for block in plans:
        load_plan(block)
    with pytest.raises(PlanFormatError) as error:
        load_plan("meta: {staus: draft}\n")
    assert str(error.value).replace("<text>", "essex.yaml") in doc


def test_checking_does_not_change_the_plan():
    from yjhub.plans import check_plan

    plan = load_plan(Path(__file__).parent / "fixtures" / "essex-2006-07.yaml")
    before = copy.deepcopy(plan)
    check_plan(plan)
    assert plan == before
