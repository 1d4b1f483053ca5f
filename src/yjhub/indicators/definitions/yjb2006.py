"""The YJB key performance indicators of 2006-2008, part 1 (youth justice plan Appendix B):
prevention, early intervention, custody, swift justice and assessment.

Reoffending cohorts and the support indicators (ETE, accommodation, health, restorative
justice, parenting, race) are elsewhere. Every counting choice the YJB's wording leaves open
is stated in each function's docstring and in ``catalogue/yjb2006.yaml``.
"""

from __future__ import annotations

import datetime as dt

import ibis

from yjhub.indicators.dates import days, key, key_of, with_working_days
from yjhub.indicators.definitions import Context, definition, flag, one, zero
from yjhub.indicators.definitions.headline import first_time_entrants, use_of_custody

#: The Asset tools (Asset, and AssetPlus that replaced it) the 2006 assessment KPIs count.
ASSET_TOOLS = ("asset", "assetplus")
#: Risk of serious harm levels that are a "concern": anything above low.
HARM_CONCERN = ("medium", "high", "very_high")


def _children(c: Context) -> ibis.Table:
    return c.child.select("child_id", "service_id")


def _epoch_days(day: dt.date) -> int:
    return (day - dt.date(1970, 1, 1)).days


# -- Prevent offending ----------------------------------------------------------------------


@definition("yjb2006.fte")
def first_time_entrants_2006(c: Context) -> ibis.Table:
    """The rule of headline.fte: a child whose first substantive outcome ever (reprimand,
    final warning or conviction; since 2013 youth caution, youth conditional caution or
    conviction) falls in the period, aged 10 to 17 on its date; the more serious tier is the
    disposal when two are given on the first day."""
    return first_time_entrants(c)


@definition("yjb2006.prevention")
def prevention(c: Context) -> ibis.Table:
    """A child counts once in a period in which they start one or more prevention programmes
    (programme kind prevention: YISP, YIP, prevention programme), on the earliest start in
    the period. The child was assessed with Onset when any of those programmes has a
    completed Onset assessment linked to it, or the child has a completed Onset assessment
    from ``onset_days_before`` (28) days before the programme's start up to its end (up to
    the as-of date while it is open)."""
    before = int(c.param("onset_days_before", 28))
    prog = c.intervention_programme.filter(c.intervention_programme.kind == "prevention")
    prog = prog.select("programme_id", "child_id", "start_date",
                       _p_from=days(prog.start_date) - before,
                       _p_to=key(prog.end_date).fill_null(key_of(c.as_of)))
    prog = prog.join(_children(c), "child_id")
    onset = c.assessment.filter((c.assessment.tool == "onset")
                                & c.assessment.completed_date.notnull())
    onset = onset.select(_o_child="child_id", _o_programme="programme_id",
                         _o_days=days(onset.completed_date), _o_key=key(onset.completed_date))
    # (each programme with the Onset assessments that count for it: a child's earliest
    # start and whether any programme was assessed do not change with the repeats)
    linked = (onset._o_programme == prog.programme_id).fill_null(False)
    nearby = (onset._o_days >= prog._p_from) & (onset._o_key <= prog._p_to)
    prog = prog.left_join(onset, (prog.child_id == onset._o_child) & (linked | nearby))
    prog = prog.select("child_id", "service_id", "start_date",
                       _assessed=flag(prog._o_child.notnull()))
    rows = c.in_periods(prog, prog.start_date)
    children = rows.group_by("period", "service_id", "child_id").aggregate(
        event_date=rows.start_date.min(), onset_assessed=rows._assessed.max().cast("int64"))
    return children.mutate(identified=one())


# -- Intervene early ------------------------------------------------------------------------


