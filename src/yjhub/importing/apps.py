from django.apps import AppConfig


class ImportingConfig(AppConfig):
    name = "yjhub.importing"
    label = "importing"
    verbose_name = "Imports"
    default_auto_field = "django.db.models.BigAutoField"
