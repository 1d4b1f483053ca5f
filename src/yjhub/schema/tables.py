"""The canonical case-level schema: every table and column a youth justice service records.

This is the contract between the importer, the app's database, the synthetic-data generator and
the indicator engine. Table and column names are the same everywhere: in the app's database, in a
folder of Parquet or CSV files, and in a Spark or warehouse table. ``docs/data-model.md`` is made
from these declarations (``yjhub schema docs``); a test keeps it current.

Tables are listed parents first, so loading in this order satisfies every reference.
"""

from __future__ import annotations

from yjhub.schema.model import Check, Column, Table


def _id(name, description, **kw):
    return Column(name, "id", description, required=True, max_length=64, **kw)


def _ref(name, table, description, required=True, **kw):
    return Column(name, "ref", description, required=required, ref=table, max_length=64, **kw)


def _code(name, codes, description, **kw):
    return Column(name, "code", description, codes=codes, max_length=40, **kw)


def _date(name, description, **kw):
    return Column(name, "date", description, **kw)


def _bool(name, description, **kw):
    return Column(name, "boolean", description, **kw)


def _text(name, description, max_length=200, **kw):
    return Column(name, "text", description, max_length=max_length, **kw)


def _int(name, description, minimum=None, maximum=None, **kw):
    return Column(name, "integer", description, minimum=minimum, maximum=maximum, **kw)


# --- Reference data ----------------------------------------------------------------------------

SERVICE = Table(
    "service",
    "Service",
    "reference",
    "A youth justice service (youth offending team). One app usually holds one service; the "
    "national data set holds every service in England and Wales.",
    key=("service_id",),
    columns=(
        _id("service_id", "The service's code, e.g. the YJB's YOT code."),
        _text("name", "The service's name.", required=True),
        _code("nation", "nation", "England or Wales (Wales records ALN rather than SEND).",
              required=True),
        _text("local_authority_codes", "ONS codes of the local authorities it covers, separated "
              "by spaces.", max_length=400),
        _text("region", "Region, for comparisons.", max_length=80),
        _text("family_group", "The YJB family group (comparable services) it belongs to.",
              max_length=80),
    ),
)

TEAM = Table(
    "team",
    "Team",
    "reference",
    "A team within a service: locality, court, prevention, and so on. Access to children's "
    "records is granted by team.",
    key=("team_id",),
    columns=(
        _id("team_id", "The team's code."),
        _ref("service_id", "service", "The service the team belongs to."),
        _text("name", "The team's name.", required=True),
        _date("active_from", "First day the team took cases."),
        _date("active_to", "Last day the team took cases (blank while active)."),
    ),
    checks=(Check("active_to", ">=", "active_from", "a team cannot close before it opens"),),
)

STAFF = Table(
    "staff",
    "Staff",
    "reference",
    "A member of staff who holds cases, assesses or manages. Staff names are personal data but "
    "not children's data.",
    key=("staff_id",),
    columns=(
        _id("staff_id", "The staff member's code in the case management system."),
        _ref("team_id", "team", "The staff member's team."),
        _text("given_name", "Given name.", identifying=True),
        _text("family_name", "Family name.", identifying=True),
        _code("role", "staff_role", "What the staff member does.", required=True),
        _date("start_date", "Started in the service."),
        _date("end_date", "Left the service (blank while in post)."),
    ),
    checks=(Check("end_date", ">=", "start_date", "a leaving date cannot precede the start"),),
)

POPULATION = Table(
    "population",
    "Population",
    "reference",
    "The ONS mid-year estimate of the service area's resident population aged 10 to 17, by year, "
    "single year of age and sex. Rates per 100,000 / 1,000 divide by the 10-17 total of the "
    "mid-year estimate for the year in which the period starts (mid-2024 for 2024-25).",
    key=("service_id", "year", "age", "sex"),
    columns=(
        _ref("service_id", "service", "The service whose area this is."),
        _int("year", "Year of the mid-year estimate (30 June).", 1990, 2100, required=True),
        _int("age", "Age in years.", 10, 17, required=True),
        _code("sex", "sex", "Sex.", required=True),
        _int("population", "Resident population.", 0, None, required=True),
    ),
)

