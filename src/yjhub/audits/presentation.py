"""What the audit pages and the report show, worked out once for both: labels of strata, the
sample-v-caseload rows, the table of scores with comparators and earlier audits, and the
strengths and areas for improvement by criterion."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from yjhub.audits.framework import Band, CaseFramework
from yjhub.audits.sampling import NOT_RECORDED, ShareRow
from yjhub.audits.scoring import AuditScores, Finding, Line, Score, findings, position

DIMENSIONS = {"case_type": "Case type", "risk_of_harm": "Risk of harm", "sex": "Sex",
              "ethnic_group": "Ethnic group", "team": "Team"}
CODE_LISTS = {"case_type": "programme_kind", "risk_of_harm": "risk_level", "sex": "sex",
              "ethnic_group": "ethnic_group"}


def stratum_label(dimension: str, value: str | None) -> str:
    if value in (None, "", NOT_RECORDED):
        return "Not recorded"
    if dimension == "team":
        from yjhub.audits.selectors import team_names

        return team_names(team_ids=[value]).get(value, value)
    from yjhub.caseload.labels import label

    return label(CODE_LISTS[dimension], value) if dimension in CODE_LISTS else value


def percent_text(share: Fraction | None, places: int = 0) -> str:
    if share is None:
        return "–"
    value = share * 100
    return f"{float(value):.{places}f}%"


def comparison_rows(rows: list[ShareRow]) -> list[dict]:
    """The sample-v-caseload table, one dict per stratum value."""
    team_ids = [r.value for r in rows if r.dimension == "team"]
    if team_ids:
        from yjhub.audits.selectors import team_names

        names = team_names(team_ids=team_ids)
    out = []
    for r in rows:
        if r.dimension == "team":
            value = names.get(r.value, stratum_label("team", None) if r.value in
                              ("", NOT_RECORDED) else r.value)
        else:
            value = stratum_label(r.dimension, r.value)
        diff = r.difference
        out.append({"dimension": DIMENSIONS.get(r.dimension, r.dimension), "value": value,
                    "caseload": r.caseload, "caseload_share": percent_text(r.caseload_share),
                    "sample": r.sample, "sample_share": percent_text(r.sample_share),
                    "difference": "–" if diff is None else _points(diff)})
    return out


def _points(diff: Fraction) -> str:
    """A difference in percentage points, whole, signed; "0" rather than "-0"."""
    whole = round(diff)
    return f"{whole:+d}" if whole else "0"


def case_status(case) -> str:
    if case.moderated_at is not None:
        return "Moderated"
    if case.answered_at is not None:
        return "Done"
    count = getattr(case, "answer_count", None)
    if count is None:
        count = case.answers.count()
    return "In progress" if count else "Not started"


@dataclass
class Row:
    """A line of the summary table."""

    level: str          # section, criterion or headline
    id: str
    title: str
    score: Score
    band: Band | None = None
    rating: Band | None = None
    note: str = ""
    previous: list[str] = field(default_factory=list)  # earlier audits' shown percentages
    comparator: dict | None = None   # {lowest, highest, average, position}

    @property
    def percent(self) -> str:
        return f"{self.score.shown}%" if self.score.answered else "–"

    @property
    def fraction(self) -> str:
        return f"{self.score.sufficient} of {self.score.answered}" if self.score.answered \
            else "none answered"

    @property
    def comment(self) -> Band | None:
        return self.rating or self.band


@dataclass
class ScoreTable:
    framework: CaseFramework
    rows: list[Row]
    headlines: list[Row]
    previous: list[str]               # headings of earlier audits' columns
    comparator_title: str = ""
    comparator_source: str = ""
    overall: object = None
    findings: list[dict] = field(default_factory=list)


def _line_row(level: str, line: Line, previous: list[AuditScores], kind: str) -> Row:
    earlier = []
    for other in previous:
        got = getattr(other, kind).get(line.id)
        earlier.append(f"{got.score.shown}%" if got is not None and got.score.answered
                       else "–")
    note = ""
    if line.lowest_question:
        note = f"lowest key question {line.lowest_question}"
    elif line.judged:
        note = "judged"
    return Row(level, line.id, line.title, line.score, line.band, line.rating, note, earlier)


def score_table(*, audit, framework: CaseFramework, scores: AuditScores,
                previous: list) -> ScoreTable:
    earlier = [s for _, s in previous]
    rows = []
    for section in framework.sections:
        rows.append(_line_row("section", scores.sections[section.id], earlier, "sections"))
        for criterion in section.criteria:
            rows.append(_line_row("criterion", scores.criteria[criterion.id], earlier,
                                  "criteria"))
    comparator = framework.comparators[0] if framework.comparators else None
    headlines = []
    for headline in framework.headlines:
        row = _line_row("headline", scores.headlines[headline.id], earlier, "headlines")
        if comparator is not None and headline.id in comparator.figures:
            figures = comparator.figures[headline.id]
            row.comparator = {**{k: f"{v:g}%" for k, v in figures.items()},
                              "position": position(row.score, figures)}
        headlines.append(row)
    found = []
    for criterion in framework.criteria:
        if criterion.rated_by != "cases":
            continue
        strengths, areas = findings(scores, criterion.id)
        found.append({"criterion": criterion, "strengths": strengths, "areas": areas})
    return ScoreTable(
        framework=framework, rows=rows, headlines=headlines,
        previous=[f"{a.reference} ({a.period_end:%b %Y})" for a, _ in previous],
        comparator_title=comparator.title if comparator else "",
        comparator_source=comparator.source if comparator else "",
        overall=scores.overall, findings=found)


__all__ = ["Finding", "Row", "ScoreTable", "case_status", "comparison_rows", "score_table",
           "stratum_label"]
