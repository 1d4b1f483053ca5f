from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "yjhub.performance"
    label = "performance"