POPULATION_ETHNICITY = Table(
    "population_ethnicity",
    "PopulationEthnicity",
    "reference",
    "The service area's resident population aged 10 to 17 by broad ethnic group, from the census "
    "(the mid-year estimates are not split by ethnicity). Rates by ethnic group use the census "
    "nearest the period.",
    key=("service_id", "census_year", "ethnic_group"),
    columns=(
        _ref("service_id", "service", "The service whose area this is."),
        _int("census_year", "Year of the census.", 1991, 2100, required=True),
        _code("ethnic_group", "ethnic_group", "Broad ethnic group.", required=True),
        _int("population", "Resident population aged 10-17.", 0, None, required=True),
    ),
)

BANK_HOLIDAY = Table(
    "bank_holiday",
    "BankHoliday",
    "reference",
    "Bank holidays of England and Wales. Working-day clocks skip these and weekends.",
    key=("holiday_date",),
    columns=(
        _date("holiday_date", "The date.", required=True),
        _text("name", "The holiday's name.", required=True),
    ),
)

COMPARATOR = Table(
    "comparator_figure",
    "ComparatorFigure",
    "reference",
    "A published figure to compare a service with: the national, regional or family-group value "
    "of an indicator for a period, typed in from published statistics.",
    key=("indicator_id", "period", "comparator"),
    columns=(
        _text("indicator_id", "The indicator's id in the catalogue.", max_length=80,
              required=True),
        _text("period", "The period as published, e.g. 2024-25 or Jan-Dec 2023.", max_length=40,
              required=True),
        _code("comparator", "comparator", "Which comparison this is.", required=True),
        Column("value", "text", "The published value, as a decimal number.", required=True,
               max_length=40),
        _text("source", "Where it was published.", max_length=400),
    ),
)

# --- The child and their offending ------------------------------------------------------------

CHILD = Table(
    "child",
    "Child",
    "case",
    "A child the service works with. The identifier is pseudonymous: analytics and board outputs "
    "never read the name columns.",
    key=("child_id",),
    sensitive=True,
    columns=(
        _id("child_id", "The child's identifier in the case management system.",
            used_by=("breakdowns",)),
        _ref("service_id", "service", "The service responsible for the child."),
        _text("given_name", "Given name.", identifying=True, used_by=("child_record",)),
        _text("family_name", "Family name.", identifying=True, used_by=("child_record",)),
        _date("date_of_birth", "Date of birth: ages are worked out from it on each event's date.",
              required=True, used_by=("breakdowns",)),
        _code("sex", "sex", "Sex.", required=True, used_by=("breakdowns",)),
        _code("gender", "gender", "Gender, where recorded as different from sex."),
        _code("ethnicity", "ethnicity", "Ethnicity (ONS 2021 groups; older data uses the 16+1 "
              "categories of 2001).", used_by=("breakdowns",)),
        _code("ethnic_group", "ethnic_group", "Broad ethnic group.", derived_from="ethnicity:group",
              used_by=("breakdowns",)),
        _text("home_local_authority", "ONS code of the local authority the child lives in.",
              max_length=12),
        _bool("looked_after", "Looked after by a local authority now.", used_by=("caseload",)),
        _bool("send_need", "Has an identified SEND need (Wales: ALN), as currently recorded.",
              used_by=("caseload",)),
        _bool("send_plan", "Has an EHCP (Wales: IDP) in place, as currently recorded.",
              used_by=("caseload",)),
    ),
)

