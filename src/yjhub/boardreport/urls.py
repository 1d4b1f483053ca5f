from django.urls import path

from yjhub.boardreport import views

app_name = "boardreport"

urlpatterns = [
    path("board-report/", views.report, name="report"),
    path("board-report/budget/", views.budget, name="budget"),
    path("board-report/budget/<int:year>/add/", views.budget_line_new, name="budget_line_new"),
    path("board-report/budget/<int:year>/import/", views.budget_upload, name="budget_upload"),
    path("board-report/budget/<int:year>/export/", views.budget_export, name="budget_export"),
    path("board-report/budget/lines/<int:line_id>/", views.budget_line_edit,
         name="budget_line_edit"),
    path("board-report/themes/", views.rota, name="rota"),
    path("board-report/<str:quarter>/<str:fmt>/", views.report_download,
         name="report_download"),
]
