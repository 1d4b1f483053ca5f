from django.apps import AppConfig


class PlansConfig(AppConfig):
    """The Youth Justice Plan's web screens. The plan itself (model, file format, templates,
    checks, rendering) is plain Python in this package and imports no Django."""

    name = "yjhub.plans"
    label = "plans"
    verbose_name = "Youth Justice Plans"
    default_auto_field = "django.db.models.BigAutoField"
