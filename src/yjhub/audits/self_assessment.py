"""Grades and theme scores against a ``grades`` or ``theme_scores`` framework (pure: no
Django): checking an entered value, and the rows a page or report shows."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from yjhub.audits.framework import Band, GradeAspect, GradesFramework, ThemeScoresFramework

GRADE = "grade"


def value_check(framework, text: str, *, where: str) -> Decimal | None:
    """The value typed for ``where`` (an aspect or theme and column), or None when blank.
    A grade must be one of the scale's values; a theme score must lie within the scale and
    carry no more than its decimals. The message names the place and the value."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{where}: {text!r} is not a number") from None
    if isinstance(framework, GradesFramework):
        allowed = sorted(int(b.start) for b in framework.scale)
        if value not in allowed:
            raise ValueError(f"{where}: {text!r} is not a grade of "
                             f"{', '.join(str(a) for a in allowed)}")
        return value
    if not framework.minimum <= value <= framework.maximum:
        raise ValueError(f"{where}: {text!r} is outside {framework.minimum:g} to "
                         f"{framework.maximum:g}")
    if -value.as_tuple().exponent > framework.decimals:
        raise ValueError(f"{where}: {text!r} has more than {framework.decimals} decimal "
                         f"place{'s' if framework.decimals != 1 else ''}")
    return value


@dataclass
class GradeRow:
    aspect: GradeAspect
    depth: int
    grade: Band | None
    descriptor: str = ""


def grade_rows(framework: GradesFramework, grades: dict[str, Decimal]) -> list[GradeRow]:
    """Every aspect in order, headings (ungraded) included, with the grade given."""
    by_value = {int(b.start): b for b in framework.scale}
    rows = []

    def walk(aspects, depth):
        for a in aspects:
            grade = by_value.get(int(grades[a.id])) if a.graded and a.id in grades else None
            rows.append(GradeRow(a, depth, grade,
                                 framework.descriptors.get(int(grade.start), "") if grade
                                 else ""))
            walk(a.aspects, depth + 1)
    walk(framework.aspects, 0)
    return rows


def grade_counts(framework: GradesFramework, grades: dict[str, Decimal]) -> list[tuple[Band,
                                                                                       int]]:
    """How many graded aspects got each grade, highest grade first."""
    given = [int(grades[a.id]) for a in framework.graded_aspects if a.id in grades]
    return [(b, given.count(int(b.start))) for b in framework.scale]


@dataclass
class ThemeRow:
    id: str
    title: str
    values: list[Decimal | None]   # in the framework's column order
    change: Decimal | None         # last column minus first (actual - initial)
    met: bool | None               # actual reached predicted (None unless both given)


def theme_rows(framework: ThemeScoresFramework,
               values: dict[tuple[str, str], Decimal]) -> list[ThemeRow]:
    columns = [c for c, _ in framework.columns]
    rows = []
    for theme_id, title in framework.themes:
        got = [values.get((theme_id, c)) for c in columns]
        change = got[-1] - got[0] if got[0] is not None and got[-1] is not None else None
        met = None
        if {"predicted", "actual"} <= set(columns):
            predicted = values.get((theme_id, "predicted"))
            actual = values.get((theme_id, "actual"))
            if predicted is not None and actual is not None:
                met = actual >= predicted
        rows.append(ThemeRow(theme_id, title, got, change, met))
    return rows
