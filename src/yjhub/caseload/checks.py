"""The data-quality audit's checks, declared as data.

Each check names the table it reads, the rows that fail it on the as-at date (a filter on that
table's model), the date that places a failing row in the audit (shown with the item), and why
it matters: the return or indicator that reads the missing item. ``yjhub.caseload.data_quality``
runs them; the page lists them under "How this is worked out".

Everything is judged *as at* a date: a date recorded after it counts as not yet recorded, so an
audit for a past date shows what was missing then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Exists, F, OuterRef, Q

from yjhub.casedata.models import Assessment, BankHoliday, CaseAllocation, ProgrammeStatus
from yjhub.caseload.flags import months_before

#: Items of closed cases are listed when they fell due in this many months up to the as-at
#: date; items of cases open on the as-at date are listed however old (except for checks that
#: are ``window_only``).
WINDOW_MONTHS = 12
#: Days a manager has to sign an assessment off before it is listed.
SIGN_OFF_DAYS = 14
#: Working days from the start of a programme to its start assessment's due date.
START_WORKING_DAYS = 10
#: Working days after a programme ends for the closure assessment and end status.
CLOSING_WORKING_DAYS = 10
#: Working days from the start of a programme to its plan (the DTO training-plan rule).
PLAN_WORKING_DAYS = 10
#: Working-day clocks of referrals (as the yjb2006.camhs and substance_misuse indicators).
CAMHS_ACUTE_DAYS, CAMHS_NON_ACUTE_DAYS = 5, 15
SUBSTANCE_ASSESSMENT_DAYS, SUBSTANCE_TREATMENT_DAYS = 5, 10


@dataclass
class AuditDate:
    """The as-at date of an audit and what follows from it."""

    as_at: dt.date
    holidays: set[dt.date] | None = field(default=None, repr=False)

    @cached_property
    def since(self) -> dt.date:
        """First day of the window for closed cases' items."""
        return months_before(self.as_at, WINDOW_MONTHS)

    @cached_property
    def holiday_dates(self) -> set[dt.date]:
        """The bank holidays the clocks may cross (the 120 days up to the as-at date)."""
        if self.holidays is not None:
            return self.holidays
        return set(BankHoliday.objects.filter(
            holiday_date__gte=self.as_at - dt.timedelta(days=120),
            holiday_date__lte=self.as_at).values_list("holiday_date", flat=True))

    def clock_cutoff(self, working_days: int) -> dt.date:
        """The last start date whose clock of ``working_days`` has run out by the as-at date:
        its deadline (the ``working_days``-th working day after the start; weekends and bank
        holidays skipped) is before the as-at date. A row started on or before it is late."""
        day, counted = self.as_at, 0
        while counted < working_days:
            day -= dt.timedelta(days=1)
            if day.weekday() < 5 and day not in self.holiday_dates:
                counted += 1
        return day - dt.timedelta(days=1)


def not_done(column: str, at: AuditDate) -> Q:
    """Not recorded on the as-at date: blank, or recorded only after it."""
    return Q(**{f"{column}__isnull": True}) | Q(**{f"{column}__gt": at.as_at})


def open_children(at: AuditDate):
    """The children with an allocation open on the as-at date (a subquery)."""
    return CaseAllocation.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=at.as_at),
        start_date__lte=at.as_at).values("child_id")


def case_open(at: AuditDate) -> Q:
    """The row's child has an allocation open on the as-at date."""
    return Q(child_id__in=open_children(at))


@dataclass(frozen=True)
class Check:
    id: str
    area: str  # the group the counts by worker add up
    title: str
    wording: str  # which rows fail, in words
    table: str
    date_column: str  # places an item in the window; shown with it
    date_label: str
    matters: str  # the return or indicator that needs it
    fails: Callable[[AuditDate], Q] = field(repr=False)
    #: Listed only when its date falls in the window, even for an open case: a fact to check
    #: (a date entered wrongly) rather than something still to do.
    window_only: bool = False


# -- assessments ------------------------------------------------------------------------------

def _start_overdue(at: AuditDate) -> Q:
    return Q(stage="start", due_date__lt=at.as_at) & not_done("completed_date", at)


def _start_late(at: AuditDate) -> Q:
    return Q(stage="start", completed_date__lte=at.as_at, completed_date__gt=F("due_date"))


def _start_missing(at: AuditDate) -> Q:
    start = Assessment.objects.filter(programme_id=OuterRef("programme_id"), stage="start")
    return Q(start_date__lte=at.clock_cutoff(START_WORKING_DAYS)) & ~Exists(start)


def _later_overdue(at: AuditDate) -> Q:
    return (Q(stage__in=("review", "transfer", "closure"), due_date__lt=at.as_at)
            & not_done("completed_date", at))


