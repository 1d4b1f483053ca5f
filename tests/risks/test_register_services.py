"""Loading, editing and rebuilding a register: the history of scores, the register as at an
earlier date, and what changed between two dates."""

import datetime as dt
from pathlib import Path

import pytest

from yjhub.audit.models import AuditEvent
from yjhub.risks.models import Register, RiskScoreChange
from yjhub.risks.selectors import (
    direction_doubt,
    register_as_at,
    register_changes,
    register_risks,
    residual_worse,
)
from yjhub.risks.services import RegisterError, register_import, risk_create, risk_update
from yjhub.risks.workbook import read_register

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parent / "fixtures" / "leicestershire-2019-20-risks.xlsx"


@pytest.fixture
def leicestershire():
    return register_import(user=None, book=read_register(FIXTURE), file_name=FIXTURE.name)


def test_import_loads_the_register_and_flags_its_disagreements(leicestershire):
    register = leicestershire
    assert (register.scale_max, register.direction, register.rule) == (3, "low", "product")
    risks = list(register_risks(register=register))
    assert [r.ref for r in risks] == ["R1", "R2", "R3", "R4", "R5"]
    flagged = {r.ref: [str(d) for d in r.disagreements] for r in risks if r.disagreements}
    assert flagged == {
        "R3": ["Inherent score written as 5, but 2 × 3 = 6 (rule: product)",
               "Residual score written as 2, but 2 × 2 = 4 (rule: product)"],
        "R4": ["Inherent score written as 5, but 2 × 3 = 6 (rule: product)"]}
    # every score starts its history on the workbook's "As at" date
    assert set(RiskScoreChange.objects.values_list("effective_on", flat=True)) == {
        dt.date(2019, 8, 6)}
    event = AuditEvent.objects.get(table="risk_register", action="create")
    assert "5 risks" in event.detail
    # not an "import" event: those mark the case data, and so the cached figures, as changed
    assert not AuditEvent.objects.filter(action="import").exists()


def test_the_declared_direction_is_doubted(leicestershire):
    states = register_as_at(register=leicestershire, on=dt.date(2019, 9, 30))
    # under "1 is highest", each residual position is worse than the inherent one:
    # R1 (2,2)->(2,1) likelihood 2->1; R3 (2,3)->(2,2); R5 (3,1)->(2,1) impact 3->2
    assert residual_worse(register=leicestershire, states=states) == [
        "R1", "R2", "R3", "R4", "R5"]
    assert "check the register's direction" in direction_doubt(register=leicestershire,
                                                              states=states)


def test_a_second_import_of_the_same_name_is_refused(leicestershire):
    with pytest.raises(RegisterError, match="already exists"):
        register_import(user=None, book=read_register(FIXTURE))
    assert Register.objects.count() == 1


def test_edits_keep_history_and_the_register_can_be_rebuilt(leicestershire):
    register = leicestershire
    r3 = register.risks.get(ref="R3")
    # Q3 2019-20: R3's likelihood falls to 2 (written score 4) on 15 November 2019
    risk_update(user=None, risk=r3, data={"likelihood": 2, "score_written": 4},
                on=dt.date(2019, 11, 15))
    # a text-only change keeps no score history
    risk_update(user=None, risk=r3, data={"owner": "Service Manager"}, on=dt.date(2019, 11, 20))
    # a new risk in December, and R5 closed in December
    risk_create(user=None, register=register, on=dt.date(2019, 12, 2),
                data={"ref": "R6", "title": "ETE performance volatile", "impact": 2,
                      "likelihood": 2, "score_written": 4})
    risk_update(user=None, risk=register.risks.get(ref="R5"),
                data={"closed_on": dt.date(2019, 12, 10)}, on=dt.date(2019, 12, 10))
    assert RiskScoreChange.objects.filter(risk=r3).count() == 2
    q2 = {s.ref: s for s in register_as_at(register=register, on=dt.date(2019, 9, 30))}
    q3 = {s.ref: s for s in register_as_at(register=register, on=dt.date(2019, 12, 31))}
    assert sorted(q2) == ["R1", "R2", "R3", "R4", "R5"]
    assert (q2["R3"].likelihood, q2["R3"].score_written) == (3, 5)
    assert sorted(q3) == ["R1", "R2", "R3", "R4", "R6"]
    assert (q3["R3"].likelihood, q3["R3"].score_written) == (2, 4)
    changes = register_changes(register=register, start=dt.date(2019, 9, 30),
                               end=dt.date(2019, 12, 31))
    assert [(c.kind, c.ref) for c in changes] == [("new", "R6"), ("changed", "R3"),
                                                   ("closed", "R5")]
    # before the register was loaded it held nothing
    assert register_as_at(register=register, on=dt.date(2019, 8, 5)) == []
    update = AuditEvent.objects.filter(table="risk", action="update", record_id=str(r3.pk)) \
        .order_by("id").first()
    assert update.changes == {"likelihood": [3, 2], "score_written": [5, 4]}


def test_levels_outside_the_scale_are_refused(leicestershire):
    with pytest.raises(RegisterError, match="outside the register's scale"):
        risk_update(user=None, risk=leicestershire.risks.get(ref="R1"), data={"impact": 4})
