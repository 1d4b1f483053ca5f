from django.urls import include, path

urlpatterns = [
    path("", include("yjhub.web.urls")),
    path("", include("yjhub.accounts.urls")),
    path("", include("yjhub.performance.urls")),
    path("", include("yjhub.caseload.urls")),
    path("", include("yjhub.casedata.urls")),
    path("", include("yjhub.importing.urls")),
    path("", include("yjhub.audit.urls")),
    path("", include("yjhub.actions.urls")),
    path("", include("yjhub.risks.urls")),
    path("", include("yjhub.boardreport.urls")),
    path("", include("yjhub.audits.urls")),
    path("", include("yjhub.plans.urls")),
]

handler403 = "yjhub.web.views.forbidden"