COURT_APPEARANCE = Table(
    "court_appearance",
    "CourtAppearance",
    "case",
    "A child's appearance at court, with its result.",
    key=("appearance_id",),
    sensitive=True,
    columns=(
        _id("appearance_id", "The appearance's identifier."),
        _ref("child_id", "child", "The child."),
        _date("appearance_date", "Date of the hearing.", required=True),
        _code("court_type", "court_type", "Which court.", required=True),
        _code("result", "court_result", "What the hearing decided.", required=True),
    ),
)

OUTCOME = Table(
    "outcome",
    "Outcome",
    "case",
    "An outcome (disposal) for one or more offences: an out-of-court disposal or a sentence. "
    "Tier, substantive and court are filled from the outcome type's code list when left blank.",
    key=("outcome_id",),
    sensitive=True,
    columns=(
        _id("outcome_id", "The outcome's identifier."),
        _ref("child_id", "child", "The child."),
        _date("outcome_date", "Date the outcome was given (caution administered, sentence "
              "passed).", required=True),
        _code("outcome_type", "outcome_type", "The disposal.", required=True,
              used_by=("breakdowns",)),
        _code("tier", "tier", "Tier: diversion, pre-court, first-tier, community or custody.",
              derived_from="outcome_type:tier", used_by=("breakdowns",)),
        _bool("substantive", "Counts as a substantive outcome (for first-time entrants and the "
              "reoffending cohort).", derived_from="outcome_type:substantive"),
        _bool("court", "Given by a court (false for out-of-court disposals).",
              derived_from="outcome_type:court"),
        _ref("appearance_id", "court_appearance", "The hearing that passed the sentence.",
             required=False),
    ),
)

OFFENCE = Table(
    "offence",
    "Offence",
    "case",
    "An offence a child committed (or is alleged to have committed), with the outcome it led to.",
    key=("offence_id",),
    sensitive=True,
    columns=(
        _id("offence_id", "The offence's identifier."),
        _ref("child_id", "child", "The child."),
        _ref("outcome_id", "outcome", "The outcome the offence led to (blank while pending).",
             required=False),
        _date("committed_date", "Date the offence was committed (first day, for a range).",
              required=True),
        _text("offence_code", "Home Office / CJS offence code.", max_length=20),
        _code("offence_category", "offence_category", "YJB offence category.", required=True),
        _int("gravity_score", "YJB gravity score.", 1, 8, required=True,
             used_by=("breakdowns",)),
        _bool("breach", "A breach of an order or of bail, not a new offence: breaches are not "
              "reoffences.", derived_from="offence_category:breach"),
        _bool("serious_violence", "The source system's serious violence flag, where it records "
              "one. KPI 9 applies its own rule (drugs, robbery or violence against the person at "
              "gravity 5 or more, from the offence category's code list)."),
    ),
)

PRE_SENTENCE_REPORT = Table(
    "pre_sentence_report",
    "PreSentenceReport",
    "case",
    "A pre-sentence report requested by a court.",
    key=("report_id",),
    sensitive=True,
    columns=(
        _id("report_id", "The report's identifier."),
        _ref("child_id", "child", "The child."),
        _ref("appearance_id", "court_appearance", "The hearing that asked for it.",
             required=False),
        _date("requested_date", "Date the court requested the report.", required=True),
        _date("due_date", "Date the report is due.", used_by=("data_quality",)),
        _date("submitted_date", "Date the report was submitted to court."),
        _bool("persistent_young_offender", "The child is a persistent young offender (10-day "
              "rule rather than 15)."),
    ),
    checks=(Check("submitted_date", ">=", "requested_date",
                  "a report cannot be submitted before it is requested"),),
)

REMAND_EPISODE = Table(
    "remand_episode",
    "RemandEpisode",
    "case",
    "A period on bail or remand while proceedings are under way.",
    key=("remand_id",),
    sensitive=True,
    columns=(
        _id("remand_id", "The episode's identifier."),
        _ref("child_id", "child", "The child."),
        _ref("appearance_id", "court_appearance", "The hearing that made the decision.",
             required=False),
        _code("remand_type", "remand_type", "Bail or remand type.", required=True),
        _bool("secure", "A remand to the secure estate (youth detention accommodation).",
              derived_from="remand_type:secure"),
        _date("start_date", "First day.", required=True),
        _date("end_date", "Last day (blank while it continues)."),
    ),
    checks=(Check("end_date", ">=", "start_date", "an episode cannot end before it starts"),),
)

