from django.urls import path

from yjhub.performance import views

app_name = "performance"
urlpatterns = [
    path("", views.home, name="home"),
    path("indicators/", views.indicators, name="indicators"),
    path("indicators/<str:indicator_id>/", views.indicator, name="indicator"),
    path("indicators/<str:indicator_id>/children/", views.indicator_children,
         name="indicator_children"),
]
