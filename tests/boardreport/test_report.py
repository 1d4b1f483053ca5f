"""The board report for a quarter, built from hand-made data and read back from each format.

The quarter is 2019-Q3 (October to December 2019), seed 004's plan year:

- risks: seed 004's register (loaded as at 6 August 2019), then in the quarter R3's likelihood
  falls from 3 to 2 (15 November), R6 is added (2 December) and R5 closed (10 December); so
  since 30 September: one new, one rescored, one closed;
- actions (due date, completion): A1 30 Sep, done 15 Oct; A2 30 Nov, open; A3 15 Dec, done
  10 Dec; A4 31 Dec, done 20 Jan 2020; A5 31 Jan 2020, open. Due in the quarter: A2, A3, A4
  (3). Done in it: A1, A3 (2). Overdue at 31 December: A2 (still open) and A4 (done only in
  January) (2);
- budget 2019-20: seed 004's core funding lines plus IMPACT. The lines add up to £2,640,820
  (the seed prints £2,339,120 for the core funding and £2,635,820 in all: its own lines add to
  £5,000 more, £2,344,120 and £2,640,820). The forecast is £20,000 over on Children and
  Family Services, every other line at budget: £2,660,820, variance +£20,000 (+0.8%).
- themed items: the default rota's Q3 (seed 004): desistance, liaison and diversion,
  prevention, case example; partners CAMHS and public health.
"""

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest

from yjhub.boardreport.quarters import quarter_parse
from yjhub.boardreport.report import board_report
from yjhub.documents import render

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parents[1] / "risks" / "fixtures" / "leicestershire-2019-20-risks.xlsx"

BUDGET = [  # seed 004, "Youth Offending Service Budget for 2019/20: Core Funding"
    ("Police & Crime Commissioner", "Staffing (in kind)", 91847),
    ("Police & Crime Commissioner", "Other delegated funds", 77934),
    ("National Probation Service", "Staffing (in kind)", 73764),
    ("National Probation Service", "Other delegated funds", 10000),
    ("Health", "Staffing (in kind)", 70945),
    ("Health", "Other delegated funds", 47588),
    ("Local Authority", "Chief Executives", 298303),
    ("Local Authority", "Children and Family Services", 980597),
    ("Local Authority", "Reserve (allocated)", 158651),
    ("Local Authority", "Rutland", 70000),
    ("Local Authority", "Appropriate Adult (Leicester City)", 3572),
    ("YJ Grant", "Grant", 460919),
    ("IMPACT", "Additional funding", 296700),
]


@pytest.fixture
def quarter_data():
    from yjhub.actions.services import action_create, plan_create, progress_update_create
    from yjhub.boardreport.services import budget_line_create
    from yjhub.risks.services import register_import, risk_create, risk_update
    from yjhub.risks.workbook import read_register

    register = register_import(user=None, book=read_register(FIXTURE))
    risk_update(user=None, risk=register.risks.get(ref="R3"),
                data={"likelihood": 2, "score_written": 4}, on=dt.date(2019, 11, 15))
    risk_create(user=None, register=register, on=dt.date(2019, 12, 2),
                data={"ref": "R6", "title": "ETE performance volatile", "impact": 2,
                      "likelihood": 2, "score_written": 4, "owner": "Head of Service"})
    risk_update(user=None, risk=register.risks.get(ref="R5"),
                data={"closed_on": dt.date(2019, 12, 10)}, on=dt.date(2019, 12, 10))

    plan = plan_create(user=None, title="Youth Justice Plan 2019-20",
                       starts_on=dt.date(2019, 4, 1), ends_on=dt.date(2020, 3, 31))
    actions = {}
    for ref, due in (("A1", "30 September 2019"), ("A2", "30 November 2019"),
                     ("A3", "15 December 2019"), ("A4", "31 December 2019"),
                     ("A5", "31 January 2020")):
        actions[ref] = action_create(user=None, plan=plan, text=f"Action {ref}", deadline=due,
                                     number=ref[1])
    for ref, done in (("A1", dt.date(2019, 10, 15)), ("A3", dt.date(2019, 12, 10)),
                      ("A4", dt.date(2020, 1, 20))):
        progress_update_create(user=None, action=actions[ref], on=done, status="done",
                               rag="green")
    progress_update_create(user=None, action=actions["A2"], on=dt.date(2019, 12, 1),
                           status="in_progress", rag="red")

    for agency, contribution, budget in BUDGET:
        forecast = Decimal(budget + 20000) if contribution.startswith("Children") else None
        budget_line_create(user=None, first_year=2019, data={
            "agency": agency, "contribution": contribution, "budget": Decimal(budget),
            "forecast": forecast})
    return register


