"""Key performance indicators from April 2023 (KPIs 1-10).

Six of them (accommodation, ETE, SEND, mental health, substance misuse, wider services) share
one cohort: the children whose order or intervention programme ended in the period, each once
per period, with the circumstances recorded at the end of the last programme that ended in it.
The others count out-of-court interventions ending, agency places at board meetings, children
with a proven serious violence offence and victims who consent to be contacted.
"""

from __future__ import annotations

import functools
import operator

import ibis

from yjhub.indicators.definitions import Context, definition, flag, one, shared_step
from yjhub.schema.codelists import code_list

#: The statutory partners of a youth justice management board (KPI 7's default parameter).
BOARD_AGENCIES = ("police", "probation", "health", "education", "childrens_social_care",
                  "local_authority")
#: The four wider services of KPI 8, each a column of ``programme_status``.
WIDER_SERVICES = ("early_help", "child_in_need", "child_protection", "looked_after")
#: What the cohort's rows carry from the status recorded at the end of the programme.
END_STATUS = ("ete_type", "ete_suitable", "accommodation_suitable", "send_need", "send_plan",
              "mental_health_need", "mental_health_offered", "mental_health_attending",
              "substance_need", "substance_offered", "substance_attending", *WIDER_SERVICES)
#: ETE types that are not education, training or employment.
NOT_IN_ETE = ("neet", "not_known")
#: Programme kinds supervised by the service (prevention programmes are not supervision).
SUPERVISED = ("out_of_court", "community", "custody")
#: The kinds of programme (as recorded) whose last one in each period :func:`last_programmes`
#: flags, besides the last programme of any kind.
LAST_OF = {"_last_supervised": SUPERVISED,
           "_last_noncustodial": ("out_of_court", "community")}


def programme_kind(programme: ibis.Table) -> ibis.Value:
    """The programme's kind, from the code list of programme types when left blank."""
    kinds = code_list("programme_type")
    mapping = [(c.code, c.attributes["kind"]) for c in kinds.codes]
    return programme.kind.fill_null(programme.programme_type.cases(*mapping, else_=None))


def ended_programmes(c: Context) -> ibis.Table:
    """Every programme with an end date, placed in each period its end date falls in, with
    the child's service and date of birth: ``period``, ``service_id``, ``date_of_birth``,
    ``child_id``, ``programme_id``, ``programme_type``, ``kind`` (blank: from the programme
    type), ``programme_kind_recorded`` (as recorded), ``start_date``, ``end_date``,
    ``end_reason``."""
    programme = c.intervention_programme.filter(c.intervention_programme.end_date.notnull())
    programme = programme.select("programme_id", "child_id", "programme_type", "start_date",
                                 "end_date", "end_reason", kind=programme_kind(programme),
                                 programme_kind_recorded=programme.kind)
    child = c.child.select("child_id", "service_id", "date_of_birth")
    joined = programme.join(child, "child_id")
    return c.in_periods(joined, joined.end_date)


def latest_first(programmes: ibis.Table, date_column: str) -> list:
    """The order in which a child's programmes are "last": the latest ``date_column``, then
    the latest-starting, then the highest programme_id as text."""
    return [ibis.desc(programmes[date_column]), ibis.desc(programmes.start_date),
            ibis.desc(programmes.programme_id)]


@shared_step
def last_programmes(c: Context) -> ibis.Table:
    """The last programme of each child that ended in each period, worked out once (one
    ordering of the programmes) for KPIs 1-5 and 8 and the 2006-08 ETE and accommodation
    indicators. Ordered by end date, then start date, then programme_id as text (the latest
    first), a row is flagged for each kind of programme it is the child's first of in the
    period (:data:`LAST_OF`): ``_last`` (any programme), ``_last_supervised`` (kind out of
    court, community or custody, as recorded), ``_last_noncustodial`` (out of court or
    community). Rows: ``period``, ``service_id``, ``child_id``, ``date_of_birth``,
    ``programme_id``, ``kind``, ``start_date``, ``end_date``, the flags, and the columns of
    the programme's ``programme_status`` row of stage "end" that the indicators read
    (:data:`END_STATUS`, ``ete_hours``), null when there is none."""
    ended = ended_programmes(c)
    group_by = [ended.child_id, ended.period]  # (child first: DuckDB sorts them faster)
    order_by = latest_first(ended, "end_date")
    so_far = ibis.cumulative_window(group_by=group_by, order_by=order_by)
    counts = {"_last": ibis.row_number().over(group_by=group_by, order_by=order_by) + 1}
    for flag_name, kinds in LAST_OF.items():  # a running count of programmes of those kinds
        of_kind = ended.programme_kind_recorded.isin(kinds).fill_null(False)
        counts[flag_name] = of_kind.ifelse(of_kind.ifelse(1, 0).sum().over(so_far), 0)
    ranked = ended.mutate(**counts)
    firsts = {name: ranked[name] == 1 for name in counts}
    last = ranked.filter(functools.reduce(operator.or_, firsts.values()))
    status = c.programme_status.filter(c.programme_status.stage == "end")
    status = status.select(_status_programme=status.programme_id, **{
        name: status[name] for name in (*END_STATUS, "ete_hours")})
    joined = last.left_join(status, last.programme_id == status._status_programme)
    return c.share(joined.select(
        "period", "service_id", "child_id", "date_of_birth", "programme_id", "kind",
        "start_date", "end_date", *END_STATUS, "ete_hours",
        **{name: joined[name] == 1 for name in counts}))


