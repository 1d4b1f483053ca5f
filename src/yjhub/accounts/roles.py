"""The roles a member of a youth justice service can hold, and what each is for.

Access rules built on these live with the web app; this module only names them.
"""

ROLES = {
    "practitioner": "Practitioner: their own and their team's cases",
    "team_manager": "Team manager: their team's cases, audits and actions",
    "performance_officer": "Performance officer: all case data, imports, indicators and returns",
    "head_of_service": "Head of service: everything in the service, the plan and sign-off",
    "board_member": "Board member: aggregate figures only, never a child's identity",
    "case_auditor": "Case auditor: the sampled cases of an audit",
    "administrator": "Administrator: users and reference data, no case data",
}

#: Roles whose access is limited to one team.
TEAM_ROLES = {"practitioner", "team_manager"}
