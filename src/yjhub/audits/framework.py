"""Audit and inspection frameworks: versioned YAML files, read and checked here (no Django).

A framework file (``frameworks/*.yaml``, or a service's own file in its frameworks folder) is
one of three kinds:

- ``case_audit``: sections, criteria and their questions, answered sufficient / insufficient /
  not applicable for each sampled case, scored ``pooled`` (the Core Case Inspection) or by
  ``lowest_key_question`` (the 2018 framework), with bands, headline scores and comparators;
- ``grades``: aspects graded on a scale (the 2006-08 joint inspection), some headings ungraded;
- ``theme_scores``: themes scored in columns (EPQA: initial, predicted, actual).

``framework_load(path)`` reads one file and raises ``FrameworkError`` listing every problem,
each naming the file, the place in it (``sections[1].criteria[0].questions[2].id``) and the
value. ``docs/audit-frameworks.md`` describes the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

PACKAGED = Path(__file__).parent / "frameworks"
KINDS = ("case_audit", "grades", "theme_scores")
SCORINGS = ("pooled", "lowest_key_question")
CASE_TYPES = ("prevention", "out_of_court", "community", "custody")
STRATA = ("case_type", "risk_of_harm", "sex", "ethnic_group", "team")
RAGS = ("red", "amber", "green")
ANSWERS = {"sufficient": "Sufficient", "insufficient": "Insufficient",
           "not_applicable": "Not applicable"}


class FrameworkError(ValueError):
    """A framework file that cannot be used; ``problems`` lists each one."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


# --- What a framework holds ----------------------------------------------------------------

@dataclass(frozen=True)
class Band:
    """A label given to a score at or above ``start`` (a percentage, or points)."""

    start: float
    label: str
    rag: str | None = None
    points: int | None = None


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    criterion_id: str
    section_id: str
    headlines: tuple[str, ...] = ()
    applies_to: tuple[str, ...] | None = None  # case types; None: every case

    def applies(self, case_type: str | None) -> bool:
        return self.applies_to is None or case_type in self.applies_to


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    section_id: str
    statement: str = ""
    questions: tuple[Question, ...] = ()
    rated_by: str = "cases"  # or "judgement"
    counted: bool = True     # counts towards the overall score (lowest_key_question)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    criteria: tuple[Criterion, ...]
    applies_to: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Headline:
    id: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class Comparator:
    """Published figures to set a service's headline scores against (percentages)."""

    id: str
    title: str
    source: str
    published: str
    figures: dict[str, dict[str, float]]  # headline id -> {lowest, highest, average}


@dataclass(frozen=True)
class Sampling:
    size: int | None = None
    minimum: int = 1
    maximum: int = 500
    per_team: int | None = None
    period_months: int = 12
    case_types: tuple[str, ...] = ("out_of_court", "community", "custody")
    strata: tuple[str, ...] = ("case_type", "risk_of_harm", "sex", "ethnic_group")


@dataclass(frozen=True)
class Overall:
    maximum: int
    bands: tuple[Band, ...]


@dataclass(frozen=True)
class CaseFramework:
    id: str
    version: str
    title: str
    source: str
    scoring: str
    sampling: Sampling
    sections: tuple[Section, ...]
    headlines: tuple[Headline, ...] = ()
    bands: tuple[Band, ...] = ()
    ratings: tuple[Band, ...] = ()
    overall: Overall | None = None
    comparators: tuple[Comparator, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)
    path: str = ""
    kind: str = "case_audit"

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.version)

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for s in self.sections for c in s.criteria)

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for c in self.criteria for q in c.questions)

    def criterion(self, criterion_id: str) -> Criterion:
        return {c.id: c for c in self.criteria}[criterion_id]

    def question(self, question_id: str) -> Question:
        return {q.id: q for q in self.questions}[question_id]

    def section(self, section_id: str) -> Section:
        return {s.id: s for s in self.sections}[section_id]

    def questions_for(self, case_type: str | None) -> list[Question]:
        """The questions that apply to a case of this type (its section's and its own rule)."""
        wanted = []
        for section in self.sections:
            if section.applies_to is not None and case_type not in section.applies_to:
                continue
            wanted += [q for c in section.criteria for q in c.questions if q.applies(case_type)]
        return wanted

    def label(self, level: str) -> str:
        return self.labels.get(level, level.capitalize())


@dataclass(frozen=True)
class GradeAspect:
    id: str
    title: str
    graded: bool = True
    aspects: tuple[GradeAspect, ...] = ()