@definition("yjb2006.intervene_early")
def intervene_early(c: Context) -> ibis.Table:
    """One row per final warning (an outcome of type final_warning, placed by its date).

    Supported: a programme is linked to the warning (intervention_programme.outcome_id), or
    a final warning intervention programme with no outcome recorded starts for the child on
    the warning date or up to ``support_days`` (28) days after it.

    Eligible (the 2006 target's cases): the child's latest completed Asset or AssetPlus
    assessment from ``asset_days_before`` (90) days before the warning up to
    ``asset_days_after`` (0) days after it has a total score of ``asset_score_threshold``
    (12) or more, or a risk of serious harm above low, or any section scoring 4. Of two
    assessments completed the same day, one that qualifies is taken. A warning with no such
    assessment is not eligible.

    A warning not yet supported whose support window has not ended by the as-of date marks
    the figures provisional."""
    support_days = int(c.param("support_days", 28))
    before = int(c.param("asset_days_before", 90))
    after = int(c.param("asset_days_after", 0))
    threshold = int(c.param("asset_score_threshold", 12))

    # (columns a later join compares are worked out before joining the child: a join's
    # condition can only name columns of the tables it joins)
    fw = c.outcome.filter(c.outcome.outcome_type == "final_warning")
    fw = fw.select("outcome_id", "child_id", "outcome_date", _w_days=days(fw.outcome_date))
    # (computed once: the four joins below read it, and each knows how few rows it has)
    fw = c.share(fw.join(_children(c), "child_id"))

    # Supported: a programme linked to the warning, or an unlinked final warning programme
    # starting within the support window.
    programme = c.intervention_programme
    linked = programme.filter(programme.outcome_id.notnull()).select(
        _s_outcome="outcome_id")
    unlinked = programme.filter((programme.programme_type == "final_warning_intervention")
                                & programme.outcome_id.isnull())
    unlinked = unlinked.select(_u_child="child_id", _u_days=days(unlinked.start_date))
    nearby = fw.join(unlinked, (fw.child_id == unlinked._u_child)
                     & (unlinked._u_days >= fw._w_days)
                     & (unlinked._u_days <= fw._w_days + support_days))
    linked = fw.join(linked, fw.outcome_id == linked._s_outcome)  # (no distinct of them all)
    supported = linked.select(_s_outcome="outcome_id").union(
        nearby.select(_s_outcome="outcome_id")).distinct()

    # Eligible: the latest Asset in the window before the warning qualifies.
    sections = c.assessment_section.group_by("assessment_id").aggregate(
        _top_section=c.assessment_section.score.max())
    asset = c.assessment.filter(c.assessment.tool.isin(ASSET_TOOLS)
                                & c.assessment.completed_date.notnull())
    asset = asset.select(_x_id=asset.assessment_id, _x_child=asset.child_id,
                         _x_days=days(asset.completed_date), _x_total=asset.total_score,
                         _x_harm=asset.risk_of_harm)
    # assessments are joined to the warnings directly (one hash join; narrowing them to
    # warned children first cost a second one over every assessment)
    candidates = fw.join(asset, (fw.child_id == asset._x_child)
                         & (asset._x_days >= fw._w_days - before)
                         & (asset._x_days <= fw._w_days + after))
    candidates = candidates.left_join(sections, candidates._x_id == sections.assessment_id)
    candidates = candidates.select(
        "outcome_id", "_x_days", "_x_id",
        _x_qualifies=flag((candidates._x_total >= threshold)
                          | candidates._x_harm.isin(HARM_CONCERN)
                          | (candidates._top_section == 4)))
    candidates = candidates.mutate(_rank=ibis.row_number().over(
        group_by=candidates.outcome_id,
        order_by=[ibis.desc(candidates._x_days), ibis.desc(candidates._x_qualifies),
                  ibis.desc(candidates._x_id)]))
    latest = candidates.filter(candidates._rank == 0).select(
        _e_outcome="outcome_id", _eligible="_x_qualifies")
    latest = c.stage(latest)

    rows = fw.left_join(supported, fw.outcome_id == supported._s_outcome)
    rows = rows.left_join(latest, rows.outcome_id == latest._e_outcome)
    rows = rows.mutate(_supported=flag(rows._s_outcome.notnull()),
                       _eligible_flag=rows._eligible.fill_null(0).cast("int64"))
    rows = c.in_periods(rows, rows.outcome_date)
    window_open = (rows._w_days + support_days) >= _epoch_days(c.as_of)
    return rows.select(
        "period", "service_id", "child_id", event_date=rows.outcome_date,
        final_warnings=one(), supported=rows._supported,
        eligible=rows._eligible_flag,
        eligible_supported=rows._eligible_flag * rows._supported,
        open_window=flag((rows._supported == 0) & window_open))


