"""The work with each child: programmes, their start and end status, assessments, referrals,
victims, parenting and case allocation."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yjhub.synthetic import rates
from yjhub.synthetic.columns import NA, day
from yjhub.synthetic.context import YEAR, Context, Rows
from yjhub.synthetic.draw import bern, blank_after, choose, expand, vocabulary
from yjhub.synthetic.offending import CATEGORIES, OUTCOME_TYPES, Episodes
from yjhub.synthetic.people import PREVENTION, Children, Staffing

PROGRAMMES = vocabulary("programme_type")
KINDS = vocabulary("programme_kind")
KIND_OF = KINDS.of(*PROGRAMMES.attribute("kind"))
K_PREVENTION, K_OOC, K_COMMUNITY, K_CUSTODY = KINDS.of("prevention", "out_of_court", "community",
                                                       "custody")


@dataclass
class Programmes:
    child: np.ndarray
    programme_type: np.ndarray
    kind: np.ndarray
    tier: np.ndarray  # of the outcome (0 for prevention and bail)
    start: np.ndarray
    end: np.ndarray  # NA while open
    staff: np.ndarray  # case manager (staff row number, 0-based)
    team: np.ndarray


def programmes(ctx: Context, kids: Children, ep: Episodes, staffing: Staffing,
               remand_rows: Rows, remand_episode: np.ndarray
               ) -> tuple[Rows, Programmes, dict]:
    """Programmes (one per outcome that carries one, prevention programmes, bail support),
    and the breaches of those that ended in breach."""
    rng = ctx.rng
    # 1. the programme an outcome carries
    carried = np.full(len(OUTCOME_TYPES.codes), -1)
    chance = np.zeros(len(OUTCOME_TYPES.codes))
    for outcome, (programme, p) in rates.PROGRAMME_FOR_OUTCOME.items():
        carried[OUTCOME_TYPES.index[outcome]] = PROGRAMMES.index[programme]
        chance[OUTCOME_TYPES.index[outcome]] = p
    has = ep.has_outcome & (carried[ep.outcome_type] >= 0)
    has &= rng.random(len(has)) < chance[ep.outcome_type]
    which = np.flatnonzero(has)
    # 2. prevention programmes, one after another
    prevention = np.flatnonzero(kids.route == PREVENTION)
    count = 1 + bern(rng, rates.PREVENTION_SECOND_PROGRAMME, len(prevention))
    local, position = expand(count)
    p_child = prevention[local]
    p_start = kids.entry[p_child] + position * rng.integers(150, 500, len(p_child))
    ok = (p_start <= ctx.end) & (p_start < kids.turns_18[p_child])
    p_child, p_start = p_child[ok], p_start[ok]
    p_type = PROGRAMMES.choose_valid(rng, rates.PREVENTION_WEIGHTS, p_start)
    # 3. bail supervision and support
    bail_type = vocabulary("remand_type").index["bail_supervision"]
    bail = np.flatnonzero(remand_rows["remand_type"] == bail_type)
    b_start = remand_rows["start_date"][bail]

    child = np.r_[ep.child[which], p_child, remand_rows["child_id"][bail] - 1]
    programme_type = np.r_[carried[ep.outcome_type[which]], p_type,
                           np.full(len(bail), PROGRAMMES.index["bail_supervision"])]
    start = np.r_[ep.outcome_date[which], p_start, b_start]
    tier = np.r_[ep.tier[which], np.zeros(len(p_child) + len(bail), dtype=np.int64)]
    outcome = np.r_[ep.outcome_no[which], np.full(len(p_child) + len(bail), NA)]
    following = np.r_[ep.next_outcome_date[which], np.full(len(p_child), NA),
                      blank_after(ep.outcome_date[remand_episode[bail]], ctx.end)]
    custody_days = np.r_[ep.custody_days[which], np.zeros(len(p_child) + len(bail), np.int64)]
    n = len(child)
    kind = KIND_OF[programme_type]

    low = np.array([rates.PROGRAMME_DAYS.get(c, (56, 112))[0] for c in PROGRAMMES.codes])
    high = np.array([rates.PROGRAMME_DAYS.get(c, (56, 112))[1] for c in PROGRAMMES.codes])
    length = rng.integers(low[programme_type], high[programme_type] + 1)
    is_bail = programme_type == PROGRAMMES.index["bail_supervision"]
    custody = kind == K_CUSTODY
    length = np.where(custody, custody_days, length)
    length = np.where(is_bail, np.where(following == NA, length, following - start), length)
    planned_end = start + np.maximum(length, 1)
    release = np.where(custody, start + length // 2, NA)

    # how each programme ends
    ends = list(rates.OUTCOME_ENDS)
    reasons = vocabulary("end_reason")
    reason = reasons.of(*ends)[choose(rng, rates.OUTCOME_ENDS, n)]
    end = np.where(custody | is_bail, planned_end,
                   np.maximum(planned_end + rng.integers(-14, 15, n), start + 1))
    fraction = rng.uniform(0.2, 0.9, n)
    voluntary = (kind == K_PREVENTION) | (kind == K_OOC)
    breached = ~voluntary & ~is_bail & bern(rng, rates.BREACHED, n)
    from_day = np.where(custody, release, start)
    end = np.where(breached, from_day + ((planned_end - from_day) * fraction).astype(np.int64) + 1,
                   end)
    reason = np.where(breached, reasons.index["breached"], reason)
    dropped = voluntary & bern(rng, rates.NOT_ENGAGED, n)
    end = np.where(dropped, start + ((planned_end - start) * fraction).astype(np.int64) + 1, end)
    reason = np.where(dropped, reasons.index["not_engaged"], reason)
    cut = (following != NA) & (following < end)
    end = np.where(cut, following, end)
    court = (kind == K_COMMUNITY) | custody
    resentenced = np.where(court & bern(rng, 0.5, n), reasons.index["revoked"],
                           reasons.index["further_offence"])
    reason = np.where(cut, resentenced, reason)
    reason = np.where(is_bail & ~cut, reasons.index["completed"], reason)
    open_ = end > ctx.end
    breached &= ~cut & ~open_  # a breach offence only once the breach has been dealt with
    end = np.where(open_, NA, end)
    reason = np.where(open_, -1, reason)

    team = np.where((kind == K_PREVENTION) | (kind == K_OOC), staffing.prevention_team,
                    kids.team[child])
    team = np.where(team < 0, kids.team[child], team)
    staff = staffing.case_manager(rng, team, start)
    dto = programme_type == PROGRAMMES.index["detention_training_order"]
    yro_iss = np.r_[ep.outcome_type[which] == OUTCOME_TYPES.index["yro_iss"],
                    np.zeros(len(p_child) + len(bail), dtype=bool)]
    rows = {
        "programme_id": np.arange(1, n + 1),
        "child_id": child + 1,
        "outcome_id": outcome,
        "programme_type": programme_type,
        "kind": kind,
        "start_date": start,
        "planned_end_date": planned_end,
        "end_date": end,
        "end_reason": reason,
        "intensive_supervision": yro_iss | (dto & bern(rng, 0.05, n)),
        "plan_date": blank_after(ctx.workdays.add(start, rng.integers(3, 16, n)), ctx.end),
        "custody_release_date": blank_after(release, ctx.end),
        "licence_end_date": np.where(custody, planned_end, NA),
    }
    breach = _breaches(ctx, child[breached], from_day[breached], end[breached])
    return rows, Programmes(child, programme_type, kind, tier, start, end, staff, team), breach


def _breaches(ctx: Context, child, since, until) -> dict:
    """A breach of the order before it ended (a breach offence with no new outcome)."""
    rng = ctx.rng
    n = len(child)
    committed = since + ((until - since) * rng.uniform(0.3, 0.95, n)).astype(np.int64)
    return {"child": child, "committed": committed,
            "category": np.full(n, CATEGORIES.index["breach_of_statutory_order"]),
            "gravity": rng.integers(2, 4, n)}


def statuses(ctx: Context, kids: Children, pr: Programmes) -> tuple[Rows, dict]:
    """Start and end rows for every programme (end rows only once it has ended)."""
    rng = ctx.rng
    n_p = len(pr.child)
    ended = pr.end != NA
    missing = _pick(ctx, ctx.faults.missing_end_status, ended)
    with_end = ended & ~missing
    programme = np.r_[np.arange(n_p), np.flatnonzero(with_end)]
    at_end = np.r_[np.zeros(n_p, bool), np.ones(with_end.sum(), bool)]
    n = len(programme)
    start = pr.start[programme]
    recorded = np.where(at_end, pr.end[programme],
                        np.minimum(start + rng.integers(0, 11, n), np.maximum(ctx.end, start)))
    child = pr.child[programme]
    age = (recorded - kids.dob[child]) / YEAR
    ete = vocabulary("ete_type")
    young = {"school_full_time": 0.55, "school_part_time": 0.12, "alternative_provision": 0.14,
             "elective_home_education": 0.03, "neet": 0.10, "not_known": 0.06}
    older = {"college": 0.35, "training": 0.12, "apprenticeship": 0.04, "employment": 0.05,
             "school_full_time": 0.04, "neet": 0.34, "not_known": 0.06}
    ete_type = np.where(age < 16, ete.of(*young)[choose(rng, young, n)],
                        ete.of(*older)[choose(rng, older, n)])
    # by the end some who were not in ETE have found a place
    improved = at_end & (ete_type == ete.index["neet"]) & bern(rng, 0.3, n)
    ete_type = np.where(improved, np.where(age < 16, ete.index["alternative_provision"],
                                           ete.index["college"]), ete_type)
    hours = {"school_full_time": (25, 26), "school_part_time": (5, 16),
             "alternative_provision": (10, 26), "elective_home_education": (10, 26),
             "college": (12, 21), "training": (16, 31), "apprenticeship": (30, 38),
             "employment": (16, 38), "neet": (0, 1)}
    low = np.array([hours.get(c, (0, 1))[0] for c in ete.codes])
    high = np.array([hours.get(c, (0, 1))[1] for c in ete.codes])
    ete_hours = rng.integers(low[ete_type], high[ete_type])
    not_known = ete_type == ete.index["not_known"]
    ete_hours = np.where(not_known, NA, ete_hours)
    suitable = np.where(ete_type == ete.index["neet"], 0, bern(rng, 0.85, n).astype(np.int64))
    suitable = np.where(not_known, NA, suitable)

    accommodation = vocabulary("accommodation_type")
    homes = {"with_parents": 0.74, "with_family": 0.08, "foster_care": 0.06,
             "residential_care": 0.04, "supported_accommodation": 0.03, "independent": 0.01,
             "bed_and_breakfast": 0.005, "no_fixed_abode": 0.005, "other": 0.03}
    home = accommodation.of(*homes)[choose(rng, homes, n)]
    in_custody = ~at_end & (pr.kind[programme] == K_CUSTODY)
    home = np.where(in_custody, accommodation.index["secure"], home)
    unsuitable = np.isin(home, accommodation.of("bed_and_breakfast", "no_fixed_abode"))
    home_ok = ~unsuitable & bern(rng, 0.93, n)

    tier = pr.tier[programme]
    need_scale = 1 + 0.15 * tier
    substance = _cascade(rng, n, rates.SUBSTANCE_NEED * need_scale, rates.SUBSTANCE_OFFERED,
                         rates.SUBSTANCE_ATTENDING)
    mental = _cascade(rng, n, rates.MENTAL_HEALTH_NEED * need_scale,
                      rates.MENTAL_HEALTH_OFFERED, rates.MENTAL_HEALTH_ATTENDING)
    send_need = np.where(bern(rng, 0.9, n), kids.send_need[child], bern(rng, 0.3, n))
    send_plan = send_need & np.where(bern(rng, 0.9, n), kids.send_plan[child],
                                     bern(rng, 0.4, n))
    rows = {
        "programme_id": programme + 1,
        "stage": np.where(at_end, 1, 0),  # status_stage: start, end
        "recorded_date": recorded,
        "ete_type": ete_type,
        "ete_hours": ete_hours,
        "ete_suitable": suitable,
        "accommodation_type": home,
        "accommodation_suitable": home_ok,
        "substance_need": substance[0],
        "substance_offered": substance[1],
        "substance_attending": substance[2],
        "mental_health_need": mental[0],
        "mental_health_offered": mental[1],
        "mental_health_attending": mental[2],
        "send_need": send_need,
        "send_plan": send_plan,
        "early_help": bern(rng, 0.10, n),
        "child_protection": bern(rng, 0.06, n),
        "child_in_need": bern(rng, 0.14, n),
        "looked_after": np.where(bern(rng, 0.95, n), kids.looked_after[child],
                                 bern(rng, 0.1, n)),
    }
    starts = ~at_end
    offered = {
        "substance": np.flatnonzero(starts & substance[1]),
        "camhs": np.flatnonzero(starts & mental[1]),
    }
    return rows, {"programme": programme, "recorded": recorded, **offered}


def _cascade(rng, n, need, offered, attending):
    has_need = bern(rng, np.broadcast_to(need, (n,)))
    is_offered = has_need & bern(rng, offered, n)
    return has_need, is_offered, is_offered & bern(rng, attending, n)


def _pick(ctx: Context, rate: float, eligible: np.ndarray) -> np.ndarray:
    return (ctx.rng.random(len(eligible)) < rate) & eligible


def referrals(ctx: Context, pr: Programmes, status: dict) -> Rows:
    rng = ctx.rng
    services = vocabulary("referral_service")
    urgency = vocabulary("urgency")
    rows_of = np.r_[status["camhs"], status["substance"]]
    camhs = np.r_[np.ones(len(status["camhs"]), bool), np.zeros(len(status["substance"]), bool)]
    programme = status["programme"][rows_of]
    received = status["recorded"][rows_of] + rng.integers(0, 15, len(rows_of))
    ok = received <= ctx.end
    programme, received, camhs = programme[ok], received[ok], camhs[ok]
    n = len(programme)
    acute = camhs & bern(rng, rates.CAMHS_ACUTE, n)
    limit = np.where(camhs, np.where(acute, 5, 15), 5)
    on_time = bern(rng, rates.REFERRAL_ON_TIME, n)
    taken = np.where(on_time, (rng.random(n) * (limit + 1)).astype(np.int64),
                     limit + rng.integers(1, 11, n))
    assessed = blank_after(ctx.workdays.add(received, taken), ctx.end)
    to_start = np.where(bern(rng, rates.REFERRAL_ON_TIME, n), rng.integers(0, 11, n),
                        rng.integers(11, 25, n))
    to_start = np.where(camhs, rng.integers(5, 41, n), to_start)
    started = ctx.workdays.add(assessed, to_start)
    started = np.where(camhs & bern(rng, 0.3, n), NA, started)
    started = blank_after(started, ctx.end)
    missing = _pick(ctx, ctx.faults.referral_without_assessment, np.ones(n, bool))
    assessed = np.where(missing, NA, assessed)
    started = np.where(missing, NA, started)
    return {
        "referral_id": np.arange(1, n + 1),
        "child_id": pr.child[programme] + 1,
        "programme_id": programme + 1,
        "referral_service": np.where(camhs, services.index["camhs"],
                                     services.index["substance_misuse"]),
        "urgency": np.where(camhs, np.where(acute, urgency.index["acute"],
                                            urgency.index["non_acute"]), -1),
        "received_date": received,
        "assessment_date": assessed,
        "intervention_date": started,
    }


def assessments(ctx: Context, kids: Children, pr: Programmes) -> tuple[Rows, Rows]:
    """Start, three-monthly review and closure assessments of every programme, with Asset
    section scores for assessments made with Asset."""
    rng, faults = ctx.rng, ctx.faults
    ended = pr.end != NA
    is_bail = pr.programme_type == PROGRAMMES.index["bail_supervision"]
    limit = np.where(ended, pr.end, ctx.end + 1)
    every = rates.REVIEW_EVERY_DAYS
    reviews = np.clip((limit - pr.start - 1) // every, 0, 24)
    closure = ended & ~_pick(ctx, faults.missing_closure, ended)
    overdue = _pick(ctx, faults.overdue_review, ~ended & (reviews >= 1))
    recorded_reviews = reviews - overdue  # the last review due was never done
    count = 1 + recorded_reviews + closure
    programme, position = expand(count)
    n = len(programme)
    start = pr.start[programme]
    is_closure = position > recorded_reviews[programme]
    stage = np.where(position == 0, 0, np.where(is_closure, 3, 1))  # start, review, closure
    due = np.where(position == 0, ctx.workdays.add(start, 10), start + every * position)
    due = np.where(is_closure, ctx.workdays.add(pr.end[programme], 10), due)
    completed = due - rng.integers(0, 8, n)
    late = _pick(ctx, faults.late_assessment, completed <= ctx.end)
    completed = np.where(late, due + rng.integers(1, 31, n), completed)

    tools = vocabulary("assessment_tool")
    kind = pr.kind[programme]
    switch = day(ctx.spec.assetplus_from)
    new_tools = day(rates.PREVENTION_TOOL_FROM)
    statutory = np.where(due < switch, tools.index["asset"], tools.index["assetplus"])
    out_of_court = np.where(due < new_tools, statutory, tools.index["prevention_diversion"])
    prevention = np.where(due < new_tools, tools.index["onset"],
                          tools.index["prevention_diversion"])
    tool = np.where(kind == K_PREVENTION, prevention,
                    np.where(kind == K_OOC, out_of_court, statutory))
    tool = np.where(is_bail[programme], tools.index["bail_asset"], tool)
    completed = np.maximum(completed, np.maximum(start, tools.valid_from[tool]))
    completed = blank_after(completed, ctx.end)
    done = completed != NA

    child = pr.child[programme]
    score = kids.risk[child] + 0.35 * pr.tier[programme] + rng.normal(0, 0.5, n)
    asset = done & (tool == tools.index["asset"])
    sections = vocabulary("asset_section")
    n_sections = len(sections.codes)
    section_scores = np.clip(np.rint(1.3 + 0.6 * score[asset, None]
                                     + rng.normal(0, 0.8, (int(asset.sum()), n_sections))), 0, 4)
    section_scores = section_scores.astype(np.int64)
    total = np.full(n, NA, dtype=np.int64)
    total[asset] = section_scores.sum(axis=1)
    onset = tool == tools.index["onset"]
    total = np.where(onset, np.clip(np.rint(12 + 5 * score), 0, 40).astype(np.int64), total)
    total = np.where(done, total, NA)

    likelihood = np.digitize(score, [-0.3, 0.8])  # low, medium, high
    harm = np.digitize(score + rng.normal(0, 0.6, n), [0.3, 1.4, 2.3])  # low .. very_high
    wellbeing = np.digitize(0.5 * kids.risk[child] + rng.normal(0, 0.8, n), [0.3, 1.2, 2.0])
    scaled = np.where((likelihood == 2) | (harm >= 2), 2, np.where(likelihood == 1, 1, 0))
    scaled_ok = (kind != K_PREVENTION) & (due >= day(rates.SCALED_APPROACH_FROM))
    signed = completed + rng.integers(0, 8, n)
    signed = np.where(done & bern(rng, 0.94, n), blank_after(signed, ctx.end), NA)
    not_closure = stage != 3
    rows = {
        "assessment_id": np.arange(1, n + 1),
        "child_id": child + 1,
        "programme_id": programme + 1,
        "tool": tool,
        "stage": vocabulary("assessment_stage").of("start", "review", "transfer",
                                                   "closure")[stage],
        "due_date": due,
        "completed_date": completed,
        "total_score": total,
        "likelihood_of_reoffending": np.where(done, likelihood, -1),
        "risk_of_harm": np.where(done, harm, -1),
        "safety_wellbeing": np.where(done, wellbeing, -1),
        "scaled_approach_level": np.where(done & scaled_ok, scaled, -1),
        "substance_screened": np.where(done, bern(rng, 0.92, n), NA),
        "next_review_due": np.where(not_closure, start + every * (position + 1), NA),
        "signed_off_date": signed,
        "assessor_id": np.where(bern(rng, 0.97, n), pr.staff[programme] + 1, NA),
    }
    which = np.flatnonzero(asset)
    section_rows = {
        "assessment_id": np.repeat(which + 1, n_sections),
        "section": np.tile(np.arange(n_sections), len(which)),
        "score": section_scores.reshape(-1),
    }
    return rows, section_rows


def victims(ctx: Context, offence_rows: Rows, outcome_rows: Rows) -> Rows:
    rng = ctx.rng
    against = CATEGORIES.of("violence_against_the_person", "robbery", "sexual",
                            "domestic_burglary", "non_domestic_burglary", "theft_and_handling",
                            "vehicle_theft", "criminal_damage", "arson", "racially_aggravated",
                            "fraud_and_forgery")
    outcome = offence_rows["outcome_id"]
    eligible = np.isin(offence_rows["offence_category"], against) & (outcome != NA)
    which = np.flatnonzero(eligible & bern(rng, rates.VICTIM_SHARE, len(outcome)))
    outcome_date = outcome_rows["outcome_date"][outcome[which] - 1]
    referred = outcome_date + rng.integers(0, 21, len(which))
    keep = referred <= ctx.end
    which, referred = which[keep], referred[keep]
    n = len(which)
    types = {"individual": 0.75, "business": 0.20, "community": 0.05}
    consent = bern(rng, rates.VICTIM_CONSENT, n)
    offered = consent & bern(rng, rates.RJ_OFFERED, n)
    took_part = offered & bern(rng, rates.RJ_PARTICIPATED, n)
    satisfied = np.where(took_part, bern(rng, rates.RJ_SATISFIED, n), NA)
    return {
        "victim_id": np.arange(1, n + 1),
        "offence_id": which + 1,
        "victim_type": vocabulary("victim_type").of(*types)[choose(rng, types, n)],
        "referred_date": referred,
        "consent_to_contact": consent,
        "rj_offered": offered,
        "rj_participated": took_part,
        "satisfied": satisfied,
    }


def parenting(ctx: Context, pr: Programmes) -> Rows:
    rng = ctx.rng
    statutory = (pr.kind != K_PREVENTION) & (
        pr.programme_type != PROGRAMMES.index["bail_supervision"])
    which = np.flatnonzero(statutory & bern(rng, rates.PARENTING_SHARE, len(pr.kind)))
    offered = pr.start[which] + rng.integers(0, 31, len(which))
    keep = offered <= ctx.end
    which, offered = which[keep], offered[keep]
    n = len(which)
    started = np.where(bern(rng, rates.PARENTING_STARTED, n), offered + rng.integers(3, 31, n),
                       NA)
    started = blank_after(started, ctx.end)
    completed = np.where((started != NA) & bern(rng, rates.PARENTING_COMPLETED, n),
                         started + rng.integers(28, 121, n), NA)
    completed = blank_after(completed, ctx.end)
    court = np.isin(pr.kind[which], [K_COMMUNITY, K_CUSTODY])
    return {
        "parenting_id": np.arange(1, n + 1),
        "child_id": pr.child[which] + 1,
        "programme_id": which + 1,
        "offered_date": offered,
        "started_date": started,
        "completed_date": completed,
        "parenting_order": court & bern(rng, rates.PARENTING_ORDER, n),
        "parent_satisfied": np.where(completed != NA, bern(rng, rates.PARENT_SATISFIED, n), NA),
    }


def allocations(ctx: Context, pr: Programmes) -> Rows:
    rng = ctx.rng
    n = len(pr.child)
    custody = pr.kind == K_CUSTODY
    community = pr.kind == K_COMMUNITY
    u = rng.random(n)
    mappa = np.where(custody, np.digitize(u, [0.87, 0.97]), np.where(community & (u > 0.98),
                                                                      1, 0))
    return {
        "allocation_id": np.arange(1, n + 1),
        "child_id": pr.child + 1,
        "programme_id": np.arange(1, n + 1),
        "team_id": pr.team + 1,
        "staff_id": pr.staff + 1,
        "start_date": pr.start,
        "end_date": pr.end,
        "mappa_level": mappa,
        "risk_panel": bern(rng, np.where(custody, rates.RISK_PANEL + 0.15, rates.RISK_PANEL)),
    }
