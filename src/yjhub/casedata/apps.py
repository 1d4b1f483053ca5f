from django.apps import AppConfig


class CaseDataConfig(AppConfig):
    name = "yjhub.casedata"
    label = "casedata"
    verbose_name = "Case-level data"
    default_auto_field = "django.db.models.BigAutoField"
