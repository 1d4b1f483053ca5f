from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "yjhub.risks"
    label = "risks"
    verbose_name = "Risk registers"
    default_auto_field = "django.db.models.BigAutoField"