# --- Work with the child -----------------------------------------------------------------------

PROGRAMME = Table(
    "intervention_programme",
    "InterventionProgramme",
    "case",
    "An order or intervention programme: a court order, the intervention attached to an "
    "out-of-court disposal, or a prevention / diversion programme. Most 2023 KPIs count the "
    "children whose programme ended in the period.",
    key=("programme_id",),
    sensitive=True,
    columns=(
        _id("programme_id", "The programme's identifier."),
        _ref("child_id", "child", "The child."),
        _ref("outcome_id", "outcome", "The outcome that imposed it (blank for prevention).",
             required=False),
        _code("programme_type", "programme_type", "The order or programme.", required=True),
        _code("kind", "programme_kind", "Prevention, out-of-court, community or custody.",
              derived_from="programme_type:kind",
              used_by=("caseload",)),
        _date("start_date", "Date it started (for a court order, the sentence date).",
              required=True, used_by=("caseload",)),
        _date("planned_end_date", "Date it is planned to end.", used_by=("caseload",)),
        _date("end_date", "Date it ended (blank while open).",
              used_by=("caseload",)),
        _code("end_reason", "end_reason", "Why it ended."),
        _bool("intensive_supervision", "Includes ISSP / ISS."),
        _date("plan_date", "Date the initial intervention plan (for a DTO, the training plan) was "
              "drawn up.", used_by=("data_quality",)),
        _date("custody_release_date", "For a custodial sentence, the date of release: the "
              "reoffending follow-up starts here."),
        _date("licence_end_date", "For a custodial sentence, the end of the licence or "
              "supervision period."),
    ),
    checks=(
        Check("end_date", ">=", "start_date", "a programme cannot end before it starts"),
        Check("planned_end_date", ">=", "start_date",
              "a programme cannot be planned to end before it starts"),
        Check("plan_date", ">=", "start_date", "a plan cannot be drawn up before the start"),
        Check("custody_release_date", ">=", "start_date",
              "release cannot precede the sentence"),
    ),
)

PROGRAMME_STATUS = Table(
    "programme_status",
    "ProgrammeStatus",
    "case",
    "The child's circumstances recorded at the start and at the end of a programme: ETE, "
    "accommodation, substance misuse, mental health, SEND and wider services. A programme that "
    "has ended without an end row is a data-quality fault.",
    key=("programme_id", "stage"),
    sensitive=True,
    columns=(
        _ref("programme_id", "intervention_programme", "The programme."),
        _code("stage", "status_stage", "Start or end.", required=True),
        _date("recorded_date", "Date the status was recorded."),
        _code("ete_type", "ete_type", "Education, training or employment."),
        _int("ete_hours", "Hours of ETE a week.", 0, 80),
        _bool("ete_suitable", "The ETE is suitable."),
        _code("accommodation_type", "accommodation_type", "Accommodation."),
        _bool("accommodation_suitable", "The accommodation is suitable."),
        _bool("substance_need", "A screened or identified substance misuse need."),
        _bool("substance_offered", "Planned or offered a substance misuse intervention."),
        _bool("substance_attending", "Attending the substance misuse intervention."),
        _bool("mental_health_need", "A screened or identified mental health need."),
        _bool("mental_health_offered", "Planned or offered a mental health intervention."),
        _bool("mental_health_attending", "Attending the mental health intervention."),
        _bool("send_need", "An identified SEND (Wales: ALN) need."),
        _bool("send_plan", "A formal plan (EHCP / IDP) is in place."),
        _bool("early_help", "On an early help plan."),
        _bool("child_in_need", "On a child-in-need plan."),
        _bool("child_protection", "On a child protection plan."),
        _bool("looked_after", "Looked after."),
    ),
)

