from django.urls import include, path

urlpatterns = [
    path("", include("yjhub.web.urls")),
]
