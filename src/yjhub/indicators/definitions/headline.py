"""Headline indicators since 2011: first-time entrants, use of custody, remands."""

from __future__ import annotations

import ibis

from yjhub.indicators.dates import age_on, key
from yjhub.indicators.definitions import Context, definition, flag, shared_step

#: Tiers from least to most serious: on a day with two outcomes the more serious one counts.
TIER_RANK = {"diversion": 0, "pre_court": 1, "first_tier": 2, "community": 3, "custody": 4}


def tier_rank(tier) -> ibis.Value:
    return tier.cases(*TIER_RANK.items(), else_=0)


def aged_10_to_17(child_dob, day) -> ibis.Value:
    age = age_on(child_dob, day)
    return (age >= 10) & (age <= 17)


@shared_step
def substantive_outcomes(c: Context) -> ibis.Table:
    """Every substantive outcome (``outcome_id``, ``child_id``, ``outcome_date``, ``tier``)
    with the child's service and date of birth, and its place among the child's substantive
    outcomes (by date, the more serious tier first on a tie): ``_rank`` (0 for the first
    ever) and ``_previous`` (the day key of the one before it, null for the first). Worked
    out once for first-time entrants and disproportionality, up to the end of the last
    period asked for (an outcome's place depends only on those before it)."""
    last = ibis.literal(c.span[1], "date")
    outcome = c.outcome.filter(c.outcome.substantive.fill_null(False)
                               & (c.outcome.outcome_date <= last))
    outcome = outcome.select("outcome_id", "child_id", "outcome_date", "tier")
    order = ibis.window(group_by=outcome.child_id, order_by=[
        outcome.outcome_date, ibis.desc(tier_rank(outcome.tier)), outcome.outcome_id])
    ranked = outcome.mutate(_rank=ibis.row_number().over(order),
                            _previous=key(outcome.outcome_date).lag().over(order))
    # (the child's service and date of birth joined after the ordering, which then carries
    # fewer columns; an outcome of a child not on record is dropped here)
    child = c.child.select("child_id", "service_id", "date_of_birth")
    return c.share(ranked.join(child, "child_id").select(
        "outcome_id", "child_id", "outcome_date", "tier", "service_id", "date_of_birth",
        "_rank", "_previous"))


def outcomes_aged_10_to_17(c: Context) -> ibis.Table:
    """The substantive outcomes (:func:`substantive_outcomes`) given to a child aged 10 to
    17, each with ``_previous_10_17``: the day key of the child's previous outcome aged 10
    to 17, null for the first. (Ages only grow: the previous outcome is aged 10-17 unless
    the child was under 10 then.) An outcome is a child's first aged 10-17 in a period when
    that previous one came before the period starts."""
    outcome = substantive_outcomes(c)
    outcome = outcome.filter(aged_10_to_17(outcome.date_of_birth, outcome.outcome_date))
    under_10 = (outcome._previous - key(outcome.date_of_birth)) // 10000 < 10
    return outcome.mutate(
        _previous_10_17=under_10.ifelse(ibis.null("int64"), outcome._previous))


def first_substantive_outcomes(c: Context) -> ibis.Table:
    """Each child's first substantive outcome ever recorded (the more serious on a tie), with
    the child's service and date of birth."""
    outcomes = substantive_outcomes(c)
    return outcomes.filter(outcomes._rank == 0).drop("_rank", "_previous")


@definition("headline.fte")
def first_time_entrants(c: Context) -> ibis.Table:
    """A first-time entrant is a child whose first substantive outcome ever falls in the
    period, aged 10 to 17 on its date."""
    first = first_substantive_outcomes(c)
    first = first.filter(aged_10_to_17(first.date_of_birth, first.outcome_date))
    rows = c.in_periods(first, first.outcome_date)
    return rows.select("period", "service_id", "child_id", event_date=rows.outcome_date,
                       disposal=rows.tier, fte=ibis.literal(1, "int64"))


@definition("headline.custody")
def use_of_custody(c: Context) -> ibis.Table:
    """Court outcomes (custodial or not) of children aged 10-17, and each child appearing at
    court in the period with whether a custodial sentence was passed in it."""
    child = c.child.select("child_id", "service_id", "date_of_birth")
    outcome = c.outcome.filter(c.outcome.court.fill_null(False))
    sentences = outcome.join(child, "child_id")
    sentences = sentences.filter(aged_10_to_17(sentences.date_of_birth, sentences.outcome_date))
    sentences = c.in_periods(sentences, sentences.outcome_date)
    zero = ibis.literal(0, "int64")
    by_outcome = sentences.select(
        "period", "service_id", "child_id", event_date=sentences.outcome_date,
        custodial_sentences=flag(sentences.tier == "custody"),
        court_disposals=ibis.literal(1, "int64"), children_appearing=zero, children_custody=zero)

    custodial = sentences.filter(sentences.tier == "custody").select(
        _cc="child_id", _cp="period").distinct()
    appearance = c.court_appearance.join(child, "child_id")
    appearance = appearance.filter(aged_10_to_17(appearance.date_of_birth,
                                                 appearance.appearance_date))
    appearance = c.in_periods(appearance, appearance.appearance_date)
    appearing = appearance.group_by("period", "service_id", "child_id").aggregate(
        event_date=appearance.appearance_date.min())
    appearing = appearing.left_join(custodial, (appearing.child_id == custodial._cc)
                                    & (appearing.period == custodial._cp))
    by_child = appearing.select(
        "period", "service_id", "child_id", "event_date",
        custodial_sentences=zero, court_disposals=zero,
        children_appearing=ibis.literal(1, "int64"),
        children_custody=flag(appearing._cc.notnull()))
    return by_outcome.union(by_child)


@definition("headline.remand")
def remands(c: Context) -> ibis.Table:
    """Each bail or remand episode starting in the period, and whether it was to the secure
    estate."""
    child = c.child.select("child_id", "service_id")
    episode = c.remand_episode.join(child, "child_id")
    rows = c.in_periods(episode, episode.start_date)
    return rows.select(
        "period", "service_id", "child_id", event_date=rows.start_date,
        secure=flag(rows.secure),
        episodes_excluding_unconditional_bail=flag(rows.remand_type != "unconditional_bail"))
