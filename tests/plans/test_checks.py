"""Each check on small hand-made plans: one that passes, one that fails, with the rule id,
location, figures and difference worked out by hand."""

from pathlib import Path

import pytest

from yjhub.plans import (
    Action,
    AppendixRow,
    BoardMember,
    ContentsEntry,
    DataItem,
    EpqaItem,
    ObjectiveArea,
    QuotedFigure,
    Review,
    Section,
    Signature,
    check_plan,
    load_plan,
    plan_new,
)

CLEAN = Path(__file__).parent / "fixtures" / "clean-2024-25.yaml"


def new(template="yjb-2006"):
    return plan_new(template_id=template, service="Test YOS")


def only(plan, rule):
    return [f for f in check_plan(plan) if f.rule == rule]


def fill(plan, table, rows):
    for row_id, values in rows.items():
        plan.tables[table].row(row_id).values = dict(values)


def test_the_clean_plan_has_no_findings():
    assert check_plan(load_plan(CLEAN)) == []


# ---------------------------------------------------------------- tables

def test_column_sum():
    plan = new()
    fill(plan, "A1", {"preventive": {"amount": 100}, "pace": {"amount": 200},
                      "total": {"amount": 300}})
    assert only(plan, "A1.column_sum") == []
    plan.tables["A1"].row("total").values["amount"] = 350     # 100 + 200 = 300, entered 350
    [finding] = only(plan, "A1.column_sum")
    assert finding.severity == "error"
    assert finding.location.path == "tables.A1.rows[total].amount"
    assert (finding.location.table, finding.location.row, finding.location.column) == (
        "A1", "total", "amount")
    assert finding.figures == {"entered total": 350, "sum of rows": 300}
    assert finding.difference == 50


def test_row_sum():
    plan = new()
    fill(plan, "A2", {"police": {"staffing": 1000, "in_kind": 200, "other": 30, "total": 1230}})
    assert only(plan, "A2.row_sum") == []
    plan.tables["A2"].row("police").values["total"] = 1300   # 1,000 + 200 + 30 = 1,230
    [finding] = only(plan, "A2.row_sum")
    assert finding.location.path == "tables.A2.rows[police].total"
    assert finding.figures == {"entered total": 1300, "sum of columns": 1230}
    assert finding.difference == 70


@pytest.mark.parametrize(("rule", "a", "b"), [
    ("A1.total_equals_A2.total", ("A1", "total", "amount"), ("A2", "total", "total")),
    ("A2a.total_equals_A2.additional", ("A2a", "total", "amount"), ("A2", "additional", "total")),
    ("A2b.total_equals_A2.health", ("A2b", "total", "amount"), ("A2", "health", "total")),
])
def test_cross_table_totals(rule, a, b):
    plan = new()
    plan.tables[a[0]].row(a[1]).values[a[2]] = 205000
    plan.tables[b[0]].row(b[1]).values[b[2]] = 205000
    assert only(plan, rule) == []
    plan.tables[b[0]].row(b[1]).values[b[2]] = 215000
    [finding] = only(plan, rule)
    assert finding.severity == "error"
    assert finding.location.path == f"tables.{a[0]}.rows[{a[1]}].{a[2]}"
    assert finding.figures == {".".join(a): 205000, ".".join(b): 215000}
    assert finding.difference == -10000


def test_a_row_a_check_needs_is_missing():
    plan = new()
    plan.tables["A2a"].row("total").values["amount"] = 1426000
    plan.tables["A2"].rows = [r for r in plan.tables["A2"].rows if r.id != "additional"]
    [finding] = only(plan, "table.missing_cell")
    assert finding.location.path == "tables.A2.rows[additional].total"
    assert "A2a.total_equals_A2.additional" in finding.message
    assert only(plan, "A2a.total_equals_A2.additional") == []


