"""Reading figures as people print them: ``4,022,000``, ``£91,847``, ``91.5%``, ``(+4.7%)``,
``no diff``, ``Reduce to 5%``.

Two readings. :func:`number` is strict (a table cell: the whole text must be one number, so
``"8 (1 Vac)"`` is not a number and the checks say so). :func:`figure` is lenient (a figure in
a data block or the appendix: the text's one number, so ``"Reduce to 5%"`` is 5 and
``"TBA"`` is nothing). Both keep the number of decimals written, so a comparison can be made
at the precision printed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_NUMBER = re.compile(r"[-+\u2212\u2013]?\s*\d[\d,]*(?:\.\d+)?|[-+\u2212\u2013]?\.\d+")
_STRICT = re.compile(r"^[£$]?\s*[-+\u2212\u2013]?\s*[£$]?\s*(\d[\d,]*(?:\.\d+)?|\.\d+)\s*%?$")
_NO_CHANGE = ("no diff", "no change", "nil", "no difference")


@dataclass(frozen=True)
class Figure:
    value: float
    decimals: int = 0
    percent: bool = False

    def rounded(self, decimals: int) -> float:
        return round(self.value + 0.0, decimals)


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _from_number(value) -> Figure | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Figure(float(value), 0)
    if isinstance(value, float):
        return Figure(value, _decimals(repr(value)))
    return None


def _parse(token: str, percent: bool) -> Figure:
    sign = -1.0 if token.strip()[:1] in "-\u2212\u2013" else 1.0
    digits = re.sub(r"[^\d.]", "", token)
    return Figure(sign * float(digits), _decimals(digits), percent)


def number(value) -> Figure | None:
    """A table cell as a number: an int or float, or text that is one number (``£1,426,000``,
    ``-3``, ``12.5%``); None for empty cells and other text."""
    if (found := _from_number(value)) is not None or not isinstance(value, str):
        return found
    return _number_text(value)


@functools.lru_cache(maxsize=8192)
def _number_text(value: str) -> Figure | None:
    text = value.strip().replace("\u00a0", " ")
    if not _STRICT.match(text):
        return None
    return _parse(text.replace("£", "").replace("$", ""), text.endswith("%"))


def figure(value) -> Figure | None:
    """A printed figure: the one number in the text (``"Reduce to 5%"`` -> 5,
    ``"(-2.5%)"`` -> -2.5, ``"no diff"`` -> 0); None when there is none or more than one."""
    if (found := _from_number(value)) is not None or not isinstance(value, str):
        return found
    return _figure_text(value)


@functools.lru_cache(maxsize=8192)
def _figure_text(value: str) -> Figure | None:
    text = value.strip().lower()
    if text.strip("() ") in _NO_CHANGE:
        return Figure(0.0, 0)
    tokens = _NUMBER.findall(text.replace("£", ""))
    if len(tokens) != 1:
        return None
    return _parse(tokens[0], "%" in text)


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def same(a: float, b: float) -> bool:
    return abs(a - b) < 1e-6


def show(value: float, decimals: int | None = None) -> str:
    """A figure for a message: thousands separated, no trailing .0 (``4,022,000``, ``2.06``)."""
    if decimals is None:
        decimals = 0 if same(value, round(value)) else len(f"{value:.6f}".rstrip("0").split(".")[1])
    return f"{value:,.{decimals}f}"


def plain(value: float) -> int | float:
    """A figure for JSON: an int when whole, else rounded to 6 decimals."""
    return int(round(value)) if same(value, round(value)) else round(value, 6)
