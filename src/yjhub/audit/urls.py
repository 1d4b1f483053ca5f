from django.urls import path

from yjhub.audit import views

app_name = "audit"
urlpatterns = [
    path("audit/", views.search, name="search"),
    path("audit/export.csv", views.search_export, name="search_export"),
]