def test_a2c_rules_of_the_2007_template():
    """Seed 001's Table A2c: cash 112,618, nothing in kind, total 112,618 = A2 probation."""
    plan = new("yjb-2007")
    fill(plan, "A2c", {"probation": {"cash": 112618, "kind_value": 0, "total": 112618}})
    fill(plan, "A2", {"probation": {"staffing": 112618, "total": 112618}})
    assert only(plan, "A2c.row_sum") == []
    assert only(plan, "A2c.total_equals_A2.probation") == []
    # (f) = (a) + (c) + (e): 100,000 + 5,000 + 7,618 = 112,618, entered 110,000
    fill(plan, "A2c", {"probation": {"cash": 100000, "kind_items": "training, IT",
                                     "kind_value": 5000, "staff_grades": "1 PSO",
                                     "staff_value": 7618, "total": 110000}})
    [row_sum] = only(plan, "A2c.row_sum")
    assert row_sum.location.path == "tables.A2c.rows[probation].total"
    assert row_sum.figures == {"entered total": 110000, "sum of columns": 112618}
    assert row_sum.difference == -2618
    [equal] = only(plan, "A2c.total_equals_A2.probation")
    assert equal.figures == {"A2c.probation.total": 110000, "A2.probation.total": 112618}
    assert equal.difference == -2618
    assert "should be equal to the role in A2 called 'probation'" in equal.message
    # the 2006-07 template has no A2c, so no such rule
    assert not any(f.rule.startswith("A2c") for f in check_plan(new()))


def test_a2c_missing_from_a_2007_plan():
    plan = new("yjb-2007")
    del plan.tables["A2c"]
    [finding] = only(plan, "table.missing")
    assert finding.location.path == "tables.A2c"


def _a3(plan):
    fill(plan, "A3", {
        "permanent": {"managers_strategic": 1, "practitioners_ft": 4, "total": 5},
        "vacant": {"practitioners_ft": 2, "total": 2},
        "total": {"managers_strategic": 1, "practitioners_ft": 6, "total": 7},
        "white_female": {"managers_strategic": 1, "practitioners_ft": 3, "total": 4},
        "black_male": {"practitioners_ft": 1, "total": 1},
        "total_gender": {"managers_strategic": 1, "practitioners_ft": 4, "total": 5}})


def test_a3_totals_differing_by_exactly_the_vacancies_are_explained():
    plan = new()
    _a3(plan)   # 7 against 5: the 2 vacant practitioners (FT)
    [finding] = only(plan, "A3.totals_agree")
    assert finding.severity == "warning"
    assert finding.location.path == "tables.A3.rows[total_gender].total"
    assert finding.figures == {"total": 7, "total_gender": 5, "vacant": 2}
    assert finding.difference == 2
    assert "exactly the Vacant row" in finding.message
    assert only(plan, "A3.column_sum") == [] and only(plan, "A3.gender_column_sum") == []


def test_a3_difference_equal_to_the_vacancies_only_in_total_is_an_error():
    plan = new()
    _a3(plan)
    # first total: 1 manager, 4 practitioners (FT), 2 administrative = 7; second: 1 and 4 = 5.
    # The difference (2 administrative) has the vacant row's total (2) but not its columns
    # (2 practitioners (FT)): not explained.
    plan.tables["A3"].row("total").values = {"managers_strategic": 1, "practitioners_ft": 4,
                                             "administrative": 2, "total": 7}
    [finding] = only(plan, "A3.totals_agree")
    assert finding.severity == "error"
    assert finding.figures == {"total": 7, "total_gender": 5}
    assert finding.difference == 2
    assert "Administrative 2" in finding.message
    assert "The difference is not the Vacant row (2)." in finding.message


def test_a3_equal_totals_pass():
    plan = new()
    _a3(plan)
    plan.tables["A3"].row("vacant").values = {}
    plan.tables["A3"].row("total").values = {"managers_strategic": 1, "practitioners_ft": 4,
                                             "total": 5}
    plan.tables["A3"].row("permanent").values = {"managers_strategic": 1,
                                                 "practitioners_ft": 4, "total": 5}
    assert [f for f in check_plan(plan) if f.location.table == "A3"] == []


def test_a3_unexplained_difference():
    plan = new()
    _a3(plan)
    plan.tables["A3"].row("total_gender").values["total"] = 6
    plan.tables["A3"].row("black_male").values["total"] = 2
    # totals 7 against 6 differ by 1; the vacant row holds 2: not explained
    [finding] = only(plan, "A3.totals_agree")
    assert finding.severity == "error"
    assert finding.difference == 1
    assert "The difference is not the Vacant row (2)." in finding.message


