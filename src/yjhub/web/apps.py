from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "yjhub.web"
    label = "web"
    verbose_name = "Web application"