@dataclass(frozen=True)
class GradesFramework:
    id: str
    version: str
    title: str
    source: str
    scale: tuple[Band, ...]  # start = the grade's value
    aspects: tuple[GradeAspect, ...]
    descriptors: dict[int, str] = field(default_factory=dict)
    path: str = ""
    kind: str = "grades"

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.version)

    @property
    def graded_aspects(self) -> list[GradeAspect]:
        out = []

        def walk(aspects):
            for a in aspects:
                if a.graded:
                    out.append(a)
                walk(a.aspects)
        walk(self.aspects)
        return out


@dataclass(frozen=True)
class ThemeScoresFramework:
    id: str
    version: str
    title: str
    source: str
    minimum: float
    maximum: float
    decimals: int
    columns: tuple[tuple[str, str], ...]
    themes: tuple[tuple[str, str], ...]
    path: str = ""
    kind: str = "theme_scores"

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.version)


Framework = CaseFramework | GradesFramework | ThemeScoresFramework


# --- Reading and checking ------------------------------------------------------------------

class _Reader:
    """Walks the parsed YAML, collecting a problem for every bad value with where it is."""

    def __init__(self, name: str):
        self.name = name
        self.problems: list[str] = []

    def problem(self, where: str, message: str, value=None, *, show_value=True):
        shown = f" (value {value!r})" if show_value else ""
        self.problems.append(f"{self.name}: {where or 'top level'}: {message}{shown}")

    def mapping(self, data, where: str) -> dict:
        if not isinstance(data, dict):
            self.problem(where, "must be a mapping of names to values", data)
            return {}
        return data

    def items(self, data, where: str, *, required=True) -> list:
        if data is None and not required:
            return []
        if not isinstance(data, list) or (required and not data):
            self.problem(where, "must be a non-empty list", data)
            return []
        return data

    def text(self, data: dict, key: str, where: str, *, required=True, default=""):
        value = data.get(key)
        if value is None:
            if required:
                self.problem(_at(where, key), "is required", show_value=False)
            return default
        if not isinstance(value, str | int | float) or isinstance(value, bool) \
                or not str(value).strip():
            self.problem(_at(where, key), "must be text", value)
            return default
        return str(value).strip()

    def number(self, data: dict, key: str, where: str, *, required=True, default=None,
               minimum=None, maximum=None, integer=False):
        value = data.get(key)
        if value is None:
            if required:
                self.problem(_at(where, key), "is required", show_value=False)
            return default
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or (integer and not isinstance(value, int)):
            self.problem(_at(where, key), "must be a whole number" if integer
                         else "must be a number", value)
            return default
        if minimum is not None and value < minimum:
            self.problem(_at(where, key), f"must be {minimum} or more", value)
        if maximum is not None and value > maximum:
            self.problem(_at(where, key), f"must be {maximum} or less", value)
        return value

    def choice(self, data: dict, key: str, where: str, allowed, *, required=True,
               default=None):
        value = data.get(key)
        if value is None:
            if required:
                self.problem(_at(where, key), f"is required: one of {', '.join(allowed)}",
                             show_value=False)
            return default
        if value not in allowed:
            self.problem(_at(where, key), f"must be one of {', '.join(allowed)}", value)
            return default
        return value

    def choices(self, data: dict, key: str, where: str, allowed) -> tuple[str, ...] | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not value:
            self.problem(_at(where, key), "must be a non-empty list", value)
            return None
        for i, item in enumerate(value):
            if item not in allowed:
                self.problem(f"{_at(where, key)}[{i}]", f"must be one of {', '.join(allowed)}",
                             item)
        return tuple(v for v in value if v in allowed)

    def unique(self, ids: list[tuple[str, str]], what: str):
        seen: dict[str, str] = {}
        for where, value in ids:
            if value in seen:
                self.problem(where, f"repeats the {what} id of {seen[value]}", value)
            else:
                seen[value] = where

    def bands(self, data, where: str, *, points=False, percent=True) -> tuple[Band, ...]:
        bands = []
        for i, entry in enumerate(self.items(data, where)):
            at = f"{where}[{i}]"
            entry = self.mapping(entry, at)
            start = self.number(entry, "from", at, minimum=0,
                                maximum=100 if percent else None, default=0)
            label = self.text(entry, "label", at)
            rag = self.choice(entry, "rag", at, RAGS, required=False)
            got_points = self.number(entry, "points", at, required=points, integer=True,
                                     minimum=0) if points or "points" in entry else None
            bands.append(Band(start, label, rag, got_points))
        starts = [b.start for b in bands]
        if bands and starts != sorted(starts, reverse=True):
            self.problem(where, "bands must be listed from the highest 'from' down", starts)
        elif bands and len(set(starts)) != len(starts):
            self.problem(where, "two bands start at the same score", starts)
        if bands and starts[-1] != 0:
            self.problem(f"{where}[{len(bands) - 1}].from",
                         "the lowest band must start at 0, so every score has a band",
                         starts[-1])
        return tuple(bands)