def test_a3_text_cell_is_reported_and_its_sums_skipped():
    """Seed 001 writes "8 (1 Vac)" in its second A3 total."""
    plan = new()
    _a3(plan)
    plan.tables["A3"].row("total_gender").values["practitioners_ft"] = "4 (2 Vac)"
    [finding] = only(plan, "table.not_a_number")
    assert finding.severity == "warning"
    assert finding.location.path == "tables.A3.rows[total_gender].practitioners_ft"
    assert finding.figures == {"entered": "4 (2 Vac)"}
    assert only(plan, "A3.gender_column_sum") == []


def test_money_written_as_text_is_read():
    plan = new()
    fill(plan, "A1", {"preventive": {"amount": "£1,000"}, "total": {"amount": "1,000"}})
    assert only(plan, "A1.column_sum") == [] and only(plan, "table.not_a_number") == []


def test_budget_and_staffing_of_the_current_template():
    plan = load_plan(CLEAN)
    plan.tables["budget"].row("total").values["total"] = 990000    # rows add up to 1,000,000
    [finding] = only(plan, "budget.column_sum")
    assert finding.figures == {"entered total": 990000, "sum of rows": 1000000}
    assert finding.difference == -10000
    plan = load_plan(CLEAN)
    plan.tables["staffing"].row("total_ethnicity").values["practitioners"] = 10   # 11 by sex
    findings = {f.rule: f for f in check_plan(plan)}
    assert findings["staffing.totals_agree"].severity == "error"   # no explaining row here
    assert findings["staffing.ethnicity_column_sum"].difference == -1


# ---------------------------------------------------------------- narrative figures

def test_quoted_figure():
    plan = new()
    fill(plan, "A3", {"permanent": {"total": 11}, "vacant": {"total": 15}})
    section = plan.section("workforce_planning")
    section.figures = [QuotedFigure(quote="26 posts", value=26,
                                    sum=["A3.permanent.total", "A3.vacant.total"])]
    assert only(plan, "narrative.figure") == []
    section.figures[0].value = "25 posts"
    [finding] = only(plan, "narrative.figure")
    assert finding.location.path == "sections[workforce_planning].figures[0]"
    assert finding.figures["quoted"] == 25 and finding.figures["from the tables"] == 26
    assert finding.difference == -1
    section.figures[0].sum = ["A3.nonsense.total"]
    [broken] = only(plan, "narrative.figure_ref")
    assert broken.figures == {"references": ["A3.nonsense.total"]}


def test_quoted_figure_from_the_appendix():
    plan = new()
    plan.appendix.row("parenting_satisfaction").current = "99.1%"
    plan.section("summary").figures = [QuotedFigure(quote="99% of parents satisfied",
                                                    value="99%",
                                                    sum=["appendix.parenting_satisfaction.current"])]
    [finding] = only(plan, "narrative.figure")
    assert finding.difference == pytest.approx(-0.1)


# ---------------------------------------------------------------- board and sign-off

ESSEX_BOARD = [BoardMember("Paul Coen", "Essex County Council", "Chief Executive", chair=True),
               BoardMember("Andy Bliss", "Essex Police", "Assistant Chief Constable"),
               BoardMember("Alex Bamber", "National Probation Service - Essex Area", "ACO"),
               BoardMember("Mike O' Keefe", "North Essex Mental Health Partnership Trust", "")]


def test_board_required_agencies():
    plan = new()
    assert [f.rule for f in check_plan(plan) if f.rule.startswith("board")] == ["board.empty"]
    plan.board = list(ESSEX_BOARD)
    assert only(plan, "board.required_agency") == []
    plan.board = ESSEX_BOARD[:2]
    missing = only(plan, "board.required_agency")
    assert [f.figures["agency"] for f in missing] == ["probation", "health"]
    assert all(f.severity == "warning" and f.location.path == "board" for f in missing)


def test_the_local_authority_chief_executive_must_sign():
    plan = new()
    plan.board = list(ESSEX_BOARD)
    plan.signatures = [Signature("Police Service", "Andy Bliss", "", "26.4.06")]
    [finding] = only(plan, "signoff.required")
    assert finding.severity == "error" and finding.location.path == "signatures"
    assert "chief executive of the local authority" in finding.message
    plan.signatures.insert(0, Signature("Chief Executive Of The Local Authority", ""))
    [finding] = only(plan, "signoff.required")
    assert finding.location.path == "signatures[0]" and "no name" in finding.message
    plan.signatures[0].name = "Paul Coen"
    assert only(plan, "signoff.required") == []
    # seed 004's wording
    plan.signatures[0].role = "Chief Executive, Leicestershire County Council"
    assert only(plan, "signoff.required") == []
    # a clinical commissioning group's chief executive is not the local authority's
    plan.signatures[0].role = "Chief Executive, East Leicestershire and Rutland CCG"
    assert len(only(plan, "signoff.required")) == 1


