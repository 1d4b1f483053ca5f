"""Templates are data: each file loads and holds together; a broken one says where."""

import re
from pathlib import Path

import pytest

from yjhub.plans import RULES, templates
from yjhub.plans.docs import render_checks_doc
from yjhub.plans.templates import TemplateError, load_template

ROOT = Path(__file__).parents[2]
GOOD = (ROOT / "src/yjhub/plans/templates/yjb-2006.yaml").read_text()


def test_the_templates_state_the_template_rules():
    tpl = {t.id: t for t in templates()}
    ids_2006 = [c["id"] for c in tpl["yjb-2006"].checks]
    assert "A1.total_equals_A2.total" in ids_2006
    assert "A2a.total_equals_A2.additional" in ids_2006
    assert "A2b.total_equals_A2.health" in ids_2006
    assert "A3.totals_agree" in ids_2006
    assert "A2c.total_equals_A2.probation" not in ids_2006
    ids_2007 = [c["id"] for c in tpl["yjb-2007"].checks]
    assert {"A2c.row_sum", "A2c.total_equals_A2.probation"} <= set(ids_2007)
    assert len(tpl["yjb-2006"].delivery) == 16 and len(tpl["yjb-2007"].delivery) == 15


@pytest.mark.parametrize(("change", "message"), [
    (("id: yjb-2006", "id: other"), "yjb-2006.yaml: id: 'other' differs from the file name"),
    (("kind: column_sum, table: A1", "kind: colum_sum, table: A1"),
     "yjb-2006.yaml: checks[0].kind: 'colum_sum' is not one of column_sum, equal, row_sum, "
     "totals_agree"),
    (("b: A2.total.total", "b: A2.total.totl"),
     "yjb-2006.yaml: checks[5].b: no cell total.totl in table A2"),
    (("explain_by: vacant", "explain_by: vacancies"),
     "yjb-2006.yaml: checks[11].explain_by: no row 'vacancies' in A3"),
    (("answered_by: [\"section:appendix_a\"]", "answered_by: [\"section:appendix_z\"]"),
     "yjb-2006.yaml: sections[9].prompts[1].answered_by: 'section:appendix_z' is not board, "
     "reviews, signatures, appendix, delivery, table:ID or section:ID of this template"),
    (("indicator: parenting_satisfaction}", "indicator: parenting_sat}"),
     "yjb-2006.yaml: delivery[14].data[1].indicator: no appendix row 'parenting_sat'"),
])
def test_a_broken_template_names_the_file_and_the_place(tmp_path, change, message):
    path = tmp_path / "yjb-2006.yaml"
    assert change[0] in GOOD
    path.write_text(GOOD.replace(change[0], change[1], 1))
    with pytest.raises(TemplateError) as error:
        load_template(path)
    assert str(error.value).startswith(message)


def test_docs_plan_checks_is_current():
    assert (ROOT / "docs/plan-checks.md").read_text() == render_checks_doc(), (
        "docs/plan-checks.md is behind: run `yjhub plan docs`")


def test_every_rule_in_the_code_is_registered_and_every_registered_rule_is_used():
    source = "\n".join(p.read_text() for p in (ROOT / "src/yjhub/plans/checks").glob("*.py"))
    used = set(re.findall(r'rule="([a-z_.]+)"', source))
    used |= set(re.findall(r'"(delivery\.[a-z_]+_vs_appendix)"', source))
    assert used <= set(RULES), used - set(RULES)
    assert set(RULES) <= used, set(RULES) - used
