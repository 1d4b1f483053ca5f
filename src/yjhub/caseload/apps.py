from django.apps import AppConfig


class CaseloadConfig(AppConfig):
    name = "yjhub.caseload"
    label = "caseload"