def test_signatures_matched_to_the_board():
    plan = new()
    plan.board = list(ESSEX_BOARD)
    plan.signatures = [Signature("Chief Executive Of The Local Authority", "Cllr Paul Coen"),
                       Signature("Health Service", "Mike O'Keefe",
                                 "(on behalf of MIKE O'KEEFE)"),
                       Signature("Police Service", "Peter Fahy")]   # seed 001: not on board
    findings = [(f.rule, f.location.path) for f in check_plan(plan)
                if f.rule.startswith("signoff")]
    assert findings == [("signoff.on_behalf", "signatures[1]"),
                        ("signoff.name_variant", "signatures[1]"),
                        ("signoff.not_on_board", "signatures[2]")]


def test_unsigned_only_matters_once_approved():
    plan = new()
    plan.signatures = [Signature("Chief Executive Of The Local Authority", "Paul Coen")]
    assert only(plan, "signoff.unsigned") == []
    plan.meta.status = "approved"
    [finding] = only(plan, "signoff.unsigned")
    assert finding.location.path == "signatures[0]"
    plan.signatures[0].date = "26.4.06"
    assert only(plan, "signoff.unsigned") == []


def test_reviews():
    plan = new()   # 2006-07
    [finding] = only(plan, "reviews.missing")
    assert finding.severity == "warning"
    plan.reviews = [Review("September 2006", "Chair"), Review("30.4.07", "Chair"),
                    Review("2007-03-31", "Chair"), Review("at year end", "Chair")]
    [finding] = only(plan, "reviews.outside_period")
    assert finding.location.path == "reviews[1]"
    assert finding.figures == {"date": "30.4.07"}


# ---------------------------------------------------------------- prompts and contents

def test_prompts():
    plan = new()
    unanswered = {f.location.path for f in only(plan, "prompt.unanswered")}
    assert "sections[summary].prompts[key_objectives]" in unanswered
    assert "sections[governance].prompts[table_a]" in unanswered    # answered by the board
    plan.section("summary").prompts[1].answer = "Reduce first time entrants."
    plan.board = list(ESSEX_BOARD)
    unanswered = {f.location.path for f in only(plan, "prompt.unanswered")}
    assert "sections[summary].prompts[key_objectives]" not in unanswered
    assert "sections[governance].prompts[table_a]" not in unanswered
    # a prompt answered by two tables is unanswered until both hold figures
    [tables] = [f for f in only(plan, "prompt.unanswered")
                if f.location.path == "sections[resources].prompts[tables]"]
    assert "table:A1, table:A2, table:A2a, table:A2b" in tables.message


def test_section_missing():
    plan = new()
    plan.sections = [s for s in plan.sections if s.id != "partnership"]
    [finding] = only(plan, "section.missing")
    assert finding.location.section == "partnership"


def test_contents():
    plan = new()
    plan.sections = [Section("a", "A.", "Summary"), Section("c2", "C. 2", "Performance"),
                     Section("res", "C.2", "Resources", level=2),
                     Section("sub", "C2 a", "Financial resources", level=3),
                     Section("x", "X", "Extra heading", level=2)]
    plan.contents = [ContentsEntry("A", "SUMMARY"), ContentsEntry("C.2", "Performance"),
                     ContentsEntry("C.3", "Resources"), ContentsEntry("D.", "Delivery plan")]
    found = [(f.rule, f.location.path, f.figures) for f in check_plan(plan, template=None)
             if f.rule.startswith("contents")]
    assert found == [
        ("contents.duplicate_number", "sections[res].number",
         {"number": "C.2", "sections": ["c2", "res"]}),
        ("contents.numbering", "contents[2].number", {"contents": "C.3", "body": "C.2"}),
        ("contents.not_in_body", "contents[3]", {}),
        ("contents.not_in_contents", "sections[x]", {}),
    ]


# ---------------------------------------------------------------- delivery plan

