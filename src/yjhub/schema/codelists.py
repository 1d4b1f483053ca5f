"""Code lists: the allowed values of every coded column, held as versioned YAML files.

Each file in ``codelists/`` declares one list: its name, version, description and codes. A code
has a label, optional aliases (the spellings case management exports use), optional validity
dates and attributes (an outcome type's tier, a remand type's ``secure`` flag). A new version of
a list is a change to its file, not to code.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

_RESERVED = {"code", "label", "aliases", "valid_from", "valid_to"}


def normalise(value: str) -> str:
    """How values are matched against codes, labels and aliases: case, spaces and
    punctuation do not matter ("White & Black Caribbean" matches "white and black caribbean")."""
    text = value.strip().lower().replace("&", " and ")
    return re.sub(r"[^a-z0-9+]+", " ", text).strip()


@dataclass(frozen=True)
class Code:
    code: str
    label: str
    aliases: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    attributes: dict = field(default_factory=dict)


@dataclass(frozen=True)
class CodeList:
    name: str
    version: str
    description: str
    codes: tuple[Code, ...]
    _lookup: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        lookup = {}
        for code in self.codes:
            for spelling in (code.code, code.label, *code.aliases):
                key = normalise(str(spelling))
                if lookup.get(key, code.code) != code.code:
                    raise ValueError(f"code list {self.name}: {spelling!r} names two codes")
                lookup[key] = code.code
        object.__setattr__(self, "_lookup", lookup)

    def resolve(self, value: str) -> str | None:
        """The code a value stands for (its code, label or an alias), or None."""
        return self._lookup.get(normalise(value))

    def attribute(self, code: str, name: str):
        return self.by_code[code].attributes.get(name)

    @property
    def by_code(self) -> dict[str, Code]:
        return {c.code: c for c in self.codes}

    @property
    def attribute_names(self) -> list[str]:
        names: list[str] = []
        for code in self.codes:
            names += [a for a in code.attributes if a not in names]
        return names


def _parse(text: str) -> CodeList:
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # (libyaml)
    codes = tuple(
        Code(
            code=str(entry["code"]),
            label=str(entry["label"]),
            aliases=tuple(str(a) for a in entry.get("aliases", ())),
            valid_from=entry.get("valid_from"),
            valid_to=entry.get("valid_to"),
            attributes={k: v for k, v in entry.items() if k not in _RESERVED},
        )
        for entry in data["codes"]
    )
    return CodeList(data["name"], str(data["version"]), data["description"].strip(), codes)


@cache
def code_lists() -> dict[str, CodeList]:
    """Every shipped code list, by name."""
    folder = resources.files("yjhub.schema") / "codelists"
    lists = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.endswith(".yaml"):
            code_list = _parse(path.read_text(encoding="utf-8"))
            if code_list.name != path.name.removesuffix(".yaml"):
                raise ValueError(f"{path.name} declares the list {code_list.name!r}")
            lists[code_list.name] = code_list
    return lists


def code_list(name: str) -> CodeList:
    return code_lists()[name]
