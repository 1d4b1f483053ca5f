from django.urls import path

from yjhub.casedata import views

app_name = "casedata"
urlpatterns = [
    path("children/", views.children, name="children"),
    path("children/<str:child_id>/", views.child, name="child"),
    path("children/<str:child_id>/edit/", views.child_edit, name="child_edit"),
    path("children/<str:child_id>/history/", views.child_history, name="child_history"),
    path("children/<str:child_id>/assessments/<str:assessment_id>/complete/",
         views.assessment_complete_view, name="assessment_complete"),
]