def _at(where: str, key) -> str:
    return f"{where}.{key}" if where else str(key)


def _case_framework(r: _Reader, data: dict, base: dict) -> CaseFramework:
    scoring = r.choice(data, "scoring", "", SCORINGS, default="pooled")
    sampling_data = r.mapping(data.get("sampling", {}), "sampling")
    sampling = Sampling(
        size=r.number(sampling_data, "size", "sampling", required=False, integer=True,
                      minimum=1),
        minimum=r.number(sampling_data, "minimum", "sampling", required=False, integer=True,
                         minimum=1, default=1),
        maximum=r.number(sampling_data, "maximum", "sampling", required=False, integer=True,
                         minimum=1, default=500),
        per_team=r.number(sampling_data, "per_team", "sampling", required=False, integer=True,
                          minimum=1),
        period_months=r.number(sampling_data, "period_months", "sampling", required=False,
                               integer=True, minimum=1, maximum=60, default=12),
        case_types=r.choices(sampling_data, "case_types", "sampling", CASE_TYPES)
        or Sampling.case_types,
        strata=r.choices(sampling_data, "strata", "sampling", STRATA) or Sampling.strata,
    )
    if sampling.size is None and sampling.per_team is None:
        r.problem("sampling", "give a sample size (size) or a number per team (per_team)",
                  sampling_data)
    if sampling.size is not None and sampling.size >= 1 \
            and not sampling.minimum <= sampling.size <= sampling.maximum:
        r.problem("sampling.size", f"must be between minimum {sampling.minimum} and maximum "
                  f"{sampling.maximum}", sampling.size)

    headlines = []
    for i, h in enumerate(r.items(data.get("headlines"), "headlines", required=False)):
        at = f"headlines[{i}]"
        h = r.mapping(h, at)
        headlines.append(Headline(r.text(h, "id", at), r.text(h, "title", at),
                                  r.text(h, "description", at, required=False)))
    r.unique([(f"headlines[{i}].id", h.id) for i, h in enumerate(headlines)], "headline")
    headline_ids = {h.id for h in headlines}

    sections = []
    for si, s in enumerate(r.items(data.get("sections"), "sections")):
        at = f"sections[{si}]"
        s = r.mapping(s, at)
        section_id = r.text(s, "id", at)
        criteria = []
        for ci, c in enumerate(r.items(s.get("criteria"), f"{at}.criteria")):
            cat = f"{at}.criteria[{ci}]"
            c = r.mapping(c, cat)
            criterion_id = r.text(c, "id", cat)
            rated_by = r.choice(c, "rated_by", cat, ("cases", "judgement"), required=False,
                                default="cases")
            questions = []
            raw_questions = c.get("questions")
            if rated_by == "judgement":
                if raw_questions:
                    r.problem(f"{cat}.questions", "a standard rated by judgement has no "
                              "questions", raw_questions)
                raw_questions = []
            for qi, q in enumerate(r.items(raw_questions, f"{cat}.questions",
                                           required=rated_by == "cases")):
                qat = f"{cat}.questions[{qi}]"
                q = r.mapping(q, qat)
                tags = q.get("headlines") or []
                if not isinstance(tags, list):
                    r.problem(f"{qat}.headlines", "must be a list of headline ids", tags)
                    tags = []
                for ti, tag in enumerate(tags):
                    if tag not in headline_ids:
                        r.problem(f"{qat}.headlines[{ti}]", "is not a headline declared under "
                                  f"headlines ({', '.join(sorted(headline_ids)) or 'none'})",
                                  tag)
                questions.append(Question(
                    id=r.text(q, "id", qat), text=r.text(q, "text", qat),
                    criterion_id=criterion_id, section_id=section_id,
                    headlines=tuple(t for t in tags if t in headline_ids),
                    applies_to=r.choices(q, "applies_to", qat, CASE_TYPES)))
            counted = c.get("counted", True)
            if not isinstance(counted, bool):
                r.problem(f"{cat}.counted", "must be true or false", counted)
                counted = True
            criteria.append(Criterion(
                id=criterion_id, title=r.text(c, "title", cat), section_id=section_id,
                statement=r.text(c, "statement", cat, required=False),
                questions=tuple(questions), rated_by=rated_by, counted=counted))
        sections.append(Section(section_id, r.text(s, "title", at), tuple(criteria),
                                r.choices(s, "applies_to", at, CASE_TYPES)))
    r.unique([(f"sections[{i}].id", s.id) for i, s in enumerate(sections)], "section")
    r.unique([(f"sections[{si}].criteria[{ci}].id", c.id)
              for si, s in enumerate(sections) for ci, c in enumerate(s.criteria)], "criterion")
    r.unique([(f"sections[{si}].criteria[{ci}].questions[{qi}].id", q.id)
              for si, s in enumerate(sections) for ci, c in enumerate(s.criteria)
              for qi, q in enumerate(c.questions)], "question")

    bands = ratings = ()
    overall = None
    if scoring == "pooled":
        bands = r.bands(data.get("bands"), "bands")
    elif scoring == "lowest_key_question":
        ratings = r.bands(data.get("ratings"), "ratings", points=True)
        o = r.mapping(data.get("overall"), "overall")
        maximum = r.number(o, "maximum", "overall", integer=True, minimum=1, default=0)
        overall = Overall(maximum, r.bands(o.get("bands"), "overall.bands", percent=False))
        top = max((b.points or 0 for b in ratings), default=0)
        counted = [c for s in sections for c in s.criteria if c.counted]
        if maximum and top and maximum != top * len(counted):
            r.problem("overall.maximum", f"must be {top * len(counted)}: {len(counted)} "
                      f"counted standards at up to {top} points each", maximum)
        for i, b in enumerate(overall.bands):
            if maximum and b.start > maximum:
                r.problem(f"overall.bands[{i}].from", f"is above the maximum {maximum}",
                          b.start)

    comparators = []
    for i, c in enumerate(r.items(data.get("comparators"), "comparators", required=False)):
        at = f"comparators[{i}]"
        c = r.mapping(c, at)
        figures = {}
        for headline_id, values in r.mapping(c.get("figures", {}), f"{at}.figures").items():
            fat = f"{at}.figures.{headline_id}"
            if headline_id not in headline_ids:
                r.problem(fat, "is not a headline declared under headlines", headline_id)
                continue
            values = r.mapping(values, fat)
            figures[headline_id] = {
                name: r.number(values, name, fat, minimum=0, maximum=100, default=0)
                for name in ("lowest", "highest", "average")}
            f = figures[headline_id]
            if not f["lowest"] <= f["average"] <= f["highest"]:
                r.problem(fat, "needs lowest <= average <= highest", values)
        comparators.append(Comparator(
            id=r.text(c, "id", at), title=r.text(c, "title", at),
            source=r.text(c, "source", at), published=r.text(c, "published", at,
                                                             required=False),
            figures=figures))

    labels = data.get("labels") or {}
    if not isinstance(labels, dict) or set(labels) - {"section", "criterion", "question"}:
        r.problem("labels", "may name only section, criterion and question", labels)
        labels = {}
    return CaseFramework(**base, scoring=scoring or "pooled", sampling=sampling,
                         sections=tuple(sections), headlines=tuple(headlines), bands=bands,
                         ratings=ratings, overall=overall, comparators=tuple(comparators),
                         labels={k: str(v) for k, v in labels.items()})


