from django.urls import path

from yjhub.web import views

app_name = "web"
urlpatterns = [
    path("healthz", views.health, name="health"),
]
