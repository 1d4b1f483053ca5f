"""Scoring a case audit as the inspectorate scores it (pure: no Django).

Core Case Inspection (seed 002, Appendix 5), ``pooled``:

- a **criterion's score** is the share of all its questions, across all the cases, answered
  *sufficient*, out of those answered sufficient or insufficient (*not applicable* is left
  out);
- a **section's score** pools all the section's questions the same way: it is not the mean of
  its criteria's scores (criteria of 72% and 83% can pool to 75%);
- a **headline score** pools the key questions tagged to that theme, wherever they sit.

The 2018 framework, ``lowest_key_question``: each key question's share gives a rating from the
framework's ``ratings`` (80% or more Outstanding, ...); a standard takes the lowest rating of its
key questions (or the rating judged, for standards rated by judgement); the counted standards'
points sum to the overall score, banded by ``overall.bands``.

Bands compare the exact share (74.6% is under a band starting at 75, though it is shown as 75%).
Every score keeps its numerator and denominator.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from yjhub.audits.framework import Band, CaseFramework, Criterion

SUFFICIENT, INSUFFICIENT, NOT_APPLICABLE = "sufficient", "insufficient", "not_applicable"


@dataclass(frozen=True)
class Score:
    """``sufficient`` of ``answered`` (sufficient + insufficient)."""

    sufficient: int = 0
    answered: int = 0
    not_applicable: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.sufficient + other.sufficient, self.answered + other.answered,
                     self.not_applicable + other.not_applicable)

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.sufficient, self.answered) if self.answered else None

    @property
    def percent(self) -> Fraction | None:
        """The exact percentage, for comparing with band thresholds."""
        return self.share * 100 if self.answered else None

    @property
    def shown(self) -> int | None:
        """The whole-number percentage a report shows (halves rounded up)."""
        if not self.answered:
            return None
        return int(self.percent + Fraction(1, 2))

    @property
    def text(self) -> str:
        if not self.answered:
            return "no questions answered"
        return f"{self.shown}% ({self.sufficient} of {self.answered})"


def band_of(bands: Iterable[Band], value) -> Band | None:
    """The first band (listed highest first) whose start ``value`` reaches; None for None."""
    if value is None:
        return None
    for band in bands:
        if value >= Fraction(band.start).limit_denominator(10_000):
            return band
    return None


@dataclass(frozen=True)
class Answer:
    case_id: object
    question_id: str
    answer: str  # sufficient, insufficient or not_applicable


def question_scores(answers: Iterable[Answer]) -> dict[str, Score]:
    """Each question's tally over every case."""
    tallies: dict[str, list[int]] = {}
    for a in answers:
        t = tallies.setdefault(a.question_id, [0, 0, 0])
        if a.answer == SUFFICIENT:
            t[0] += 1
            t[1] += 1
        elif a.answer == INSUFFICIENT:
            t[1] += 1
        elif a.answer == NOT_APPLICABLE:
            t[2] += 1
        else:
            raise ValueError(f"question {a.question_id}, case {a.case_id}: answer "
                             f"{a.answer!r} is not sufficient, insufficient or not_applicable")
    return {q: Score(*t) for q, t in tallies.items()}


def pooled(scores: dict[str, Score], question_ids: Iterable[str]) -> Score:
    """The questions' answers pooled: sums of numerators and of denominators."""
    total = Score()
    for q in question_ids:
        total = total + scores.get(q, Score())
    return total


@dataclass
class Line:
    """One scored line of the report: a question, criterion, section or headline."""

    id: str
    title: str
    score: Score
    band: Band | None = None          # pooled frameworks: the comment
    rating: Band | None = None        # lowest_key_question: the rating (with points)
    lowest_question: str | None = None
    judged: bool = False              # rated by judgement, not from cases


@dataclass
class Overall:
    points: int
    maximum: int
    rated: int      # counted standards with a rating
    counted: int    # counted standards
    band: Band | None  # only when every counted standard is rated

    @property
    def complete(self) -> bool:
        return self.rated == self.counted


@dataclass
class AuditScores:
    framework: CaseFramework
    questions: dict[str, Line] = field(default_factory=dict)
    criteria: dict[str, Line] = field(default_factory=dict)
    sections: dict[str, Line] = field(default_factory=dict)
    headlines: dict[str, Line] = field(default_factory=dict)
    overall: Overall | None = None


def _rating_of_criterion(framework: CaseFramework, criterion: Criterion,
                         questions: dict[str, Line]) -> tuple[Band | None, str | None]:
    """The lowest rating among the criterion's answered key questions (by points, then by
    exact share: of two questions rated alike, the lower share is named)."""
    lowest = None
    for q in criterion.questions:
        line = questions[q.id]
        if line.rating is None:
            continue
        key = (line.rating.points, line.score.percent)
        if lowest is None or key < lowest[0]:
            lowest = (key, line.rating, q.id)
    return (lowest[1], lowest[2]) if lowest else (None, None)


