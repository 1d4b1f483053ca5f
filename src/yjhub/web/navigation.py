"""The service navigation: each item shows only to those whose role allows the page."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    label: str
    url_name: str
    permission: str
    section: str  # the first part of the path that marks the item as current


ITEMS = [
    Item("Home", "performance:home", "dashboard_view", "/"),
    Item("Indicators", "performance:indicators", "indicator_view", "/indicators/"),
    Item("Caseload", "caseload:caseload", "caseload_view", "/caseload/"),
    Item("Data quality", "caseload:data_quality", "data_quality_view", "/data-quality/"),
    Item("Children", "casedata:children", "child_view", "/children/"),
    Item("Youth justice plans", "plans:plans", "plan_view", "/plans/"),
    Item("Action plans", "actions:plans", "action_plan_view", "/action-plans/"),
    Item("Risks", "risks:registers", "risk_register_view", "/risks/"),
    Item("Board report", "boardreport:report", "board_report_view", "/board-report/"),
    Item("Case audits", "audits:audits", "audit_view", "/audits/"),
    Item("Self-assessments", "audits:self_assessments", "self_assessment_view",
         "/self-assessments/"),
    Item("Imports", "importing:imports", "import_run", "/imports/"),
    Item("Audit log", "audit:search", "audit_log_search", "/audit/"),
    Item("Users", "accounts:users", "user_manage", "/users/"),
]
