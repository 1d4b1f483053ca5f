"""The rates the synthetic data is drawn from, and the public figures they are based on.

Sources (public statistics; figures are rounded and used only to make the data look plausible):

- YJS 2023/24: Youth Justice Board and Ministry of Justice, *Youth Justice Statistics 2023/24,
  England and Wales* (published January 2025).
- Proven reoffending: Ministry of Justice, *Proven reoffending statistics* (children cohort,
  year ending March 2022, as reported in YJS 2023/24).
- ONS: Office for National Statistics, mid-year population estimates for England and Wales.

Where a rate is a modelling choice rather than a published figure, the comment says so.
"""

from __future__ import annotations

import datetime as dt

# --- Who the children are ----------------------------------------------------------------------

#: How children enter the service: prevention only, diversion only (non-substantive out-of-court
#: outcomes), or substantive outcomes. Modelling choice: YJS 2023/24 reports about 8,300
#: first-time entrants and a larger number of children in prevention and diversion work.
ROUTE_WEIGHTS = {"prevention": 0.20, "diversion": 0.30, "substantive": 0.50}

#: Share of boys by route. YJS 2023/24: about 85% of children cautioned or sentenced were boys;
#: prevention and diversion caseloads have more girls (modelling choice).
BOY_SHARE = {"prevention": 0.72, "diversion": 0.78, "substantive": 0.85}

#: Age at first contact (years): (low, mode, high) of a triangular distribution. YJS 2023/24:
#: most children cautioned or sentenced are 15-17; prevention work starts younger.
ENTRY_AGE = {"prevention": (10.0, 13.0, 17.9), "diversion": (10.0, 15.0, 17.9),
             "substantive": (10.0, 15.5, 17.9)}

#: Broad ethnic group of children cautioned or sentenced. YJS 2023/24 (where ethnicity was
#: known): White about 66%, Black about 13%, Mixed about 10%, Asian about 8%, Other about 3%;
#: ethnicity is not known for a small share (modelling choice: 3%).
ETHNIC_GROUP_WEIGHTS = {"white": 0.64, "black": 0.125, "mixed": 0.10, "asian": 0.08,
                        "other": 0.025, "not_known": 0.03}

#: Detailed ethnicity within each broad group (modelling choice, roughly the ONS 2021 census
#: make-up of children in England and Wales).
ETHNICITY_WEIGHTS = {
    "white": {"white_british": 0.86, "white_irish": 0.01, "white_gypsy_traveller": 0.02,
              "white_roma": 0.01, "white_other": 0.10},
    "mixed": {"mixed_white_black_caribbean": 0.40, "mixed_white_black_african": 0.15,
              "mixed_white_asian": 0.20, "mixed_other": 0.25},
    "asian": {"asian_indian": 0.20, "asian_pakistani": 0.40, "asian_bangladeshi": 0.18,
              "asian_chinese": 0.04, "asian_other": 0.18},
    "black": {"black_african": 0.50, "black_caribbean": 0.35, "black_other": 0.15},
    "other": {"other_arab": 0.35, "other_any": 0.65},
    "not_known": {"not_known": 1.0},
}

#: Children looked after, with a SEND need, with an EHCP given a need (modelling choices in line
#: with the YJB's case-level KPI returns, where a large minority of children have SEND).
LOOKED_AFTER = 0.12
SEND_NEED = 0.30
SEND_PLAN_GIVEN_NEED = 0.45
GENDER_RECORDED = 0.015  # gender recorded as different from sex (modelling choice)

# --- Offending and outcomes --------------------------------------------------------------------

#: First-time entrant rate per 100,000 children aged 10-17. YJS 2023/24: about 150 per 100,000.
#: The population of each synthetic area is set from its first-time entrants and this rate.
FTE_RATE_PER_100K = 150

#: Tier of a child's first substantive outcome (1 pre-court, 2 first-tier, 3 community,
#: 4 custody). YJS 2023/24: about 40% of first-time entrants received a youth caution or
#: conditional caution; most of the rest a first-tier court outcome (mainly referral orders).
FIRST_TIER_WEIGHTS = {1: 0.42, 2: 0.45, 3: 0.11, 4: 0.02}

#: Probability that a child reoffends within a year of an outcome. Proven reoffending
#: statistics: about 32% of children in the cohort reoffend within 12 months. Diversion children
#: reoffend less (modelling choice).
REOFFEND_WITHIN_YEAR = {"diversion": 0.18, "substantive": 0.32}
#: Further reoffending once a child has reoffended (frequency rate about 3-4 reoffences per
#: reoffender in the MoJ statistics; modelling choice for a chain of outcomes).
REOFFEND_AGAIN = 0.45
LATE_REOFFEND = 0.08  # reoffend only after the first year (modelling choice)

