from django.urls import path

from yjhub.caseload import views

app_name = "caseload"
urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("caseload/export/", views.caseload_export, name="caseload_export"),
    path("data-quality/", views.data_quality, name="data_quality"),
]