def closing_status(c: Context) -> ibis.Table:
    """The cohort of KPIs 1-5 and 8: one row per child and period for the children whose
    order or programme ended in the period (``period``, ``service_id``, ``child_id``). The
    row carries the kind and end date of the last programme that ended in the period (ties:
    the latest-starting, then the highest programme_id as text) and the columns of its
    ``programme_status`` row of stage "end" that the KPIs read (:data:`END_STATUS`), null
    when there is none."""
    rows = last_programmes(c)
    return rows.filter(rows._last)


def _cohort_rows(rows: ibis.Table, **measures) -> ibis.Table:
    """The cohort's rows with the common columns and the given measure columns."""
    return rows.select("period", "service_id", "child_id", event_date=rows.end_date,
                       disposal=rows.kind, children_ended=one(), **measures)


@definition("kpi2023.accommodation")
def accommodation(c: Context) -> ibis.Table:
    """KPI 1. Of the children whose order or programme ended in the period, those whose
    accommodation was recorded as suitable at the end of the last one (no end status: not
    suitable)."""
    rows = closing_status(c)
    return _cohort_rows(rows, suitable_accommodation=flag(rows.accommodation_suitable))


@definition("kpi2023.ete")
def ete(c: Context) -> ibis.Table:
    """KPI 2. Of the children whose order or programme ended in the period, those in suitable
    education, training or employment at the end of the last one; as context, those in any
    ETE at all (an ETE type other than NEET or not known)."""
    rows = closing_status(c)
    in_ete = rows.ete_type.notnull() & ~rows.ete_type.isin(NOT_IN_ETE)
    return _cohort_rows(rows, suitable_ete=flag(rows.ete_suitable), in_ete=flag(in_ete))


@definition("kpi2023.send")
def send(c: Context) -> ibis.Table:
    """KPI 3. Of the children whose order or programme ended in the period with an
    identified SEND (Wales: ALN) need recorded at the end, those with a formal plan (EHCP /
    IDP) in place."""
    rows = closing_status(c)
    need = rows.send_need.fill_null(False)
    return _cohort_rows(rows, send_need=flag(need), send_plan=flag(need & rows.send_plan))


def _cascade(rows: ibis.Table, prefix: str) -> ibis.Table:
    """Need, offered (of those with a need) and attending (of those offered), nested so each
    numerator is part of its denominator."""
    need = rows[f"{prefix}_need"].fill_null(False)
    offered = need & rows[f"{prefix}_offered"].fill_null(False)
    attending = offered & rows[f"{prefix}_attending"].fill_null(False)
    return _cohort_rows(rows, need=flag(need), offered=flag(offered),
                        attending=flag(attending))


@definition("kpi2023.mental_health")
def mental_health(c: Context) -> ibis.Table:
    """KPI 4. Of the children whose order or programme ended in the period: those with a
    screened or identified mental health or emotional wellbeing need at the end; of those,
    the ones planned or offered an intervention; of those, the ones attending it."""
    return _cascade(closing_status(c), "mental_health")


@definition("kpi2023.substance_misuse")
def substance_misuse(c: Context) -> ibis.Table:
    """KPI 5. KPI 4's cascade for substance misuse: need, offered an intervention or
    treatment, attending."""
    return _cascade(closing_status(c), "substance")


@definition("kpi2023.ooc_completion")
def ooc_completion(c: Context) -> ibis.Table:
    """KPI 6. Each out-of-court disposal intervention (programme kind in parameter
    ``programme_kinds``) ending in the period, and whether it was completed (end reason in
    parameter ``completed_reasons``). Interventions are counted, not children."""
    kinds = list(c.param("programme_kinds", ["out_of_court"]))
    completed = list(c.param("completed_reasons", ["completed"]))
    rows = ended_programmes(c)
    rows = rows.filter(rows.kind.isin(kinds))
    return rows.select("period", "service_id", "child_id", event_date=rows.end_date,
                       interventions_ended=one(),
                       completed=flag(rows.end_reason.isin(completed)))