#: How far the tier moves up at each new outcome: stay, one up, two up (modelling choice).
ESCALATION = (0.45, 0.45, 0.10)
#: Of children whose chain reaches the custody tier, the share actually sentenced to custody
#: (the rest get another community sentence). YJS 2023/24: custody is about 5-6% of
#: sentences at court.
CUSTODY_AT_TOP = 0.35

#: Outcome types by tier, with weights; codes not valid on the outcome date are left out and the
#: rest re-weighted (so reprimands and final warnings appear only before 8 April 2013).
OUTCOME_WEIGHTS = {
    0: {"community_resolution": 0.45, "triage": 0.40, "no_further_action": 0.15},
    1: {"reprimand": 0.50, "final_warning": 0.35, "youth_caution": 0.62,
        "youth_conditional_caution": 0.25},
    2: {"referral_order": 0.58, "conditional_discharge": 0.14, "fine": 0.11,
        "absolute_discharge": 0.03, "compensation_order": 0.04, "bind_over": 0.02,
        "reparation_order": 0.08},
    3: {"youth_rehabilitation_order": 0.85, "yro_iss": 0.15, "supervision_order": 0.40,
        "action_plan_order": 0.30, "attendance_centre_order": 0.10, "curfew_order": 0.10,
        "community_punishment_order": 0.10},
    4: {"detention_training_order": 0.85, "long_term_detention": 0.15},
}

#: The programme each outcome type carries, and the chance it carries one.
PROGRAMME_FOR_OUTCOME = {
    "community_resolution": ("community_resolution_intervention", 0.70),
    "triage": ("diversion_programme", 0.90),
    "no_further_action": ("diversion_programme", 0.35),
    "final_warning": ("final_warning_intervention", 0.75),
    "youth_caution": ("youth_caution_intervention", 0.60),
    "youth_conditional_caution": ("youth_conditional_caution", 1.0),
    "referral_order": ("referral_order", 1.0),
    "reparation_order": ("reparation_order", 1.0),
    "action_plan_order": ("action_plan_order", 1.0),
    "supervision_order": ("supervision_order", 1.0),
    "youth_rehabilitation_order": ("youth_rehabilitation_order", 1.0),
    "yro_iss": ("youth_rehabilitation_order", 1.0),
    "detention_training_order": ("detention_training_order", 1.0),
    "long_term_detention": ("long_term_detention", 1.0),
}

#: Prevention programme types (YISP and YIP ended in March 2011).
PREVENTION_WEIGHTS = {"prevention_programme": 0.6, "yisp": 0.25, "yip": 0.15}

#: Planned length of programmes in days: (low, high). Modelling choices within the statutory
#: ranges (referral orders 3-12 months, YROs up to 3 years, DTOs 4-24 months).
PROGRAMME_DAYS = {
    "prevention_programme": (56, 182), "yisp": (84, 182), "yip": (84, 270),
    "diversion_programme": (42, 112), "community_resolution_intervention": (28, 84),
    "final_warning_intervention": (56, 112), "youth_caution_intervention": (56, 112),
    "youth_conditional_caution": (56, 112), "referral_order": (91, 365),
    "reparation_order": (60, 91), "action_plan_order": (91, 91),
    "supervision_order": (182, 730), "youth_rehabilitation_order": (182, 730),
    "bail_supervision": (14, 91),
    "detention_training_order": (122, 730), "long_term_detention": (730, 2190),
}

