from django.urls import path

from yjhub.actions import views

app_name = "actions"
urlpatterns = [
    path("action-plans/", views.plans, name="plans"),
    path("action-plans/new/", views.plan_create, name="plan_create"),
    path("action-plans/due/", views.actions_due, name="actions_due"),
    path("action-plans/leads/", views.leads, name="leads"),
    path("action-plans/leads/<int:lead_id>/", views.lead_edit, name="lead_edit"),
    path("action-plans/imports/", views.plan_imports, name="plan_imports"),
    path("action-plans/imports/<int:import_id>/", views.plan_import, name="plan_import"),
    path("action-plans/<int:plan_id>/", views.plan, name="plan"),
    path("action-plans/<int:plan_id>/edit/", views.plan_edit, name="plan_edit"),
    path("action-plans/<int:plan_id>/carry-forward/", views.plan_carry_forward,
         name="plan_carry_forward"),
    path("action-plans/<int:plan_id>/export.xlsx", views.plan_export, name="plan_export"),
    path("action-plans/<int:plan_id>/actions/new/", views.action_create, name="action_create"),
    path("action-plans/<int:plan_id>/recommendations/new/", views.recommendation_create,
         name="recommendation_create"),
    path("action-plans/actions/<int:action_id>/", views.action, name="action"),
    path("action-plans/actions/<int:action_id>/edit/", views.action_edit, name="action_edit"),
    path("action-plans/actions/<int:action_id>/progress/", views.progress_create,
         name="progress_create"),
]