def _parenting(plan, **item):
    area = plan.area("parenting")
    area.overview = "STOP."
    area.actions_held_in = "Action Planning Tool"
    area.data = [DataItem(label="Satisfaction", indicator="parenting_satisfaction", **item)]
    row = plan.appendix.row("parenting_satisfaction")
    row.previous, row.current, row.target = "97.5%", "99.1%", 75
    return area


def test_data_block_against_the_appendix():
    plan = new()
    _parenting(plan, actual="99.1%", change="(+1.6%)", target="75%")
    rules = [f.rule for f in check_plan(plan) if f.location.area == "parenting"]
    assert rules == []
    plan = new()
    _parenting(plan, actual="100%", change="(+2.5%)", target="80%")
    found = {f.rule: f for f in check_plan(plan) if f.location.area == "parenting"}
    assert set(found) == {"delivery.actual_vs_appendix", "delivery.target_vs_appendix"}
    assert found["delivery.actual_vs_appendix"].figures == {"data block": 100, "appendix": 99.1}
    assert found["delivery.actual_vs_appendix"].difference == pytest.approx(0.9)
    assert found["delivery.target_vs_appendix"].difference == 5
    assert found["delivery.target_vs_appendix"].location.path == (
        "delivery[parenting].data[0].target")


def test_bracketed_change():
    plan = new()
    _parenting(plan, actual="99.1%", change="(-1.6%)")   # 99.1 - 97.5 = +1.6
    [finding] = only(plan, "delivery.change")
    assert finding.figures == {"stated change": -1.6, "actual": 99.1, "previous": 97.5,
                               "recomputed change": pytest.approx(1.6)}
    assert finding.difference == pytest.approx(-3.2)
    plan = new()
    _parenting(plan, actual="97.5%", change="no diff")
    assert only(plan, "delivery.change") == []
    # the data block's own earlier figure wins over the appendix's
    plan = new()
    _parenting(plan, previous="97%", actual="97.5%", change="(+0.5%)")
    assert only(plan, "delivery.change") == []
    assert only(plan, "delivery.previous_vs_appendix")[0].difference == pytest.approx(-0.5)


def test_rounded_and_unlinked_figures():
    plan = new()
    _parenting(plan, actual="99%")           # 99.1 at 0 decimals is 99
    [finding] = only(plan, "delivery.rounded")
    assert finding.severity == "info" and finding.difference == pytest.approx(-0.1)
    plan.area("parenting").data[0].indicator = "no_such_row"
    [finding] = only(plan, "delivery.indicator_unknown")
    assert finding.location.path == "delivery[parenting].data[0].indicator"
    plan.area("parenting").data[0].indicator = ""
    assert [f for f in check_plan(plan) if f.location.area == "parenting"] == []


def test_epqa_scores():
    plan = new()
    area = _parenting(plan, actual="99.1%")
    area.epqa = [EpqaItem("EPQA: 04 rating", "parenting", "initial", 2),
                 EpqaItem("EPQA: 05 result", "parenting", "actual", 1.87)]
    row = plan.epqa_row("parenting")
    row.initial, row.actual = 2, 1.87
    assert [f for f in check_plan(plan) if f.location.area == "parenting"] == []
    row.actual = 1.78
    [finding] = only(plan, "delivery.epqa_vs_table")
    assert finding.location.path == "delivery[parenting].epqa[1].score"
    assert finding.figures == {"data block": 1.87, "EPQA table": 1.78}
    assert finding.difference == pytest.approx(0.09)
    row.actual = None
    [finding] = only(plan, "delivery.epqa_not_in_table")
    assert finding.location.column == "actual"


def test_actions():
    plan = new()
    area = plan.area("ete")
    area.overview = "ETE."
    [finding] = [f for f in only(plan, "delivery.actions_missing") if f.location.area == "ete"]
    assert finding.location.path == "delivery[ete].actions"
    area.actions = [Action("Basic skills tutor", lead="ETE manager", deadline="June 2006"),
                    Action("Protocol with Connexions"),
                    Action("Old action", status="done")]
    assert [f for f in only(plan, "delivery.actions_missing") if f.location.area == "ete"] == []
    [finding] = [f for f in only(plan, "delivery.action_incomplete")
                 if f.location.area == "ete"]
    assert finding.location.path == "delivery[ete].actions[1]"
    assert "no lead and no deadline" in finding.message