def _grades_framework(r: _Reader, data: dict, base: dict) -> GradesFramework:
    scale = []
    descriptors = {}
    for i, g in enumerate(r.items(data.get("scale"), "scale")):
        at = f"scale[{i}]"
        g = r.mapping(g, at)
        value = r.number(g, "value", at, integer=True, minimum=0, default=0)
        scale.append(Band(value, r.text(g, "label", at), r.choice(g, "rag", at, RAGS,
                                                                    required=False)))
        descriptors[value] = r.text(g, "descriptor", at, required=False)
    r.unique([(f"scale[{i}].value", str(b.start)) for i, b in enumerate(scale)], "grade")

    def aspects(items, where):
        out = []
        for i, a in enumerate(r.items(items, where)):
            at = f"{where}[{i}]"
            a = r.mapping(a, at)
            graded = a.get("graded", True)
            if not isinstance(graded, bool):
                r.problem(f"{at}.graded", "must be true or false", graded)
                graded = True
            children = aspects(a.get("aspects"), f"{at}.aspects") if "aspects" in a else ()
            if not graded and not children:
                r.problem(at, "an ungraded heading needs aspects under it", a.get("id"))
            out.append(GradeAspect(r.text(a, "id", at), r.text(a, "title", at), graded,
                                   tuple(children)))
        return tuple(out)

    tree = aspects(data.get("aspects"), "aspects")
    framework = GradesFramework(**base, scale=tuple(scale), aspects=tree,
                                descriptors=descriptors)
    ids = []

    def walk(items, where):
        for i, a in enumerate(items):
            ids.append((f"{where}[{i}].id", a.id))
            walk(a.aspects, f"{where}[{i}].aspects")
    walk(tree, "aspects")
    r.unique(ids, "aspect")
    return framework