def _review_overdue(at: AuditDate) -> Q:
    later = Assessment.objects.filter(child_id=OuterRef("child_id")).exclude(
        assessment_id=OuterRef("assessment_id")).filter(
        Q(completed_date__lte=at.as_at, completed_date__gt=OuterRef("completed_date"))
        | Q(completed_date=OuterRef("completed_date"),
            assessment_id__gt=OuterRef("assessment_id"))
        | (not_done("completed_date", at)
           & (Q(due_date__isnull=True) | Q(due_date__gte=OuterRef("completed_date")))))
    return (Q(completed_date__lte=at.as_at, next_review_due__lt=at.as_at)
            & case_open(at) & ~Exists(later))


def _not_signed_off(at: AuditDate) -> Q:
    return (Q(completed_date__lte=at.as_at - dt.timedelta(days=SIGN_OFF_DAYS))
            & not_done("signed_off_date", at))


# -- end of order -----------------------------------------------------------------------------

def _past_planned_end(at: AuditDate) -> Q:
    return (Q(planned_end_date__lt=at.as_at, start_date__lte=at.as_at)
            & not_done("end_date", at))


def _closure_missing(at: AuditDate) -> Q:
    closure = Assessment.objects.filter(programme_id=OuterRef("programme_id"), stage="closure")
    return (Q(end_date__lte=at.clock_cutoff(CLOSING_WORKING_DAYS)) & ~Exists(closure))


def _end_status_missing(at: AuditDate) -> Q:
    status = ProgrammeStatus.objects.filter(
        Q(recorded_date__isnull=True) | Q(recorded_date__lte=at.as_at),
        programme_id=OuterRef("programme_id"), stage="end")
    return Q(end_date__lte=at.clock_cutoff(CLOSING_WORKING_DAYS)) & ~Exists(status)


def _end_reason_missing(at: AuditDate) -> Q:
    return Q(end_date__lte=at.as_at) & (Q(end_reason__isnull=True) | Q(end_reason=""))


def _plan_missing(at: AuditDate) -> Q:
    return Q(start_date__lte=at.clock_cutoff(PLAN_WORKING_DAYS)) & not_done("plan_date", at)


# -- referrals, court reports, allocation ------------------------------------------------------

def _referral_not_assessed(at: AuditDate) -> Q:
    acute = Q(referral_service="camhs", urgency="acute")
    camhs_other = Q(referral_service="camhs") & ~acute
    clocks = (
        (acute & Q(received_date__lte=at.clock_cutoff(CAMHS_ACUTE_DAYS)))
        | (camhs_other & Q(received_date__lte=at.clock_cutoff(CAMHS_NON_ACUTE_DAYS)))
        | Q(referral_service="substance_misuse",
            received_date__lte=at.clock_cutoff(SUBSTANCE_ASSESSMENT_DAYS)))
    return clocks & not_done("assessment_date", at)


def _referral_not_treated(at: AuditDate) -> Q:
    return (Q(referral_service="substance_misuse",
              assessment_date__lte=at.clock_cutoff(SUBSTANCE_TREATMENT_DAYS))
            & not_done("intervention_date", at))


def _psr_overdue(at: AuditDate) -> Q:
    return Q(due_date__lt=at.as_at) & not_done("submitted_date", at)


def _no_case_manager(at: AuditDate) -> Q:
    return (Q(staff__isnull=True, start_date__lte=at.as_at)
            & (Q(end_date__isnull=True) | Q(end_date__gte=at.as_at)))


ASSESSMENT_RETURN = "Assessment: Asset completed at each stage (yjb2006.asset_completion)"
CURRENT_LEVELS = ("Reviews keep the risk levels and the scaled approach level on the caseload "
                  "current")

