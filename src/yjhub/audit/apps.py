from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "yjhub.audit"
    label = "audit"
    verbose_name = "Audit trail"