ASSESSMENT = Table(
    "assessment",
    "Assessment",
    "case",
    "An assessment with a YJB tool at a stage of a programme.",
    key=("assessment_id",),
    sensitive=True,
    columns=(
        _id("assessment_id", "The assessment's identifier."),
        _ref("child_id", "child", "The child."),
        _ref("programme_id", "intervention_programme", "The programme it belongs to.",
             required=False),
        _code("tool", "assessment_tool", "Asset, AssetPlus, Onset, prevention and diversion tool "
              "or Bail Asset.", required=True),
        _code("stage", "assessment_stage", "Start, review, transfer or closure.", required=True,
              used_by=("data_quality",)),
        _date("due_date", "Date it is due.", used_by=("caseload", "data_quality")),
        _date("completed_date", "Date it was completed (blank while outstanding).",
              used_by=("caseload", "data_quality")),
        _int("total_score", "Total score (Asset: 0-48).", 0, 64),
        _code("likelihood_of_reoffending", "likelihood_level", "Likelihood of reoffending.",
              used_by=("caseload", "case_audit")),
        _code("risk_of_harm", "risk_level", "Risk of serious harm / risk of harm to others.",
              used_by=("caseload", "case_audit")),
        _code("safety_wellbeing", "risk_level", "Safety and wellbeing (vulnerability).",
              used_by=("caseload", "case_audit")),
        _code("scaled_approach_level", "scaled_approach_level", "Scaled approach intervention "
              "level.", used_by=("caseload",)),
        _bool("substance_screened", "Substance misuse was screened."),
        _date("next_review_due", "Date the next review is due.",
              used_by=("caseload", "data_quality")),
        _date("signed_off_date", "Date a manager signed it off.", used_by=("data_quality",)),
        _ref("assessor_id", "staff", "Who completed it.", required=False,
             used_by=("data_quality",)),
    ),
)

ASSESSMENT_SECTION = Table(
    "assessment_section",
    "AssessmentSection",
    "case",
    "A section score of an assessment (Asset: twelve sections scored 0-4).",
    key=("assessment_id", "section"),
    sensitive=True,
    columns=(
        _ref("assessment_id", "assessment", "The assessment."),
        _code("section", "asset_section", "The section.", required=True),
        _int("score", "The section's score.", 0, 4, required=True),
    ),
)

REFERRAL = Table(
    "referral",
    "Referral",
    "case",
    "A referral to a health or substance misuse service, with the dates its working-day clocks "
    "run between.",
    key=("referral_id",),
    sensitive=True,
    columns=(
        _id("referral_id", "The referral's identifier."),
        _ref("child_id", "child", "The child."),
        _ref("programme_id", "intervention_programme", "The programme it was made under.",
             required=False),
        _code("referral_service", "referral_service", "CAMHS or substance misuse.",
              required=True),
        _code("urgency", "urgency", "For CAMHS: acute or non-acute."),
        _date("received_date", "Date the service received the referral: the clock starts.",
              required=True, used_by=("data_quality",)),
        _date("assessment_date", "Date the service's assessment commenced."),
        _date("intervention_date", "Date the intervention or treatment started."),
    ),
    checks=(
        Check("assessment_date", ">=", "received_date",
              "an assessment cannot start before the referral is received"),
        Check("intervention_date", ">=", "received_date",
              "an intervention cannot start before the referral is received"),
    ),
)

VICTIM = Table(
    "victim",
    "Victim",
    "case",
    "A victim of a child's offence, and their part in restorative justice.",
    key=("victim_id",),
    sensitive=True,
    columns=(
        _id("victim_id", "The victim's identifier (no victim's name is held)."),
        _ref("offence_id", "offence", "The offence."),
        _code("victim_type", "victim_type", "Individual, business or community."),
        _date("referred_date", "Date the victim's details reached the service."),
        _bool("consent_to_contact", "Consented to be contacted."),
        _bool("rj_offered", "Offered a restorative process."),
        _bool("rj_participated", "Took part in a restorative process."),
        _bool("satisfied", "Satisfied with the restorative process."),
    ),
)

