"""Reads of risk registers: the registers, a register's risks with their scores worked out and
their disagreements, the register as it stood on an earlier date, and what changed between two
dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from yjhub.risks.heatmap import Position
from yjhub.risks.models import Register, Risk, RiskScoreChange
from yjhub.risks.scoring import Scale, disagreement


def registers():
    return Register.objects.annotate(
        open_risks=Count("risks", filter=Q(risks__closed_on__isnull=True))).order_by("name")


def register_risks(*, register: Register, include_closed: bool = False):
    risks = Risk.objects.filter(register=register).select_related("register")
    if not include_closed:
        risks = risks.filter(closed_on__isnull=True)
    return risks.order_by("position", "id")


@dataclass(frozen=True)
class RiskState:
    """A risk's scores as they stood on a date (``risk`` gives the rest, as it is now)."""

    risk: Risk
    impact: int
    likelihood: int
    score_written: int | None
    residual_impact: int | None
    residual_likelihood: int | None
    residual_score_written: int | None
    closed_on: dt.date | None

    @property
    def ref(self) -> str:
        return self.risk.ref

    def scores(self, scale: Scale) -> tuple:
        return (self.impact, self.likelihood, scale.score(self.impact, self.likelihood),
                self.residual_impact, self.residual_likelihood,
                scale.score(self.residual_impact, self.residual_likelihood))

    def disagreements(self, scale: Scale) -> list:
        found = [disagreement(which="inherent", scale=scale, impact=self.impact,
                              likelihood=self.likelihood, written=self.score_written),
                 disagreement(which="residual", scale=scale, impact=self.residual_impact,
                              likelihood=self.residual_likelihood,
                              written=self.residual_score_written)]
        return [d for d in found if d is not None]


def register_as_at(*, register: Register, on: dt.date) -> list[RiskState]:
    """The open risks of the register as they stood at the end of ``on``: each risk's latest
    score change effective on or before it; risks with none did not exist yet, and risks closed
    by then are left out."""
    latest: dict[int, RiskScoreChange] = {}
    rows = RiskScoreChange.objects.filter(risk__register=register, effective_on__lte=on) \
        .select_related("risk", "risk__register").order_by("effective_on", "id")
    for change in rows:
        latest[change.risk_id] = change
    states = [RiskState(c.risk, c.impact, c.likelihood, c.score_written, c.residual_impact,
                        c.residual_likelihood, c.residual_score_written, c.closed_on)
              for c in latest.values()
              if c.closed_on is None or c.closed_on > on]
    states.sort(key=lambda s: (s.risk.position, s.risk.pk))
    return states


@dataclass(frozen=True)
class RiskChange:
    ref: str
    title: str
    kind: str  # "new", "closed", "changed"
    before: RiskState | None
    after: RiskState | None


def register_changes(*, register: Register, start: dt.date, end: dt.date) -> list[RiskChange]:
    """What changed between the register at the end of ``start`` and at the end of ``end``:
    risks added, risks closed, and risks whose levels or written scores changed."""
    before = {s.risk.pk: s for s in register_as_at(register=register, on=start)}
    after = {s.risk.pk: s for s in register_as_at(register=register, on=end)}
    scale = register.scale
    out = []
    for pk, state in after.items():
        if pk not in before:
            out.append(RiskChange(state.ref, state.risk.title, "new", None, state))
        elif (before[pk].scores(scale) != state.scores(scale)
              or before[pk].score_written != state.score_written
              or before[pk].residual_score_written != state.residual_score_written):
            out.append(RiskChange(state.ref, state.risk.title, "changed", before[pk], state))
    for pk, state in before.items():
        if pk not in after:
            out.append(RiskChange(state.ref, state.risk.title, "closed", state, None))
    order = {"new": 0, "changed": 1, "closed": 2}
    out.sort(key=lambda c: (order[c.kind], c.ref))
    return out


def positions(states, *, residual: bool) -> list[Position]:
    """Heat-map positions of risks (``Risk`` or ``RiskState``)."""
    if residual:
        return [Position(s.ref, s.residual_impact, s.residual_likelihood) for s in states]
    return [Position(s.ref, s.impact, s.likelihood) for s in states]


def residual_worse(*, register: Register, states) -> list[str]:
    """Refs of risks whose residual position is a higher level of risk than their inherent one
    under the register's declared direction (further controls should not raise a risk)."""
    scale = register.scale
    return [s.ref for s in states
            if s.residual_impact is not None and s.residual_likelihood is not None
            and scale.is_worse((s.residual_impact, s.residual_likelihood),
                               (s.impact, s.likelihood))]


def direction_doubt(*, register: Register, states) -> str:
    """A warning when every risk whose residual position differs from its inherent one moves to
    a higher level of risk: the declared direction is then probably the wrong way round."""
    moved = [s for s in states if s.residual_impact is not None
             and (s.residual_impact, s.residual_likelihood) != (s.impact, s.likelihood)]
    worse = residual_worse(register=register, states=moved)
    if len(moved) >= 2 and len(worse) == len(moved):
        other = "the highest number" if register.direction == "low" else "1"
        return (f"Every risk whose residual position differs from its inherent one "
                f"({', '.join(worse)}) ends at a higher level of risk under this register's "
                f"direction ({register.scale.describe()}). Further controls should lower a "
                f"risk, so the figures read as if {other} were the highest level of risk: "
                f"check the register's direction.")
    return ""