CHECKS: tuple[Check, ...] = (
    Check("start_assessment_overdue", "Assessments", "Start assessment overdue",
          "A start assessment is past its due date and has not been completed.",
          "assessment", "due_date", "Due", ASSESSMENT_RETURN + ", start stage; the start "
          "assessment sets the scaled approach level.", _start_overdue),
    Check("start_assessment_missing", "Assessments", "Start assessment missing",
          f"An order or programme started more than {START_WORKING_DAYS} working days ago and "
          f"no start assessment (done or due) is linked to it.",
          "intervention_programme", "start_date", "Started",
          ASSESSMENT_RETURN + ", start stage: it counts the programme's linked assessments.",
          _start_missing),
    Check("start_assessment_late", "Assessments", "Start assessment completed late",
          "A start assessment was completed after its due date. Check both dates are right: "
          "if they are, it counts as late.",
          "assessment", "due_date", "Due",
          "Timeliness of assessments and the caseload's on-time column; a wrong date also "
          "puts the assessment in the wrong quarter of the return.", _start_late,
          window_only=True),
    Check("assessment_overdue", "Assessments", "Review or closure assessment overdue",
          "A review, transfer or closure assessment is past its due date and has not been "
          "completed.",
          "assessment", "due_date", "Due",
          ASSESSMENT_RETURN + ", transfer and closure stages. " + CURRENT_LEVELS + ".",
          _later_overdue),
    Check("review_overdue", "Assessments", "Review not recorded",
          "The next review date set at the child's last completed assessment has passed, the "
          "case is open, and no later assessment (done or due) is recorded.",
          "assessment", "next_review_due", "Review was due",
          CURRENT_LEVELS + "; the caseload flags the case as overdue.", _review_overdue),
    Check("assessment_not_signed_off", "Assessments", "Assessment not signed off",
          f"An assessment was completed more than {SIGN_OFF_DAYS} days ago and a manager has "
          f"not signed it off.",
          "assessment", "completed_date", "Completed",
          "Management oversight: inspection (HMI Probation) and the case audit look for it.",
          _not_signed_off),
    Check("programme_past_planned_end", "End of order", "Past planned end, not ended",
          "An order or programme's planned end date has passed and no end date is recorded "
          "(extended, or ended without being closed on the system).",
          "intervention_programme", "planned_end_date", "Planned end",
          "KPIs 1 to 6 and 8 (2023) count children whose order ended in the quarter: an "
          "order not closed is missed.", _past_planned_end),
    Check("closure_assessment_missing", "End of order", "Closure assessment missing",
          f"An order or programme ended more than {CLOSING_WORKING_DAYS} working days ago and "
          f"has no closure assessment.",
          "intervention_programme", "end_date", "Ended",
          "Assessment: closure stage of yjb2006.asset_completion.", _closure_missing),
    Check("end_status_missing", "End of order", "End-of-order status missing",
          f"An order or programme ended more than {CLOSING_WORKING_DAYS} working days ago and "
          f"has no end-of-order status (ETE, accommodation, health, SEND, wider services).",
          "intervention_programme", "end_date", "Ended",
          "KPIs 1 to 5 and 8 (2023: accommodation, ETE, SEND, mental health, substance "
          "misuse, wider services) and yjb2006.ete, yjb2006.accommodation.",
          _end_status_missing),
    Check("end_reason_missing", "End of order", "End reason missing",
          "An order or programme has an end date but no end reason.",
          "intervention_programme", "end_date", "Ended",
          "KPI 6 (2023): out-of-court disposals completed.", _end_reason_missing),
    Check("plan_date_missing", "Plans", "Plan date missing",
          f"An order or programme started more than {PLAN_WORKING_DAYS} working days ago and "
          f"no plan date (for a detention and training order, the training plan) is recorded.",
          "intervention_programme", "start_date", "Started",
          "yjb2006.dto_training_plan (training plans within 10 working days) and the case "
          "audit's planning questions.", _plan_missing),
    Check("referral_not_assessed", "Referrals", "Referral not assessed in time",
          f"A referral's clock has run out with no assessment date: CAMHS acute "
          f"{CAMHS_ACUTE_DAYS}, non-acute {CAMHS_NON_ACUTE_DAYS}, substance misuse "
          f"{SUBSTANCE_ASSESSMENT_DAYS} working days after it was received.",
          "referral", "received_date", "Received",
          "yjb2006.camhs and yjb2006.substance_misuse (assessed in time).",
          _referral_not_assessed),
    Check("referral_not_treated", "Referrals", "Substance misuse intervention not started",
          f"A substance misuse referral was assessed more than {SUBSTANCE_TREATMENT_DAYS} "
          f"working days ago and no intervention start date is recorded.",
          "referral", "assessment_date", "Assessed",
          "yjb2006.substance_misuse (treated within 10 working days).", _referral_not_treated),
    Check("psr_overdue", "Court reports", "Pre-sentence report not submitted",
          "A pre-sentence report is past its due date and no submitted date is recorded.",
          "pre_sentence_report", "due_date", "Due",
          "yjb2006.psr_timeliness (reports in 10 or 15 working days).", _psr_overdue),
    Check("case_manager_missing", "Allocation", "No case manager",
          "An open case allocation names no case manager.",
          "case_allocation", "start_date", "Allocated",
          "Who must put the other items right; the caseload by worker.", _no_case_manager),
)

CHECKS_BY_ID = {check.id: check for check in CHECKS}
AREAS = tuple(dict.fromkeys(check.area for check in CHECKS))
