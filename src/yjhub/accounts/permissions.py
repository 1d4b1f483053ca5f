"""Who may do what: each permission names the roles that hold it.

This table is the one place access is decided. ``rules`` turns each entry into a permission
(``user.has_perm("yjhub.caseload_view")``); views declare theirs with
``yjhub.web.access.permission_required``, and the access-matrix test checks every URL against it.
A child's record is also checked object by object (``child_view``, ``child_edit``): a role with
case access sees only the children in its scope (``yjhub.casedata.selectors.children_visible``).
"""

from __future__ import annotations

import rules

from yjhub.accounts.roles import ROLES

CASE_ROLES = {"practitioner", "team_manager", "performance_officer", "head_of_service"}
ALL_BUT_ADMIN = set(ROLES) - {"administrator"}

PERMISSIONS: dict[str, set[str]] = {
    # The service's performance: aggregates only. Board members see small numbers suppressed.
    "dashboard_view": ALL_BUT_ADMIN - {"case_auditor"},
    "indicator_view": ALL_BUT_ADMIN - {"case_auditor"},
    # The children behind a figure: only those in the user's scope are listed.
    "indicator_children_view": CASE_ROLES,
    # Caseload and the data-quality audit.
    "caseload_view": CASE_ROLES,
    "caseload_export": CASE_ROLES,
    "data_quality_view": CASE_ROLES,
    # A child's record (and, object by object, only the children in scope).
    "child_view": CASE_ROLES | {"case_auditor"},
    "child_edit": {"practitioner", "team_manager", "performance_officer"},
    "child_history_view": {"team_manager", "performance_officer", "head_of_service"},
    # Imports of case-management exports.
    "import_run": {"performance_officer", "head_of_service"},
    # The audit trail across the service.
    "audit_log_search": {"head_of_service"},
    # Accounts.
    "user_manage": {"administrator"},
    # Action plans and inspection improvement plans (no child data). Everyone who works on
    # or oversees the service sees them and their RAG; the head of service and performance
    # officer manage them (plans, any action, leads, import, carry forward); team managers
    # update the actions they or their team lead (checked action by action in the views).
    "action_plan_view": {"practitioner", "team_manager", "performance_officer",
                         "head_of_service", "board_member"},
    "action_plan_manage": {"performance_officer", "head_of_service"},
    "action_update": {"team_manager", "performance_officer", "head_of_service"},
    # Risk registers: team managers and the board see them; head of service and performance
    # officer keep them (and import and export them).
    "risk_register_view": {"team_manager", "performance_officer", "head_of_service",
                           "board_member"},
    "risk_register_manage": {"performance_officer", "head_of_service"},
    # The quarterly board report (board members see it with small numbers suppressed, as every
    # report does), and what feeds it: the budget and the rota of themed items.
    "board_report_view": {"performance_officer", "head_of_service", "board_member"},
    "board_report_manage": {"performance_officer", "head_of_service"},
    # Case audits (issue 7). Managers create audits, draw samples, assign and moderate cases,
    # record judgements and recommendations; case auditors (and team managers) answer the cases
    # assigned to them; case auditors see only the audits they are given.
    "audit_view": {"team_manager", "performance_officer", "head_of_service", "case_auditor"},
    "audit_manage": {"team_manager", "performance_officer", "head_of_service"},
    "audit_answer": {"case_auditor", "team_manager"},
    "audit_export": {"team_manager", "performance_officer", "head_of_service"},
    # Inspection grades and EPQA self-assessments: figures about the service, no child.
    "self_assessment_view": {"team_manager", "performance_officer", "head_of_service",
                             "board_member"},
    "self_assessment_edit": {"performance_officer", "head_of_service"},
    # Youth Justice Plans: the head of service and performance officers write them; team
    # managers and board members read them (a board member's copy with small counts withheld).
    "plan_view": {"head_of_service", "performance_officer", "team_manager", "board_member"},
    "plan_edit": {"head_of_service", "performance_officer"},
}


def roles_of(user) -> set[str]:
    """The user's roles, read once per request and kept on the user object."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if not hasattr(user, "_yjhub_roles"):
        user._yjhub_roles = user.role_names()
    return user._yjhub_roles


def has_any_role(*names: str):
    wanted = frozenset(names)

    @rules.predicate(name=f"has_any_role({', '.join(sorted(wanted))})")
    def predicate(user) -> bool:
        return bool(roles_of(user) & wanted)

    return predicate


@rules.predicate
def child_in_scope(user, child) -> bool:
    """For object checks: the child is one this user may see. Without an object, true."""
    if child is None:
        return True
    from yjhub.casedata.selectors import children_visible

    child_id = getattr(child, "pk", child)
    return children_visible(user=user).filter(pk=child_id).exists()


OBJECT_SCOPED = {"child_view", "child_edit", "child_history_view"}


def permission(name: str) -> str:
    """The full name ``user.has_perm`` takes."""
    if name not in PERMISSIONS:
        raise KeyError(f"unknown permission {name!r}")
    return f"yjhub.{name}"


for _name, _roles in PERMISSIONS.items():
    unknown = _roles - set(ROLES)
    assert not unknown, f"{_name} names unknown roles {unknown}"
    _rule = has_any_role(*_roles)
    if _name in OBJECT_SCOPED:
        _rule = _rule & child_in_scope
    rules.add_perm(permission(_name), _rule)