def test_overview_and_area_missing():
    plan = new()
    paths = {f.location.path for f in only(plan, "delivery.overview_missing")}
    assert len(paths) == 16 and "delivery[parenting].overview" in paths
    plan.delivery = [a for a in plan.delivery if a.id != "enforcement"]
    plan.delivery.append(ObjectiveArea("local_priority", "Local priority", overview="x",
                                       actions_held_in="here"))
    [finding] = only(plan, "delivery.area_missing")
    assert finding.location.area == "enforcement"


def test_unknown_template_still_runs_the_template_free_checks():
    plan = new()
    plan.meta.template.id = "yjb-1999"
    plan.appendix.rows = [AppendixRow("x", current="50%")]
    plan.delivery = [ObjectiveArea("a", "A", overview="o", actions_held_in="APT",
                                   data=[DataItem(indicator="x", actual="60%")])]
    rules = [f.rule for f in check_plan(plan)]
    assert rules[0] == "plan.template_unknown"
    assert "delivery.actual_vs_appendix" in rules
    assert not any(r.startswith("A1") for r in rules)


def test_template_version():
    plan = new()
    assert only(plan, "plan.template_version") == []
    plan.meta.template.version = "2006.0"
    [finding] = only(plan, "plan.template_version")
    assert finding.figures == {"plan": "2006.0", "installed": "2006.1"}


def test_seed_001_cheshire_budget_tables():
    """Seed 001's Tables A1, A2, A2a, A2b and A2c (Cheshire 2007/08) as printed, on the 2007-08
    template. By hand:
    - A1: 771,633 + 68,853 + 196,857 + 142,427 + 282,043 + 1,567,163 + 299,049 = 3,328,025
      (preventive services blank) against the total 3,528,530: a difference of 200,505.
    - A1's total 3,528,530 against A2's 3,423,130: 105,400.
    - A2 Education: no figures in its columns but a total of 90,000.
    - A2 Health staffing reads "84,311 126,493 (TBC)" and A2a Other "993,028 611,381": not
      numbers, so the sums through them are not checked (A2a's YJB 113,850 + 993,028 +
      611,381 would make its 1,718,259).
    - What holds: police 168,920 + 71,967 = 240,887; the total column 240,887 + 112,618 +
      1,134,873 + 90,000 + 126,493 + 0 + 1,718,259 = 3,423,130; other funds 71,967 + 268,451 +
      5,689 = 346,107; A2a 1,718,259 = A2 additional; A2b 126,493 = A2 health; A2c cash
      112,618 = its total = A2 probation.
    """
    plan = new("yjb-2007")
    fill(plan, "A1", {"pace": {"amount": 771633}, "pre_court": {"amount": 68853},
                      "court": {"amount": 196857}, "remand": {"amount": 142427},
                      "community": {"amount": 282043}, "through_care": {"amount": 1567163},
                      "other_orders": {"amount": 299049}, "total": {"amount": 3528530}})
    fill(plan, "A2", {
        "police": {"staffing": 168920, "other": 71967, "total": 240887},
        "probation": {"staffing": 112618, "total": 112618},
        "social_services": {"staffing": 866422, "other": 268451, "total": 1134873},
        "education": {"total": 90000},
        "health": {"staffing": "84,311 126,493 (TBC)", "other": 5689, "total": 126493},
        "la_chief_executive": {"staffing": 0, "other": 0, "total": 0},
        "additional": {"staffing": 1718259, "total": 1718259},
        "total": {"staffing": 3077023, "other": 346107, "total": 3423130}})
    fill(plan, "A2a", {"yjb": {"amount": 113850}, "other": {"amount": "993,028 611,381"},
                       "total": {"amount": 1718259}})
    fill(plan, "A2b", {"source_1": {"amount": 126493}, "total": {"amount": 126493}})
    fill(plan, "A2c", {"probation": {"cash": 112618, "kind_value": 0, "total": 112618}})
    found = [(f.rule, f.location.path, f.difference) for f in check_plan(plan)
             if f.location.table]
    assert found == [
        ("A1.column_sum", "tables.A1.rows[total].amount", 200505),
        ("A2.row_sum", "tables.A2.rows[education].total", 90000),
        ("table.not_a_number", "tables.A2.rows[health].staffing", None),
        ("table.not_a_number", "tables.A2a.rows[other].amount", None),
        ("A1.total_equals_A2.total", "tables.A1.rows[total].amount", 105400),
    ]