def audit_score(framework: CaseFramework, answers: Iterable[Answer],
                judgements: dict[str, str] | None = None) -> AuditScores:
    """Every score of an audit from its answers. ``judgements``: for standards rated by
    judgement, criterion id -> the rating's label."""
    scores = question_scores(answers)
    judgements = judgements or {}
    rating_bands = framework.ratings
    by_label = {b.label: b for b in rating_bands}
    result = AuditScores(framework)
    comment_bands = framework.bands
    for q in framework.questions:
        score = scores.get(q.id, Score())
        line = Line(q.id, q.text, score, band=band_of(comment_bands, score.percent))
        if framework.scoring == "lowest_key_question":
            line.rating = band_of(rating_bands, score.percent)
        result.questions[q.id] = line
    for section in framework.sections:
        for criterion in section.criteria:
            score = pooled(scores, [q.id for q in criterion.questions])
            line = Line(criterion.id, criterion.title, score,
                        band=band_of(comment_bands, score.percent))
            if framework.scoring == "lowest_key_question":
                if criterion.rated_by == "judgement":
                    judged = judgements.get(criterion.id)
                    if judged is not None and judged not in by_label:
                        raise ValueError(f"standard {criterion.id}: rating {judged!r} is not "
                                         f"one of {', '.join(by_label)}")
                    line.rating, line.judged = by_label.get(judged), True
                else:
                    line.rating, line.lowest_question = _rating_of_criterion(
                        framework, criterion, result.questions)
            result.criteria[criterion.id] = line
        score = pooled(scores, [q.id for c in section.criteria for q in c.questions])
        result.sections[section.id] = Line(section.id, section.title, score,
                                           band=band_of(comment_bands, score.percent))
    for headline in framework.headlines:
        score = pooled(scores, [q.id for q in framework.questions
                                if headline.id in q.headlines])
        result.headlines[headline.id] = Line(headline.id, headline.title, score,
                                             band=band_of(comment_bands, score.percent))
    if framework.scoring == "lowest_key_question" and framework.overall is not None:
        counted = [c for c in framework.criteria if c.counted]
        rated = [result.criteria[c.id].rating for c in counted
                 if result.criteria[c.id].rating is not None]
        points = sum(r.points or 0 for r in rated)
        complete = len(rated) == len(counted)
        result.overall = Overall(points, framework.overall.maximum, len(rated), len(counted),
                                 band_of(framework.overall.bands, points) if complete else None)
    return result


# --- Comparisons ---------------------------------------------------------------------------

def position(score: Score, figures: dict[str, float]) -> str:
    """Where a score stands against published lowest, average and highest (by its exact
    share)."""
    p = score.percent
    if p is None:
        return "no score"
    lowest, average, highest = (Fraction(figures[k]).limit_denominator(10_000)
                                for k in ("lowest", "average", "highest"))
    if p < lowest:
        return "below the lowest"
    if p > highest:
        return "above the highest"
    if p == average:
        return "at the average"
    return "above the average" if p > average else "below the average"


@dataclass
class Finding:
    question_id: str
    text: str
    score: Score

    @property
    def sentence(self) -> str:
        return (f"{self.text} Sufficient in {self.score.sufficient} of the "
                f"{self.score.answered} relevant cases ({self.score.shown}%).")


def findings(scores: AuditScores, criterion_id: str) -> tuple[list[Finding], list[Finding]]:
    """A criterion's strengths and areas for improvement, from its questions' scores.

    A question is a strength when its band (pooled) or rating (lowest_key_question) is marked
    green, or, where the framework marks no colours, when it reaches the top band; otherwise it
    is an area for improvement. Questions nobody answered are left out. Each list runs from the
    highest share down (strengths) or the lowest up (areas)."""
    framework = scores.framework
    bands = framework.ratings if framework.scoring == "lowest_key_question" else framework.bands
    coloured = any(b.rag for b in bands)
    strengths, areas = [], []
    for q in framework.criterion(criterion_id).questions:
        line = scores.questions[q.id]
        if not line.score.answered:
            continue
        band = line.rating if framework.scoring == "lowest_key_question" else line.band
        good = (band is not None and band.rag == "green") if coloured else \
            (band is not None and band == bands[0])
        (strengths if good else areas).append(Finding(q.id, q.text, line.score))
    strengths.sort(key=lambda f: (-f.score.percent, f.question_id))
    areas.sort(key=lambda f: (f.score.percent, f.question_id))
    return strengths, areas
