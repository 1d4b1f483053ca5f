"""The code lists of action plans (enablers, statuses, RAG, kinds of recommendation), read from
``codes.yaml`` and validated. Pure: no Django."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

LISTS = ("enablers", "statuses", "rags", "recommendation_kinds")


@dataclass(frozen=True)
class Code:
    code: str
    label: str
    aliases: tuple[str, ...] = ()
    open: bool = True  # statuses only: the action still has work to do


def _key(text: str) -> str:
    """Spelling-blind form: lower case, "&" as "and", no spaces or punctuation."""
    return re.sub(r"[^a-z0-9]", "", str(text).lower().replace("&", "and"))


@dataclass(frozen=True)
class CodeList:
    name: str
    codes: tuple[Code, ...]

    def choices(self) -> list[tuple[str, str]]:
        return [(c.code, c.label) for c in self.codes]

    def label(self, code: str) -> str:
        return next((c.label for c in self.codes if c.code == code), code)

    def resolve(self, text) -> str | None:
        """The code written as its code, its label or an alias; None if none matches."""
        wanted = _key(text or "")
        if not wanted:
            return None
        for c in self.codes:
            if wanted in {_key(c.code), _key(c.label), *(_key(a) for a in c.aliases)}:
                return c.code
        return None

    def written(self) -> str:
        return ", ".join(c.label for c in self.codes)


@cache
def codes() -> dict[str, CodeList]:
    data = yaml.safe_load((resources.files("yjhub.actions") / "codes.yaml")
                          .read_text(encoding="utf-8"))
    lists = {}
    for name in LISTS:
        entries = data.get(name) or {}
        if not entries:
            raise ValueError(f"codes.yaml: {name} is empty")
        lists[name] = CodeList(name, tuple(
            Code(code=code, label=str(entry["label"]),
                 aliases=tuple(str(a) for a in entry.get("aliases", ())),
                 open=bool(entry.get("open", True)))
            for code, entry in entries.items()))
    return lists


def code_list(name: str) -> CodeList:
    return codes()[name]


def open_statuses() -> list[str]:
    return [c.code for c in code_list("statuses").codes if c.open]
