"""The case-level data: one Django model per table of the canonical schema.

Each model is built from its declaration in ``yjhub.schema.tables`` (see ``docs/data-model.md``);
change a table there, then run ``yjhub manage makemigrations``.
"""

from yjhub.casedata.model_factory import build_model
from yjhub.schema import table

Service = build_model(table("service"), __name__)
Team = build_model(table("team"), __name__)
Staff = build_model(table("staff"), __name__)
Population = build_model(table("population"), __name__)
PopulationEthnicity = build_model(table("population_ethnicity"), __name__)
BankHoliday = build_model(table("bank_holiday"), __name__)
ComparatorFigure = build_model(table("comparator_figure"), __name__)
Child = build_model(table("child"), __name__)
CourtAppearance = build_model(table("court_appearance"), __name__)
Outcome = build_model(table("outcome"), __name__)
Offence = build_model(table("offence"), __name__)
PreSentenceReport = build_model(table("pre_sentence_report"), __name__)
RemandEpisode = build_model(table("remand_episode"), __name__)
InterventionProgramme = build_model(table("intervention_programme"), __name__)
ProgrammeStatus = build_model(table("programme_status"), __name__)
Assessment = build_model(table("assessment"), __name__)
AssessmentSection = build_model(table("assessment_section"), __name__)
Referral = build_model(table("referral"), __name__)
Victim = build_model(table("victim"), __name__)
ParentingIntervention = build_model(table("parenting_intervention"), __name__)
CaseAllocation = build_model(table("case_allocation"), __name__)
BoardMeeting = build_model(table("board_meeting"), __name__)
BoardAttendance = build_model(table("board_attendance"), __name__)

MODELS = {model.schema_table.name: model for model in (
    Service,
    Team,
    Staff,
    Population,
    PopulationEthnicity,
    BankHoliday,
    ComparatorFigure,
    Child,
    CourtAppearance,
    Outcome,
    Offence,
    PreSentenceReport,
    RemandEpisode,
    InterventionProgramme,
    ProgrammeStatus,
    Assessment,
    AssessmentSection,
    Referral,
    Victim,
    ParentingIntervention,
    CaseAllocation,
    BoardMeeting,
    BoardAttendance,
)}