def _document():
    return board_report(quarter=quarter_parse("2019-Q3"), today=dt.date(2020, 1, 31))


def _texts(document, kind):
    return [b for b in document.blocks if isinstance(b, kind)]


def test_the_parts_of_the_report(quarter_data):
    from yjhub.documents import Table

    document = _document()
    tables = {t.caption: t for t in _texts(document, Table)}
    due = tables["Due in the quarter (3)"]
    assert [r[0] for r in due.rows] == ["2", "3", "4"]
    assert [r[0] for r in tables["Done in the quarter (2)"].rows] == ["1", "3"]
    assert [r[0] for r in tables["Overdue at the end of the quarter (2)"].rows] == ["2", "4"]
    changes = tables["Leicestershire YOS risk register 2019-20: changes in 2019-20 Q3"]
    assert [(r[0], r[2]) for r in changes.rows] == [("R6", "New"), ("R3", "Scores changed"),
                                                     ("R5", "Closed")]
    assert changes.rows[1][3] == "Inherent 2 × 3 = 6; residual 2 × 2 = 4"
    assert changes.rows[1][4] == "Inherent 2 × 2 = 4; residual 2 × 2 = 4"
    budget = tables["Budget 2019-20"]
    assert budget.foot == [["Total", "", "£2,640,820", "£2,660,820", "£20,000", "–"]]
    summary = document.blocks[1].items
    assert "Budget 2019-20: forecast £2,660,820 against a budget of £2,640,820 (variance " \
           "£20,000, +0.8%)." in summary
    assert "Actions: 3 due in the quarter, 2 done, 2 overdue at 31 December 2019." in summary
    assert ("Themed items: Desistance needs of young people; Liaison and diversion; "
            "Prevention; Case example; CAMHS; Public health.") in summary


def test_renders_in_every_format_and_reads_back(quarter_data):
    import docx
    from pypdf import PdfReader

    document = _document()
    html = render(document, "html").decode()
    assert "<h2 id=\"5-budget\">5. Budget</h2>" in html
    # the actions' RAG chart, then the register's two heat maps (inherent, residual)
    assert html.count('role="img"') == 3
    # at 31 December: residual R1, R2, R4 (2, 1); R3 (2, 2); R6 none. 1 is the highest
    # level, so (2, 1) is severity 2 x 3 = 6, red (from 6); (2, 2) is 4, amber (3 to 5)
    assert 'aria-label="Residual risk of 4 risks on a 1 to 3 scale (1 is the highest level of ' \
           'risk, so the axes run from 3 to 1): R1, R2 and R4 at impact 2, likelihood 1 (red); ' \
           'R3 at impact 2, likelihood 2 (amber). 1 risk has no residual position."' in html
    assert "£2,660,820" in html
    # RAG as at 31 December 2019, from each action's latest progress update by then: A1 and
    # A3 done green, A2 red (1 December), A4 (its update is in January) and A5 not rated
    assert ('aria-label="Actions by RAG as at 31 December 2019: Youth Justice Plan 2019-20: '
            '1 red, 0 amber, 2 green, 2 not rated."') in html

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(
        render(document, "pdf"))).pages)
    assert "Quarter 3, October to December 2019 (2019-20 Q3)" in text
    assert "£2,640,820" in text
    assert "Overdue at the end of the quarter" in text
    assert "Liaison and diversion" in text

    word = docx.Document(io.BytesIO(render(document, "docx")))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "4. Risks" in headings and "6. Themed items" in headings
    budget = next(t for t in word.tables if t.rows[0].cells[0].text == "Agency")
    assert [c.text for c in budget.rows[-1].cells] == ["Total", "", "£2,640,820",
                                                        "£2,660,820", "£20,000", "–"]
    assert len(word.inline_shapes) == 3  # RAG chart and heat maps, pictures with alt text
