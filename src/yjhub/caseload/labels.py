"""Labels and ranks of the code lists the caseload and the audit show, read once."""

from __future__ import annotations

from functools import cache

from yjhub.schema.codelists import code_list


@cache
def labels(name: str) -> dict[str, str]:
    return {code.code: code.label for code in code_list(name).codes}


@cache
def ranks(name: str) -> dict[str, int]:
    return {code.code: int(code.attributes.get("rank", 0)) for code in code_list(name).codes}


def label(name: str, code: str | None, blank: str = "") -> str:
    if code is None or code == "":
        return blank
    return labels(name).get(code, code)


def staff_name(given: str | None, family: str | None, staff_id: str | None) -> str:
    name = " ".join(part for part in (given, family) if part)
    return name or (staff_id or "")