def _theme_framework(r: _Reader, data: dict, base: dict) -> ThemeScoresFramework:
    scale = r.mapping(data.get("scale"), "scale")
    minimum = r.number(scale, "minimum", "scale", default=0)
    maximum = r.number(scale, "maximum", "scale", default=4)
    if minimum is not None and maximum is not None and minimum >= maximum:
        r.problem("scale.maximum", f"must be above the minimum {minimum}", maximum)
    decimals = r.number(scale, "decimals", "scale", required=False, integer=True, minimum=0,
                        maximum=4, default=0)

    def pairs(name):
        out = []
        for i, t in enumerate(r.items(data.get(name), name)):
            at = f"{name}[{i}]"
            t = r.mapping(t, at)
            out.append((r.text(t, "id", at), r.text(t, "title", at)))
        r.unique([(f"{name}[{i}].id", p[0]) for i, p in enumerate(out)], name[:-1])
        return tuple(out)

    return ThemeScoresFramework(**base, minimum=minimum, maximum=maximum, decimals=decimals,
                                columns=pairs("columns"), themes=pairs("themes"))


def framework_parse(text: str, *, name: str = "<framework>") -> Framework:
    """A framework from YAML text; ``name`` is how problems refer to the file."""
    r = _Reader(name)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "top level"
        raise FrameworkError([f"{name}: {where}: not valid YAML "
                              f"({getattr(error, 'problem', error)})"]) from None
    data = r.mapping(data, "")
    if r.problems:
        raise FrameworkError(r.problems)
    kind = r.choice(data, "kind", "", KINDS)
    base = {"id": r.text(data, "id", ""), "version": r.text(data, "version", ""),
            "title": r.text(data, "title", ""),
            "source": r.text(data, "source", "", required=False), "path": name}
    known = {"id", "version", "title", "source", "kind"} | {
        "case_audit": {"labels", "scoring", "sampling", "bands", "ratings", "overall",
                       "headlines", "comparators", "sections"},
        "grades": {"scale", "aspects"},
        "theme_scores": {"scale", "columns", "themes"}}.get(kind, set())
    for key in data:
        if kind and key not in known:
            r.problem(str(key), f"is not part of a {kind} framework "
                      f"(expected {', '.join(sorted(known))})", show_value=False)
    framework = None
    if kind == "case_audit":
        framework = _case_framework(r, data, base)
    elif kind == "grades":
        framework = _grades_framework(r, data, base)
    elif kind == "theme_scores":
        framework = _theme_framework(r, data, base)
    if r.problems:
        raise FrameworkError(r.problems)
    return framework


def framework_load(path: Path | str) -> Framework:
    path = Path(path)
    return framework_parse(path.read_text(encoding="utf-8"), name=str(path))


def frameworks_in(*folders: Path | str) -> dict[tuple[str, str], Framework]:
    """Every framework file (``*.yaml``) of the folders, by (id, version). Two files declaring
    the same id and version are refused, naming both. Any problem refuses them all."""
    found, problems = frameworks_read(*folders)
    if problems:
        raise FrameworkError(problems)
    return found


def frameworks_read(*folders: Path | str, known=None) -> tuple[dict, list[str]]:
    """The usable framework files of the folders and the problems of the others (files that
    do not load, or repeat an id and version already in ``known`` or read before)."""
    found: dict[tuple[str, str], Framework] = {}
    known = known or {}
    problems = []
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            try:
                framework = framework_load(path)
            except FrameworkError as error:
                problems += error.problems
                continue
            earlier = found.get(framework.key) or known.get(framework.key)
            if earlier is not None:
                problems.append(f"{path}: id and version {framework.key[0]} "
                                f"{framework.key[1]} are already declared in {earlier.path}")
                continue
            found[framework.key] = framework
    return found, problems


@cache
def packaged_frameworks() -> dict[tuple[str, str], Framework]:
    return frameworks_in(PACKAGED)
