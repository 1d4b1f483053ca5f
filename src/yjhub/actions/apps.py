from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "yjhub.actions"
    label = "actions"
    verbose_name = "Action plans"
    default_auto_field = "django.db.models.BigAutoField"
