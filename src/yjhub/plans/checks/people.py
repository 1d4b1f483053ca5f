"""The board (Table A), the review schedule (Table B) and sign-off (Table C)."""

from __future__ import annotations

import datetime as dt
import re

from yjhub.plans.findings import Finding, Location
from yjhub.plans.model import Plan
from yjhub.plans.names import TITLES, best_match, names_in, normalise
from yjhub.plans.new import period_start_year

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}


def check_board(plan: Plan, tpl, out: list[Finding]) -> None:
    rules = tpl.board if tpl else {}
    if not plan.board:
        out.append(Finding(
            rule="board.empty", severity="warning", location=Location(path="board"),
            message="Table A (composition of the management board) has no members."))
        return
    for agency, words in (rules.get("required_agencies") or {}).items():
        if any(any(w in f"{m.agency} {m.post}".lower() for w in words) for m in plan.board):
            continue
        out.append(Finding(
            rule="board.required_agency", severity="warning", location=Location(path="board"),
            message=f"No member of the management board represents "
                    f"{agency.replace('_', ' ')} (no agency or post mentions "
                    f"{', '.join(repr(w) for w in words)}).",
            figures={"agency": agency}))


def check_signoff(plan: Plan, tpl, out: list[Finding]) -> None:
    rules = tpl.signatures if tpl else {}
    for required in rules.get("required", []):
        found = [i for i, s in enumerate(plan.signatures) if _role_matches(s.role, required)]
        named = [i for i in found if plan.signatures[i].name.strip()]
        if named:
            continue
        where = f"signatures[{found[0]}]" if found else "signatures"
        out.append(Finding(
            rule="signoff.required", severity="error", location=Location(path=where),
            message=(f"Table C has a line for {required['label']} but no name in it."
                     if found else f"Table C does not include {required['label']}: the "
                     f"template says they must sign the plan.")))
    members = [m.name for m in plan.board]
    signed_plan = plan.meta.status in ("approved", "published")
    for i, sig in enumerate(plan.signatures):
        where = Location(path=f"signatures[{i}]", item=str(i))
        if not sig.name.strip():
            continue
        if signed_plan and not sig.date.strip() and not sig.signature.strip():
            out.append(Finding(
                rule="signoff.unsigned", severity="warning", location=where,
                message=f"{sig.name} ({sig.role}) has neither signed nor dated Table C, but "
                        f"the plan is {plan.meta.status}."))
        if re.search(r"on behalf of", sig.signature, flags=re.I):
            out.append(Finding(
                rule="signoff.on_behalf", severity="info", location=where,
                message=f"The {sig.role} signature was made on behalf of "
                        f"{names_in(sig.signature)}, not by {sig.name} in person.",
                figures={"signature": sig.signature}))
        if not members:
            continue
        index, score = best_match(sig.name, members)
        if index < 0:
            out.append(Finding(
                rule="signoff.not_on_board", severity="info", location=where,
                message=f"{sig.name} ({sig.role}) signs the plan but is not a member of the "
                        f"management board in Table A."))
        elif "".join(normalise(sig.name)) != "".join(normalise(members[index])) or (
                _spaced(sig.name) != _spaced(members[index])):
            out.append(Finding(
                rule="signoff.name_variant", severity="info", location=where,
                message=f"Signatory \"{sig.name}\" ({sig.role}) is taken to be board member "
                        f"\"{members[index]}\" (Table A), spelt differently.",
                figures={"table C": sig.name, "table A": members[index], "score": score}))


def _spaced(name: str) -> str:
    """The name as printed, less case, a "Chair:" label and titles: spacing and apostrophes
    kept, so "O' Keefe" and "O'Keefe" differ here (a variant worth saying) though they match."""
    text = re.sub(r"^\s*[A-Za-z ]+:\s*", "", name) if ":" in name else name
    words = text.lower().replace("\u2019", "'").split()
    return " ".join(w for w in words if w.strip(".,") not in TITLES)


def _role_matches(role: str, required: dict) -> bool:
    text = role.lower()
    return all(w in text for w in required.get("all", [])) and (
        not required.get("any") or any(w in text for w in required["any"]))


def check_reviews(plan: Plan, out: list[Finding]) -> None:
    if not any(r.date.strip() for r in plan.reviews):
        out.append(Finding(
            rule="reviews.missing", severity="warning", location=Location(path="reviews"),
            message="Table B (schedule for review of the plan) has no review dates."))
        return
    start = period_start_year(plan.meta.period)
    if start is None:
        return
    first, last = dt.date(start, 4, 1), dt.date(start + 1, 3, 31)
    for i, review in enumerate(plan.reviews):
        when = parse_date(review.date)
        if when is None or first <= when <= last:
            continue
        out.append(Finding(
            rule="reviews.outside_period", severity="info",
            location=Location(path=f"reviews[{i}]", item=str(i)),
            message=f"Review date {review.date} is outside the plan's year {plan.meta.period} "
                    f"(1 April {start} to 31 March {start + 1}).",
            figures={"date": review.date}))


def parse_date(text: str) -> dt.date | None:
    """A date as people write it: 2006-09-30, 26.4.06, 26/04/2006, September 2006 (-> the
    1st), Sept 2006. None when it cannot be read."""
    text = (text or "").strip().lower()
    if match := re.match(r"^(\d{4})-(\d{2})-(\d{2})$", text):
        y, m, d = map(int, match.groups())
    elif match := re.match(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$", text):
        d, m, y = map(int, match.groups())
        y += 2000 if y < 100 else 0
    elif match := re.match(r"^([a-z]+)\.?\s+(\d{4})$", text):
        name, y = match.group(1), int(match.group(2))
        m = next((n for full, n in MONTHS.items() if full.startswith(name[:3])), 0)
        d = 1
    else:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None