# -- Reduce the use of custody --------------------------------------------------------------


@definition("yjb2006.secure_remands")
def secure_remands(c: Context) -> ibis.Table:
    """Each bail or remand episode starting in the period: whether it was to the secure
    estate, whether it is in the 2006 denominator (every episode except conditional and
    unconditional bail: bail supervision and support, remand to local authority
    accommodation and secure remands count) and in the 2007 one (every episode except
    unconditional bail). Children of any age."""
    episode = c.remand_episode.join(_children(c), "child_id")
    rows = c.in_periods(episode, episode.start_date)
    return rows.select(
        "period", "service_id", "child_id", event_date=rows.start_date,
        secure=flag(rows.secure),
        episodes_excluding_bail=flag(~rows.remand_type.isin(
            ("conditional_bail", "unconditional_bail"))),
        episodes_excluding_unconditional_bail=flag(rows.remand_type != "unconditional_bail"))


@definition("yjb2006.custodial_sentences")
def custodial_sentences(c: Context) -> ibis.Table:
    """The counting of headline.custody's share of court disposals: every outcome given by a
    court to a child aged 10-17 on the sentence date, by its date, and whether it was a
    custodial sentence (tier custody: DTO, long-term detention)."""
    rows = use_of_custody(c)
    rows = rows.filter(rows.court_disposals == 1)
    return rows.select("period", "service_id", "child_id", "event_date",
                       "custodial_sentences", "court_disposals")


# -- Swift administration of justice --------------------------------------------------------


@definition("yjb2006.psr_timeliness")
def psr_timeliness(c: Context) -> ibis.Table:
    """Each pre-sentence report requested in the period (by requested date). Its clock is the
    working days after the request up to and including submission (weekends and bank
    holidays skipped): on time within ``pyo_working_days`` (10) for a persistent young
    offender, ``other_working_days`` (15) for any other (flag false or blank). A report not
    submitted stays in the denominator, not on time; while its deadline is still ahead at
    the as-of date it marks the figures provisional."""
    pyo_limit = int(c.param("pyo_working_days", 10))
    other_limit = int(c.param("other_working_days", 15))
    report = c.pre_sentence_report.join(_children(c), "child_id")
    report = with_working_days(c.calendar(), report, _requested="requested_date",
                               _submitted="submitted_date")
    report = c.stage(report)
    rows = c.in_periods(report, report.requested_date)
    pyo = rows.persistent_young_offender.fill_null(False)
    limit = pyo.ifelse(pyo_limit, other_limit)
    on_time = (rows._submitted - rows._requested) <= limit
    elapsed = c.working_days_as_of() - rows._requested
    return rows.select(
        "period", "service_id", "child_id", event_date=rows.requested_date,
        pyo_reports=flag(pyo), pyo_on_time=flag(pyo & on_time),
        other_reports=flag(~pyo), other_on_time=flag(~pyo & on_time),
        open_window=flag(rows.submitted_date.isnull() & (elapsed < limit)))


# -- Assessment, planning and supervision ---------------------------------------------------