PARENTING = Table(
    "parenting_intervention",
    "ParentingIntervention",
    "case",
    "Work with a child's parents or carers.",
    key=("parenting_id",),
    sensitive=True,
    columns=(
        _id("parenting_id", "The intervention's identifier."),
        _ref("child_id", "child", "The child."),
        _ref("programme_id", "intervention_programme", "The child's programme it supports.",
             required=False),
        _date("offered_date", "Date it was offered.", required=True),
        _date("started_date", "Date it started."),
        _date("completed_date", "Date it was completed."),
        _bool("parenting_order", "Under a parenting order (rather than voluntary)."),
        _bool("parent_satisfied", "The parent or carer was satisfied."),
    ),
    checks=(
        Check("started_date", ">=", "offered_date", "work cannot start before it is offered"),
        Check("completed_date", ">=", "started_date", "work cannot end before it starts"),
    ),
)

ALLOCATION = Table(
    "case_allocation",
    "CaseAllocation",
    "case",
    "Who holds a child's case: team and case manager, from when to when. Access to a child's "
    "record follows the team.",
    key=("allocation_id",),
    sensitive=True,
    columns=(
        _id("allocation_id", "The allocation's identifier."),
        _ref("child_id", "child", "The child."),
        _ref("programme_id", "intervention_programme", "The programme, where the allocation is "
             "for one.", required=False),
        _ref("team_id", "team", "The team.", used_by=("breakdowns", "caseload")),
        _ref("staff_id", "staff", "The case manager.", required=False,
             used_by=("caseload", "data_quality")),
        _date("start_date", "First day of the allocation.", required=True),
        _date("end_date", "Last day (blank while allocated)."),
        _int("mappa_level", "MAPPA level (0 where not MAPPA-eligible).", 0, 3,
             used_by=("caseload",)),
        _bool("risk_panel", "Managed through the risk panel.", used_by=("caseload",)),
    ),
    checks=(Check("end_date", ">=", "start_date", "an allocation cannot end before it starts"),),
)

BOARD_MEETING = Table(
    "board_meeting",
    "BoardMeeting",
    "reference",
    "A meeting of the service's management board.",
    key=("meeting_id",),
    columns=(
        _id("meeting_id", "The meeting's identifier."),
        _ref("service_id", "service", "The service."),
        _date("meeting_date", "Date of the meeting.", required=True),
    ),
)

BOARD_ATTENDANCE = Table(
    "board_attendance",
    "BoardAttendance",
    "reference",
    "Whether a partner agency was represented at a board meeting by a senior leader, and "
    "whether it contributed data.",
    key=("meeting_id", "agency"),
    columns=(
        _ref("meeting_id", "board_meeting", "The meeting."),
        _code("agency", "agency", "The partner agency.", required=True),
        _bool("attended", "The agency was represented.", required=True),
        _bool("senior_attended", "A senior leader attended for it."),
        _bool("contributed_data", "It contributed data to the meeting."),
    ),
)

TABLES: tuple[Table, ...] = (
    SERVICE,
    TEAM,
    STAFF,
    POPULATION,
    POPULATION_ETHNICITY,
    BANK_HOLIDAY,
    COMPARATOR,
    CHILD,
    COURT_APPEARANCE,
    OUTCOME,
    OFFENCE,
    PRE_SENTENCE_REPORT,
    REMAND_EPISODE,
    PROGRAMME,
    PROGRAMME_STATUS,
    ASSESSMENT,
    ASSESSMENT_SECTION,
    REFERRAL,
    VICTIM,
    PARENTING,
    ALLOCATION,
    BOARD_MEETING,
    BOARD_ATTENDANCE,
)