#: Offence categories of new offences (modelling choice after YJS 2023/24, where violence
#: against the person is the largest category, about a third of proven offences).
OFFENCE_WEIGHTS = {
    "violence_against_the_person": 0.32, "theft_and_handling": 0.11, "criminal_damage": 0.08,
    "drugs": 0.09, "public_order": 0.08, "robbery": 0.05, "motoring": 0.07,
    "domestic_burglary": 0.03, "non_domestic_burglary": 0.02, "vehicle_theft": 0.03,
    "sexual": 0.03, "arson": 0.01, "fraud_and_forgery": 0.01, "racially_aggravated": 0.01,
    "death_or_injury_by_dangerous_driving": 0.002, "breach_of_bail": 0.01,
    "breach_of_conditional_discharge": 0.005, "other": 0.043,
}
#: Typical gravity score (1-8) of each category (modelling choice after the YJB gravity
#: matrix); the outcome's tier and some noise move it.
GRAVITY = {
    "violence_against_the_person": 3, "theft_and_handling": 2, "criminal_damage": 2,
    "drugs": 3, "public_order": 2, "robbery": 6, "motoring": 2, "domestic_burglary": 5,
    "non_domestic_burglary": 3, "vehicle_theft": 3, "sexual": 5, "arson": 4,
    "fraud_and_forgery": 2, "racially_aggravated": 3, "death_or_injury_by_dangerous_driving": 7,
    "breach_of_bail": 2, "breach_of_conditional_discharge": 2, "breach_of_statutory_order": 2,
    "other": 2,
}
TIER_GRAVITY = (-1, 0, 0, 1, 2)
#: A synthetic offence code prefix for each category (shaped like CJS codes, not real codes).
OFFENCE_CODE_PREFIX = {
    "violence_against_the_person": "OF61", "theft_and_handling": "TH68", "criminal_damage": "CD71",
    "drugs": "MD71", "public_order": "PU86", "robbery": "TH68", "motoring": "RT88",
    "domestic_burglary": "TH68", "non_domestic_burglary": "TH68", "vehicle_theft": "TH68",
    "sexual": "SX03", "arson": "CD71", "fraud_and_forgery": "FR06", "racially_aggravated": "CD98",
    "death_or_injury_by_dangerous_driving": "RT88", "breach_of_bail": "BA76",
    "breach_of_conditional_discharge": "CJ03", "breach_of_statutory_order": "CJ08",
    "other": "ZZ99",
}
EXTRA_OFFENCES_MEAN = 0.4  # further offences dealt with by the same outcome (Poisson mean)
TWO_OUTCOMES_ON_ONE_DAY = 0.015  # a compensation order beside the main sentence

# --- Courts, reports, remands ------------------------------------------------------------------

CROWN_COURT = 0.04  # share of community sentences passed in the Crown Court (modelling choice)
ADULT_MAGISTRATES = 0.05
#: Remand at the first hearing of a case with more than one hearing (modelling choice).
REMAND_SHARE = 0.30
#: Remand types. YJS 2023/24: remands to youth detention accommodation are a minority of remand
#: episodes (most are bail or remand to local authority accommodation).
REMAND_WEIGHTS = {"conditional_bail": 0.50, "unconditional_bail": 0.18, "bail_supervision": 0.12,
                  "remand_local_authority": 0.08, "remand_youth_detention": 0.10,
                  "court_ordered_secure_remand": 0.04}
PERSISTENT_YOUNG_OFFENDER = 0.12  # modelling choice
PSR_ON_TIME = 0.90  # 2006-08 target: 90% of reports on time

# --- Work with the child -----------------------------------------------------------------------

PREVENTION_SECOND_PROGRAMME = 0.20
REVIEW_EVERY_DAYS = 91  # National Standards: reviews at least every three months
OUTCOME_ENDS = {"completed": 0.88, "transferred_out": 0.02, "other": 0.02}
BREACHED = 0.07  # community and custody orders ending in breach (modelling choice)
NOT_ENGAGED = 0.08  # voluntary (prevention and out-of-court) programmes
SUBSTANCE_NEED, SUBSTANCE_OFFERED, SUBSTANCE_ATTENDING = 0.25, 0.80, 0.70
MENTAL_HEALTH_NEED, MENTAL_HEALTH_OFFERED, MENTAL_HEALTH_ATTENDING = 0.35, 0.75, 0.70
CAMHS_ACUTE = 0.15
REFERRAL_ON_TIME = 0.88  # within 5 / 10 / 15 working days (modelling choice)
VICTIM_SHARE = 0.55  # offences against a victim that have a victim record
VICTIM_CONSENT, RJ_OFFERED, RJ_PARTICIPATED, RJ_SATISFIED = 0.55, 0.80, 0.45, 0.85
PARENTING_SHARE, PARENTING_STARTED, PARENTING_COMPLETED = 0.15, 0.75, 0.70
PARENTING_ORDER, PARENT_SATISFIED = 0.12, 0.80
RISK_PANEL = 0.08

#: Dates the code lists and practice change on (the generator also checks code validity).
SCALED_APPROACH_FROM = dt.date(2009, 11, 30)
PREVENTION_TOOL_FROM = dt.date(2021, 4, 1)
#: Each service moved from Asset to AssetPlus on a day in this range (AssetPlus from April
#: 2015; Asset retired by the end of 2017).
ASSETPLUS_SWITCH = (dt.date(2015, 6, 1), dt.date(2017, 6, 30))

# --- Board -------------------------------------------------------------------------------------

BOARD_ATTENDED, BOARD_SENIOR, BOARD_DATA = 0.88, 0.75, 0.60
