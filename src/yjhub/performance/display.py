"""A cached figure as a page shows it, to one viewer.

``Figure`` wraps one cached result (the engine's fields plus ``withheld``) with its measure and
says how each part reads: the value as plans print it (45.3%, 156.2 per 100,000), numerator and
denominator, interval, change, target, met / not met and RAG. For a board member (``board``)
a withheld figure shows none of these, only that it is withheld.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from yjhub.indicators.catalogue import UNITS, Measure
from yjhub.indicators.results import PLACES, round_half_up, shown
from yjhub.schema.codelists import code_list

#: The group of a figure with no breakdown, and of a breakdown's total (the engine's TOTAL;
#: not imported from it, so pages do not load pandas and Ibis).
TOTAL = "all"

RAG_TAGS = {
    "green": ("govuk-tag--green", "Green: target met"),
    "amber": ("govuk-tag--yellow", "Amber: close to target"),
    "red": ("govuk-tag--red", "Red: target missed"),
}
BREAKDOWN_TITLES = {
    "team": "Team", "sex": "Sex", "ethnicity": "Ethnic group", "age": "Age",
    "disposal": "Disposal", "previous_offences": "Previous offences", "agency": "Agency",
    "follow_up_quarter": "Follow-up quarter", "stage": "Assessment stage",
}
_GROUP_LISTS = {"sex": ("sex",), "ethnicity": ("ethnic_group",),
                "disposal": ("tier", "programme_kind"), "agency": ("agency",),
                "stage": ("assessment_stage",)}


def group_label(breakdown: str, group: str, teams: dict[str, str] | None = None) -> str:
    """A breakdown group in words: "Female", "Black or Black British", "Age 15", "North"."""
    if group == TOTAL:
        return "All"
    if group == "not recorded":
        return "Not recorded"
    if breakdown == "team":
        return (teams or {}).get(group, group)
    if breakdown == "age":
        return f"Age {group}"
    for name in _GROUP_LISTS.get(breakdown, ()):
        code = code_list(name).by_code.get(group)
        if code is not None:
            return code.label
    return group.replace("_", " ").capitalize()


def unit_text(measure: Measure) -> str:
    """What follows the number: "" for counts and percentages, "per 100,000", "per child"."""
    return "" if measure.unit in ("count", "percent") else UNITS[measure.unit][0]


@dataclass
class Figure:
    measure: Measure
    period: str
    result: dict | None  # None: nothing was counted in the period (or not computed)
    board: bool = False  # the viewer sees small numbers suppressed
    group: str = TOTAL
    group_name: str = "All"
    previous: dict | None = None  # the previous period's result, when cached
    previous_period: str = ""
    comparison_hidden: bool = False  # the figure compared with is withheld from this viewer

    @property
    def withheld(self) -> bool:
        return self.board and bool(self.result and self.result["withheld"])

    @property
    def known(self) -> bool:
        """There is a value to show (not withheld, something counted, denominator not 0)."""
        return (self.result is not None and not self.withheld
                and self.result["value"] is not None)

    @property
    def small(self) -> bool:
        """The engine's small-number flag (numerator or counted denominator 1 to 4)."""
        return bool(self.result and self.result["suppressed"])

    @property
    def provisional(self) -> bool:
        return bool(self.result and self.result["provisional"])

    @property
    def value(self) -> float | None:
        return self.result["value"] if self.known else None

    @cached_property
    def value_text(self) -> str:
        if self.withheld:
            return "Withheld"
        if self.result is None:
            return "None counted" if self.measure.unit == "count" else "No data"
        if self.result["value"] is None:
            return "No data"
        return shown(self.result["value"], self.measure.unit)

    @property
    def unit_text(self) -> str:
        return unit_text(self.measure) if self.known else ""

    @property
    def numerator_text(self) -> str:
        if self.withheld:
            return "Withheld"
        if self.result is None:
            return "0"
        return f"{self.result['numerator']:,}"

    @property
    def denominator_text(self) -> str:
        if self.measure.denominator is None:
            return ""
        if self.withheld:
            return "Withheld"
        if self.result is None or self.result["denominator"] is None:
            return "0" if self.measure.denominator.column else "–"
        return f"{self.result['denominator']:,.0f}"

    @property
    def interval_text(self) -> str:
        if not self.known or self.result["ci_low"] is None:
            return ""
        unit = self.measure.unit
        return f"{shown(self.result['ci_low'], unit)} to {shown(self.result['ci_high'], unit)}"

    @property
    def change_shown(self) -> bool:
        if not self.known or self.result["change"] is None:
            return False
        if not self.board:
            return True
        return self.previous is not None and not self.previous["withheld"]

    @property
    def change_text(self) -> str:
        """"+2.8 points", "-5.1%", "no change"; "" when not shown."""
        if not self.change_shown:
            return ""
        relative = self.result["change_kind"] == "relative"
        places = 1 if relative else max(1, PLACES[self.measure.unit])
        change = round_half_up(self.result["change"], places)
        if change == 0:
            return "no change"
        return f"{change:+.{places}f}{'%' if relative else ' points'}"

    @property
    def target_text(self) -> str:
        return self.result["target"] if self.result else ""

    @property
    def target_shown(self) -> bool:
        """Whether the target's value, met / not met and RAG are shown. A target worked out
        from the previous period (a reduction on it) gives that period's figure away, so a
        board member sees it only when that figure is shown too."""
        if not self.known:
            return False
        target = self.measure.target
        if not self.board or target is None or target.kind in ("at_least", "at_most", "text"):
            return True
        return (target.baseline is None and self.previous is not None
                and not self.previous["withheld"])

    @property
    def target_value_text(self) -> str:
        if not self.target_shown or self.result["target_value"] is None:
            return ""
        return shown(self.result["target_value"], self.measure.unit)

    @property
    def met_text(self) -> str:
        if not self.target_shown or self.result["met"] is None:
            return ""
        return "Met" if self.result["met"] else "Not met"

    @property
    def rag_tag(self) -> tuple[str, str] | None:
        """(GOV.UK tag class, text) or None."""
        if not self.target_shown or not self.result["rag"]:
            return None
        return RAG_TAGS[self.result["rag"]]

    @cached_property
    def tags(self) -> list[tuple[str, str]]:
        """The figure's GOV.UK tags, (class, text): RAG, provisional, and for staff the
        small-number flag. Always words, never colour alone."""
        out = []
        if self.rag_tag:
            out.append(self.rag_tag)
        if self.known and self.provisional:
            out.append(("govuk-tag--grey", "Provisional"))
        if not self.board and self.small:
            out.append(("govuk-tag--orange", "Fewer than 5"))
        return out

    @property
    def comparison_text(self) -> str:
        """Against the reference group or measure: "white: 12.1 (+3.4 points)"."""
        if (not self.known or self.comparison_hidden
                or self.result.get("comparison_value") is None):
            return ""
        unit = self.measure.unit
        difference = self.result["value"] - self.result["comparison_value"]
        places = max(1, PLACES[unit])
        return (f"{shown(self.result['comparison_value'], unit)} "
                f"({round_half_up(difference, places):+.{places}f} points)")
