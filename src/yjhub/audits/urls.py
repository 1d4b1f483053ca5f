from django.urls import path

from yjhub.audits import report_views, self_assessment_views, views

app_name = "audits"
urlpatterns = [
    path("audits/", views.audits, name="audits"),
    path("audits/new/", views.audit_create, name="audit_create"),
    path("audits/<int:audit_id>/", views.audit, name="audit"),
    path("audits/<int:audit_id>/assign/", views.audit_assign, name="audit_assign"),
    path("audits/<int:audit_id>/cases/<int:case_id>/", views.case, name="case"),
    path("audits/<int:audit_id>/scores/", views.scores, name="scores"),
    path("audits/<int:audit_id>/recommendations/", views.recommendations,
         name="recommendations"),
    path("audits/<int:audit_id>/report.<str:fmt>", report_views.report, name="report"),
    path("self-assessments/", self_assessment_views.self_assessments,
         name="self_assessments"),
    path("self-assessments/new/", self_assessment_views.self_assessment_create,
         name="self_assessment_create"),
    path("self-assessments/<int:self_assessment_id>/", self_assessment_views.self_assessment,
         name="self_assessment"),
]
