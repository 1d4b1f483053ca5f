from django.urls import path

from yjhub.importing import views

app_name = "importing"
urlpatterns = [
    path("imports/", views.imports, name="imports"),
    path("imports/<int:run_id>/", views.import_run, name="import_run"),
    path("imports/<int:run_id>/problems.csv", views.import_report, name="import_report"),
]
