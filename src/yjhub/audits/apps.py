from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "yjhub.audits"
    label = "audits"
    verbose_name = "Case audits and inspection self-assessment"