@definition("yjb2006.asset_completion")
def asset_completion(c: Context) -> ibis.Table:
    """One row per programme and stage, placed in the period by the stage's own date:

    - community disposals (programme kind community, except the types in
      ``community_exclude_types``: bail supervision, which is not a disposal): the start
      date (assessment stage) and the end date (closure stage);
    - custodial sentences (kind custody): the start date, i.e. the sentence (assessment
      stage), the custody release date (transfer stage) and the end date (closure stage).

    A stage is completed when the programme has a linked assessment (assessment.programme_id)
    with an Asset tool (``tools``: Asset, AssetPlus) at that stage with a completed date,
    whenever it was completed."""
    tools = tuple(c.param("tools", list(ASSET_TOOLS)))
    excluded = tuple(c.param("community_exclude_types", ["bail_supervision"]))
    a = c.assessment.filter(c.assessment.tool.isin(tools)
                            & c.assessment.completed_date.notnull()
                            & c.assessment.programme_id.notnull())
    done = a.group_by(_d_programme=a.programme_id).aggregate(
        _d_start=flag(a.stage == "start").max(),
        _d_transfer=flag(a.stage == "transfer").max(),
        _d_closure=flag(a.stage == "closure").max())

    p = c.intervention_programme
    p = p.filter((p.kind == "custody") | ((p.kind == "community")
                                          & ~p.programme_type.isin(excluded)))
    p = p.join(_children(c), "child_id")
    p = p.left_join(done, p.programme_id == done._d_programme)
    p = p.select("child_id", "service_id", "start_date", "end_date", "custody_release_date",
                 _community=flag(p.kind == "community"), _custody=flag(p.kind == "custody"),
                 _start=p._d_start.fill_null(0).cast("int64"),
                 _transfer=p._d_transfer.fill_null(0).cast("int64"),
                 _closure=p._d_closure.fill_null(0).cast("int64"))
    p = c.stage(p)
    columns = ("community_started", "community_start_done", "community_ended",
               "community_closure_done", "custody_started", "custody_start_done",
               "custody_released", "custody_transfer_done", "custody_ended",
               "custody_closure_done")

    def stage_rows(date_column: str, counts: dict) -> ibis.Table:
        dated = p.filter(p[date_column].notnull())
        rows = c.in_periods(dated, dated[date_column])
        values = {name: counts.get(name, zero()) for name in columns}
        values = {name: (v(rows) if callable(v) else v) for name, v in values.items()}
        return rows.select("period", "service_id", "child_id",
                           event_date=rows[date_column].cast("date"), **values)

    parts = [
        stage_rows("start_date", {"community_started": lambda r: r._community,
                                  "community_start_done": lambda r: r._community * r._start,
                                  "custody_started": lambda r: r._custody,
                                  "custody_start_done": lambda r: r._custody * r._start}),
        stage_rows("end_date", {"community_ended": lambda r: r._community,
                                "community_closure_done": lambda r: r._community * r._closure,
                                "custody_ended": lambda r: r._custody,
                                "custody_closure_done": lambda r: r._custody * r._closure}),
        stage_rows("custody_release_date", {
            "custody_released": lambda r: r._custody,
            "custody_transfer_done": lambda r: r._custody * r._transfer}),
    ]
    return parts[0].union(parts[1]).union(parts[2])


@definition("yjb2006.dto_training_plan")
def dto_training_plan(c: Context) -> ibis.Table:
    """Each detention and training order starting (sentence passed) in the period. Its
    initial training plan is on time when plan_date is within ``plan_working_days`` (10)
    working days after the start date (weekends and bank holidays skipped; the 10th working
    day counts). An order without a plan date is not on time; while the 10 working days are
    still running at the as-of date it marks the figures provisional."""
    limit = int(c.param("plan_working_days", 10))
    p = c.intervention_programme
    dto = p.filter(p.programme_type == "detention_training_order").join(_children(c),
                                                                        "child_id")
    dto = dto.select("child_id", "service_id", "start_date", "plan_date")
    dto = with_working_days(c.calendar(), dto, _started="start_date", _planned="plan_date")
    rows = c.in_periods(dto, dto.start_date)
    elapsed = c.working_days_as_of() - rows._started
    return rows.select(
        "period", "service_id", "child_id", event_date=rows.start_date,
        dto_orders=one(), plan_on_time=flag((rows._planned - rows._started) <= limit),
        open_window=flag(rows.plan_date.isnull() & (elapsed < limit)))
