from django.urls import path

from yjhub.web import views

app_name = "web"
urlpatterns = [
    path("", views.holding_page, name="home"),
    path("healthz", views.health, name="health"),
]
