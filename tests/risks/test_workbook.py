"""Reading a register workbook: every problem named by sheet, row, column and value."""

import datetime as dt
import io

from openpyxl import Workbook

from yjhub.risks.scoring import Scale
from yjhub.risks.workbook import COLUMNS, read_register, write_register

HEAD = [h for h, *_ in COLUMNS]


def _book(settings, rows, head=HEAD) -> bytes:
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Register"
    for row in settings:
        sheet.append(row)
    risks = wb.create_sheet("Risks")
    risks.append(head)
    for row in rows:
        risks.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


GOOD_SETTINGS = [("Register name", "Test"), ("Scale", "1 to 5"), ("Direction", "high"),
                 ("Scoring rule", "product"), ("As at", dt.date(2024, 6, 30))]


def _row(**values):
    base = {"Ref": "R1", "Risk": "A risk", "Impact": 3, "Likelihood": 4}
    base.update(values)
    return [base.get(h) for h in HEAD]


def test_a_good_workbook():
    rows = [_row(), _row(Ref="R2", **{"Review date": "31/03/2025"})]
    book = read_register(_book(GOOD_SETTINGS, rows), file_name="good.xlsx")
    assert book.ok, book.problems
    assert book.scale == Scale(5, "high", "product")
    assert book.as_at == dt.date(2024, 6, 30)
    assert book.risks[1].review_date == dt.date(2025, 3, 31)


def test_every_problem_is_named_and_nothing_is_taken():
    rows = [
        _row(Impact=6),                                   # row 2: off the 1-5 scale
        _row(Ref="R2", Likelihood="high"),                # row 3: not a number
        _row(Ref="R1"),                                   # row 4: ref used twice
        _row(Ref="R4", Risk=None),                        # row 5: no risk text
        _row(Ref="R5", **{"Residual impact": 2}),         # row 6: residual half given
        _row(Ref="R6", **{"Review date": "next spring"}),  # row 7: not a date
        _row(Ref="R7", **{"Risk score": 2.5}),            # row 8: not a whole number
    ]
    book = read_register(_book(GOOD_SETTINGS, rows), file_name="bad.xlsx")
    found = [(p.sheet, p.row, p.column, p.value) for p in book.problems]
    assert found == [
        ("Risks", 2, "F (Impact)", "6"),
        ("Risks", 3, "G (Likelihood)", "high"),
        ("Risks", 4, "A (Ref)", "R1"),
        ("Risks", 5, "B (Risk)", ""),
        ("Risks", 6, "L (Residual likelihood)", ""),
        ("Risks", 7, "N (Review date)", "next spring"),
        ("Risks", 8, "H (Risk score)", "2.5"),
    ]
    assert str(book.problems[0]) == ('bad.xlsx sheet Risks row 2, F (Impact) "6": Impact must '
                                     'be from 1 to 5 (the register\'s scale)')
    assert "used twice (rows 2 and 4)" in book.problems[2].problem
    assert not book.ok


def test_bad_settings_and_headers():
    settings = [("Register name", "X"), ("Scale", "1 to 4"), ("Direction", "sideways"),
                ("Colour", "blue")]
    book = read_register(_book(settings, [], head=HEAD[:5] + ["Impactt"] + HEAD[6:]),
                         file_name="x.xlsx")
    found = [(p.sheet, p.row, p.column, p.value, p.problem.split(" ")[0]) for p in book.problems]
    assert ("Register", 4, "A", "Colour", "not") in found
    assert ("Register", None, "", "", "Scoring") in found  # missing
    assert ("Register", 2, "B", "1 to 4", "Scale") in found
    assert ("Register", 3, "B", "sideways", "Direction") in found
    assert ("Risks", 1, "F", "Impactt", "not") in found
    assert any(p.problem == "the column 'Impact' is missing" for p in book.problems)


def test_not_a_workbook():
    book = read_register(b"Ref,Risk\nR1,x\n", file_name="risks.csv")
    assert len(book.problems) == 1
    assert book.problems[0].problem.startswith("not an Excel workbook")


def test_round_trip_through_the_export():
    risks = [{"ref": "R1", "title": "A", "impact": 2, "likelihood": 3, "score_written": 5,
              "residual_impact": 1, "residual_likelihood": 1, "residual_score_written": 1,
              "review_date": dt.date(2025, 1, 31), "owner": "Head of Service",
              "causes": "one\ntwo", "score": 6, "residual_score": 1,
              "flags": "Inherent score written as 5, but 2 × 3 = 6 (rule: product)"}]
    data = write_register(name="Round", service_id="S1", scale=Scale(3, "low", "product"),
                          as_at=dt.date(2024, 12, 31), key_text="key", risks=risks)
    book = read_register(data)
    assert book.ok, book.problems
    assert (book.name, book.service_id, book.scale, book.as_at, book.key_text) == (
        "Round", "S1", Scale(3, "low", "product"), dt.date(2024, 12, 31), "key")
    r = book.risks[0]
    assert (r.ref, r.impact, r.likelihood, r.score_written, r.residual_impact,
            r.review_date, r.causes) == ("R1", 2, 3, 5, 1, dt.date(2025, 1, 31), "one\ntwo")
