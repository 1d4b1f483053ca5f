"""The rota of themed items: which items each quarter's board receives, besides finance and
performance. The default is a data file (data/theme_rota.yaml, seed 004's schedule); a service
that edits its rota gets its own (``ThemeItem`` rows), which then replace the default."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

KINDS = ("service", "partner")


@dataclass
class Rota:
    quarters: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    source: str = ""  # where it comes from, in words
    default: bool = True

    def items(self, quarter: int) -> dict[str, list[str]]:
        return self.quarters.get(quarter, {k: [] for k in KINDS})


def _check(data: dict, name: str) -> None:
    quarters = data.get("quarters")
    if not isinstance(quarters, dict) or set(quarters) != {1, 2, 3, 4}:
        raise ValueError(f"{name}: 'quarters' must have the keys 1, 2, 3 and 4")
    for q, kinds in quarters.items():
        if not isinstance(kinds, dict) or not set(kinds) <= set(KINDS):
            raise ValueError(f"{name}: quarter {q} may have only {', '.join(KINDS)}")
        for kind, items in kinds.items():
            if not isinstance(items, list) or not all(isinstance(i, str) and i.strip()
                                                       for i in items):
                raise ValueError(f"{name}: quarter {q} {kind} must be a list of text")


@cache
def rota_default() -> Rota:
    name = "theme_rota.yaml"
    text = resources.files("yjhub.boardreport").joinpath("data", name).read_text("utf-8")
    data = yaml.safe_load(text)
    _check(data, name)
    quarters = {q: {k: list(data["quarters"][q].get(k, [])) for k in KINDS}
                for q in (1, 2, 3, 4)}
    return Rota(quarters, f"the default rota ({data.get('source', name)})", True)
