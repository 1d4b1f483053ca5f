from django.urls import path

from yjhub.risks import views

app_name = "risks"

urlpatterns = [
    path("risks/", views.register_list, name="registers"),
    path("risks/new/", views.register_new, name="register_new"),
    path("risks/import/", views.register_upload, name="register_upload"),
    path("risks/<int:register_id>/", views.register_detail, name="register"),
    path("risks/<int:register_id>/settings/", views.register_edit, name="register_edit"),
    path("risks/<int:register_id>/export/", views.register_export, name="register_export"),
    path("risks/<int:register_id>/add/", views.risk_new, name="risk_new"),
    path("risks/<int:register_id>/<int:risk_id>/", views.risk_detail, name="risk"),
    path("risks/<int:register_id>/<int:risk_id>/edit/", views.risk_edit, name="risk_edit"),
]
