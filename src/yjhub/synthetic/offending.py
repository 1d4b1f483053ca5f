"""Offences, outcomes, court appearances, pre-sentence reports and remands of one service.

Each child who offends has a chain of *episodes*: an offence (with any further offences dealt
with at the same time) leading to an outcome. The first outcome's tier is drawn from the
published mix of first-time entrants; each later outcome stays at the same tier or escalates.
Dates follow the chain: offence, (hearings,) outcome, time in custody, then the gap to the next
offence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yjhub.synthetic import rates
from yjhub.synthetic.columns import NA, prefixed_numbers
from yjhub.synthetic.context import Context, Rows
from yjhub.synthetic.draw import bern, blank_after, choose, expand, group_cumsum, vocabulary
from yjhub.synthetic.people import DIVERSION, SUBSTANTIVE, Children

OUTCOME_TYPES = vocabulary("outcome_type")
TIERS = vocabulary("tier")
CATEGORIES = vocabulary("offence_category")
CATEGORY_KEYS = list(rates.OFFENCE_WEIGHTS)


@dataclass
class Episodes:
    child: np.ndarray
    tier: np.ndarray  # 0 diversion .. 4 custody
    outcome_type: np.ndarray  # index into the outcome_type code list
    committed: np.ndarray  # the main offence's date
    outcome_date: np.ndarray
    has_outcome: np.ndarray  # the outcome falls on or before the extract date
    outcome_no: np.ndarray  # outcome row number (NA when pending)
    next_outcome_date: np.ndarray  # the child's next outcome (NA when none yet)
    court: np.ndarray
    first_hearing: np.ndarray
    hearings: np.ndarray
    first_appearance_no: np.ndarray  # NA for out-of-court episodes
    crown: np.ndarray
    magistrates: np.ndarray
    remanded: np.ndarray
    custody_days: np.ndarray  # sentence length of a custodial outcome (0 otherwise)


def episodes(ctx: Context, kids: Children) -> Episodes:
    rng = ctx.rng
    offenders = np.flatnonzero((kids.route == SUBSTANTIVE) | (kids.route == DIVERSION))
    m = len(offenders)
    substantive = kids.route[offenders] == SUBSTANTIVE
    within = bern(rng, np.where(substantive, rates.REOFFEND_WITHIN_YEAR["substantive"],
                                rates.REOFFEND_WITHIN_YEAR["diversion"]))
    late = ~within & bern(rng, rates.LATE_REOFFEND, m)
    more = rng.geometric(1 - rates.REOFFEND_AGAIN, m) - 1
    count = np.minimum(1 + (within | late) * (1 + more), 8)
    local, k = expand(count)
    child = offenders[local]
    n = len(child)

    first_tier = np.array(list(rates.FIRST_TIER_WEIGHTS))[
        choose(rng, rates.FIRST_TIER_WEIGHTS, m)]
    first_tier = np.where(substantive, first_tier, 0)
    step = np.where(k > 0, choose(rng, dict(enumerate(rates.ESCALATION)), n), 0)
    level = np.minimum(4, first_tier[local] + group_cumsum(step, local))
    custody = (level == 4) & bern(rng, rates.CUSTODY_AT_TOP, n)
    tier = np.where((level == 4) & ~custody, 3, level)

    # custodial sentences first: their length moves every later date
    outcome_type = np.full(n, -1, dtype=np.int64)
    custody_keys = OUTCOME_TYPES.of(*rates.OUTCOME_WEIGHTS[4])
    outcome_type[custody] = custody_keys[choose(rng, rates.OUTCOME_WEIGHTS[4], int(custody.sum()))]
    length = np.zeros(n, dtype=np.int64)
    for code in rates.OUTCOME_WEIGHTS[4]:
        low, high = rates.PROGRAMME_DAYS[code]
        mask = outcome_type == OUTCOME_TYPES.index[code]
        length[mask] = rng.integers(low, high + 1, mask.sum())

    court = tier >= 2
    hearings = np.where(court, 1, 0)
    hearings = np.where(tier == 2, rng.choice([1, 2, 3], n, p=[0.55, 0.35, 0.10]), hearings)
    hearings = np.where(tier >= 3, rng.choice([2, 3], n, p=[0.6, 0.4]), hearings)
    to_first_hearing = rng.integers(14, 61, n)
    report = (tier >= 3) & (hearings >= 2)
    sentence_after = ((hearings > 1) * (np.where(report, 35, 21) + rng.integers(0, 20, n))
                      + (hearings > 2) * rng.integers(14, 29, n))
    delay = np.where(tier == 0, rng.integers(1, 31, n), rng.integers(7, 61, n))
    delay = np.where(court, to_first_hearing + sentence_after, delay)

    first_gap = np.where(within[local], 7 + rng.gamma(1.3, 90, n).clip(0, 353),
                         rng.integers(370, 1000, n))
    gap = np.where(k == 1, first_gap, 7 + rng.gamma(1.3, 100, n).clip(0, 713))
    gap = np.where(k == 0, 0, gap).astype(np.int64)
    committed = (kids.entry[child] + group_cumsum(gap, local)
                 + group_cumsum(delay + length // 2, local, exclusive=True))
    outcome_date = committed + delay

    keep = (committed <= ctx.end) & (committed < kids.turns_18[child])
    child, local, k, tier, outcome_type, length = (a[keep] for a in (child, local, k, tier,
                                                                     outcome_type, length))
    committed, outcome_date, court, hearings, to_first_hearing, report = (
        a[keep] for a in (committed, outcome_date, court, hearings, to_first_hearing, report))
    n = len(child)
    for t in range(4):
        mask = tier == t
        outcome_type[mask] = OUTCOME_TYPES.choose_valid(rng, rates.OUTCOME_WEIGHTS[t],
                                                        outcome_date[mask])
    has_outcome = outcome_date <= ctx.end
    outcome_no = np.where(has_outcome, np.cumsum(has_outcome), NA)
    same_child_next = np.r_[child[1:] == child[:-1], False]
    next_date = np.r_[outcome_date[1:], NA]
    next_outcome_date = np.where(same_child_next & (next_date <= ctx.end), next_date, NA)

    first_hearing = np.where(court, committed + to_first_hearing, NA)
    hearings = np.where(court & (first_hearing > ctx.end), 0, hearings)
    appearance_start = np.cumsum(hearings) - hearings + 1
    long_term = outcome_type == OUTCOME_TYPES.index["long_term_detention"]
    crown = long_term | ((tier == 3) & bern(rng, rates.CROWN_COURT, n))
    crown &= hearings >= 2
    magistrates = court & ~crown & bern(rng, rates.ADULT_MAGISTRATES, n)
    remanded = (hearings >= 2) & bern(rng, rates.REMAND_SHARE, n)
    return Episodes(child, tier, outcome_type, committed, outcome_date, has_outcome, outcome_no,
                    next_outcome_date, court, first_hearing, hearings,
                    np.where(hearings > 0, appearance_start, NA), crown, magistrates, remanded,
                    length)


def outcomes(ctx: Context, ep: Episodes) -> tuple[Rows, np.ndarray]:
    """Outcome rows, and (for the extra same-day outcomes) the episodes they belong to."""
    rng = ctx.rng
    main = np.flatnonzero(ep.has_outcome)
    compensation = OUTCOME_TYPES.index["compensation_order"]
    eligible = ep.has_outcome & ep.court & (ep.tier <= 3) & (ep.outcome_type != compensation)
    extra = np.flatnonzero(eligible & bern(rng, rates.TWO_OUTCOMES_ON_ONE_DAY, len(ep.child)))
    which = np.r_[main, extra]
    kinds = np.r_[ep.outcome_type[main], np.full(len(extra), compensation)]
    last_appearance = np.where(ep.court, ep.first_appearance_no + ep.hearings - 1, NA)
    tiers = TIERS.of(*OUTCOME_TYPES.attribute("tier"))
    rows = {
        "outcome_id": np.arange(1, len(which) + 1),
        "child_id": ep.child[which] + 1,
        "outcome_date": ep.outcome_date[which],
        "outcome_type": kinds,
        "tier": tiers[kinds],
        "substantive": OUTCOME_TYPES.attribute("substantive").astype(bool)[kinds],
        "court": OUTCOME_TYPES.attribute("court").astype(bool)[kinds],
        "appearance_id": last_appearance[which],
    }
    return rows, extra


def offences(ctx: Context, kids: Children, ep: Episodes, extra: np.ndarray) -> Rows:
    """The offences of every episode (and one for each extra same-day outcome)."""
    rng = ctx.rng
    n_ep = len(ep.child)
    count = 1 + np.minimum(rng.poisson(rates.EXTRA_OFFENCES_MEAN, n_ep), 3)
    episode, position = expand(count)
    n = len(episode)
    category = choose(rng, rates.OFFENCE_WEIGHTS, n)
    committed = ep.committed[episode] - (position > 0) * rng.integers(0, 31, n)
    committed = np.maximum(committed, kids.dob[ep.child[episode]] + 3654)
    outcome = ep.outcome_no[episode]
    # the extra outcomes (a compensation order beside the sentence) deal with one more offence
    extra_outcome = np.sum(ep.has_outcome) + 1 + np.arange(len(extra))
    categories = np.r_[category, rng.choice(
        [CATEGORY_KEYS.index("criminal_damage"), CATEGORY_KEYS.index("theft_and_handling")],
        len(extra))]
    tier = np.r_[ep.tier[episode], ep.tier[extra]]
    long_term = np.r_[ep.outcome_type[episode], ep.outcome_type[extra]] == (
        OUTCOME_TYPES.index["long_term_detention"])
    base = np.array([rates.GRAVITY[c] for c in CATEGORY_KEYS])[categories]
    gravity = base + np.array(rates.TIER_GRAVITY)[tier] + rng.integers(-1, 2, len(tier))
    gravity = np.where(long_term, np.maximum(gravity, 7), gravity)
    gravity = np.where(tier == 0, np.minimum(gravity, 3), gravity).clip(1, 8)
    return offence_rows(
        rng,
        child=np.r_[ep.child[episode], ep.child[extra]],
        outcome=np.r_[outcome, extra_outcome],
        committed=np.r_[committed, ep.committed[extra]],
        category=CATEGORIES.of(*CATEGORY_KEYS)[categories],
        gravity=gravity,
    )


def offence_rows(rng, *, child, outcome, committed, category, gravity) -> Rows:
    """Offence rows (without ids) from child, outcome, date, category and gravity arrays."""
    n = len(child)
    prefixes = sorted(set(rates.OFFENCE_CODE_PREFIX.values()))
    prefix_of = np.array([prefixes.index(rates.OFFENCE_CODE_PREFIX.get(c, "ZZ99"))
                          for c in CATEGORIES.codes])
    serious = CATEGORIES.attribute("serious_violence_type", False).astype(bool)[category]
    return {
        "child_id": child + 1,
        "outcome_id": outcome,
        "committed_date": committed,
        "offence_code": prefixed_numbers(prefixes, prefix_of[category],
                                         rng.integers(1, 1000, n), 3),
        "offence_category": category,
        "gravity_score": gravity,
        "breach": CATEGORIES.attribute("breach", False).astype(bool)[category],
        "serious_violence": serious & (gravity >= 5),
    }


def court_appearances(ctx: Context, kids: Children, ep: Episodes) -> Rows:
    rng = ctx.rng
    episode, position = expand(ep.hearings)
    last = position == ep.hearings[episode] - 1
    span = ep.outcome_date[episode] - ep.first_hearing[episode]
    when = ep.first_hearing[episode] + span * position // np.maximum(ep.hearings[episode] - 1, 1)
    results = vocabulary("court_result")
    result = np.where(last & ep.has_outcome[episode], results.index["sentenced"],
                      results.index["adjourned"])
    first = position == 0
    result = np.where(first & ep.crown[episode], results.index["committed_to_crown"], result)
    result = np.where(first & ep.remanded[episode], results.index["remanded"], result)
    types = vocabulary("court_type")
    court_type = np.where(ep.magistrates[episode], types.index["magistrates_court"],
                          types.index["youth_court"])
    court_type = np.where(ep.crown[episode] & ~first, types.index["crown_court"], court_type)
    keep = when <= ctx.end  # hearings after the extract date have not happened
    # some cases end in acquittal or withdrawal, with no outcome
    offenders = np.flatnonzero(kids.route != 0)
    acquitted = offenders[bern(rng, 0.03, len(offenders))]
    acquitted_on = kids.entry[acquitted] + rng.integers(30, 400, len(acquitted))
    ok = (acquitted_on <= ctx.end) & (acquitted_on < kids.turns_18[acquitted] + 180)
    acquitted, acquitted_on = acquitted[ok], acquitted_on[ok]
    number = np.r_[ep.first_appearance_no[episode] + position,
                   ep.hearings.sum() + 1 + np.arange(len(acquitted))]
    return {
        "appearance_id": np.r_[number[: len(episode)][keep], number[len(episode):]],
        "child_id": np.r_[ep.child[episode][keep], acquitted] + 1,
        "appearance_date": np.r_[when[keep], acquitted_on],
        "court_type": np.r_[court_type[keep], np.full(len(acquitted), types.index["youth_court"])],
        "result": np.r_[result[keep], results.of("acquitted", "withdrawn")[
            rng.integers(0, 2, len(acquitted))]],
    }


def pre_sentence_reports(ctx: Context, ep: Episodes) -> Rows:
    rng = ctx.rng
    which = np.flatnonzero((ep.tier >= 3) & (ep.hearings >= 2))
    n = len(which)
    requested = ep.first_hearing[which]
    persistent = bern(rng, rates.PERSISTENT_YOUNG_OFFENDER, n)
    allowed = np.where(persistent, 10, 15)
    on_time = bern(rng, rates.PSR_ON_TIME, n)
    taken = np.where(on_time, allowed - rng.integers(0, 7, n),
                     np.minimum(allowed + rng.integers(1, 5, n), 18))
    return {
        "report_id": np.arange(1, n + 1),
        "child_id": ep.child[which] + 1,
        "appearance_id": ep.first_appearance_no[which],
        "requested_date": requested,
        "due_date": ctx.workdays.add(requested, allowed),
        "submitted_date": blank_after(ctx.workdays.add(requested, taken), ctx.end),
        "persistent_young_offender": persistent,
    }


def remands(ctx: Context, ep: Episodes) -> tuple[Rows, np.ndarray]:
    """Remand episodes, and the episodes they belong to."""
    which = np.flatnonzero(ep.remanded & (ep.hearings >= 1))
    n = len(which)
    types = vocabulary("remand_type")
    start = ep.first_hearing[which]
    remand_type = types.choose_valid(ctx.rng, rates.REMAND_WEIGHTS, start)
    end = ep.outcome_date[which]
    return {
        "remand_id": np.arange(1, n + 1),
        "child_id": ep.child[which] + 1,
        "appearance_id": ep.first_appearance_no[which],
        "remand_type": remand_type,
        "secure": types.attribute("secure", False).astype(bool)[remand_type],
        "start_date": start,
        "end_date": blank_after(end, ctx.end),
    }, which
