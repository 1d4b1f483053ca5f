"""Matching a person's name as printed in two places (a signatory in Table C and a member of
the board in Table A) despite spelling variants.

The rule, in order:

1. **Normalise** each name: drop accents, lower case; drop a leading role label ("Chair:");
   drop titles and honours (Cllr, Councillor, Dr, Mr, Mrs, Ms, Miss, Prof, Sir, Dame, Rev,
   OBE, MBE, CBE, QPM); drop apostrophes and full stops (``O' Keefe``, ``O'Keefe`` and
   ``OKeefe`` are the same); hyphens become spaces.
2. **Same letters**: the names match if they are equal once the spaces are removed
   ("mike okeefe" = "mike o keefe").
3. **Surname and first name**: otherwise the surnames (last word, or the last two words run
   together when the last but one is a particle such as "o", "mc", "de", "van") must be alike
   (difflib ratio at least 0.85), and the first names must agree: either is an initial that
   starts the other ("J Sinnott" / "John Sinnott"), one is a short form of the other in the
   table ``SHORT_FORMS`` ("Mike" / "Michael", "Andy" / "Andrew"), or they are alike (ratio at
   least 0.8, "Clair" / "Claire"). A name with no first name matches on the surname.

The score returned is 1.0 for step 2, else the surname ratio; below the thresholds there is no
match. Names quoted in a signature box ("(on behalf of MIKE O'KEEFE)") are read the same way.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata

TITLES = {"cllr", "councillor", "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor",
          "sir", "dame", "rev", "revd", "lord", "lady", "obe", "mbe", "cbe", "qpm", "dl", "jp"}
PARTICLES = {"o", "mc", "mac", "de", "da", "van", "von", "le", "la", "st", "di", "du"}
SHORT_FORMS = {
    "mike": {"michael"}, "andy": {"andrew"}, "alex": {"alexander", "alexandra"},
    "steve": {"stephen", "steven"}, "jim": {"james"}, "bob": {"robert"}, "rob": {"robert"},
    "bill": {"william"}, "will": {"william"}, "liz": {"elizabeth"}, "sam": {"samantha", "samuel"},
    "tony": {"anthony"}, "pat": {"patricia", "patrick"}, "chris": {"christopher", "christine"},
    "dave": {"david"}, "tom": {"thomas"}, "nick": {"nicholas"}, "jo": {"joanne", "joanna"},
    "kate": {"katherine", "catherine"}, "sue": {"susan"}, "jenny": {"jennifer"},
    "jeff": {"jeffrey", "geoffrey"}, "pete": {"peter"}, "phil": {"philip", "phillip"},
    "tim": {"timothy"}, "ben": {"benjamin"}, "dan": {"daniel"}, "matt": {"matthew"},
    "ali": {"alistair", "alasdair", "alison"}, "gaz": {"gareth", "gary"},
}

SURNAME_RATIO = 0.85
FIRST_NAME_RATIO = 0.8


@functools.lru_cache(maxsize=4096)
def normalise(name: str) -> tuple[str, ...]:
    """The words of a name, normalised (see the module docstring)."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"^\s*[a-z ]+:\s*", "", text) if ":" in text else text   # "chair: "
    text = re.sub(r"['\u2019\u2018`.]", "", text).replace("-", " ")
    words = re.findall(r"[a-z]+", text)
    return tuple(w for w in words if w not in TITLES)


def _surname(words: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    if len(words) >= 3 and words[-2] in PARTICLES:
        return words[-2] + words[-1], words[:-2]
    if len(words) == 2 and words[0] in PARTICLES:
        return words[0] + words[1], ()
    return words[-1], words[:-1]


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _first_names_agree(a: str, b: str) -> bool:
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if b in SHORT_FORMS.get(a, ()) or a in SHORT_FORMS.get(b, ()):
        return True
    return _ratio(a, b) >= FIRST_NAME_RATIO


@functools.lru_cache(maxsize=4096)
def name_match(a: str, b: str) -> float:
    """How well two printed names match: 1.0 for the same name, a score of at least 0.85 for
    a spelling variant, 0.0 for different people."""
    wa, wb = normalise(a), normalise(b)
    if not wa or not wb:
        return 0.0
    if "".join(wa) == "".join(wb):
        return 1.0
    sa, fa = _surname(wa)
    sb, fb = _surname(wb)
    ratio = _ratio(sa, sb)
    if ratio < SURNAME_RATIO:
        return 0.0
    if fa and fb and not _first_names_agree(fa[0], fb[0]):
        return 0.0
    return round(ratio, 3)


def best_match(name: str, candidates: list[str]) -> tuple[int, float]:
    """The index of the best-matching candidate and its score; (-1, 0.0) when none match."""
    best, score = -1, 0.0
    for i, candidate in enumerate(candidates):
        s = name_match(name, candidate)
        if s > score:
            best, score = i, s
    return best, score


def names_in(text: str) -> str:
    """The name inside a signature box such as "(on behalf of MIKE O'KEEFE)"."""
    match = re.search(r"on behalf of\s+(.+?)\)?\s*$", text or "", flags=re.I)
    return match.group(1) if match else (text or "").strip(" ()")
