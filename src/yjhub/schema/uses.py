"""The indicators and features that read the case-level data, by id.

Columns in ``tables.py`` name the features that read them (``used_by``); which indicator reads
which column is worked out from its definition (``yjhub.indicators.lineage``). Both appear in
the *Used by* column of ``docs/data-model.md``. The indicator catalogue uses the same ids.
"""

INDICATORS = {
    # Headline indicators used since 2011
    "headline.fte": "First-time entrants: count and rate per 100,000 aged 10-17",
    "headline.reoffending": "Proven reoffending (MoJ method, 3-month cohorts): binary and "
    "frequency",
    "headline.reoffending_tracker": "Live reoffending tracker of a quarter's cohort",
    "headline.custody": "Custodial sentences per 1,000 aged 10-17, share of court disposals "
    "and of children appearing at court",
    "headline.remand": "Secure remands as a share of remand episodes (two denominators)",
    "headline.disproportionality": "Rates by ethnic group, pooled over years",
    # Key performance indicators from April 2023
    "kpi2023.accommodation": "KPI 1: suitable accommodation at the end of the order",
    "kpi2023.ete": "KPI 2: suitable ETE at the end of the order",
    "kpi2023.send": "KPI 3: SEND / ALN need with a formal plan",
    "kpi2023.mental_health": "KPI 4: mental health need, offered, attending",
    "kpi2023.substance_misuse": "KPI 5: substance misuse need, offered, attending",
    "kpi2023.ooc_completion": "KPI 6: out-of-court disposals completed",
    "kpi2023.board_attendance": "KPI 7: senior partners' attendance at the management board",
    "kpi2023.wider_services": "KPI 8: children with wider services",
    "kpi2023.serious_violence": "KPI 9: proven serious violence offences",
    "kpi2023.victims": "KPI 10: victims engaged in restorative justice",
    # The YJB key performance indicators of 2006-2008
    "yjb2006.fte": "Prevent offending: first-time entrants",
    "yjb2006.prevention": "Prevent offending (old): children identified and supported",
    "yjb2006.intervene_early": "Intervene early: final warnings with an intervention",
    "yjb2006.reoffending_cohort": "Reduce re-offending: 12- and 24-month cohorts by population",
    "yjb2006.secure_remands": "Reduce the use of custody: secure remands",
    "yjb2006.custodial_sentences": "Reduce the use of custody: custodial sentences",
    "yjb2006.psr_timeliness": "Swift administration of justice: PSRs in 10 / 15 days",
    "yjb2006.asset_completion": "Assessment: Asset completed at each stage",
    "yjb2006.dto_training_plan": "DTO training plans within 10 working days",
    "yjb2006.ete": "ETE: supervised children in full-time ETE",
    "yjb2006.accommodation": "Accommodation: suitable accommodation",
    "yjb2006.camhs": "Mental health: CAMHS assessment in 5 / 15 working days",
    "yjb2006.substance_misuse": "Substance misuse: screened, assessed in 5, treated in 10 days",
    "yjb2006.restorative_justice": "Restorative justice: victims offered, participating, satisfied",
    "yjb2006.parenting": "Parenting: interventions and satisfaction",
    "yjb2006.race": "Equal treatment: ethnic make-up of disposals against population",
}

FEATURES = {
    "breakdowns": "Breakdowns by team, sex, ethnicity, age and disposal",
    "caseload": "The caseload view",
    "data_quality": "The monthly data-quality audit",
    "case_audit": "Case-audit sampling",
    "child_record": "The child's record in the web app",
}

USES = {**INDICATORS, **FEATURES}
