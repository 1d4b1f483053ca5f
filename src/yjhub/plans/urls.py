from django.urls import path

from yjhub.plans import views

app_name = "plans"
urlpatterns = [
    path("plans/", views.plans, name="plans"),
    path("plans/new/", views.plan_new, name="plan_new"),
    path("plans/upload/", views.plan_upload, name="plan_upload"),
    path("plans/<int:plan_record_id>/", views.plan, name="plan"),
    path("plans/<int:plan_record_id>/versions/", views.plan_versions, name="plan_versions"),
    path("plans/<int:plan_record_id>/download.<str:fmt>", views.plan_download,
         name="plan_download"),
    path("plans/<int:plan_record_id>/sections/<str:section_id>/", views.plan_section,
         name="plan_section"),
    path("plans/<int:plan_record_id>/delivery/<str:area_id>/", views.plan_area, name="plan_area"),
    path("plans/<int:plan_record_id>/tables/<str:table_id>/", views.plan_table, name="plan_table"),
    path("plans/<int:plan_record_id>/sign-off/", views.plan_signoff, name="plan_signoff"),
    path("plans/<int:plan_record_id>/refresh/", views.plan_refresh, name="plan_refresh"),
]