@definition("kpi2023.board_attendance")
def board_attendance(c: Context) -> ibis.Table:
    """KPI 7. One row per board meeting in the period and statutory partner agency
    (parameter ``agencies``): whether the agency attended, was represented by a senior
    leader and contributed data. An agency with no attendance row did none of these."""
    agencies = ibis.memtable({"agency": list(c.param("agencies", BOARD_AGENCIES))})
    meeting = c.board_meeting
    meetings = c.in_periods(meeting, meeting.meeting_date)
    places = meetings.cross_join(agencies)
    attendance = c.board_attendance.rename(_a_meeting="meeting_id", _a_agency="agency")
    joined = places.left_join(attendance, (places.meeting_id == attendance._a_meeting)
                              & (places.agency == attendance._a_agency))
    return joined.select(
        "period", "service_id", "agency",
        child_id=ibis.null("string"), event_date=ibis.null("date"),
        agency_meetings=one(), attended=flag(joined.attended),
        senior_attended=flag(joined.senior_attended),
        contributed_data=flag(joined.contributed_data))


@definition("kpi2023.wider_services")
def wider_services(c: Context) -> ibis.Table:
    """KPI 8. Of the children whose order or programme ended in the period, those on any of
    the wider services in parameter ``services`` (early help plan, child-in-need plan, child
    protection plan, looked after) at the end, and those on each."""
    rows = closing_status(c)
    services = [s for s in c.param("services", WIDER_SERVICES) if s in WIDER_SERVICES]
    each = {s: rows[s].fill_null(False) for s in WIDER_SERVICES}
    any_service = ibis.literal(False)
    for service in services:
        any_service = any_service | each[service]
    return _cohort_rows(rows, any_service=flag(any_service),
                        **{s: flag(each[s]) for s in WIDER_SERVICES})


def serious_violence_categories(c: Context) -> list[str]:
    """Parameter ``categories``; by default the offence categories whose code-list attribute
    ``serious_violence_type`` is true."""
    default = [code.code for code in code_list("offence_category").codes
               if code.attributes.get("serious_violence_type")]
    return list(c.param("categories", default))


@definition("kpi2023.serious_violence")
def serious_violence(c: Context) -> ibis.Table:
    """KPI 9. Children with a proven serious violence offence in the period: an offence of a
    serious violence category (parameter ``categories``) with a gravity score of at least
    parameter ``min_gravity`` (5), whose outcome is substantive, placed in the period by the
    outcome's date. A child counts once per period, on the first such outcome date. The
    source system's own ``offence.serious_violence`` flag is not read."""
    offence = c.offence
    offence = offence.filter(offence.offence_category.isin(serious_violence_categories(c))
                             & (offence.gravity_score >= int(c.param("min_gravity", 5))))
    offence = offence.select(_o_outcome="outcome_id")
    outcome = c.outcome.filter(c.outcome.substantive.fill_null(False))
    outcome = outcome.select("outcome_id", "child_id", "outcome_date")
    proven = outcome.join(offence, outcome.outcome_id == offence._o_outcome)
    child = c.child.select("child_id", "service_id")
    proven = proven.join(child, "child_id")
    rows = c.in_periods(proven, proven.outcome_date)
    children = rows.group_by("period", "service_id", "child_id").aggregate(
        event_date=rows.outcome_date.min())
    return children.mutate(children_proven=one())


@shared_step
def victims_in_periods(c: Context) -> ibis.Table:
    """Every victim placed in the periods by the date their details reached the service
    (``referred_date``), with the child whose offence it is and the child's service, and
    what KPI 10 and the 2006 restorative justice indicator read: ``consent_to_contact``,
    ``rj_offered``, ``rj_participated``, ``satisfied``. Worked out once for both."""
    victim = c.victim.select("offence_id", "referred_date", "consent_to_contact",
                             "rj_offered", "rj_participated", "satisfied")
    offence = c.offence.select(_v_offence="offence_id", child_id="child_id")
    child = c.child.select("child_id", "service_id")
    joined = victim.join(offence, victim.offence_id == offence._v_offence).join(child,
                                                                                "child_id")
    return c.share(c.in_periods(joined.drop("offence_id"), joined.referred_date))


@definition("kpi2023.victims")
def victims(c: Context) -> ibis.Table:
    """KPI 10. Victims who consent to be contacted, placed in the period by the date their
    details reached the service, and whether they took part in a restorative process. The
    victim belongs to the child (and service) whose offence it is."""
    rows = victims_in_periods(c)
    rows = rows.filter(rows.consent_to_contact.fill_null(False))
    return rows.select("period", "service_id", "child_id", event_date=rows.referred_date,
                       victims_consenting=one(),
                       rj_participated=flag(rows.rj_participated))
