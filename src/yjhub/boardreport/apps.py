from django.apps import AppConfig


class BoardreportConfig(AppConfig):
    name = "yjhub.boardreport"
    label = "boardreport"
    verbose_name = "Board report"
    default_auto_field = "django.db.models.BigAutoField"
